"""A "page not found" page in each language, that works at any depth.

``404.md`` is an ordinary page (translated like the others); static hosts serve it for every missing
URL, ``/en/a/b/missing.html`` included, where its relative links would point nowhere. Its ``<head>``
starts with ``<base href="/en/">`` (``notes_base_path`` + language; set ``-D notes_base_path=/repo/``
for a site served below the host's root), so styles, scripts and links resolve from the language folder.
A script corrects the base where the address shows the site elsewhere, and keeps links within the
page (``#…``) on the page.

The build also writes the site's root ``404.html`` (next to the root ``index.html``; GitHub Pages serves
only that one): it sends a reader to the 404 page of the language in the address, or shows both.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from notes_i18n import LANGUAGES, UI

PAGE = "404"

BASE = """<base href="{base}">
<script>
(function () {{
  var marker = {marker}, path = location.pathname, at = path.indexOf(marker);
  var base = document.querySelector("base"), here = path.slice(0, at + marker.length);
  if (at >= 0 && base.getAttribute("href") !== here) base.setAttribute("href", here);
  document.addEventListener("click", function (event) {{
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) {{ event.preventDefault(); location.hash = link.getAttribute("href"); }}
  }});
}})();
</script>
"""

ROOT_404 = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<script>
(function () {{
  var codes = {codes}, path = location.pathname;
  if (/\\/404\\.html$/.test(path)) return;
  for (var i = 0; i < codes.length; i++) {{
    var at = path.indexOf("/" + codes[i] + "/");
    if (at >= 0) {{ location.replace(path.slice(0, at + 1) + codes[i] + "/404.html"); return; }}
  }}
}})();
</script>
<style>body{{font-family:system-ui,sans-serif;max-width:30rem;margin:4rem auto;padding:0 1rem;line-height:1.6}}</style>
</head>
<body>
<main>
{sections}
</main>
</body>
</html>
"""


def root_404(home: str) -> str:
    title = " · ".join(UI[code]["not_found"] for code in LANGUAGES)
    sections = "\n".join(
        f'<section lang="{lang["html_lang"]}"><h1>{html.escape(UI[code]["not_found"])}</h1>'
        f'<p><a href="{html.escape(home)}">{html.escape(UI[code]["not_found_home"])}</a></p></section>'
        for code, lang in LANGUAGES.items()
    )
    return ROOT_404.format(title=html.escape(title), codes=json.dumps(list(LANGUAGES)), sections=sections)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if pagename == PAGE:
        language = app.config.language
        base = BASE.format(
            base=html.escape(f"{app.config.notes_base_path}{language}/"), marker=json.dumps(f"/{language}/")
        )
        context["metatags"] = base + context.get("metatags", "")


def _build_finished(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir).parent / "404.html"
        text = root_404(app.config.notes_base_path)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def setup(app):
    app.add_config_value("notes_base_path", "/", "html", str)  # where build/html is served on its host
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
