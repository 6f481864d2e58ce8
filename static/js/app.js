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

  /* The language switch submits itself when a language is picked (with a pointer, or a phone's picker). From the
     keyboard an arrow key changes the value at once, and WCAG 3.2.2 says such a change must not change the page:
     the form's "Change language" button shows instead, and Enter in the select submits. */
  function setupAutoSubmit() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      var keyboard = false;
      var button = select.form && select.form.querySelector("button[type=submit]");
      select.addEventListener("pointerdown", function () { keyboard = false; });
      select.addEventListener("keydown", function (event) {
        keyboard = true;
        if (event.key === "Enter" && select.form) {
          event.preventDefault();
          select.form.submit();
        }
      });
      select.addEventListener("change", function () {
        if (!select.form) return;
        if (!keyboard) select.form.submit();
        else if (button) button.classList.remove("js-hidden");
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
        tab.setAttribute("tabindex", on ? "0" : "-1"); /* one Tab stop; arrows move between tabs */
        tab.classList.toggle("is-active", on);
      });
      container.querySelectorAll("[data-panel]").forEach(function (panel) {
        panel.classList.toggle("is-active", panel.getAttribute("data-panel") === name);
      });
    }
    var list = Array.prototype.slice.call(tabs);
    list.forEach(function (tab, index) {
      tab.addEventListener("click", function (event) {
        event.preventDefault();
        select(tab.getAttribute("data-tab"));
      });
      /* The WAI-ARIA tabs pattern: Left/Right (wrapping), Home and End select and focus a tab. */
      tab.addEventListener("keydown", function (event) {
        var to = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: list.length - 1}[event.key];
        if (to === undefined) return;
        event.preventDefault();
        var next = list[(to + list.length) % list.length];
        select(next.getAttribute("data-tab"));
        next.focus();
      });
    });
    /* The notes in the interface language first, when the topic has notes in it; else the first tab with
       notes (a Korean learner on a topic with Japanese notes only saw "no Korean notes yet" and an empty page). */
    var lang = (document.documentElement.getAttribute("lang") || "").slice(0, 2);
    function hasNotes(tab) {
      return container.querySelector("[data-panel='" + tab.getAttribute("data-tab") + "'] .note-section") !== null;
    }
    var withNotes = list.filter(hasNotes);
    var preferred = withNotes.filter(function (tab) { return tab.getAttribute("data-tab") === lang; })[0];
    select((preferred || withNotes[0] || list[0]).getAttribute("data-tab"));
  }

  /* The search results as you type, from the keyboard: Down goes from the box to the first link of the results,
     Up and Down move between their links (Up from the first back to the box), Escape goes back to the box and
     closes the results under the header (not the search page's own). Enter opens a link, or in the box sends the
     form, as without this. The focus itself moves, rather than aria-activedescendant in a combobox: the results
     are links among topic headings, badges and excerpts, which a listbox's options would flatten, and a screen
     reader reads a focused link as it reads any other (VoiceOver on iOS follows aria-activedescendant badly).
     The hint (templates/base.html) says so from the box, only when this file runs. */
  function setupSearch() {
    /* Looked up at each event, not kept: htmx's history restore (Back after a pushed link) puts a new header in
       the page, and listeners on the old box were gone with it (the results, hidden by the click that left,
       came back hidden: the search said nothing as you typed). */
    function parts() {
      var input = document.querySelector("[data-search-input]");
      var live = document.getElementById("search-live");
      if (!input || !live) return null;
      return {input: input, live: live, dropdown: live.classList.contains("search-live")};
    }
    function links(live) {
      return Array.prototype.slice.call(live.querySelectorAll("a[href]"));
    }
    var start = parts();
    if (!start) return;
    var hint = document.getElementById("search-hint");
    if (hint) start.input.setAttribute("aria-describedby", hint.id);
    /* The results under the header hide when a tap or the focus goes outside the search form (box, results,
       button): tabbing on, or tapping the page on a phone, left them over it. On pointerdown and focusin
       elsewhere, never on the box's blur: a click on a result moves the focus (or, in Safari, drops it) before
       its click, which would have hidden the link under the pointer. Hidden, not emptied: they come back when
       the box has the focus again, as a search box's suggestions do, without a request. */
    function leave(event) {
      var search = parts();
      if (search && search.dropdown && !search.input.form.contains(event.target)) search.live.hidden = true;
    }
    function back(event) {
      var search = parts();
      if (search && search.dropdown && event.target === search.input) search.live.hidden = false;
    }
    document.addEventListener("pointerdown", leave);
    document.addEventListener("focusin", function (event) {
      leave(event);
      back(event);
    });
    document.addEventListener("input", back);
    document.addEventListener("keydown", function (event) {
      var search = parts();
      if (!search) return;
      var input = search.input, live = search.live;
      if (event.target === input) {
        if (event.isComposing || event.keyCode === 229) return; /* the keys choose among a Japanese or Korean IME's words */
        if (event.key === "Escape" && search.dropdown) live.innerHTML = "";
        if (event.key === "ArrowDown" && links(live).length) {
          event.preventDefault();
          links(live)[0].focus();
        }
        return;
      }
      if (!live.contains(event.target)) return;
      var list = links(live);
      var index = list.indexOf(event.target);
      if (event.key === "Escape") {
        event.preventDefault();
        if (search.dropdown) live.innerHTML = "";
        input.focus();
      } else if (index !== -1 && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
        event.preventDefault();
        var next = event.key === "ArrowDown" ? list[Math.min(index + 1, list.length - 1)] : list[index - 1];
        (next || input).focus();
      }
    });
    /* Results of a query still on its way replace the ones the focus went down into (Down pressed right after
       a key): the focus goes back to the box, to type on or go down again, not to the new list's heading. */
    var wasInside = false;
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      var search = parts();
      wasInside = !!search && event.detail.target === search.live && search.live.contains(document.activeElement);
    });
    document.body.addEventListener("htmx:afterSwap", function (event) {
      var search = parts();
      if (wasInside && search && event.detail.target === search.live) search.input.focus();
      wasInside = false;
    });
    /* An emptied box asks for /search/, not /search/?q=: on the search page, whose address follows the box
       (hx-replace-url), the address is then that of the plain page the reply leaves. */
    document.body.addEventListener("htmx:configRequest", function (event) {
      var q = event.detail.parameters.q;
      if (event.detail.elt.matches("[data-search-input]") && typeof q === "string" && !q.trim()) {
        delete event.detail.parameters.q;
      }
    });
  }

  /* Search as you type says how many sections match (the count line), not the whole list, after each swap.
     With no section, the few lines there are, said in order: the topics that match, the count, "Did you mean",
     "Headings only": the count alone said "nothing matches" above links that Down went to. */
  function setupSearchStatus() {
    var status = document.getElementById("search-status");
    if (!status) return;
    document.body.addEventListener("htmx:afterSettle", function (event) {
      var target = event.detail.target;
      if (!target || target.id !== "search-live") return;
      var lines = target.querySelector(".result-link") ? target.querySelectorAll(".result-count")
        : target.querySelectorAll(".search-results > p");
      var line = Array.prototype.map.call(lines, function (p) {
        return p.textContent.replace(/\s+/g, " ").trim();
      }).join(" ");
      /* the same count for the next key's results is said again: they came, and Down goes to them */
      status.textContent = line && status.textContent === line ? line + "\u00a0" : line;
    });
  }

  /* Saving an exam choice swaps nothing in place (quiz.views._exam_saved): the "(1 of 2 chosen)" and "n of N
     answered" counts change out of band, silently. Say them once the save has settled, in #exam-status (not the
     countdown's region, which its 5 and 1 minute warnings own). A reply that swaps the panel (another question,
     a refused choice) is not a save: the focus moves, or its alert speaks. */
  function setupExamStatus() {
    var status = document.getElementById("exam-status");
    if (!status) return;
    document.body.addEventListener("htmx:afterSettle", function (event) {
      var panel = event.detail.target;
      /* once per reply: htmx also fires it on each out-of-band element */
      if (!panel || panel.id !== "exam-panel" || event.target !== panel || !document.body.contains(panel)) return;
      var parts = [status.getAttribute("data-saved")];
      [".chosen-count", ".answered-count"].forEach(function (selector) {
        var count = panel.querySelector(selector);
        if (count) parts.push(count.textContent.replace(/\s+/g, " ").trim());
      });
      /* the same line again (another option of a single choice) is a change too, or it would not be read */
      var line = parts.join(" ");
      status.textContent = status.textContent === line ? line + "\u00a0" : line;
    });
  }

  /* "/" jumps to the search box, unless the user is typing somewhere. */
  function setupSearchShortcut() {
    if (!document.querySelector("[data-search-input]")) return;
    document.addEventListener("keydown", function (event) {
      var input = document.querySelector("[data-search-input]");  /* a history restore brings a new one */
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        if (!input) return;
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
      restoreSavedChoice(event.detail.elt);
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      show(box.getAttribute("data-offline"));
      restoreSavedChoice(event.detail.elt);
    });
    /* A reply hides the message, unless it is a background refresh (data-background: the header's review
       count, asked for again after each save): one still on its way when the next pick failed came back
       after it and hid the message, the pick unchecked without a word. */
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.target.closest && event.target.closest("[data-background]")) return;
      box.hidden = true;
    });
  }

  /* An exam choice the server did not get stayed checked: tapping it again once back online changed nothing
     (no change event), and leaving by the navigator lost it. Check the stored choice again (the form's
     `shown` field, which each save updates), so the page shows what is saved and the next tap saves. */
  function restoreSavedChoice(elt) {
    var form = elt && elt.closest ? elt.closest("#exam-form") : null;
    var shown = form ? form.querySelector("input[name=shown]") : null;
    if (!shown) return;
    var saved = shown.value ? shown.value.split(",") : [];
    form.querySelectorAll("input[name=choice]").forEach(function (input) {
      input.checked = saved.indexOf(input.value) !== -1;
    });
  }

  /* The exam form's requests queue (hx-sync="this:queue last": a save is never overtaken by an older one). htmx
     reads the button pressed when a queued request is sent, and forgets it once the focus leaves the button:
     Next pressed during a save, then a click elsewhere, was sent as a plain save. The submit event keeps it. */
  function setupQueuedSubmitter() {
    document.body.addEventListener("htmx:configRequest", function (event) {
      var trigger = event.detail.triggeringEvent;
      var pressed = trigger && trigger.submitter;
      if (pressed && pressed.name) event.detail.parameters[pressed.name] = pressed.value;
    });
  }

  /* A request that replaces the question the learner sees (an exam's Next, Previous, Flag, Review, a navigator
     link; a practice answer) takes that page away one round trip later. A tick made meanwhile looked accepted
     and was lost: htmx sends nothing for a form no longer in the page, and a practice answer was already sent.
     Its options are disabled until the reply (the values of the request are read before this event), and the
     question is aria-busy. An exam save (a change; Enter's "save" on the last question) replaces nothing and
     leaves them alone. A reply that leaves the question in place (an error, no connection) gives them back. */
  function setupBusyQuestion() {
    function options(elt) {
      var question = elt.closest && elt.closest("#exam-panel, #practice-item");
      var form = question && (elt.matches("form") ? elt : question.querySelector("#exam-form"));
      var fieldset = form && form.querySelector("fieldset.options");
      return fieldset ? {question: question, form: form, fieldset: fieldset} : null;
    }
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
      if (trigger && (trigger.type === "change" || (trigger.submitter && trigger.submitter.value === "save"))) return;
      var busy = options(event.detail.elt);
      if (!busy || busy.fieldset.disabled) return;
      busy.focused = busy.fieldset.contains(document.activeElement) ? document.activeElement : null;
      busy.question.setAttribute("aria-busy", "true");
      busy.fieldset.disabled = true;
      /* A disabled option drops the focus to <body>, and Tab started again at the top of the page: Enter in an
         option (the hidden default Next) leaves it on the button it pressed, the visible one of the same value. */
      var pressed = trigger && trigger.submitter;
      if (busy.focused && pressed) {
        busy.holder = pressed.hidden ? busy.form.querySelector(
          "button[name='" + pressed.name + "'][value='" + pressed.value + "']:not([hidden])") : pressed;
        if (busy.holder) busy.holder.focus();
      }
      event.detail.elt.kumoBusy = busy;
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      var busy = event.detail.elt.kumoBusy;
      if (!busy) return;
      event.detail.elt.kumoBusy = null;
      if (!document.body.contains(busy.fieldset)) return;  /* replaced, as it should be */
      busy.fieldset.disabled = false;
      busy.question.removeAttribute("aria-busy");
      /* Enter in an option, and no reply came */
      if (busy.focused && (focusLost() || document.activeElement === busy.holder)) busy.focused.focus();
    });
  }

  function focusOn(element) {
    if (!element.hasAttribute("tabindex") && !element.matches("a[href], button, input, select, textarea")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }

  /* A message after a redirect ("Review settings saved.") is in the page as it loads, and a live region is not
     read out then: the first message takes the keyboard focus, as an error message does (templates/base.html),
     unless the page moves the focus itself (an error, a form's first field: autofocus) or a link points into it. */
  function setupMessageFocus() {
    var message = document.querySelector("main > .message");
    if (!message || document.querySelector("[autofocus]") || window.location.hash || !focusLost()) return;
    focusOn(message);
  }

  /* Another exam question came in where the last one was scrolled to (Next sits below the options): on a laptop
     the new one opened some 270 px down, its time left out of view. As a page loaded without JavaScript does,
     show the exam from its top (title, time left, navigator), unless that would leave the focused "Question n of
     N" line below the screen. On a phone the time left is a bar stuck to the top, already in view. */
  function showExamTop(focused) {
    var exam = document.getElementById("exam");
    var timer = exam && (exam.querySelector(".countdown-line") || exam.querySelector("#exam-panel"));
    if (!timer || timer.getBoundingClientRect().top >= 0) return;
    var top = exam.getBoundingClientRect().top;
    if (focused.getBoundingClientRect().bottom - top > window.innerHeight) return;
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollBy({top: top, behavior: still ? "auto" : "smooth"});
  }

  /* The focus fell to <body>, or stays on an element the swap took out of the page. */
  function focusLost() {
    var active = document.activeElement;
    return !active || active === document.body || !document.body.contains(active);
  }

  /* An htmx swap removes the button that was pressed, and the keyboard focus falls back to <body>:
     the next Tab starts again from the top of the page. Move it to what came in instead.
     - Another question, or an answer's feedback (#practice-item, or #exam-panel with another number):
       the verdict, else a refused answer's message, else the "Question n of N" line; a screen reader
       reads it and Tab goes on to the options or the rating.
     - Anything else that took the focus with it (a flag, a rating, a report sent): the button at the
       same place in the new markup ("Flag for review" becomes "Remove flag"), else its message.
     - Content swapped inside the same element (the review settings in <main>, a page of the question bank):
       its first heading, else its status line.
     When htmx gave the focus back (an element with the same id, as an exam option) it stays there.
     The move waits for the settle (20 ms after the swap): a keyboard user who has already tabbed into the new
     question by then (a slow device) keeps their place. */
  function setupSwapFocus() {
    var focusAfterSwap = null;
    /* Elements a response also sent out of band (a count, the review queue's "Approve all" form) settle with
       the same details as the swap itself, before it: they are not what came in for the pressed button. */
    var outOfBand = new WeakSet();
    document.body.addEventListener("htmx:oobAfterSwap", function (event) {
      outOfBand.add(event.target);
    });
    document.body.addEventListener("htmx:afterSwap", function () {
      focusAfterSwap = document.activeElement;
    });
    document.body.addEventListener("htmx:afterSettle", function (event) {
      var swapped = event.target;
      var before = event.detail.target;
      if (!(swapped instanceof Element) || !before || outOfBand.has(swapped)) return;
      if (swapped === before) { /* its content replaced (hx-swap="innerHTML", as "main" or a result list) */
        if (!focusLost()) return;
        var landmark = swapped.querySelector("h1, h2, [role=status]");
        if (landmark) focusOn(landmark);
        return;
      }
      var newQuestion = swapped.id === "practice-item" || (swapped.id === "exam-panel" &&
        swapped.getAttribute("data-number") !== before.getAttribute("data-number"));
      var message = null;
      [".feedback", "[role=alert]", "[role=status]", ".progress-line"].some(function (selector) {
        /* the swapped element itself may be the message (a reviewed card replaced by "1 question approved.") */
        message = swapped.matches(selector) ? swapped : swapped.querySelector(selector);
        return message;
      });
      if (newQuestion) {
        /* What was said on arrival ("your set on this topic is still open: end it with ...") was about the page
           as it came, and a page loaded without JavaScript would not say it again: it goes with the question. */
        document.querySelectorAll("main > .message").forEach(function (said) { said.remove(); });
        var moved = document.activeElement !== focusAfterSwap && swapped.contains(document.activeElement);
        if (message && !moved) {
          focusOn(message);
          if (swapped.id === "exam-panel") showExamTop(message);
        }
        return;
      }
      if (!focusLost()) return;
      var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
      var pressed = trigger && trigger.submitter;
      if (pressed && before.contains(pressed)) {
        var again = swapped.querySelectorAll("button")[
          Array.prototype.indexOf.call(before.querySelectorAll("button"), pressed)];
        if (again) {
          again.focus();
          return;
        }
      }
      if (message) focusOn(message);
    });
  }

  /* Destructive instructor actions (retire, remove) ask first: a form with data-confirm submits only once the
     instructor agrees. Without JavaScript the form submits as before. */
  function setupConfirm() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var question = form && form.getAttribute && form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    }, true);
  }

  /* The account menu (<details class="dropdown">): Escape closes it and gives the focus back to its summary;
     it closes when the focus leaves it, so it never hides the language switch and theme button below it. */
  function setupDropdowns() {
    document.querySelectorAll("details.dropdown").forEach(function (menu) {
      menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.open) {
          menu.open = false;
          menu.querySelector("summary").focus();
        }
      });
      menu.addEventListener("focusout", function (event) {
        if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
      });
    });
  }

  /* A link styled and announced as a button (role="button") answers Space as a button does. */
  function setupLinkButtons() {
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key === " " && target && target.matches && target.matches("a[href][role=button]")) {
        event.preventDefault();
        target.click();
      }
    });
  }

  /* A "Copy" button (data-copy: the text), hidden in the page: shown where the browser can write the clipboard
     (a secure context); its status beside it says when it is done. */
  function setupCopyButtons() {
    if (!navigator.clipboard || !window.isSecureContext) return;
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var status = button.parentNode.querySelector("[data-copy-status]");
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
          if (status) status.textContent = status.getAttribute("data-copied");
        }, function () {
          if (status) status.textContent = "";
        });
      });
    });
  }

  /* A link to #q12 (the exam result's grid, the way back from a problem report) opens the question: each is a
     <details> in an <article id="q12">, closed on the whole list. A browser opens a closed <details> around the
     element a link points to, not one at the start of it. A click on a link to the fragment already in the
     address bar (the learner closed it since) opens it as well. */
  function openTarget(id) {
    var target = id && document.getElementById(id);
    if (!target) return;
    var details = target.matches("details") ? target : target.querySelector(":scope > details");
    if (details) details.open = true;
  }

  function setupTargetDetails() {
    function fromHash() {
      try {
        openTarget(decodeURIComponent(window.location.hash.slice(1)));
      } catch (e) {
        /* a malformed fragment opens nothing */
      }
    }
    fromHash();
    window.addEventListener("hashchange", fromHash);
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href*='#']");
      if (link && link.hash && link.pathname === window.location.pathname && link.search === window.location.search &&
          link.hash === window.location.hash) {
        fromHash();
      }
    });
  }

  /* The browser's time zone (an IANA name such as Asia/Tokyo): into the sign-up forms' hidden field, and the
     offer to use it (templates/_time_zone_offer.html, hidden) shown when it is not the zone the site uses for
     this learner. Both zones go through Intl, which names aliases alike (Etc/UTC and UTC). */
  function setupTimeZone() {
    var zone = "";
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {
      return;
    }
    if (!zone || zone === "Etc/Unknown") return;
    function canonical(name) {
      try {
        return new Intl.DateTimeFormat("en", {timeZone: name}).resolvedOptions().timeZone;
      } catch (e) {
        return name;
      }
    }
    document.querySelectorAll("input[data-browser-time-zone]").forEach(function (input) {
      input.value = zone;
    });
    document.querySelectorAll("[data-time-zone-offer]").forEach(function (offer) {
      if (canonical(offer.getAttribute("data-time-zone-offer")) === canonical(zone)) return;
      offer.querySelectorAll("[data-device-zone]").forEach(function (element) {
        element.textContent = element.textContent.replace("{device}", zone);
      });
      offer.hidden = false;
    });
  }

  function init() {
    setupDropdowns();
    setupLinkButtons();
    setupCopyButtons();
    setupConfirm();
    setupThemeToggle();
    setupAutoSubmit();
    setupTabs();
    setupSearch();
    setupSearchShortcut();
    setupSearchStatus();
    setupExamStatus();
    setupRequestErrors();
    setupQueuedSubmitter();
    setupBusyQuestion();
    setupSwapFocus();
    setupMessageFocus();
    setupTargetDetails();
    setupTimeZone();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
