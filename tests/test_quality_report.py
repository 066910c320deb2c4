"""The quality report blames each HTML error on the markup's author (benchmarks/quality.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from quality import origin

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><title>t</title><link rel="preload" href="x.js" as="script"></head>
<body>
<header class="bd-header navbar"><button tooltip="t">search</button></header>
<article class="bd-article">
<p>prose <span bogus="1">x</span></p>
<div class="claim claim-wrong"><p class="claim-original">q <b zz="1">y</b></p></div>
<div class="sphx-glr-thumbnails"><div class="sphx-glr-thumbcontainer" tooltip="t"><img src="a.png"></div></div>
<div class="cell docutils container"><div class="cell_output"><div foo="1"></div></div></div>
</article>
</body>
</html>
"""


def where(text: str, needle: str) -> tuple[int, int]:
    """Line and 1-based column just after ``needle``, where the checker reports an attribute error."""
    before = text[: text.index(needle) + len(needle)]
    return before.count("\n") + 1, len(before.rsplit("\n", 1)[-1])


def test_errors_are_blamed_on_who_wrote_the_markup(tmp_path):
    page = tmp_path / "en" / "page.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    cache: dict = {}
    blame = {needle: origin(page, *where(PAGE, needle), cache) for needle in
             ('<link rel="preload" href="x.js" as="script">', '<button tooltip="t">', '<span bogus="1">',
              '<b zz="1">', 'thumbcontainer" tooltip="t">', '<div foo="1">')}  # fmt: skip
    assert blame == {
        '<link rel="preload" href="x.js" as="script">': "Sphinx / theme <head>",
        '<button tooltip="t">': "pydata-sphinx-theme",
        '<span bogus="1">': "ours: page sources and extensions",
        '<b zz="1">': "ours: notes_claims",
        'thumbcontainer" tooltip="t">': "sphinx-gallery",
        '<div foo="1">': "MyST-NB",
    }


def test_files_in_static_are_assets_not_pages(tmp_path):
    asset = tmp_path / "en" / "_static" / "macros.html"
    asset.parent.mkdir(parents=True)
    asset.write_text("<link href='{{ x }}'>", encoding="utf-8")
    assert origin(asset, 1, 5, {}) == "theme/tool asset in _static (not a page)"
