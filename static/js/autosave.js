// complaint-helper: save interview answers while the person types (forms with data-autosave-url).
// The pages work without this: every button saves. This only means an interruption (quick exit,
// a closed laptop, the idle lock) never costs more than a few seconds of typing.
(function () {
  "use strict";
  var DELAY_MS = 3000;

  function setup(form) {
    var url = form.getAttribute("data-autosave-url");
    var status = form.querySelector(".autosave-status");
    // The sentences come from the page (templates/interview/_autosave_status.html), in its language.
    var savedText = (status && status.getAttribute("data-saved")) || "Saved automatically at %(time)s.";
    var notSavedText = (status && status.getAttribute("data-not-saved")) ||
      "Not saved automatically just now. Your words are still on this page: use a Save button.";
    var language = document.documentElement.lang || [];
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
          var time = now.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });
          say(savedText.replace("%(time)s", time));
        }
      }).catch(function () {
        say(notSavedText);
      }).then(function () {
        inFlight = false;
        if (again) { again = false; schedule(); }
      });
    }

    function schedule() {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(save, DELAY_MS);
    }

    // Words not yet saved go when the page is left another way (Back, a link): see pagehide.
    function flush() {
      if (!timer || !navigator.sendBeacon) { return; }
      window.clearTimeout(timer);
      timer = null;
      try { navigator.sendBeacon(url, payload()); } catch (e) { /* the Save buttons still work */ }
    }
    flushers.push(flush);

    // Quick exit: the whole form (not only what changed) with quick_exit=1, so the server saves
    // the last words and then locks, in that order, in one request. Returns false when the
    // browser will not send it (a beacon over its size limit): the plain lock beacon goes then,
    // and the last autosave, a few seconds old at most, is what is kept.
    function saveThenLock() {
      if (!navigator.sendBeacon) { return false; }
      if (timer) { window.clearTimeout(timer); timer = null; }
      var data = payload();
      data.append("quick_exit", "1");
      try { return navigator.sendBeacon(url, data); } catch (e) { return false; }
    }
    exitSavers.push(saveThenLock);

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    // A real submit saves everything; a pending background save would only race it.
    form.addEventListener("submit", function () { if (timer) { window.clearTimeout(timer); timer = null; } });
  }

  var flushers = [];
  var exitSavers = [];
  function flushAll() { for (var i = 0; i < flushers.length; i++) { flushers[i](); } }

  if (!window.fetch || !window.FormData) { return; }
  var forms = document.querySelectorAll("form[data-autosave-url]");
  for (var i = 0; i < forms.length; i++) { setup(forms[i]); }

  // Quick exit (static/js/app.js) asks first: one autosaving form sends its words with the lock.
  document.addEventListener("ch:quick-exit", function (event) {
    if (exitSavers.length === 1 && exitSavers[0]()) { event.preventDefault(); return; }
    flushAll();
  });
  // Leaving the page any other way (the browser's Back button, a link) sends unsaved words too.
  window.addEventListener("pagehide", flushAll);
})();
