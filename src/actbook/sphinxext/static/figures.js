// Figures (actbook.sphinxext.figures): mark a figure box that scrolls sideways, so that
// figures.css shows its hint, and whether it has more to show on the right (a fade).
(() => {
  "use strict";
  const update = (box) => {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    const more = scrolls && box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
    box.classList.toggle("actbook-figure-scrolls", scrolls);
    box.classList.toggle("actbook-figure-more", more);
  };
  const start = () => {
    const boxes = document.querySelectorAll("figure a.actbook-figure");
    const resized = new ResizeObserver((entries) => entries.forEach((entry) => update(entry.target)));
    boxes.forEach((box) => {
      box.addEventListener("scroll", () => update(box), { passive: true });
      const image = box.querySelector("img");
      if (image) image.addEventListener("load", () => update(box));
      resized.observe(box);
      update(box);
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
