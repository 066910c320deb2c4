"""Third-party assets cut to size after the HTML build: icon fonts and gallery thumbnails.

**Icon fonts.**
pydata-sphinx-theme ships Font Awesome's whole solid font (about 115 KB, more
than a page's text, styles and scripts together) to draw about a dozen icons.
After the HTML build, each ``_static/vendor/fontawesome/webfonts/*.woff2`` is
rewritten from the theme's original font, with only the glyphs that can appear:

* every ``fa-<name>`` class that a page or one of the site's scripts uses
  (Font Awesome's own script, a library of names, does not count), mapped to its
  code point through the theme's stylesheet (``.fa-<name>{--fa:"\\f002"}``);
* every private-use character written literally in a stylesheet or script
  (the theme's admonition and link icons, ``--pst-icon-…``).

``tests/test_head.py`` checks that every icon the pages use is in the fonts.

**Gallery thumbnails.** sphinx-gallery writes them as 400×280 RGBA PNGs with
transparent margins (30 KB each, 17 on the gallery index). They are flattened
onto white (the colour they are shown on, in both modes) and stored with a
256-colour palette: the same picture at about a third of the bytes.

**Template leftovers.** The theme's static folder holds ``webpack-macros.html``,
a Jinja macro file the theme's layout imports when pages are written; copied to
``_static`` it is a broken HTML page (18 Nu checker errors) that nothing links to.
It is removed from the output.
"""

from __future__ import annotations

import logging as stdlib_logging
import re
from pathlib import Path

import pydata_sphinx_theme
from fontTools import subset
from fontTools.ttLib import TTFont
from PIL import Image
from sphinx.util import logging

logger = logging.getLogger(__name__)

WEBFONTS = Path("_static", "vendor", "fontawesome", "webfonts")
THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
THEME_CSS = Path("_static", "styles", "pydata-sphinx-theme.css")
FA_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+,?)+)\{--fa:\"\\([0-9a-fA-F]+)\"")
FA_NAME = re.compile(r"\bfa-[a-z0-9-]+")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
THUMBNAILS = "_images/sphx_glr_*_thumb.png"
LEFTOVERS = [Path("_static", "webpack-macros.html")]
LIBRARY = {"fontawesome.js"}  # Font Awesome's own script names every icon


def icon_code_points(css: str) -> dict[str, int]:
    """``fa-<name>`` → code point, from the theme's stylesheet."""
    points = {}
    for selectors, code in FA_RULE.findall(css):
        for name in selectors.replace(".", "").split(","):
            if name:
                points[name] = int(code, 16)
    return points


def used_code_points(outdir: Path) -> set[int]:
    """Code points of the icons that the pages and the site's scripts can show."""
    points = icon_code_points((outdir / THEME_CSS).read_text(encoding="utf-8"))
    names: set[str] = set()
    used: set[int] = set()
    for path in outdir.rglob("*"):
        if path.suffix not in {".html", ".js", ".css"} or path.name in LIBRARY or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix != ".css":
            names.update(FA_NAME.findall(text))
        used.update(ord(c) for c in PRIVATE_USE.findall(text))
    return used | {points[n] for n in names if n in points}


def subset_font(source: Path, target: Path, code_points: set[int]) -> None:
    """Write ``source`` (a WOFF2 font) to ``target`` with only the glyphs of ``code_points``."""
    stdlib_logging.getLogger("fontTools").setLevel(stdlib_logging.WARNING)  # its INFO lines are not build output
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(code_points & set(font.getBestCmap())))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def _cmap(path: Path) -> set[int]:
    with TTFont(path) as font:
        return set(font.getBestCmap())


def palette_thumbnail(path: Path) -> bool:
    """Flatten a thumbnail onto white and store it with 256 colours, in place; False if it already is."""
    with Image.open(path) as image:
        if image.mode == "P":
            return False
        rgba = image.convert("RGBA")
    flat = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB")
    flat.quantize(colors=256, dither=Image.Dither.NONE).save(path, optimize=True)
    return True


def _build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    if not (outdir / THEME_CSS).exists():
        return
    code_points = used_code_points(outdir)
    for source in sorted((THEME_STATIC / "vendor" / "fontawesome" / "webfonts").glob("*.woff2")):
        target = outdir / WEBFONTS / source.name
        if target.exists() and _cmap(target) == code_points & _cmap(source):
            continue  # cut down by an earlier build, to the same icons
        subset_font(source, target, code_points)
        logger.info(f"icons: {source.name} {source.stat().st_size // 1000} KB -> {target.stat().st_size // 1000} KB")
    for path in sorted(outdir.glob(THUMBNAILS)):
        palette_thumbnail(path)
    for leftover in LEFTOVERS:
        (outdir / leftover).unlink(missing_ok=True)


def setup(app):
    app.connect("build-finished", _build_finished, priority=900)  # after the theme's files are copied
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
