/* A formula wider than its line scrolls inside itself, and the keyboard can reach it.
 *
 * The theme clips inline math at the width of its line (span.math: overflow hidden), which
 * hides the end of a long formula on a phone. Once MathJax has typeset the page, and again
 * after each resize, every formula that is really wider than its box is marked: the CSS lets
 * a marked inline formula scroll, and a marked formula (inline or display) is made
 * focusable, so that it can be scrolled from the keyboard. Formulas that fit stay as they
 * are, not focusable and not scroll boxes (their glyphs' overhang would make them so). */
(function () {
  "use strict";

  var WIDE = "actbook-wide-math";
  // Italic glyphs overhang their box by up to about 3 px: that is not a formula too wide.
  var OVERHANG = 4;

  function measure() {
    var found = [];
    document.querySelectorAll("span.math > mjx-container").forEach(function (math) {
      var span = math.parentElement;
      var line = span.parentElement ? span.parentElement.clientWidth : 0;
      found.push([span, math.getBoundingClientRect().width > Math.min(line, span.clientWidth) + OVERHANG]);
    });
    document.querySelectorAll("div.math > mjx-container").forEach(function (math) {
      found.push([math, math.scrollWidth > math.clientWidth + 2]);
    });
    return found;
  }

  function mark() {
    measure().forEach(function (entry) {
      var element = entry[0];
      var wide = entry[1];
      if (wide === element.classList.contains(WIDE)) return;
      element.classList.toggle(WIDE, wide);
      if (wide) {
        element.setAttribute("tabindex", "0");
      } else {
        element.removeAttribute("tabindex");
      }
    });
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      mark();
    });
  }

  function whenTypeset(callback, waited) {
    var mathjax = window.MathJax;
    if (mathjax && mathjax.startup && mathjax.startup.promise) {
      mathjax.startup.promise.then(callback);
    } else if (waited < 30000) {
      window.setTimeout(function () { whenTypeset(callback, waited + 50); }, 50);
    }
  }

  function start() {
    if (!document.querySelector("span.math, div.math")) return;
    whenTypeset(function () {
      mark();
      if (document.fonts) document.fonts.ready.then(mark);
      window.addEventListener("resize", schedule);
    }, 0);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
