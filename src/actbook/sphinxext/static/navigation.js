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
