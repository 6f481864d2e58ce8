/* Exam countdown (Kumo Study). The server keeps the deadline; this only shows it
 * and, at zero, posts the hidden submit form so the attempt is graded right away.
 * Reads #countdown[data-seconds-left][data-form]. No inline script needed. */
(function () {
  "use strict";

  function format(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var mm = (h > 0 && m < 10 ? "0" : "") + m;
    return (h > 0 ? h + ":" : "") + mm + ":" + (s < 10 ? "0" : "") + s;
  }

  function start() {
    var el = document.getElementById("countdown");
    if (!el || el.dataset.started) { return; }
    el.dataset.started = "1";
    var end = Date.now() + parseInt(el.dataset.secondsLeft, 10) * 1000;
    var timer = null;

    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      el.textContent = format(left);
      el.classList.toggle("low", left <= 300);
      if (left <= 0) {
        window.clearInterval(timer);
        var form = document.getElementById(el.dataset.form);
        if (form && !form.dataset.sent) {
          form.dataset.sent = "1";
          form.submit();
        }
      }
    }
    tick();
    timer = window.setInterval(tick, 1000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
