"""What a screen reader and a keyboard need, where the theme and the tools leave gaps.

* Figures get alt text that says what they are. MyST-NB's cell outputs have none (the HTML writer then
  uses the file name, ``../_images/0a1b….png``), and sphinx-gallery falls back to ``plot <file name>``
  or to raw LaTeX from the axes titles. Each figure becomes "Figure n: <its section>", followed by the
  axes titles (without ``$``) where sphinx-gallery found some.
* The sidebar's expand/collapse toggles (``<summary>`` with only an icon, from pydata-sphinx-theme) get
  a name: "Show or hide the pages under <section>".

Words come from ``notes_i18n.UI``, so both languages have them.
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from notes_i18n import UI
from sphinx_gallery.directives import imgsgnode

#: sphinx-gallery's alt text when a figure has no titles: "plot " + the file name
GALLERY_FALLBACK = re.compile(r"^plot [\w ]+$")
SUMMARY = re.compile(r'(<a class="reference internal" href="[^"]*">(?P<title>[^<]*)</a><details[^>]*>)<summary>')


def _spoken(tex: str) -> str:
    """Axes titles without TeX markup: ``$\\mathrm{min}$, $\\tau=1$`` → ``min, tau=1``."""
    text = re.sub(r"\\(?:mathrm|text|mathbf|operatorname)\{([^{}]*)\}", r"\1", tex.replace("$", ""))
    text = re.sub(r"\\([A-Za-z]+)", r" \1 ", text)
    text = re.sub(r"\\(.)", r"\1", text).replace("{", "").replace("}", "")
    return " ".join(text.split())


def _section_title(node: nodes.Node) -> str:
    while node is not None and not isinstance(node, nodes.section):
        node = node.parent
    return node[0].astext() if node is not None else ""


def _doctree_resolved(app, doctree, docname) -> None:
    ui = UI[app.config.language]
    figures = [
        n
        for n in doctree.findall(lambda n: isinstance(n, nodes.image | imgsgnode))
        if n.get("alt") != ""  # alt="" marks a decorative image (a gallery thumbnail inside its link)
    ]
    for number, node in enumerate(figures, start=1):
        alt = node.get("alt")
        alt = None if alt is None or alt == node.get("uri") or GALLERY_FALLBACK.match(alt) else alt
        label = ui["figure"].format(number=number, section=_section_title(node))
        node["alt"] = f"{label} ({_spoken(alt)})" if alt else label


def _page_context(app, pagename, templatename, context, doctree) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None:
        return
    label = UI[app.config.language]["subpages"]

    def with_named_toggles(kind, *args, **kwargs):
        out = generate(kind, *args, **kwargs)
        if kind != "sidebar":
            return out  # "raw" asks for the theme's soup
        return SUMMARY.sub(
            lambda m: f'{m[1]}<summary aria-label="{html.escape(label.format(section=html.unescape(m["title"])))}">',
            str(out),  # a string, or a BeautifulSoup from the theme's sidebar cache
        )

    context["generate_toctree_html"] = with_named_toggles


def setup(app):
    app.connect("doctree-resolved", _doctree_resolved)
    app.connect("html-page-context", _page_context, priority=900)  # after the theme adds its functions
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
