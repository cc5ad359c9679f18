// Matching desk: while a matching run is unfinished, poll its progress and
// update the bar; reload the page when it ends so the new proposal shows.
// Without JavaScript a <noscript> meta refresh reloads the page instead.
(function () {
  "use strict";
  var section = document.querySelector("[data-progress-url]");
  if (!section) {
    return;
  }
  var url = section.getAttribute("data-progress-url");
  var bar = section.querySelector("progress");
  var phase = section.querySelector("[data-run-phase]");
  var percent = section.querySelector("[data-run-percent]");

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : Promise.reject(response.status);
      })
      .then(function (run) {
        if (!run.unfinished) {
          window.location.reload();
          return;
        }
        if (bar) {
          bar.value = run.percent;
          bar.textContent = run.percent + "%";
        }
        if (phase) {
          phase.textContent = run.phase;
        }
        if (percent) {
          percent.textContent = run.percent + "%";
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
