"""sphinx-gallery pages in both languages.

sphinx-gallery writes its own words in English and puts each example's title
and summary into raw HTML on the gallery index, where gettext never sees them.

* Its English phrases are rewritten into the source language (Chinese) as the
  generated pages are read, so they reach the catalogs like any other text.
* In a translated build, the raw-HTML titles and summaries on the index pages
  are taken from each example's own catalog. One that has no translation is a
  build warning (an error under -W) naming the index page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from babel.messages.pofile import read_po
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: sphinx-gallery's phrases, as the source language says them
SOURCE_PHRASES = [
    (
        re.compile(r":ref:`Go to the end <([^>]+)>`\s+to download the full example code\."),
        r":ref:`跳到页末 <\1>`\ 下载完整的示例代码。",
    ),
    (re.compile(r":download:`Download Jupyter notebook: "), ":download:`下载 Jupyter 笔记本：\\ "),
    (re.compile(r":download:`Download Python source code: "), ":download:`下载 Python 源代码：\\ "),
    (re.compile(r":download:`Download zipped: "), ":download:`下载压缩包：\\ "),
]
THUMBNAIL = re.compile(
    r'(?P<open><div class="sphx-glr-thumbcontainer" [^>]*?tooltip=")(?P<tooltip>[^"]*)(?P<mid>">.*?'
    r":doc:`(?P<doc>[^`]+)`.*?"
    r'<div class="sphx-glr-thumbnail-title">)(?P<title>.*?)(?P<close></div>)',
    re.S,
)


def _plain(rst: str) -> str:
    """Text of a line of reST as sphinx-gallery shows it in a tooltip."""
    text = re.sub(r":[\w:]+:`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", rst)
    return " ".join(text.replace("`", "").split())  # sphinx-gallery keeps some ``literals``


def _catalog(app, docname: str) -> dict[str, str]:
    locale = Path(app.srcdir, app.config.locale_dirs[0], app.config.language, "LC_MESSAGES")
    po = locale / f"{docname}.po"
    app.env.note_dependency(str(po))  # re-read the index when the example's catalog changes
    if not po.exists():
        return {}
    with po.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def _translate_thumbnails(app, docname: str, text: str) -> str:
    def replace(match: re.Match) -> str:
        target = match["doc"].lstrip("/")
        catalog = _catalog(app, target)
        title = catalog.get(html.unescape(match["title"]).strip())
        tooltip_zh = _plain(html.unescape(match["tooltip"]))
        head = tooltip_zh.removesuffix("...")  # sphinx-gallery cuts long summaries at 95 characters
        tooltip = next((_plain(v) for k, v in catalog.items() if _plain(k) == tooltip_zh), None)
        if tooltip is None and head != tooltip_zh:
            tooltip = next((_plain(v) for k, v in catalog.items() if _plain(k).startswith(head)), None)
        if title is None or tooltip is None:
            logger.warning(
                "no %s translation of the thumbnail of %s in %s.po",
                app.config.language,
                target,
                target,
                location=docname,
                type="notes",
                subtype="gallery",
            )
            return match[0]
        return f"{match['open']}{html.escape(tooltip)}{match['mid']}{html.escape(title)}{match['close']}"

    return THUMBNAIL.sub(replace, text)


def _source_read(app, docname: str, source: list[str]) -> None:
    gallery_dirs = app.config.sphinx_gallery_conf["gallery_dirs"]
    if not any(docname.startswith(f"{d}/") for d in gallery_dirs):
        return
    text = source[0]
    for pattern, phrase in SOURCE_PHRASES:
        text = pattern.sub(phrase, text)
    if app.config.language != "zh_CN" and "sphx-glr-thumbcontainer" in text:
        text = _translate_thumbnails(app, docname, text)
    source[0] = text


def setup(app):
    app.connect("source-read", _source_read)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
