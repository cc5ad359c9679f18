// An event's time in the reader's own zone, as the browser knows it
// ("Thursday, 14 May 2026, 19:00 CEST"); without JavaScript the page lists
// the main zones instead. Also tells the registration forms the reader's
// zone (a hidden field), so reminders give the time in it.
(function () {
  "use strict";
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* old browser */ }

  document.querySelectorAll("[data-local-time]").forEach(function (holder) {
    var moment = new Date(holder.getAttribute("data-local-time"));
    if (isNaN(moment.getTime())) { return; }
    var text = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      weekday: "long", year: "numeric", month: "long", day: "numeric",
      hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    }).format(moment);
    holder.textContent = holder.getAttribute("data-label") + " " + text + (zone ? " (" + zone.replace(/_/g, " ") + ")" : "");
    holder.hidden = false;
  });

  function fillZones(root) {
    root.querySelectorAll("input[name=time_zone]").forEach(function (field) {
      if (!field.value) { field.value = zone; }
    });
  }
  fillZones(document);
  document.addEventListener("fragment:loaded", function (event) { fillZones(event.target); });
})();
