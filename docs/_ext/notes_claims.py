"""Claims of the notes, each with a verdict and the evidence beside it.

MyST usage (the evidence, a ``{code-cell}`` or a doctest block, comes right
after the directive; a claim that code cannot decide says so)::

    :::{claim} 每个张量至少有一个维度
    :verdict: wrong

    0 维张量同样参与广播……
    :::

``{errata}`` lists every ``wrong`` and ``imprecise`` claim of the site, with a
link to where it is discussed; it is generated, never hand-kept.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from notes_i18n import LANGUAGES
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

VERDICTS = ("correct", "imprecise", "wrong", "uncheckable")
ERRATA_VERDICTS = ("wrong", "imprecise")
LABELS = {
    "zh_CN": {
        "original": "笔记原文",
        "verdict": "结论",
        "correct": "正确",
        "imprecise": "不准确",
        "wrong": "错误",
        "uncheckable": "无法用代码检验",
        "page": "页面",
        "claim": "原文说法",
        "none": "没有错误或不准确的说法。",
    },
    "en": {
        "original": "The notes say",
        "verdict": "Verdict",
        "correct": "correct",
        "imprecise": "imprecise",
        "wrong": "wrong",
        "uncheckable": "not checkable by code",
        "page": "Page",
        "claim": "Claim in the notes",
        "none": "No wrong or imprecise claims.",
    },
}
assert set(LABELS) == set(LANGUAGES)


class claim(nodes.General, nodes.Element):
    """A claim box; ``verdict`` and ``ids`` are attributes."""


class errata_list(nodes.General, nodes.Element):
    """Replaced by the table of wrong and imprecise claims once all pages are read."""


def _label(env, key: str) -> str:
    return LABELS[env.config.language][key]


class ClaimDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = {"verdict": lambda arg: directives.choice(arg, VERDICTS)}

    def run(self):
        verdict = self.options.get("verdict")
        if verdict is None:
            raise self.error(f"claim needs :verdict: one of {', '.join(VERDICTS)}")
        serial = self.env.new_serialno("claim") + 1
        node = claim(verdict=verdict, classes=["claim", f"claim-{verdict}"])
        node["ids"].append(f"claim-{serial}")
        self.set_source_info(node)

        inline, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
        quote = nodes.paragraph(self.arguments[0], "", *inline, classes=["claim-original"])
        self.set_source_info(quote)
        # labels come from LABELS in the build's language, not from the catalogs
        node += nodes.rubric("", _label(self.env, "original"), classes=["claim-heading"], translatable=False)
        node += nodes.block_quote("", quote)
        verdict_line = nodes.paragraph("", "", classes=["claim-verdict"], translatable=False)
        verdict_line += nodes.strong("", f"{_label(self.env, 'verdict')}: ")
        verdict_line += nodes.inline("", _label(self.env, verdict), classes=["claim-badge", f"claim-badge-{verdict}"])
        node += verdict_line
        node += self.parse_content_to_nodes()
        return [node, *messages]


class ErrataDirective(SphinxDirective):
    def run(self):
        if not hasattr(self.env, "notes_errata_docs"):
            self.env.notes_errata_docs = set()
        self.env.notes_errata_docs.add(self.env.docname)
        return [errata_list()]


def _evidence(node) -> nodes.Node | None:
    """The node right after ``node`` among its siblings, skipping comments and targets."""
    parent = node.parent
    index = parent.index(node)
    for sibling in parent.children[index + 1 :]:
        if isinstance(sibling, (nodes.comment, nodes.target)):
            continue
        return sibling
    return None


def _is_evidence(node) -> bool:
    if node is None:
        return False
    if isinstance(node, nodes.container) and "cell" in node.get("classes", []):
        return True  # an executed MyST-NB code cell
    if isinstance(node, (nodes.literal_block, nodes.doctest_block)) and ">>>" in node.astext():
        return True  # a doctest that `nox -s tests` runs
    return False


def _collect(app, doctree) -> None:
    env = app.env
    store = env.notes_claims if hasattr(env, "notes_claims") else {}
    store.pop(env.docname, None)
    found = []
    for node in doctree.findall(claim):
        verdict = node["verdict"]
        if verdict != "uncheckable" and not _is_evidence(_evidence(node)):
            logger.warning(
                "claim judged %r has no evidence right after it (a code cell or a doctest)",
                verdict,
                location=node,
                type="notes",
                subtype="claim",
            )
        original = next(n for n in node.findall(nodes.paragraph) if "claim-original" in n["classes"])
        found.append({"id": node["ids"][0], "verdict": verdict, "text": original.astext(), "line": node.line})
    if found:
        store[env.docname] = found
    env.notes_claims = store


def _purge(app, env, docname) -> None:
    if hasattr(env, "notes_claims"):
        env.notes_claims.pop(docname, None)
    if hasattr(env, "notes_errata_docs"):
        env.notes_errata_docs.discard(docname)


def _outdated(app, env, added, changed, removed) -> list[str]:
    """Any page read again may have changed its claims: the errata must be rebuilt too."""
    if not (added or changed or removed):
        return []
    return sorted(getattr(env, "notes_errata_docs", set()) - set(changed))


def _merge(app, env, docnames, other) -> None:
    if not hasattr(env, "notes_claims"):
        env.notes_claims = {}
    env.notes_claims.update({d: c for d, c in getattr(other, "notes_claims", {}).items() if d in docnames})
    env.notes_errata_docs = getattr(env, "notes_errata_docs", set()) | getattr(other, "notes_errata_docs", set())


def _errata(app, doctree, fromdocname) -> None:
    env = app.env
    claims = getattr(env, "notes_claims", {})
    order = {doc: i for i, doc in enumerate(_reading_order(env))}
    for placeholder in list(doctree.findall(errata_list)):
        rows = [
            (docname, c)
            for docname in sorted(claims, key=lambda d: (order.get(d, len(order)), d))
            for c in claims[docname]
            if c["verdict"] in ERRATA_VERDICTS
        ]
        if not rows:
            placeholder.replace_self(nodes.paragraph("", _label(env, "none")))
            continue
        table = nodes.table(classes=["errata"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (3, 5, 1):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += _row([_label(env, "page"), _label(env, "claim"), _label(env, "verdict")])
        body = nodes.tbody()
        group += body
        for docname, c in rows:
            ref = nodes.reference("", "", internal=True)
            ref["refuri"] = app.builder.get_relative_uri(fromdocname, docname) + "#" + c["id"]
            ref += nodes.Text(c["text"])
            title = nodes.Text(env.titles[docname].astext())
            badge = nodes.inline("", _label(env, c["verdict"]), classes=["claim-badge", f"claim-badge-{c['verdict']}"])
            body += _row([title, ref, badge])
        placeholder.replace_self(table)


def _reading_order(env) -> list[str]:
    """Documents in the order a reader meets them (depth-first through the toctrees)."""
    seen: list[str] = []

    def walk(doc):
        if doc in seen:
            return
        seen.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(env.config.root_doc)
    return seen


def _row(cells) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", cell if isinstance(cell, nodes.Node) else nodes.Text(cell))
        row += entry
    return row


def _visit_claim(self, node):
    self.body.append(self.starttag(node, "div", role="note"))


def _depart_claim(self, node):
    self.body.append("</div>\n")


def setup(app):
    app.add_node(claim, html=(_visit_claim, _depart_claim))
    app.add_node(errata_list)
    app.add_directive("claim", ClaimDirective)
    app.add_directive("errata", ErrataDirective)
    app.connect("doctree-read", _collect)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.connect("doctree-resolved", _errata)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
