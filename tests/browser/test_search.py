"""Search as a reader uses it: queries typed into the search box of each build, first hit checked.

The query table is ``tests/search_queries.toml`` (what readers type); ``tests/test_search.py`` runs it,
with every glossary name and section title besides, through the same JavaScript in node. Here Chromium
runs the real page: the theme's search box, the form, Sphinx's ``searchtools.js`` and our splitter.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from tests.builtsite import LANGUAGES
from tests.searchtable import queries

RESULTS = "#search-results ul.search li"


def table(language):
    return [q for q in queries(language) if q.source == "table"]


def first_hit(reader, language: str) -> str:
    """Wait for the results of the search just submitted; the docname of the first one."""
    reader.page.wait_for_url("**/search.html?q=*", timeout=15_000)
    reader.page.wait_for_selector(f"{RESULTS} a", timeout=15_000)
    href = reader.page.eval_on_selector(f"{RESULTS} a", "a => a.href")
    reader.settle()
    path = reader.site.path(href.split("#")[0].split("?")[0])
    assert path.startswith(f"{language}/") and path.endswith(".html"), href
    return path.removeprefix(f"{language}/").removesuffix(".html")


@pytest.fixture(scope="module")
def searcher(new_reader):
    """One reader for the whole table: each query is typed into the search page's own box."""
    reader = new_reader()
    yield reader
    reader.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_search_box_finds_the_page(reader, language):
    """From the home page: the search button, a query typed with the keyboard, Enter."""
    query = table(language)[0]
    reader.open(f"{language}/index.html")
    reader.page.locator(".search-button__button:visible").first.click()
    box = reader.page.locator("input[name=q]:visible").first
    box.wait_for(state="visible")
    box.press_sequentially(query.q)
    box.press("Enter")
    assert first_hit(reader, language) == query.page, query
    assert not reader.log.problems(), reader.log.problems()


@pytest.mark.parametrize("query", [q for language in LANGUAGES for q in table(language)], ids=lambda q: q.id)
def test_typed_query_finds_the_page_first(searcher, query):
    searcher.open(f"{query.site}/search.html")
    box = searcher.page.locator(".bd-search-container input[name=q]").first
    box.fill(query.q)
    box.press("Enter")
    found = first_hit(searcher, query.site)
    assert found == query.page, f"{query.site}: {query.q!r} found {found!r} first, expected {query.page!r}"
    problems = searcher.log.problems()
    searcher.log.clear()
    assert not problems, problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_result_shows_its_summary_without_fetching_its_page(reader, language):
    query = table(language)[0]
    requested = []
    reader.page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    reader.open(f"{language}/search.html?q={quote(query.q)}")
    reader.page.wait_for_selector("#search-results .search-summary:not(:empty)", timeout=15_000)
    results = reader.page.locator(RESULTS)
    summaries = reader.page.locator(f"{RESULTS} > p.context")
    assert results.count() > 1 and summaries.count() == results.count(), (results.count(), summaries.count())
    assert len(summaries.first.inner_text()) > 20, summaries.first.inner_text()
    assert reader.page.locator(f"{RESULTS} > p.context span.highlighted").count() > 0  # the query's words
    pages = [path for path in requested if path.endswith(".html")]
    assert pages == [f"/{language}/search.html"], pages
    assert not reader.log.problems(), reader.log.problems()
