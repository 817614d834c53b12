"""Write the site's root ``index.html``: a language chooser that sends readers to their language.

The page is a self-contained chooser (its own small stylesheet, no web fonts): each
language's name and the book's title in that language, marked with ``lang``, as large
links. Without JavaScript those links are all there is. With JavaScript it goes to the
language the reader last chose (stored under ``actbook-language`` in ``localStorage`` by
a click on this page or on any page's language switcher), else to the first of the
browser's preferred languages that the book has, else to English; ``index.html#choose``
shows the chooser instead. Also writes ``.nojekyll`` so that GitHub Pages serves Sphinx's
``_static`` folders.
"""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path

# (folder, BCP 47 tag, name in its own language)
LANGUAGES = [
    ("en", "en", "English"),
    ("zh-cn", "zh-Hans", "简体中文"),
    ("zh-tw", "zh-Hant", "繁體中文"),
    ("it", "it", "Italiano"),
]
# "Choose a language", in each language, under the book's name.
PROMPTS = {
    "en": "Choose a language",
    "zh-Hans": "选择语言",
    "zh-Hant": "選擇語言",
    "it": "Scegli la lingua",
}
STORAGE_KEY = "actbook-language"

SCRIPT = """
(function () {
  var FOLDERS = __FOLDERS__;
  var KEY = "__KEY__";

  function storedChoice() {
    try {
      var folder = window.localStorage.getItem(KEY);
      return FOLDERS.indexOf(folder) >= 0 ? folder : null;
    } catch (error) {
      return null;
    }
  }

  function browserChoice() {
    var prefs = navigator.languages || [navigator.language || "en"];
    for (var i = 0; i < prefs.length; i++) {
      var tag = prefs[i].toLowerCase();
      if (tag === "zh-tw" || tag === "zh-hk" || tag === "zh-mo" || tag.indexOf("zh-hant") === 0) {
        return "zh-tw";
      } else if (tag.indexOf("zh") === 0) {
        return "zh-cn";
      } else if (tag.indexOf("it") === 0) {
        return "it";
      } else if (tag.indexOf("en") === 0) {
        return "en";
      }
    }
    return null;
  }

  function remember(event) {
    var link = event.target.closest ? event.target.closest("a[data-actbook-folder]") : null;
    if (!link) return;
    try {
      window.localStorage.setItem(KEY, link.getAttribute("data-actbook-folder"));
    } catch (error) {
      /* storage unavailable: the browser's languages decide next time */
    }
  }

  document.addEventListener("click", remember);
  document.addEventListener("auxclick", remember);
  if (window.location.hash === "#choose") return;
  window.location.replace((storedChoice() || browserChoice() || "en") + "/index.html");
})();
"""

STYLE = """
:root {
  color-scheme: light dark;
  --text: #1b1f24; --muted: #4b5563; --background: #f7f7f5; --card: #ffffff;
  --border: #c5c9cf; --accent: #0b5cad; --focus: #b4420b;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e8eaed; --muted: #b5bac1; --background: #16181b; --card: #22252a;
    --border: #4a4f57; --accent: #8cc4ff; --focus: #ffb37a;
  }
}
* { box-sizing: border-box; }
html {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue",
    Arial, sans-serif;
  line-height: 1.5;
  color: var(--text);
  background: var(--background);
}
:lang(zh-Hans) {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    system-ui, sans-serif;
}
:lang(zh-Hant) {
  font-family: "Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei",
    system-ui, sans-serif;
}
body { margin: 0; }
main { max-width: 44rem; margin: 0 auto; padding: 3rem 1.25rem; }
h1 { font-size: 2.5rem; line-height: 1.1; margin: 0 0 0.5rem; letter-spacing: -0.02em; }
.prompt { color: var(--muted); margin: 0 0 2rem; font-size: 1.05rem; }
.prompt span { white-space: nowrap; }
.prompt span:not(:last-child)::after { content: " \\00B7"; }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; }
@media (min-width: 36rem) { ul { grid-template-columns: 1fr 1fr; } }
a {
  display: flex; flex-direction: column; justify-content: center; gap: 0.25rem;
  min-height: 5.5rem; padding: 1rem 1.25rem;
  color: var(--text); background: var(--card); text-decoration: none;
  border: 1px solid var(--border); border-left: 0.375rem solid var(--accent);
  border-radius: 0.5rem;
}
a:hover { border-color: var(--accent); }
a:hover .name { text-decoration: underline; }
a:focus-visible { outline: 3px solid var(--focus); outline-offset: 3px; }
.name { font-size: 1.5rem; font-weight: 600; color: var(--accent); }
.title { color: var(--muted); }
"""


