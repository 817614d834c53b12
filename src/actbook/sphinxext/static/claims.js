/* A claim's statement shows below its value on keyboard focus (claims.css). Opened
 * rightwards from a value near the right edge, it would run past the window and widen the
 * page: such a claim gets a class that opens it leftwards. */
(function () {
  "use strict";

  document.addEventListener("focusin", function (event) {
    var link = event.target;
    if (!link.matches || !link.matches("span.claim > a.reference[title]")) return;
    var box = link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    link.parentElement.classList.toggle("actbook-tip-leftwards", box.left > width / 2);
  });
})();
