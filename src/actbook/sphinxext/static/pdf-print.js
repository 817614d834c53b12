// Printing opens the exercise solutions (sphinx-design dropdowns, and the code cells
// hidden in the exercise sections: the code of a code exercise's solution), and closes
// again afterwards the ones the reader had closed. tools/make_pdf.py calls
// actbookOpenForPrint(). Code cells hidden elsewhere (a figure's code) stay closed.
(function () {
  "use strict";
  const CLOSED = [
    "details.sd-dropdown:not([open])",
    'section[id$="-exercises"] .cell.tag_hide-cell > details.hide:not([open])',
  ].join(", ");
  let opened = [];
  window.actbookOpenForPrint = function () {
    opened = Array.from(document.querySelectorAll(CLOSED));
    opened.forEach((details) => { details.open = true; });
    return opened.length;
  };
  window.addEventListener("beforeprint", window.actbookOpenForPrint);
  window.addEventListener("afterprint", () => {
    opened.forEach((details) => { details.open = false; });
    opened = [];
  });
})();
