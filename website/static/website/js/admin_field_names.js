// Some admin fields are typed into through an element of their own that
// nothing names (WCAG 1.3.1 and 4.1.2; axe's "label" and
// "aria-input-field-name"): tag fields (jQuery tag-it adds an input), rich
// text (Draftail's editable area) and the PO file upload of
// wagtail-localize's translation editor. Name each after its field's label,
// in a StreamField block after the block's heading, and the upload after
// its button.
(function () {
  "use strict";

  var named = 0;

  function labelId(label, fallback) {
    if (!label.id) {
      label.id = fallback;
    }
    return label.id;
  }

  function nameTagInputs(root) {
    root.querySelectorAll("ul.tagit").forEach(function (list) {
      var input = list.querySelector("li.tagit-new input");
      var field = list.previousElementSibling;
      if (!input || input.hasAttribute("aria-labelledby") || !field || !field.id) {
        return;
      }
      var label = document.querySelector('label[for="' + field.id + '"]');
      if (label) {
        input.setAttribute("aria-labelledby", labelId(label, field.id + "-label"));
      }
    });
  }

  function nameRichTextEditors(root) {
    root.querySelectorAll('.Draftail-Editor [role="textbox"]').forEach(function (editor) {
      if (editor.hasAttribute("aria-labelledby") || editor.hasAttribute("aria-label")) {
        return;
      }
      var field = editor.closest(".w-field");
      var label = field && field.querySelector(".w-field__label");
      if (label) {
        editor.setAttribute("aria-labelledby", labelId(label, "rich-text-label-" + (named += 1)));
        return;
      }
      var section = editor.closest("section[aria-labelledby]");
      if (section) {
        editor.setAttribute("aria-labelledby", section.getAttribute("aria-labelledby"));
      }
    });
  }

  function namePoUploads(root) {
    root.querySelectorAll('.js-translation-editor form input[type="file"]').forEach(function (input) {
      var button = input.form && input.form.previousElementSibling;
      if (input.hasAttribute("aria-labelledby") || !button || button.tagName !== "BUTTON") {
        return;
      }
      input.setAttribute("aria-labelledby", labelId(button, "po-upload-" + (named += 1)));
    });
  }

  function nameFields() {
    nameTagInputs(document);
    nameRichTextEditors(document);
    namePoUploads(document);
  }

  new MutationObserver(nameFields).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  nameFields();
})();
