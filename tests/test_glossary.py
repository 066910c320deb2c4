"""The bilingual glossary: one row per term in both languages, and pages link their first mention of a term."""

import sys
import tomllib

import pytest

from tests.builtsite import DOCS, LANGUAGES, SITE, soup

sys.path.insert(0, str(DOCS / "_ext"))
TERMS = tomllib.loads((DOCS / "_data" / "glossary.toml").read_text(encoding="utf-8"))["term"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_term_has_a_row_with_both_names(language):
    doc = soup(SITE / language / "glossary.html")
    for term in TERMS:
        row = doc.select_one(f"tr#term-{term['key']}")
        assert row is not None, f"{language}: no row for {term['key']}"
        text = row.get_text(" ")
        assert term["zh"] in text and term["en"] in text, (language, term["key"])
        assert row.select_one("a[href]"), f"{language}: {term['key']} links to no page"


@pytest.mark.parametrize(("language", "word"), [("zh_CN", "广播"), ("en", "broadcasting")])
def test_pages_link_the_first_mention_of_a_term(language, word):
    doc = soup(SITE / language / "tensors" / "broadcasting.html")
    links = [a for a in doc.select("a.notes-term") if a["href"].endswith("glossary.html#term-broadcasting")]
    assert len(links) == 1, "the first mention, and only the first, links to the glossary"
    assert links[0].get_text().lower() == word
