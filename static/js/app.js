/* Kumo Study: small progressive enhancements. Everything works without this file. */
(function () {
  "use strict";

  function currentTheme() {
    var explicit = document.documentElement.getAttribute("data-theme");
    if (explicit === "light" || explicit === "dark") return explicit;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function setupThemeToggle() {
    document.querySelectorAll("[data-theme-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", currentTheme() === "dark" ? "true" : "false");
      button.addEventListener("click", function () {
        var next = currentTheme() === "dark" ? "light" : "dark";
        document.documentElement.setAttribute("data-theme", next);
        button.setAttribute("aria-pressed", next === "dark" ? "true" : "false");
        try {
          window.localStorage.setItem("kumo-theme", next);
        } catch (e) {
          /* not remembered, still switched */
        }
      });
    });
  }

  function setupAutoSubmit() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        if (select.form) select.form.submit();
      });
    });
  }

  /* Topic page: ja/ko columns side by side on wide screens, tabs on narrow ones (CSS decides). */
  function setupTabs() {
    var container = document.querySelector("[data-tabs]");
    var tabs = document.querySelectorAll(".lang-tabs [data-tab]");
    if (!container || !tabs.length) return;
    function select(name) {
      tabs.forEach(function (tab) {
        var on = tab.getAttribute("data-tab") === name;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.classList.toggle("is-active", on);
      });
      container.querySelectorAll("[data-panel]").forEach(function (panel) {
        panel.classList.toggle("is-active", panel.getAttribute("data-panel") === name);
      });
    }
    tabs.forEach(function (tab) {
      tab.addEventListener("click", function (event) {
        event.preventDefault();
        select(tab.getAttribute("data-tab"));
      });
    });
    select(tabs[0].getAttribute("data-tab"));
  }

  /* Escape closes the live search results. */
  function setupSearch() {
    var input = document.querySelector("[data-search-input]");
    var live = document.getElementById("search-live");
    if (!input || !live || !live.classList.contains("search-live")) return;
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") live.innerHTML = "";
    });
  }

  /* "/" jumps to the search box, unless the user is typing somewhere. */
  function setupSearchShortcut() {
    var input = document.querySelector("[data-search-input]");
    if (!input) return;
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  /* htmx drops error responses: show their message (a 429 from the rate limiter
     says what to do) or a generic one, so a click never fails silently. */
  function setupRequestErrors() {
    var box = document.getElementById("request-status");
    if (!box) return;
    function show(text) {
      box.textContent = text;
      box.hidden = false;
    }
    document.body.addEventListener("htmx:responseError", function (event) {
      var xhr = event.detail.xhr;
      var type = (xhr.getResponseHeader("Content-Type") || "").toLowerCase();
      var text = type.indexOf("text/plain") === 0 ? xhr.responseText.trim() : "";
      show(text && text.length < 300 ? text : box.getAttribute("data-generic"));
    });
    document.body.addEventListener("htmx:sendError", function () {
      show(box.getAttribute("data-offline"));
    });
    document.body.addEventListener("htmx:afterSwap", function () {
      box.hidden = true;
    });
  }

  function init() {
    setupThemeToggle();
    setupAutoSubmit();
    setupTabs();
    setupSearch();
    setupSearchShortcut();
    setupRequestErrors();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
