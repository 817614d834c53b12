"""Write the site's root ``index.html``: it sends readers to their language.

The page works without JavaScript (plain links to all four languages); with
JavaScript it picks the first of the reader's preferred languages that the book
has and goes there. Also writes ``.nojekyll`` so that GitHub Pages serves
Sphinx's ``_static`` folders.
"""

from __future__ import annotations

import argparse
import html
from pathlib import Path

# (folder, BCP 47 tag, name in its own language)
LANGUAGES = [
    ("en", "en", "English"),
    ("zh-cn", "zh-Hans", "简体中文"),
    ("zh-tw", "zh-Hant", "繁體中文"),
    ("it", "it", "Italiano"),
]

SCRIPT = """
(function () {
  var prefs = navigator.languages || [navigator.language || "en"];
  for (var i = 0; i < prefs.length; i++) {
    var tag = prefs[i].toLowerCase();
    var folder = null;
    if (tag === "zh-tw" || tag === "zh-hk" || tag === "zh-mo" || tag.indexOf("zh-hant") === 0) {
      folder = "zh-tw";
    } else if (tag.indexOf("zh") === 0) {
      folder = "zh-cn";
    } else if (tag.indexOf("it") === 0) {
      folder = "it";
    } else if (tag.indexOf("en") === 0) {
      folder = "en";
    }
    if (folder) { window.location.replace(folder + "/index.html"); return; }
  }
  window.location.replace("en/index.html");
})();
"""


def root_index() -> str:
    """Return the HTML of the language-picking root page."""
    links = "\n".join(
        f'    <li><a href="{folder}/index.html" hreflang="{tag}" lang="{tag}">{html.escape(name)}</a></li>'
        for folder, tag, name in LANGUAGES
    )
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{tag}" href="{folder}/index.html">'
        for folder, tag, _ in LANGUAGES
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>actbook</title>
{alternates}
  <script>{SCRIPT}</script>
</head>
<body>
  <h1>actbook</h1>
  <ul>
{links}
  </ul>
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
    (args.site / "index.html").write_text(root_index(), encoding="utf-8")
    (args.site / ".nojekyll").write_text("", encoding="utf-8")
    print(f"wrote {args.site / 'index.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
