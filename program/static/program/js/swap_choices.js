// Matching desk: a person's swap control (<details data-swap-url>) fetches
// the form listing whom they may be swapped with the first time it is
// opened, so the desk itself never carries every person's choices.
// Without JavaScript the control holds a link to a page with that form.
(function () {
  "use strict";
  document.addEventListener(
    "toggle",
    function (event) {
      var control = event.target;
      if (!control.matches || !control.matches("details[data-swap-url]") || !control.open) {
        return;
      }
      if (control.hasAttribute("data-swap-loaded")) {
        return;
      }
      control.setAttribute("data-swap-loaded", "");
      var slot = control.querySelector("[data-swap-choices]");
      fetch(control.getAttribute("data-swap-url"), { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          slot.innerHTML = html;
          var select = slot.querySelector("select");
          if (select) {
            select.focus();
          }
        })
        .catch(function () {
          // Keep the link to the page of choices; let a later opening retry.
          control.removeAttribute("data-swap-loaded");
        });
    },
    true
  );
})();
