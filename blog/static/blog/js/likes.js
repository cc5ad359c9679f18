// Likes in place. With JavaScript, liking or unliking a post sends the form
// in the background (X-Fragment: 1) and puts the answer, the post's likes
// block (count, members, button), in place of the old one: no page reload.
// Without JavaScript, or if the background request fails, the form is sent
// as usual and the page reloads. The form says "like" or "unlike" (never
// "toggle"), so sending it again after a failure does no harm.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) { return; }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.likes__form")) { return; }
    var likes = form.closest(".likes");
    if (!likes) { return; }
    event.preventDefault();
    if (likes.getAttribute("aria-busy") === "true") { return; }  // a double click
    likes.setAttribute("aria-busy", "true");
    // getAttribute: the form's field named "action" hides `form.action`.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      cache: "no-store",
      headers: { "X-Fragment": "1" }
    })
      .then(function (response) {
        if (!response.ok || response.headers.get("X-Fragment") !== "1") {
          throw new Error("not the likes block");
        }
        return response.text();
      })
      .then(function (html) {
        likes.innerHTML = html;
        likes.removeAttribute("aria-busy");
        var button = likes.querySelector("form.likes__form button");
        if (button) { button.focus(); }
      })
      .catch(function () {
        likes.removeAttribute("aria-busy");
        form.submit();
      });
  });
})();
