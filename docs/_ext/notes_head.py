"""What each page's ``<head>`` carries, for readers on slow phones and for search engines.

* Every page gets a ``<meta name="description">`` in its own language: the page's
  first paragraph of prose (the translated one in a translated build), cut to
  about 155 characters. Pages without prose (the index, search) use the site's
  description.
* Scripts that Sphinx and the extensions put in the ``<head>`` load with ``defer``,
  so the text paints before they arrive. ``documentation_options.js`` stays
  blocking: inline scripts right after it use ``DOCUMENTATION_OPTIONS``.
  Deferred scripts still run in their order, before ``DOMContentLoaded``.
* Images in the page body get their ``width`` and ``height`` (no layout shift while
  they load), and every image after the first loads lazily: a phone fetches the
  figures further down only when the reader gets there.
* ``_templates/layout.html`` drops the theme's search scripts (``searchindex.js``
  is the largest) from every page except the search page: with
  ``search_as_you_type`` off, the theme never uses them elsewhere. On the search
  page, ``_templates/search.html`` loads them with ``defer`` too.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from docutils import nodes
from PIL import Image

#: the site's description, for pages without prose of their own
SITE_DESCRIPTION = {
    "zh_CN": "PyTorch 笔记：逐条检验一份 PyTorch 学习笔记中的说法，给出判定、准确的表述和构建时运行的代码。",
    "en": "PyTorch Notes: every claim of a learner's PyTorch notes, checked with a verdict, "
    "an accurate statement and code that runs when the site is built.",
}
MAX_CHARS = 155
#: scripts that must run before the inline ``<script>`` lines that follow them
BLOCKING = {"_static/documentation_options.js"}
IMG = re.compile(r"<img\b(?P<attrs>[^>]*?)\s*/?>")
SRC = re.compile(r'\ssrc="(?P<src>[^"]+)"')
SKIP = (nodes.math_block, nodes.raw, nodes.comment, nodes.system_message)
TEX_SYMBOLS = {"times": "×", "cdot": "·", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠", "to": "→",
               "leftarrow": "←", "infty": "∞", "approx": "≈", "nabla": "∇", "Vert": "‖", "lambda": "λ",
               "sigma": "σ", "theta": "θ", "eta": "η", "alpha": "α", "beta": "β", "gamma": "γ", "mu": "μ",
               "epsilon": "ε", "tau": "τ"}  # fmt: skip
TEX_DROP = {"mathrm", "text", "mathbf", "mathit", "mathcal", "operatorname", "left", "right", "big", "Big"}


def plain_tex(tex: str) -> str:
    """Inline TeX as plain text: ``y=\\mathrm{clamp}(x)`` → ``y=clamp(x)``."""
    text = re.sub(r"\\([A-Za-z]+)", lambda m: "" if m[1] in TEX_DROP else TEX_SYMBOLS.get(m[1], m[1]), tex)
    text = re.sub(r"\\(.)", r"\1", text).replace("{", "").replace("}", "")
    return " ".join(text.split())


def paragraph_text(node: nodes.Node) -> str:
    """A paragraph's words; inline formulas as plain text."""
    parts = []
    for child in node.findall(lambda n: isinstance(n, nodes.Text | nodes.math)):
        if any(isinstance(a, (*SKIP, nodes.math)) for a in _ancestors(child, node)):
            continue
        parts.append(plain_tex(child.astext()) if isinstance(child, nodes.math) else child.astext())
    return " ".join("".join(parts).split())


def _ancestors(node: nodes.Node, stop: nodes.Node):
    node = node.parent
    while node is not None and node is not stop:
        yield node
        node = node.parent


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """At most ``limit`` characters, cut after a sentence or a word where possible."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    for pattern in (r"^.*(?:[。！？；]|[.!?;](?=\s|$))", r"^.*[，、,：:](?=\s|$)|^.*[，、]", r"^.*\s"):
        match = re.match(pattern, cut, re.S)
        if match and len(match.group(0)) > limit // 2:
            cut = match.group(0).rstrip(" ,，、:：")
            break
    cut = cut.rstrip()
    return cut if cut[-1] in "。！？.!?" else cut + "…"


def description(doctree: nodes.document | None) -> str | None:
    """The first paragraph of prose: a paragraph placed right in a section."""
    if doctree is None:
        return None
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, nodes.section) and (text := paragraph_text(paragraph)):
            return shorten(text)
    return None


def _script_src(script) -> str:
    return str(getattr(script, "filename", "") or "")


def _deferred(script):
    """The same script, loaded with ``defer`` when that is safe."""
    attributes = getattr(script, "attributes", None)
    src = _script_src(script)
    if attributes is None or not src or src in BLOCKING or "async" in attributes or "defer" in attributes:
        return script
    return type(script)(script.filename, priority=script.priority, **{**attributes, "defer": "defer"})


def _image_sizes(app) -> dict[str, tuple[int, int]]:
    """Pixel size of every image the build copies to ``_images``, by its name there."""
    sizes = getattr(app.builder, "_notes_image_sizes", None)
    if sizes is None:
        sizes = app.builder._notes_image_sizes = {}
    files = {name: Path(app.srcdir, source) for source, name in app.builder.images.items()}
    for folder in app.config.sphinx_gallery_conf.get("gallery_dirs", []):  # its figures bypass Sphinx's list
        files.update({f.name: f for f in sorted(Path(app.srcdir, folder).rglob("images/*.png"))})
    for name, file in files.items():
        if name not in sizes:
            try:
                with Image.open(file) as image:
                    sizes[name] = image.size
            except OSError:  # not a raster image (SVG) or unreadable: no size attributes
                sizes[name] = None
    return sizes


def sized_images(body: str, sizes: dict, page_dir: str) -> str:
    """``width``/``height`` on images of known size; ``loading="lazy"`` on all but the first image."""
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        count += 1
        attrs = match["attrs"]
        extra = ""
        src = SRC.search(attrs)
        if src and " width=" not in attrs and " height=" not in attrs:
            path = posixpath.normpath(posixpath.join(page_dir, html.unescape(src["src"])))
            if path.startswith("_images/") and (size := sizes.get(path.removeprefix("_images/"))):
                extra += f' width="{size[0]}" height="{size[1]}"'
        if count > 1 and " loading=" not in attrs:
            extra += ' loading="lazy"'
        return f"<img{attrs}{extra} />"

    return IMG.sub(replace, body)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    text = description(doctree) or SITE_DESCRIPTION[app.config.language]
    metatags = context.get("metatags", "")
    if 'name="description"' not in metatags:
        context["metatags"] = f'{metatags}\n<meta name="description" content="{html.escape(text)}" />'
    if context.get("body"):
        context["body"] = sized_images(context["body"], _image_sizes(app), posixpath.dirname(pagename))
    context["script_files"] = [_deferred(s) for s in context.get("script_files", [])]


def setup(app):
    app.connect("html-page-context", _page_context, priority=950)  # after the extensions add their scripts
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
