/* Exam countdown (Kumo Study). The server keeps the deadline; this only shows it
 * and, at zero, posts the hidden submit form so the attempt is graded right away.
 * Reads #countdown[data-seconds-left][data-form]. No inline script needed.
 * The timer is not a live region (a second-by-second read-out is noise): #countdown-status says once, politely,
 * when 5 and 1 minutes are left (data-warn-300, data-warn-60), if the page was open before that moment. */
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
    var status = document.getElementById("countdown-status");
    var warned = parseInt(el.dataset.secondsLeft, 10);  /* only thresholds crossed while this page is open */

    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      el.textContent = format(left);
      el.classList.toggle("low", left <= 300);
      [300, 60].forEach(function (mark) {
        if (left <= mark && warned > mark && left > 0) {
          if (status) status.textContent = el.getAttribute("data-warn-" + mark) || "";
        }
      });
      warned = Math.min(warned, left);
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
    mirrorAnsweredCount();
  }

  /* On a phone the countdown line is a bar stuck to the top (quiz.css) with the answered count, hidden from
     screen readers (the question's progress line says it). htmx swaps the panel, or its count out of band, and
     leaves the bar alone: copy the panel's count into the bar after every change inside the exam. */
  function mirrorAnsweredCount() {
    var bar = document.querySelector(".countdown-line .bar-answered");
    var exam = document.getElementById("exam");
    if (!bar || !exam || !window.MutationObserver) { return; }
    var line = bar.parentNode;
    new MutationObserver(function (mutations) {
      if (mutations.every(function (m) { return line.contains(m.target); })) { return; }  /* the clock's tick */
      var count = exam.querySelector("#exam-panel .answered-count");
      if (count && bar.textContent !== count.textContent) { bar.textContent = count.textContent; }
    }).observe(exam, {childList: true, subtree: true, characterData: true});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
