// complaint-helper: save interview answers while the person types (forms with data-autosave-url).
// The pages work without this: every button saves. This only means an interruption (quick exit,
// a closed laptop, the idle lock) never costs more than a few seconds of typing.
(function () {
  "use strict";
  var DELAY_MS = 3000;

  function setup(form) {
    var url = form.getAttribute("data-autosave-url");
    var status = form.querySelector(".autosave-status");
    var timer = null;
    var inFlight = false;
    var again = false;

    function say(text) { if (status) { status.textContent = text; } }

    function payload() {
      var data = new FormData(form);
      // Files are uploaded only by the Save button, never in the background.
      data.delete("file");
      data.delete("action");
      return data;
    }

    function save() {
      timer = null;
      if (inFlight) { again = true; return; }
      inFlight = true;
      var token = form.querySelector('input[name="csrf_token"]');
      fetch(url, {
        method: "POST",
        body: payload(),
        credentials: "same-origin",
        cache: "no-store",
        redirect: "manual",
        headers: { "X-CSRFToken": token ? token.value : "" }
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") === -1) { throw new Error("not saved"); }
        return response.json();
      }).then(function (result) {
        if (result.saved) {
          var now = new Date();
          var time = now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
          say("Saved automatically at " + time + ".");
        }
      }).catch(function () {
        say("Not saved automatically just now. Your words are still on this page: use a Save button.");
      }).then(function () {
        inFlight = false;
        if (again) { again = false; schedule(); }
      });
    }

    function schedule() {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(save, DELAY_MS);
    }

    // Quick exit (static/js/app.js) locks the case at once. Send any words not yet saved first:
    // on the exit button (capture phase, before app.js acts) and on a bare Shift press (the
    // first of the three that exit), so an exit never costs the last few seconds of typing.
    function flush() {
      if (!timer || !navigator.sendBeacon) { return; }
      window.clearTimeout(timer);
      timer = null;
      try { navigator.sendBeacon(url, payload()); } catch (e) { /* the Save buttons still work */ }
    }
    flushers.push(flush);

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    // A real submit saves everything; a pending background save would only race it.
    form.addEventListener("submit", function () { if (timer) { window.clearTimeout(timer); timer = null; } });
  }

  var flushers = [];
  function flushAll() { for (var i = 0; i < flushers.length; i++) { flushers[i](); } }

  if (!window.fetch || !window.FormData) { return; }
  var forms = document.querySelectorAll("form[data-autosave-url]");
  for (var i = 0; i < forms.length; i++) { setup(forms[i]); }

  var exitLink = document.getElementById("quick-exit");
  document.addEventListener("click", function (event) {
    if (exitLink && exitLink.contains(event.target)) { flushAll(); }
  }, true);
  // Leaving the page any other way (the browser's Back button, a link) sends unsaved words too.
  window.addEventListener("pagehide", flushAll);
  var bareShift = false;
  document.addEventListener("keydown", function (event) { bareShift = event.key === "Shift"; }, true);
  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && bareShift) { flushAll(); }
  }, true);
})();
