// The comment form's security hash expires after two hours, and pages may
// be cached for longer: fetch fresh hidden fields for each comment form.
// Without JavaScript the form still works while the page is fresh.
(function () {
  "use strict";
  var fresh = ["csrfmiddlewaretoken", "timestamp", "security_hash"];
  document.querySelectorAll("form[data-fresh-form]").forEach(function (form) {
    fetch(form.getAttribute("data-fresh-form"), {
      credentials: "same-origin",
      headers: { "X-Fragment": "1" }  // the form alone (website/fragments.py)
    })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html;
        var newer = template.content.querySelector("form");
        if (!newer) { return; }
        fresh.forEach(function (name) {
          var from = newer.querySelector('[name="' + name + '"]');
          var to = form.querySelector('[name="' + name + '"]');
          if (from && to) { to.value = from.value; }
        });
      })
      .catch(function () {});
  });
})();
