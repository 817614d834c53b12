/* actbook: search results that read like the book (loaded on search.html only).
 *
 * 1. Ranking. Sphinx scores an API member whose name matches the query (16) above a
 *    chapter that merely uses the word (5 to 15), so "sigmoid" listed eleven API members
 *    before the chapter "Sigmoid and tanh". `Scorer.score` sorts the results into tiers:
 *    chapters, then other pages' titles, then other pages, then API members; a page whose
 *    title holds every query word leads its tier, and Sphinx's score orders the rest. An
 *    API member still comes first when the query is its name written as an identifier
 *    ("actbook.activations.sigmoid", "sigmoid_derivative").
 *    This script comes before searchtools.js, which keeps a `Scorer` that exists.
 * 2. Snippets. Sphinx's `Search.htmlToText` takes the text of the page's main element,
 *    dropping only header links, scripts and styles, so snippets showed raw TeX
 *    ("\(\sigma(x)\)", "\frac"), the article header's buttons ("System Settings Light
 *    Dark"), the print-only table of contents and "Show code cell source". The refined
 *    version removes interface elements and hidden code, and writes simple formulas in
 *    Unicode (σ(x) = 1/(1 + e⁻ˣ)), an ellipsis for the others.
 * The functions are exposed as `window.actbookSearch` for the browser tests.
 */
"use strict";

