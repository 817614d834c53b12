// The PDF link leads to a file that `make pdf` adds to the site: a site built with
// `make html` alone has none, and its link is hidden rather than lead to a missing
// file. Served over HTTP the page asks with a HEAD request; a PDF found is remembered
// for the session, a missing one is asked about again (make pdf may have run since).
// Only "not found" hides the link: another error says nothing about the file. Opened
// from the disk (file:) the page cannot ask, and the link stays.
(function () {
  "use strict";
  const KEY = "actbook-pdf-found";
  function check() {
    const link = document.querySelector(".actbook-pdf-link a");
    if (!link || !/^https?:$/.test(window.location.protocol)) return;
    let found = [];
    try { found = JSON.parse(window.sessionStorage.getItem(KEY) || "[]"); } catch (e) { /* none */ }
    if (found.includes(link.href)) return;
    fetch(link.href, { method: "HEAD", cache: "no-cache" }).then((response) => {
      if (response.status === 404 || response.status === 410) {
        link.parentElement.hidden = true;
      } else if (response.ok) {
        try { window.sessionStorage.setItem(KEY, JSON.stringify([...found, link.href])); } catch (e) { /* private mode */ }
      }
    }).catch(() => { /* offline or blocked: keep the link */ });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
