// complaint-helper: says at once when the files chosen for one save are over the upload limit
// (input[type=file][data-max-bytes]), and keeps such a form from being sent. Without this script
// the server refuses the upload from its size alone (docs/uploads.md); the hint beside the field
// says the limit either way.
(function () {
  "use strict";

  var language = document.documentElement.lang || [];

  function megabytes(bytes) {
    var amount = bytes / (1024 * 1024);
    return amount.toLocaleString(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " MB";
  }

  function setup(input) {
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    var message = document.querySelector('[data-upload-limit-for="' + input.id + '"]');
    if (!limit || !message || !input.form) { return; }

    function total() {
      var sum = 0;
      for (var i = 0; i < input.files.length; i++) { sum += input.files[i].size; }
      return sum;
    }

    function check() {
      var size = total();
      var over = size > limit;
      // The sentence comes from the page (data-too-large), in its language.
      var sentence = message.getAttribute("data-too-large") ||
        "These files come to %(size)s. You can add up to %(limit)s each time you save: choose " +
        "fewer files now, and add the rest after saving.";
      message.textContent = over
        ? sentence.replace("%(size)s", megabytes(size)).replace("%(limit)s", megabytes(limit))
        : "";
      message.hidden = !over;
      return !over;
    }

    input.addEventListener("change", check);
    input.form.addEventListener("submit", function (event) {
      if (!check()) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  var inputs = document.querySelectorAll("input[type=file][data-max-bytes]");
  for (var i = 0; i < inputs.length; i++) { setup(inputs[i]); }
})();
