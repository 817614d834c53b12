// Printing opens the exercise solutions (sphinx-design dropdowns), and closes again
// afterwards the ones the reader had closed. tools/make_pdf.py calls actbookOpenForPrint().
(function () {
  "use strict";
  let opened = [];
  window.actbookOpenForPrint = function () {
    opened = Array.from(document.querySelectorAll("details.sd-dropdown:not([open])"));
    opened.forEach((details) => { details.open = true; });
    return opened.length;
  };
  window.addEventListener("beforeprint", window.actbookOpenForPrint);
  window.addEventListener("afterprint", () => {
    opened.forEach((details) => { details.open = false; });
    opened = [];
  });
})();
