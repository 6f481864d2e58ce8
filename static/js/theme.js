/* Kumo Study: apply the remembered light/dark theme before the page paints.
   Loaded synchronously in <head>; without a stored choice Pico follows prefers-color-scheme. */
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var stored = window.localStorage.getItem("kumo-theme");
    if (stored === "light" || stored === "dark") {
      root.setAttribute("data-theme", stored);
    }
  } catch (e) {
    /* localStorage may be unavailable (private mode); the system theme applies. */
  }
})();
