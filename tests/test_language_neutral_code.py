"""Code is shared by both languages (only prose is translated): no Chinese inside code.

Checks the code cells and doctests of every page and the code lines of every gallery script
(their docstrings and ``# %%`` text blocks are prose, translated through the catalogs).
"""

import pytest

from tests.builtsite import CJK, DOCS, ROOT

PAGES = sorted(p for p in DOCS.rglob("*.md") if "auto_gallery" not in p.parts)
SCRIPTS = sorted((ROOT / "gallery").rglob("plot_*.py"))


def page_code(path):
    inside = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(("```{code-cell}", "```pycon")):
            inside = True
        elif inside and line.startswith("```"):
            inside = False
        elif inside:
            yield n, line


def script_code(path):
    text = path.read_text(encoding="utf-8")
    start = text.index('"""', text.index('"""') + 3) + 3  # after the docstring
    text_block = False
    for n, line in enumerate(text[start:].splitlines(), text[:start].count("\n") + 1):
        if line.startswith("# %%"):
            text_block = True
        elif not (text_block and line.startswith("#")):
            text_block = False
            yield n, line


@pytest.mark.parametrize("path", PAGES + SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_chinese_in_code(path):
    lines = page_code(path) if path.suffix == ".md" else script_code(path)
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}" for n, line in lines if CJK.search(line)]
    assert not found, "Chinese in code shows untranslated on the English pages:\n" + "\n".join(found)
