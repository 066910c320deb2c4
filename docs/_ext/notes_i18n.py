"""One source, two languages.

* Per-language values (title, 404 prefix) are set once ``-D language=…`` is known.
* Every page gets ``language_links``: the same page in each language, for the
  switcher template (``_templates/language-switcher.html``).
* The HTML build writes the site's root ``index.html`` (one level above each
  language folder): it sends a reader to the language the browser prefers and
  keeps plain links for everyone else.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

#: code → (name in that language, project title, search language)
LANGUAGES = {
    "zh_CN": {"name": "简体中文", "project": "PyTorch 笔记", "html_lang": "zh-CN"},
    "en": {"name": "English", "project": "PyTorch Notes", "html_lang": "en"},
}

#: Strings written by our own extensions and templates, per language.
UI = {
    "zh_CN": {
        "language": "语言",
        "outputs_from": "本页输出由以下版本生成：",
        "figure": "图 {number}：{section}",
        "subpages": "展开或收起“{section}”下的页面",
        "search": "搜索",
        "not_found": "找不到页面",
        "not_found_home": "回到 PyTorch 笔记的首页",
    },
    "en": {
        "language": "Language",
        "outputs_from": "Outputs on this page were produced with",
        "figure": "Figure {number}: {section}",
        "subpages": "Show or hide the pages under {section}",
        "search": "Search",
        "not_found": "Page not found",
        "not_found_home": "Go to the home page of PyTorch Notes",
    },
}


def _config_inited(app, config) -> None:
    if config.language not in LANGUAGES:
        raise ValueError(f"language {config.language!r} is not one of {sorted(LANGUAGES)}")
    lang = LANGUAGES[config.language]
    config.project = lang["project"]
    config.html_title = lang["project"]
    config.html_context = {**config.html_context, "ui": UI[config.language]}


def _page_context(app, pagename, templatename, context, doctree) -> None:
    depth = pagename.count("/") + 1  # from this page up to the folder above the language folders
    up = "../" * depth
    context["language_links"] = [
        {
            "code": code,
            "name": lang["name"],
            "html_lang": lang["html_lang"],
            "href": f"{up}{code}/{pagename}.html",
            "current": code == app.config.language,
        }
        for code, lang in LANGUAGES.items()
    ]


ROOT_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<script>
(function () {{
  var codes = {codes};
  var prefs = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < prefs.length; i++) {{
    var p = (prefs[i] || "").toLowerCase();
    for (var j = 0; j < codes.length; j++) {{
      var c = codes[j].toLowerCase().replace("_", "-");
      if (p === c || p.split("-")[0] === c.split("-")[0]) {{
        window.location.replace(codes[j] + "/index.html");
        return;
      }}
    }}
  }}
  window.location.replace(codes[codes.length - 1] + "/index.html");
}})();
</script>
<style>body{{font-family:system-ui,sans-serif;max-width:30rem;margin:4rem auto;padding:0 1rem;line-height:1.6}}</style>
</head>
<body>
<main>
<h1>{title}</h1>
<ul>
{links}
</ul>
</main>
</body>
</html>
"""


def root_page() -> str:
    """The language chooser that lives at the site's root."""
    title = " · ".join(lang["project"] for lang in LANGUAGES.values())
    links = "\n".join(
        f'<li lang="{lang["html_lang"]}"><a href="{code}/index.html">'
        f"{html.escape(lang['project'])} — {html.escape(lang['name'])}</a></li>"
        for code, lang in LANGUAGES.items()
    )
    return ROOT_PAGE.format(title=html.escape(title), codes=json.dumps(list(LANGUAGES)), links=links)


def _build_finished(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir).parent / "index.html"
        text = root_page()
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
