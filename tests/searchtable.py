"""The search queries the tests run, each with the page that must come first.

Three sources, one list per site:

* ``search_queries.toml``: what readers type (phrases, API names in any case, terms of the other language);
* the glossary: every name of every term (Chinese, English, aliases, the API name with and without its
  prefixes), on both sites, finds the term's page;
* the built site: every section title that belongs to one page only finds that page (titles that are
  also a glossary name go to the glossary's page, above).

A browser test can iterate over ``queries(language)`` too.
"""

from __future__ import annotations

import json
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.builtsite import DOCS, SITE

sys.path.insert(0, str(DOCS / "_ext"))
from notes_search import glossary_names

TABLE = Path(__file__).with_name("search_queries.toml")
RUNNER = Path(__file__).with_name("search_runner.js")


@dataclass(frozen=True)
class Query:
    site: str  # zh_CN or en
    q: str
    page: str  # the docname that must come first
    source: str  # "table", "glossary" or "title"

    @property
    def id(self) -> str:
        return f"{self.site}:{self.source}:{self.q}"


def search_index(language: str) -> dict:
    return read_index(SITE / language / "searchindex.js")


def read_index(path) -> dict:
    """The index a ``searchindex.js`` hands to ``Search.setIndex(...)``."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


@cache
def queries(language: str) -> list[Query]:
    rows = tomllib.loads(TABLE.read_text(encoding="utf-8"))["query"]
    table = [Query(row["site"], row["q"], row["page"], "table") for row in rows if row["site"] == language]
    glossary = {
        name: page for page, names in glossary_names(DOCS / "_data" / "glossary.toml").items() for name in names
    }
    from_glossary = [Query(language, name, page, "glossary") for name, page in glossary.items()]
    index = search_index(language)
    lowered = {name.lower() for name in glossary}
    from_titles = []
    for title, places in sorted(index["alltitles"].items()):
        docs = {index["docnames"][file] for file, _anchor in places}
        if len(docs) == 1 and title.lower() not in lowered:
            from_titles.append(Query(language, title, docs.pop(), "title"))
    return table + from_glossary + from_titles
