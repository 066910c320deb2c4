"""What pages carry for slow phones and search engines (notes_head, notes_assets, _templates/layout.html)."""

from __future__ import annotations

import re
import sys
from functools import cache

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from tests.builtsite import CJK, DOCS, LANGUAGES, SITE, pages
from tests.builtsite import soup as fresh_soup

sys.path.insert(0, str(DOCS / "_ext"))
from notes_assets import icon_code_points
from notes_head import plain_tex, shorten


@cache
def soup(path):
    """One parse per page for this module: these tests only read."""
    return fresh_soup(path)


def relative(path, language):
    return path.relative_to(SITE / language).as_posix()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_a_description_in_its_language(language):
    for page in [*pages(language), SITE / language / "search.html"]:
        metas = soup(page).find_all("meta", attrs={"name": "description"})
        assert len(metas) == 1, f"{relative(page, language)}: {len(metas)} meta descriptions"
        text = metas[0]["content"]
        assert 8 <= len(text) <= 160, f"{relative(page, language)}: description of {len(text)} characters"
        assert bool(CJK.search(text)) == (language == "zh_CN"), f"{relative(page, language)}: {text!r}"
        assert "\\" not in text and "$" not in text, f"{relative(page, language)}: TeX left in {text!r}"


def test_descriptions_are_cut_at_a_boundary():
    long_en = "Broadcasting lines up shapes from the right. " * 3 + "A size of 1 stretches, " * 6
    assert shorten(long_en).endswith(".") and len(shorten(long_en)) <= 155
    assert shorten("短句。" * 100).endswith("。")
    assert shorten("字" * 300).endswith("…") and len(shorten("字" * 300)) == 155
    assert shorten("short") == "short"
    assert plain_tex(r"y=\mathrm{clamp}(x, \mathrm{min}, \mathrm{max})") == "y=clamp(x, min, max)"
    assert plain_tex(r"D_K\times D_K") == "D_K× D_K"


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_the_search_page_loads_the_search_index(language):
    for page in pages(language):
        scripts = [s.get("src", "") for s in soup(page).find_all("script")]
        assert not [s for s in scripts if "searchindex.js" in s or "searchtools.js" in s], relative(page, language)
    assert any("searchindex.js" in s.get("src", "") for s in soup(SITE / language / "search.html").find_all("script"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_scripts_do_not_block_the_first_paint(language):
    search = SITE / language / "search.html"
    names = {script["src"].split("?")[0].rsplit("/", 1)[-1] for script in soup(search).find_all("script", src=True)}
    assert {"searchtools.js", "language_data.js", "searchindex.js"} <= names, names
    for page in [*pages(language), search]:
        for script in soup(page).find_all("script", src=True):
            if "documentation_options.js" in script["src"]:
                continue  # the inline scripts after it need DOCUMENTATION_OPTIONS
            assert script.has_attr("defer") or script.has_attr("async"), f"{relative(page, language)}: {script}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_icon_fonts_hold_every_icon_the_pages_use(language):
    static = SITE / language / "_static"
    points = icon_code_points((static / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8"))
    names = set()
    for page in pages(language):
        names.update(re.findall(r"\bfa-[a-z0-9-]+", page.read_text(encoding="utf-8")))
    wanted = {points[n] for n in names if n in points}
    assert len(wanted) >= 10, f"only {sorted(names)} found: has the theme changed its markup?"
    solid = static / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
    with TTFont(solid) as font:
        cmap = set(font.getBestCmap())
    assert wanted <= cmap, f"icons missing from {solid.name}: {sorted(hex(p) for p in wanted - cmap)}"
    assert solid.stat().st_size < 20_000, f"{solid.name} is {solid.stat().st_size} bytes: not cut down"


@pytest.mark.parametrize("language", LANGUAGES)
def test_images_have_their_size_and_load_lazily_below_the_first(language):
    checked = 0
    for page in pages(language):
        images = soup(page).select("article img")
        for number, img in enumerate(images):
            where = f"{relative(page, language)}: {img['src']}"
            file = (page.parent / img["src"]).resolve()
            if "_images" not in file.parts:
                continue
            with Image.open(file) as image:
                assert (img.get("width"), img.get("height")) == tuple(map(str, image.size)), where
            assert (img.get("loading") == "lazy") == (number > 0), where
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("language", LANGUAGES)
def test_gallery_thumbnails_are_small(language):
    thumbnails = sorted((SITE / language / "_images").glob("sphx_glr_*_thumb.png"))
    assert len(thumbnails) >= 10
    for path in thumbnails:
        with Image.open(path) as image:
            assert image.mode == "P", f"{path.name}: {image.mode}, not a palette image"
    total = sum(p.stat().st_size for p in thumbnails)
    assert total / len(thumbnails) < 20_000, f"thumbnails average {total // len(thumbnails)} bytes"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_template_leftovers_in_static(language):
    assert not list((SITE / language / "_static").rglob("*.html")), "a template file is served as a page"
