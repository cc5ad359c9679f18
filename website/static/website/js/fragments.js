// Forms are not part of cached pages (their CSRF token would make every
// page personal): each sits in a placeholder, [data-fragment], whose link
// leads to the form on a page of its own. Fetch the form itself, with the
// reader's cookies and never from a cache, and put it in place of the link.
// An answer without the X-Fragment header (a redirect to the log-in page,
// an error) leaves the link where it is.
(function () {
  "use strict";

  function load(holder) {
    var url = holder.getAttribute("data-fragment");
    fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { "X-Fragment": "1" }
    })
      .then(function (response) {
        if (!response.ok || response.headers.get("X-Fragment") !== "1") {
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        holder.innerHTML = html;
        holder.removeAttribute("data-fragment");
        holder.dispatchEvent(new CustomEvent("fragment:loaded", { bubbles: true }));
      })
      .catch(function () { /* keep the link */ });
  }

  document.querySelectorAll("[data-fragment]").forEach(load);
})();