def book_title(index_html: str) -> str:
    """Return the book's title as a language's front page gives it, without the book's name.

    >>> book_title("<title>actbook: activation functions, computed &#8212; actbook</title>")
    'activation functions, computed'
    >>> book_title("<title>actbook：用计算讲透激活函数 &#8212; actbook</title>")
    '用计算讲透激活函数'
    >>> book_title("")
    ''
    """
    match = re.search(r"<title>(.*?)</title>", index_html, re.DOTALL)
    if not match:
        return ""
    title = html.unescape(match.group(1)).strip()
    title = re.sub(r"\s*\u2014\s*actbook$", "", title)
    title = re.sub(r"^actbook\s*[:\uff1a]\s*", "", title)
    return "" if title == "actbook" else title.strip()


def _choice(folder: str, tag: str, name: str, title: str) -> str:
    subtitle = f'<span class="title">{html.escape(title)}</span>' if title else ""
    return (
        f'    <li><a href="{folder}/index.html" hreflang="{tag}" lang="{tag}" '
        f'data-actbook-folder="{folder}"><span class="name">{html.escape(name)}</span>'
        f"{subtitle}</a></li>"
    )


def root_index(titles: dict[str, str] | None = None) -> str:
    """Return the HTML of the language-choosing root page.

    ``titles`` maps a language folder to the book's title in that language (shown
    under the language's name); languages without one show their name only.

    >>> page = root_index({"it": "funzioni di attivazione, calcolate"})
    >>> '<span class="name">Italiano</span><span class="title">funzioni' in page
    True
    """
    titles = titles or {}
    choices = "\n".join(
        _choice(folder, tag, name, titles.get(folder, "")) for folder, tag, name in LANGUAGES
    )
    prompts = " ".join(
        f'<span lang="{tag}">{html.escape(text)}</span>' for tag, text in PROMPTS.items()
    )
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{tag}" href="{folder}/index.html">'
        for folder, tag, _ in LANGUAGES
    )
    script = SCRIPT.replace("__FOLDERS__", json.dumps([f for f, _, _ in LANGUAGES])).replace(
        "__KEY__", STORAGE_KEY
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>actbook</title>
{alternates}
  <style>{STYLE}</style>
  <script>{script}</script>
</head>
<body>
  <main>
  <h1>actbook</h1>
  <p class="prompt">{prompts}</p>
  <ul>
{choices}
  </ul>
  </main>
</body>
</html>
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path, help="the folder holding en/, zh-cn/, zh-tw/, it/")
    args = parser.parse_args(argv)
    missing = [
        folder for folder, _, _ in LANGUAGES if not (args.site / folder / "index.html").is_file()
    ]
    if missing:
        parser.error(f"site has no built language folder(s): {', '.join(missing)}")
    titles = {
        folder: book_title((args.site / folder / "index.html").read_text(encoding="utf-8"))
        for folder, _, _ in LANGUAGES
    }
    (args.site / "index.html").write_text(root_index(titles), encoding="utf-8")
    (args.site / ".nojekyll").write_text("", encoding="utf-8")
    print(f"wrote {args.site / 'index.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
