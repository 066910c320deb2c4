"""Every English catalog compiles and is complete: no fuzzy entry, no empty one, no stale file."""

import io

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.builtsite import DOCS

LOCALE = DOCS / "locale" / "en" / "LC_MESSAGES"
CATALOGS = sorted(LOCALE.rglob("*.po"))


def name(po):
    return po.relative_to(DOCS).as_posix()


def test_there_are_catalogs():
    assert len(CATALOGS) >= 6


@pytest.mark.parametrize("po", CATALOGS, ids=name)
def test_catalog_is_complete(po):
    with po.open("rb") as f:
        catalog = read_po(f, abort_invalid=True)
    problems = [f"{name(po)}: the header is marked fuzzy"] if catalog.fuzzy else []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(f"{name(po)}:{message.lineno}: fuzzy: {message.id!r}")
        if not message.string:
            problems.append(f"{name(po)}:{message.lineno}: untranslated: {message.id!r}")
    assert not problems, "\n".join(problems)
    assert not catalog.obsolete, f"{name(po)}: obsolete entries (run `nox -s translate`)"
    write_mo(io.BytesIO(), catalog)  # compiles


@pytest.mark.parametrize("po", CATALOGS, ids=name)
def test_catalog_belongs_to_a_page(po):
    doc = po.relative_to(LOCALE).with_suffix("")
    sources = [DOCS / doc.with_suffix(s) for s in (".md", ".rst")]
    assert any(s.exists() for s in sources), f"{name(po)}: no page {doc}.md or {doc}.rst"


def test_every_page_has_a_catalog():
    pages = [p for p in DOCS.rglob("*.md") if "_build" not in p.parts]
    pages += list((DOCS / "auto_gallery").rglob("*.rst"))
    missing = [
        p.relative_to(DOCS).as_posix() for p in pages if not (LOCALE / p.relative_to(DOCS).with_suffix(".po")).exists()
    ]
    assert not missing, f"pages without an English catalog (run `nox -s translate`): {missing}"
