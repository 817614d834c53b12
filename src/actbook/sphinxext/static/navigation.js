/* actbook: the language switcher carries the reader's place and remembers the choice.
 *
 * Section, equation and claim ids are the same in every language, so the switcher's
 * links get the current #anchor (on load and whenever the hash changes), and the
 * query, so that a search goes on in the other language. A click on a
 * switcher link stores the chosen language folder ("zh-tw" …) under the key
 * "actbook-language"; the site's root page reads it before it looks at the browser's
 * preferred languages. A reader who scrolled without following a link has no #anchor:
 * a click then carries the section being read. Without JavaScript the links lead to the
 * top of the same page.
 *
 * It also places the primary sidebar before it is painted. The theme (pydata-sphinx-theme,
 * scrollToActive) scrolls the sidebar from its deferred script, which runs after MathJax's:
 * the reader saw the sidebar jump 0.7 to 3 seconds after the page appeared, and, on the
 * first page of a visit, jump even when the current page's link was already in view (the
 * book's title and the sidebar's search box then slid out of it). Here the sidebar gets,
 * as soon as it has been parsed, the position the theme keeps for the visit, or else just
 * enough scroll to show the current page's link; that position is stored under the theme's
 * key, so that the theme's own pass sets the same value and nothing moves.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "actbook-language";
  var LINKS = ".actbook-languages a[data-actbook-folder]";
  // Just below the sticky header: a section whose top is above this line is being read.
  var READING_LINE = 96;

  /** Return `href` with its query and fragment replaced by `search` and `hash`. */
  function withPlace(href, search, hash) {
    var base = href.split("#")[0].split("?")[0];
    return base + (search.length > 1 ? search : "") + (hash.length > 1 ? hash : "");
  }

  /** Point every switcher link at the current anchor (and query: a search) of this page. */
  function carryAnchor() {
    var search = window.location.search;
    var hash = window.location.hash;
    document.querySelectorAll(LINKS).forEach(function (link) {
      link.setAttribute("href", withPlace(link.getAttribute("href"), search, hash));
    });
  }

  /** The id of the section being read: the last one whose top has passed under the header. */
  function sectionBeingRead() {
    var found = "";
    document.querySelectorAll("article.bd-article section[id]").forEach(function (section) {
      if (section.getBoundingClientRect().top <= READING_LINE) found = section.id;
    });
    return found;
  }

  /** On a click, a page without #anchor sends the reader to the section being read. */
  function carryReadingPlace(event) {
    var link = event.target.closest ? event.target.closest(LINKS) : null;
    if (!link || window.location.hash.length > 1 || window.scrollY === 0) return;
    var id = sectionBeingRead();
    if (id) {
      link.setAttribute("href", withPlace(link.getAttribute("href"), window.location.search, "#" + id));
    }
  }

  /** Store the language folder of a clicked switcher link (private mode may refuse). */
  function rememberChoice(event) {
    var link = event.target.closest ? event.target.closest(LINKS) : null;
    if (!link) return;
    try {
      window.localStorage.setItem(STORAGE_KEY, link.getAttribute("data-actbook-folder"));
    } catch (error) {
      /* storage unavailable: the root page falls back on the browser's languages */
    }
  }

  // The theme's key: the sidebar's scrollTop, which it restores on the next page of the visit.
  var SIDEBAR_KEY = "sidebar-scroll-top";

  function storeSidebar(sidebar) {
    try {
      window.sessionStorage.setItem(SIDEBAR_KEY, String(Math.round(sidebar.scrollTop)));
    } catch (error) {
      /* storage unavailable: the theme scrolls the sidebar itself */
    }
  }

  /** Restore the visit's sidebar position, or show the current page's link if it is hidden. */
  function placeSidebar() {
    var sidebar = document.querySelector("div.bd-sidebar");
    var nav = document.querySelector(".bd-docs-nav");
    if (!sidebar || !nav) return;
    var stored = NaN;
    try {
      stored = parseInt(window.sessionStorage.getItem(SIDEBAR_KEY), 10);
    } catch (error) {
      return;
    }
    if (!isNaN(stored)) {
      sidebar.scrollTop = stored;
    } else {
      var active = nav.querySelectorAll(".active");
      var link = active[active.length - 1];
      var box = sidebar.getBoundingClientRect();
      var place = link ? link.getBoundingClientRect() : null;
      // As the theme: the link a quarter of the sidebar's height from its top.
      if (place && place.bottom > Math.min(box.bottom, window.innerHeight)) {
        sidebar.scrollTop = place.top - box.top - sidebar.clientHeight * 0.25;
      }
    }
    storeSidebar(sidebar);
    // A reader who scrolls the sidebar before the theme's pass keeps that position.
    sidebar.addEventListener("scroll", function () { storeSidebar(sidebar); }, { passive: true });
  }

  /** Call `callback` once the sidebar is parsed: when the article after it is in the page. */
  function whenSidebarParsed(callback) {
    var done = false;
    var observer = null;
    function once() {
      if (done) return;
      done = true;
      if (observer) observer.disconnect();
      callback();
    }
    if (document.readyState !== "loading" || document.getElementById("main-content")) {
      once();
      return;
    }
    observer = new MutationObserver(function () {
      if (document.getElementById("main-content")) once();
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("readystatechange", once);
  }

  whenSidebarParsed(placeSidebar);

  function init() {
    carryAnchor();
    window.addEventListener("hashchange", carryAnchor);
    // "click" covers the mouse, touch and Enter; "auxclick" a middle click (new tab).
    document.addEventListener("click", carryReadingPlace);
    document.addEventListener("auxclick", carryReadingPlace);
    document.addEventListener("click", rememberChoice);
    document.addEventListener("auxclick", rememberChoice);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
