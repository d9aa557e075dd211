// complaint-helper: character counts under long text boxes (textarea[data-maxlength]).
// The count is a courtesy; the server checks the limit and keeps the text if it is over.
(function () {
  "use strict";

  function setup(box) {
    var limit = parseInt(box.getAttribute("data-maxlength"), 10);
    var message = document.querySelector('[data-counter-for="' + box.id + '"]');
    if (!limit || !message) { return; }
    var lastBand = null;

    function update() {
      var left = limit - box.value.length;
      // The sentences come translated from the page (templates/macros/fields.html), with
      // "%(count)s" where the number goes; the number is written the page language's way.
      var lang = document.documentElement.lang || undefined;
      var count = Math.abs(left).toLocaleString(lang === "xx" ? undefined : lang);
      var pattern = left >= 0
        ? message.getAttribute("data-remaining") || "You have %(count)s characters remaining."
        : message.getAttribute("data-too-many") || "You have %(count)s characters too many.";
      var text = pattern.replace("%(count)s", count);
      message.textContent = text;
      message.classList.toggle("character-count--over", left < 0);
      // Announce only when it matters (near or over the limit), not on every key press.
      var band = left < 0 ? "over" : (left < limit * 0.1 ? "near" : "fine");
      if (band !== lastBand) {
        message.setAttribute("aria-live", band === "fine" ? "off" : "polite");
        lastBand = band;
      }
    }

    box.addEventListener("input", update);
    update();
  }

  var boxes = document.querySelectorAll("textarea[data-maxlength]");
  for (var i = 0; i < boxes.length; i++) { setup(boxes[i]); }
})();
