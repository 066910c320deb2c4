"""Claims: every one carries a verdict and its evidence; the errata page lists exactly the wrong and imprecise ones."""

import pytest

from tests.builtsite import LANGUAGES, SITE, pages, soup

VERDICTS = {"correct", "imprecise", "wrong", "uncheckable"}


def claims(language):
    found = []
    for page in pages(language):
        for div in soup(page).select("div.claim"):
            verdicts = {c.removeprefix("claim-") for c in div["class"]} & VERDICTS
            found.append((page, div, verdicts))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_claim_has_one_verdict_and_evidence(language):
    all_claims = claims(language)
    assert len(all_claims) >= 5
    for page, div, verdicts in all_claims:
        where = f"{page.relative_to(SITE)}#{div['id']}"
        assert len(verdicts) == 1, where
        assert div.select_one(".claim-badge"), where
        if verdicts == {"uncheckable"}:
            continue
        evidence = div.find_next_sibling()
        is_cell = evidence is not None and "cell" in evidence.get("class", [])
        is_doctest = evidence is not None and ">>>" in evidence.get_text() and evidence.select_one("pre")
        assert is_cell or is_doctest, f"{where}: no executed cell or doctest right after the claim"
        if is_cell:
            assert evidence.select_one(".cell_output"), f"{where}: the evidence cell has no output"


@pytest.mark.parametrize("language", LANGUAGES)
def test_errata_lists_exactly_the_wrong_and_imprecise_claims(language):
    expected = {
        f"{page.relative_to(SITE / language).as_posix()}#{div['id']}"
        for page, div, verdicts in claims(language)
        if verdicts & {"wrong", "imprecise"}
    }
    errata = SITE / language / "errata.html"
    listed = {a["href"] for a in soup(errata).select("table.errata td a")}
    assert listed == expected
    assert expected, "the notes have wrong claims: the errata cannot be empty"
