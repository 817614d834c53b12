// The PDF link leads to a file that `make pdf` adds to the site: a site built with
// `make html` alone has none, and its link is hidden rather than lead to a missing
// file. Served over HTTP the page asks once per session (a HEAD request); opened from
// the disk (file:) it cannot ask, and the link stays.
(function () {
  "use strict";
  const KEY = "actbook-pdf-missing";
  function check() {
    const link = document.querySelector(".actbook-pdf-link a");
    if (!link || !/^https?:$/.test(window.location.protocol)) return;
    const hide = () => { link.parentElement.hidden = true; };
    let missing = [];
    try { missing = JSON.parse(window.sessionStorage.getItem(KEY) || "[]"); } catch (e) { /* none */ }
    if (missing.includes(link.href)) { hide(); return; }
    fetch(link.href, { method: "HEAD", cache: "no-cache" }).then((response) => {
      if (response.ok) return;
      hide();
      try { window.sessionStorage.setItem(KEY, JSON.stringify([...missing, link.href])); } catch (e) { /* private mode */ }
    }).catch(() => { /* offline or blocked: keep the link */ });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
