"""sphinx-gallery pages in both languages.

sphinx-gallery writes its own words in English and puts each example's title
and summary into raw HTML on the gallery index, where gettext never sees them.

* Its English phrases are rewritten into the source language (Chinese) as the
  generated pages are read, so they reach the catalogs like any other text.
* In a translated build, the raw-HTML titles and summaries on the index pages
  are taken from each example's own catalog. One that has no translation is a
  build warning (an error under -W) naming the index page.
* Every example that ran reports its run time (``build/gallery/run-times.json``
  and the log); one that ran in no time or produced no output is a warning.
* The zip downloads carry fixed file times, so two builds give the same bytes.
* A thumbnail's visible title is hidden from screen readers, which read it from the link.
"""

from __future__ import annotations

import html
import json
import os
import re
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from babel.messages.pofile import read_po
from notes_exec import BUILD
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
    (
        re.compile(r":download:`Download all examples in Python source code: "),
        ":download:`下载全部示例的 Python 源代码：\\ ",
    ),
    (
        re.compile(r":download:`Download all examples in Jupyter notebooks: "),
        ":download:`下载全部示例的 Jupyter 笔记本：\\ ",
    ),
]
#: output blocks that sphinx-gallery writes for printed text, reprs and figures
OUTPUT_MARKERS = (".. rst-class:: sphx-glr-script-out", ".. image-sg::", ".. raw:: html")
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
    # the thumbnail's link already says the title (for screen readers); the visible copy is not read twice
    title = '<div class="sphx-glr-thumbnail-title">'
    text = text.replace(title, title.replace(">", ' aria-hidden="true">'))
    source[0] = text


def _junit(config) -> Path:
    return BUILD / "gallery" / f"junit-{config.language}.xml"


def _config_inited(app, config) -> None:
    config.sphinx_gallery_conf["junit"] = str(_junit(config))


def _check_examples(app) -> None:
    """Report the run time of each example that ran; flag one that ran in 0 s or printed and drew nothing."""
    gallery_dirs = app.config.sphinx_gallery_conf["gallery_dirs"]
    for folder in gallery_dirs:
        for rst in sorted(Path(app.srcdir, folder).rglob("plot_*.rst")):
            if not any(marker in rst.read_text(encoding="utf-8") for marker in OUTPUT_MARKERS):
                logger.warning("example produced no output", location=str(rst), type="notes", subtype="gallery")
    junit = _junit(app.config)
    if not junit.exists() or junit.stat().st_mtime < app.notes_build_start:
        return  # nothing ran in this build
    times_file = BUILD / "gallery" / "run-times.json"
    times = json.loads(times_file.read_text()) if times_file.exists() else {}
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        seconds = float(case.get("time"))
        times[case.get("file")] = round(seconds, 3)
        logger.info("gallery: %s ran in %.2f s", case.get("file"), seconds)
        if seconds <= 0.001:
            logger.warning("example ran in 0 s", location=case.get("file"), type="notes", subtype="gallery")
    times_file.write_text(json.dumps(dict(sorted(times.items())), indent=1) + "\n")


def _fixed_zip_times(app) -> None:
    """Rewrite the zip downloads with sorted members and one fixed time (SOURCE_DATE_EPOCH or 1980)."""
    stamp = max(int(os.environ.get("SOURCE_DATE_EPOCH", "0")), 315532800)  # zip stores no time before 1980
    date_time = time.gmtime(stamp)[:6]
    for archive in Path(app.outdir, "_downloads").rglob("*.zip"):
        with zipfile.ZipFile(archive) as source:
            infos = source.infolist()
            if all(info.date_time == date_time for info in infos):
                continue
            members = sorted((info.filename, source.read(info)) for info in infos)
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in members:
                info = zipfile.ZipInfo(name, date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                target.writestr(info, data)


def _builder_inited(app) -> None:
    app.notes_build_start = time.time()


def _build_finished(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        _check_examples(app)
        _fixed_zip_times(app)


def setup(app):
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited, priority=100)  # before sphinx-gallery runs the examples
    app.connect("build-finished", _build_finished)
    app.connect("source-read", _source_read)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
