// complaint-helper: quick exit (click or Shift pressed three times), focus on error summaries, idle-lock warning.
// Everything here only adds to pages that already work without JavaScript.
(function () {
  "use strict";
  var body = document.body;

  // Words only true with JavaScript (Shift three times, saving while typing) show only now;
  // words only true without it go.
  var i;
  var jsOnly = document.querySelectorAll("[data-js-only]");
  for (i = 0; i < jsOnly.length; i++) { jsOnly[i].hidden = false; }
  var noJs = document.querySelectorAll("[data-no-js]");
  for (i = 0; i < noJs.length; i++) { noJs[i].hidden = true; }

  function quickExit(event) {
    if (event) { event.preventDefault(); }
    // Blank the page at once, so nothing stays on screen while the next page loads.
    document.documentElement.classList.add("is-blanked");
    // The neutral title in the page's language (base.html puts it on <body>).
    document.title = body.getAttribute("data-away-title") || "New Tab";
    // A page with unsaved words (static/js/autosave.js) sends them with the lock in one request
    // and cancels this event; otherwise the plain lock beacon goes.
    var savedAndLocked = !document.dispatchEvent(new CustomEvent("ch:quick-exit", { cancelable: true }));
    var beaconUrl = body.getAttribute("data-beacon-url");
    var tokenMeta = document.querySelector('meta[name="csrf-token"]');
    if (!savedAndLocked && beaconUrl && tokenMeta && navigator.sendBeacon) {
      var form = new FormData();
      form.append("csrf_token", tokenMeta.getAttribute("content"));
      try { navigator.sendBeacon(beaconUrl, form); } catch (e) { /* the plain link below still locks */ }
    }
    var exitLink = document.getElementById("quick-exit");
    var target = (exitLink && exitLink.getAttribute("data-exit-url")) || "/away";
    // replace(): the case page is not left in history for the Back button.
    window.location.replace(target);
  }

  // A link, or on a page holding words a submit button of the page's form (which, without
  // JavaScript, saves, locks and leaves in one request); with JavaScript both act the same.
  var exitLink = document.getElementById("quick-exit");
  if (exitLink) { exitLink.addEventListener("click", quickExit); }

  // Shift pressed three times within five seconds (GOV.UK "Exit this page"). Shift used as a
  // modifier for another key does not count.
  var presses = [];
  var shiftHeldWithOther = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (event.repeat) { return; }
      shiftHeldWithOther = false;
      return;
    }
    if (event.shiftKey) { shiftHeldWithOther = true; }
    presses = [];
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    if (shiftHeldWithOther) { shiftHeldWithOther = false; presses = []; return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) { presses = []; quickExit(null); }
  });

  // A page restored from the back/forward cache is re-fetched, so a lock is always respected.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { window.location.reload(); }
  });

  // GOV.UK: move focus to the error summary so it is announced.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // Idle lock warning: the server locks on its own; this only tells the person first.
  var idleUrl = body.getAttribute("data-idle-url");
  var warning = document.getElementById("idle-warning");
  var stay = document.getElementById("idle-stay");
  function checkIdle() {
    if (!idleUrl || !window.fetch) { return; }
    fetch(idleUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (status) {
        if (!status) { return; }
        if (!status.case_open) {
          if (warning) { warning.hidden = true; }
          if (body.getAttribute("data-case-open") === "1") {
            window.location.replace(body.getAttribute("data-locked-url"));
          }
          return;
        }
        if (warning) { warning.hidden = status.seconds_left > status.warn_at; }
        if (status.seconds_left <= 0) { window.location.replace(body.getAttribute("data-locked-url")); }
      })
      .catch(function () { /* offline or stopped: nothing to do */ });
  }
  var pollMs = parseInt(body.getAttribute("data-idle-poll-ms"), 10) || 30000;
  if (idleUrl) { window.setInterval(checkIdle, pollMs); }
  if (stay) {
    stay.addEventListener("click", function () {
      var tokenMeta = document.querySelector('meta[name="csrf-token"]');
      fetch(body.getAttribute("data-keepalive-url"), {
        method: "POST", credentials: "same-origin",
        headers: { "X-CSRFToken": tokenMeta ? tokenMeta.getAttribute("content") : "" }
      }).then(function () { if (warning) { warning.hidden = true; } });
    });
  }
})();