var actbookSearch = (function () {
  /* Tiers of results, best last: added to Sphinx's score (at most about 100). */
  var TIER = { api: 0, page: 1000, pageTitle: 2000, chapter: 3000, identifier: 4000 };
  var TITLE_HOLDS_QUERY = 500;
  var CHAPTER_PREFIX = "chapters/";
  var API_PAGE = "api";

  /* Elements whose text is interface, not content: navigation (language switcher, page
     contents, downloads), the article header and footer (buttons, cite block), the
     print-only table of contents, previous/next links, buttons (copy, toggles), code-cell
     toggles and the code they hide, equation numbers, and anything hidden in print. */
  var INTERFACE = [
    ".headerlink",
    "script",
    "style",
    "nav",
    "button",
    ".bd-header-article",
    ".onlyprint",
    "#jb-print-docs-body",
    ".bd-sidebar-secondary",
    ".prev-next-area",
    ".prev-next-footer",
    ".bd-footer-article",
    "footer",
    ".d-print-none",
    ".copybtn",
    ".actbook-interface",
    "details.hide > summary",
    "details.hide .cell_input",
    ".toggle-details__summary",
    ".eqno",
  ];

  var SYMBOLS = {
    alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε",
    zeta: "ζ", eta: "η", theta: "θ", vartheta: "ϑ", iota: "ι", kappa: "κ", lambda: "λ",
    mu: "μ", nu: "ν", xi: "ξ", pi: "π", rho: "ρ", sigma: "σ", tau: "τ", upsilon: "υ",
    phi: "φ", varphi: "φ", chi: "χ", psi: "ψ", omega: "ω",
    Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Xi: "Ξ", Pi: "Π", Sigma: "Σ",
    Phi: "Φ", Psi: "Ψ", Omega: "Ω",
    ell: "ℓ", infty: "∞", partial: "∂", nabla: "∇", cdot: "·", times: "×", div: "÷",
    pm: "±", mp: "∓", le: "≤", leq: "≤", ge: "≥", geq: "≥", ne: "≠", neq: "≠",
    approx: "≈", sim: "∼", equiv: "≡", propto: "∝", to: "→", rightarrow: "→",
    leftarrow: "←", Rightarrow: "⇒", mapsto: "↦", in: "∈", notin: "∉", subset: "⊂",
    sum: "∑", prod: "∏", int: "∫", odot: "⊙", circ: "∘", ldots: "…", dots: "…",
    cdots: "⋯", top: "⊤", prime: "′", lvert: "|", rvert: "|", vert: "|", mid: "|",
    lVert: "‖", rVert: "‖", Vert: "‖", langle: "⟨", rangle: "⟩", lfloor: "⌊",
    rfloor: "⌋", lceil: "⌈", rceil: "⌉", "%": "%", "_": "_",
    "#": "#", "&": "&", "$": "$",
    exp: "exp", log: "log", ln: "ln", tanh: "tanh", sinh: "sinh", cosh: "cosh",
    sin: "sin", cos: "cos", max: "max", min: "min", arg: "arg", sup: "sup", inf: "inf",
    lim: "lim", det: "det", erf: "erf", Pr: "Pr", var: "var",
  };
  /* Commands that only space or size: dropped. */
  var SPACING = /\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg|displaystyle|textstyle|nonumber|notag|quad|qquad|,|;|:|!|\s)(?![a-zA-Z])/g;
  /* Commands whose argument is shown as it is. */
  var WRAPPERS = /\\(?:mathrm|text|textrm|textit|mathit|mathbf|boldsymbol|bm|mathsf|mathtt|operatorname|mathcal|hat|bar|tilde|vec|widehat|overline|underline)\s*\{([^{}]*)\}/g;
  var BLACKBOARD = { R: "ℝ", N: "ℕ", Z: "ℤ", Q: "ℚ", C: "ℂ", E: "𝔼", P: "ℙ" };
  var SUPERSCRIPT = {
    "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷",
    "8": "⁸", "9": "⁹", "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾",
    a: "ᵃ", b: "ᵇ", c: "ᶜ", d: "ᵈ", e: "ᵉ", f: "ᶠ", g: "ᵍ", h: "ʰ", i: "ⁱ", j: "ʲ",
    k: "ᵏ", l: "ˡ", m: "ᵐ", n: "ⁿ", o: "ᵒ", p: "ᵖ", r: "ʳ", s: "ˢ", t: "ᵗ", u: "ᵘ",
    v: "ᵛ", w: "ʷ", x: "ˣ", y: "ʸ", z: "ᶻ", T: "ᵀ", "⊤": "ᵀ", "′": "′", " ": "",
  };
  var SUBSCRIPT = {
    "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇",
    "8": "₈", "9": "₉", "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎",
    a: "ₐ", e: "ₑ", h: "ₕ", i: "ᵢ", j: "ⱼ", k: "ₖ", l: "ₗ", m: "ₘ", n: "ₙ", o: "ₒ",
    p: "ₚ", r: "ᵣ", s: "ₛ", t: "ₜ", u: "ᵤ", v: "ᵥ", x: "ₓ", " ": "",
  };
  var ELLIPSIS = "…";
  /* \{ and \} while the other braces are parsed (private-use characters). */
  var OPEN_BRACE = "\uE000";
  var CLOSE_BRACE = "\uE001";

  /** Write `text` with the characters of `table`, or return null if one is missing. */
  function mapScript(text, table) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      if (!Object.prototype.hasOwnProperty.call(table, text[i])) return null;
      out += table[text[i]];
    }
    return out;
  }

  /** A superscript or subscript: Unicode script characters if all exist, else ^(…) or _…. */
  function script(marker, body, table) {
    var mapped = mapScript(body, table);
    if (mapped !== null) return mapped;
    if (body.length === 1 || /^\(.*\)$/.test(body)) return marker + body;
    return marker + "(" + body + ")";
  }

  /** Wrap a fraction's part in parentheses unless it is one term. */
  function fractionPart(part) {
    part = part.trim();
    return /^[\w.′α-ωΑ-Ωℓ∞]+$/.test(part) ? part : "(" + part + ")";
  }

  /** One pass over the innermost constructs: wrappers, roots, fractions, scripts. */
  function innermost(text) {
    text = text.replace(WRAPPERS, "$1");
    text = text.replace(/\\sqrt\s*\{([^{}]*)\}/g, "√($1)");
    text = text.replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, function (_, num, den) {
      return fractionPart(num) + "/" + fractionPart(den);
    });
    text = text.replace(/\^\s*\{([^{}]*)\}/g, function (_, body) {
      return script("^", body.trim(), SUPERSCRIPT);
    });
    text = text.replace(/_\s*\{([^{}]*)\}/g, function (_, body) {
      return script("_", body.trim(), SUBSCRIPT);
    });
    return text;
  }

  /**
   * Return TeX source as plain Unicode text, or "…" when it is not simple enough.
   *
   * texToText("\\(\\sigma(x) = \\frac{1}{1 + e^{-x}}\\)") === "σ(x) = 1/(1 + e⁻ˣ)"
   */
  function texToText(tex) {
    var text = String(tex).trim();
    text = text.replace(/^\\[([]|\\[)\]]$/g, "").replace(/^\$+|\$+$/g, "");
    text = text.replace(/\\(?:begin|end)\s*\{[a-zA-Z*]+\}/g, " ");
    text = text.replace(/\\\\/g, "; ").replace(/&/g, "");
    text = text.replace(SPACING, " ");
    text = text.replace(/\\mathbb\s*\{?([A-Z])\}?/g, function (_, letter) {
      return BLACKBOARD[letter] || letter;
    });
    text = text.replace(/\\\{/g, OPEN_BRACE).replace(/\\\}/g, CLOSE_BRACE);
    text = text.replace(/\\([a-zA-Z]+|[%_#&$])/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(SYMBOLS, name) ? SYMBOLS[name] : whole;
    });
    for (var previous = null; previous !== text; ) {
      previous = text;
      text = innermost(text);
    }
    text = text.replace(/\^\s*([\w′⊤α-ωℓ*])/g, function (_, body) {
      return script("^", body, SUPERSCRIPT);
    });
    text = text.replace(/_\s*([\w′α-ωℓ*])/g, function (_, body) {
      return script("_", body, SUBSCRIPT);
    });
    text = text.replace(/[{}]/g, "").replace(/-/g, "−").replace(/\s+/g, " ").trim();
    text = text.split(OPEN_BRACE).join("{").split(CLOSE_BRACE).join("}");
    text = text.replace(/\s+([,.;)])/g, "$1").replace(/\(\s+/g, "(");
    if (text.indexOf("\\") >= 0 || text === "") return ELLIPSIS;
    return text;
  }

  /** Remove interface elements and write formulas as text, in a parsed page. */
  function cleanDocument(doc) {
    INTERFACE.forEach(function (selector) {
      doc.querySelectorAll(selector).forEach(function (element) {
        element.remove();
      });
    });
    doc.querySelectorAll(".math").forEach(function (element) {
      var display = element.tagName === "DIV";
      var text = texToText(element.textContent);
      element.replaceWith(doc.createTextNode(display ? " " + text + " " : text));
    });
    return doc;
  }

  /** The query of this search page, in lower case. */
  function currentQuery() {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    return query.toLowerCase().trim();
  }

  /** The query's words, split the way Sphinx splits them when it can. */
  function queryWords(query) {
    var words = typeof splitQuery === "function" ? splitQuery(query) : query.split(/\s+/);
    return words.filter(function (word) {
      return word.length > 0;
    });
  }

  /**
   * Return the score of a search result in the book's order (see the top of this file).
   *
   * `result` is Sphinx's [docname, title, anchor, descr, score, filename, kind].
   */
  function score(result, query) {
    var docname = result[0];
    var title = String(result[1] || "").toLowerCase();
    var base = result[4];
    var kind = result[6];
    if (query === undefined) query = currentQuery();
    if (kind === "object") {
      var identifier = /[._]/.test(query) || title === query;
      var named = title === query || title.slice(-query.length - 1) === "." + query;
      return base + (identifier && named ? TIER.identifier : TIER.api);
    }
    var tier;
    if (docname.indexOf(CHAPTER_PREFIX) === 0) tier = TIER.chapter;
    else if (docname === API_PAGE) tier = TIER.api;
    else if (kind === "title" || kind === "index") tier = TIER.pageTitle;
    else tier = TIER.page;
    var words = queryWords(query);
    var pageTitle = title.split(" > ")[0];
    var holds =
      words.length > 0 &&
      words.every(function (word) {
        return pageTitle.indexOf(word) >= 0;
      });
    return base + tier + (holds ? TITLE_HOLDS_QUERY : 0);
  }

  /** Sphinx's htmlToText, given the page without its interface and with readable formulas. */
  function refine(original) {
    return function (htmlString, anchor) {
      var doc = cleanDocument(new DOMParser().parseFromString(htmlString, "text/html"));
      return original(doc.documentElement.outerHTML, anchor);
    };
  }

  function patchSearch() {
    if (typeof Search !== "undefined" && !Search.actbookRefined) {
      Search.htmlToText = refine(Search.htmlToText);
      Search.actbookRefined = true;
    }
  }

  if (document.readyState === "loading") {
    // Before searchtools.js's own DOMContentLoaded handler starts the search.
    document.addEventListener("DOMContentLoaded", patchSearch);
  } else {
    patchSearch();
  }

  return { texToText: texToText, cleanDocument: cleanDocument, score: score };
})();

/* Sphinx 9's defaults, with the book's ordering on top (searchtools.js keeps a Scorer
   defined before it). */
var Scorer = {
  score: function (result) {
    return actbookSearch.score(result);
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
window.actbookSearch = actbookSearch;
