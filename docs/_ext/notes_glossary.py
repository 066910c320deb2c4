"""The bilingual glossary, from one data file (``_data/glossary.toml``).

* ``{glossary-table}`` renders every term: the term in the build's language,
  the term in the other language, the PyTorch API and the page that treats it.
  Each row is the target ``glossary.html#term-<key>``.
* On every other page, the first mention of each term in the prose links to
  its row: Chinese terms in the Chinese build, English ones in the English
  build. Nothing to mark up by hand, nothing to keep in step by hand.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

GLOSSARY_DOC = "glossary"
HEADERS = {
    "zh_CN": ("术语", "English", "PyTorch API", "页面"),
    "en": ("Term", "中文", "PyTorch API", "Page"),
}
#: where a mention is not linked
SKIP = (
    nodes.literal,
    nodes.literal_block,
    nodes.reference,
    nodes.title,
    nodes.rubric,
    nodes.raw,
    nodes.comment,
    nodes.table,
)


class lang_inline(nodes.Inline, nodes.TextElement):
    """Text in another language than the page's (rendered with a ``lang`` attribute)."""


def load_terms(path: Path) -> list[dict]:
    terms = tomllib.loads(path.read_text(encoding="utf-8"))["term"]
    keys = [t["key"] for t in terms]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise ValueError(f"{path}: duplicate glossary keys {sorted(duplicates)}")
    for term in terms:
        missing = {"key", "zh", "en", "page"} - set(term)
        if missing:
            raise ValueError(f"{path}: term {term.get('key')!r} lacks {sorted(missing)}")
    return terms


def _terms(env) -> list[dict]:
    return env.notes_glossary


def _other(language: str) -> tuple[str, str, str]:
    """(field of this language, field of the other one, html lang of the other one)"""
    return ("zh", "en", "en") if language == "zh_CN" else ("en", "zh", "zh-CN")


class GlossaryTable(SphinxDirective):
    def run(self):
        own, other, other_lang = _other(self.config.language)
        self.env.note_dependency(self.env.notes_glossary_path)
        table = nodes.table(classes=["notes-glossary"])
        group = nodes.tgroup(cols=4)
        table += group
        for width in (3, 3, 4, 3):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        term_head, other_head, api_head, page_head = HEADERS[self.config.language]
        head += _row(
            [
                nodes.Text(term_head),
                lang_inline("", other_head, lang=other_lang),
                nodes.Text(api_head),
                nodes.Text(page_head),
            ]
        )
        body = nodes.tbody()
        group += body
        for term in _terms(self.env):
            name = nodes.strong("", term[own])
            translation = lang_inline("", term[other], lang=other_lang)
            api = nodes.Text("")
            if term.get("api"):
                uri = self.config.extlinks["torch"][0] % term["api"]
                api = nodes.reference("", "", nodes.literal("", term["api"]), refuri=uri)
            page = nodes.inline("", "", classes=["notes-glossary-page"], page=term["page"])
            row = _row([name, translation, api, page])
            row["ids"].append(f"term-{term['key']}")
            body += row
        return [table]


def _row(cells) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", cell)
        row += entry
    return row


def _patterns(terms, language: str):
    """(compiled pattern, key) for each term, longest first so that 交叉熵 wins over 熵."""
    own = "zh" if language == "zh_CN" else "en"
    names = []
    for term in terms:
        for name in [term[own], *term.get(f"{own}_alt", [])]:
            names.append((name, term["key"]))
    names.sort(key=lambda item: -len(item[0]))
    compiled = []
    for name, key in names:
        if re.search(r"[A-Za-z]", name):
            compiled.append((re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I), key))
        else:
            compiled.append((re.compile(re.escape(name)), key))
    return compiled


def _link_mentions(app, doctree) -> None:
    env = app.env
    if app.builder.format != "html" or env.docname == GLOSSARY_DOC or env.docname.startswith("auto_gallery/"):
        return
    env.note_dependency(env.notes_glossary_path)  # re-link when the glossary changes
    todo = _patterns(_terms(env), app.config.language)
    linked: set[str] = set()
    for paragraph in list(doctree.findall(nodes.paragraph)):
        if "claim-original" in paragraph["classes"] or any(isinstance(a, SKIP) for a in _ancestors(paragraph)):
            continue  # quotes of the notes stay as the notes wrote them
        for pattern, key in todo:
            if key in linked:
                continue
            for text in list(paragraph.findall(nodes.Text)):
                if any(isinstance(a, SKIP) for a in _ancestors(text)):
                    continue
                match = pattern.search(text.astext())
                if match is None:
                    continue
                ref = nodes.reference("", match.group(0), internal=True, classes=["notes-term"])
                ref["notes_glossary_key"] = key
                value = text.astext()
                before, after = value[: match.start()], value[match.end() :]
                parent = text.parent
                index = parent.index(text)
                parent.remove(text)
                for offset, node in enumerate(n for n in (nodes.Text(before), ref, nodes.Text(after)) if n.astext()):
                    parent.insert(index + offset, node)
                linked.add(key)
                break


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _resolve(app, doctree, docname) -> None:
    """Glossary links and page links become relative URLs for this builder."""
    pages = set(app.env.found_docs)
    for ref in doctree.findall(nodes.reference):
        if "notes_glossary_key" in ref:
            uri = app.builder.get_relative_uri(docname, GLOSSARY_DOC)
            ref["refuri"] = f"{uri}#term-{ref['notes_glossary_key']}"
    for placeholder in list(doctree.findall(nodes.inline)):
        if "notes-glossary-page" not in placeholder.get("classes", []):
            continue
        target = placeholder["page"]
        if target not in pages:
            logger.warning("glossary term points to a page that does not exist: %s", target, location=placeholder)
            continue
        ref = nodes.reference("", "", internal=True, refuri=app.builder.get_relative_uri(docname, target))
        ref += nodes.Text(app.env.titles[target].astext())
        placeholder.replace_self(ref)


def _visit_lang(self, node):
    self.body.append(self.starttag(node, "span", "", lang=node["lang"]))


def _depart_lang(self, node):
    self.body.append("</span>")


def _builder_inited(app) -> None:
    path = Path(app.srcdir) / "_data" / "glossary.toml"
    app.env.notes_glossary_path = str(path)
    app.env.notes_glossary = load_terms(path)


def setup(app):
    app.add_node(lang_inline, html=(_visit_lang, _depart_lang))
    app.add_directive("glossary-table", GlossaryTable)
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-read", _link_mentions)
    app.connect("doctree-resolved", _resolve)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
