/* "Cite this page" (actbook.sphinxext.citation): copy buttons, and the citation of a claim
   anchor (#claim-…) on the pages that have them. Without JavaScript the block still shows
   the page's reference and BibTeX entry, ready to select. */
(() => {
  "use strict";

  // As citation.py's bibtex_escape: braces become commands, because BibTeX counts
  // escaped braces too (a lone "{" or "}" would break the entry).
  const BIBTEX_SPECIAL = {
    "\\": "\\textbackslash{}", "{": "\\textbraceleft{}", "}": "\\textbraceright{}",
    "&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#", "_": "\\_",
    "^": "\\textasciicircum{}", "~": "\\textasciitilde{}",
  };
  const bibtexEscape = (text) => text.replace(/[\\{}&%$#_^~]/g, (c) => BIBTEX_SPECIAL[c]);

  function announce(block, text) {
    const status = block.querySelector(".actbook-cite-status");
    status.textContent = "";
    // A fresh text node after a tick: screen readers announce the same word again.
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  function selectAll(element) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyFallback(block, pre) {
    selectAll(pre);
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    announce(block, copied ? block.dataset.copied : block.dataset.selected);
  }

  function copy(block, button) {
    const pre = document.getElementById(button.dataset.copy);
    const text = pre.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        () => announce(block, block.dataset.copied),
        () => copyFallback(block, pre),
      );
    } else {
      copyFallback(block, pre);
    }
  }

  function fill(template, slots) {
    return Object.entries(slots).reduce((text, [slot, value]) => text.split(slot).join(value), template);
  }

  function setUpAnchors(block) {
    const data = document.getElementById("actbook-cite-anchors");
    if (!data) return;
    const anchors = JSON.parse(data.textContent);
    const text = document.getElementById("actbook-cite-text");
    const bibtex = document.getElementById("actbook-cite-bibtex");
    const page = { text: text.textContent, bibtex: bibtex.textContent };
    const update = () => {
      let anchor = "";
      try {
        anchor = decodeURIComponent(window.location.hash.slice(1));
      } catch (error) {
        anchor = "";
      }
      const claim = Object.prototype.hasOwnProperty.call(anchors.anchors, anchor)
        ? anchors.anchors[anchor] : null;
      if (claim === null) {
        text.textContent = page.text;
        bibtex.textContent = page.bibtex;
        delete block.dataset.claim;
        return;
      }
      const title = anchors.title.split("{id}").join(claim);
      const url = `${anchors.url}#${anchor}`;
      const key = anchors.key + claim.replace(/[^A-Za-z0-9._-]+/g, "-");
      text.textContent = fill(anchors.text, { "@@TITLE@@": title, "@@URL@@": url });
      bibtex.textContent = fill(anchors.bibtex, {
        "@@TITLE@@": bibtexEscape(title), "@@TEXURL@@": bibtexEscape(url), "@@URL@@": url,
        "@@KEY@@": key,
      });
      block.dataset.claim = claim;
    };
    update();
    window.addEventListener("hashchange", update);
    addClaimLinks(block, anchors.anchors, update);
  }

  // A "Cite" link in each claim's row (its first cell): it names the claim in the URL,
  // switches the block to the claim, opens it and moves there (the block is at the end).
  function addClaimLinks(block, anchors, update) {
    const text = block.dataset.citeClaim;
    const label = block.dataset.citeClaimLabel || text;
    if (!text) return;
    Object.entries(anchors).forEach(([anchor, claim]) => {
      const row = document.getElementById(anchor);
      const cell = row && row.querySelector("td, th");
      if (!cell) return;
      const link = document.createElement("a");
      link.className = "actbook-cite-claim";
      link.href = `#${encodeURIComponent(anchor)}`;
      link.textContent = text;
      link.setAttribute("aria-label", label.split("{id}").join(claim));
      link.addEventListener("click", (event) => {
        event.preventDefault();
        window.history.pushState(null, "", link.href);
        update();
        block.open = true;
        block.scrollIntoView({ block: "start" });
        block.querySelector("summary").focus({ preventScroll: true });
      });
      const paragraph = cell.querySelector("p") || cell;
      paragraph.append(" ", link);
    });
  }

  function setUp() {
    const block = document.querySelector("details.actbook-cite");
    if (!block) return;
    block.querySelectorAll("button.actbook-copy").forEach((button) => {
      button.addEventListener("click", () => copy(block, button));
    });
    setUpAnchors(block);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
