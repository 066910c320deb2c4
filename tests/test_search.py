"""Search finds what readers type: the built site's own search code, run in node, on every query of the table.

The queries and the page each must return first: tests/searchtable.py.
"""

import json
import os
import subprocess
import sys
from functools import cache

import pytest

from tests.builtsite import CJK, LANGUAGES, SITE
from tests.searchtable import RUNNER, queries, read_index, search_index
from tests.test_build_errors import tiny_site


@cache
def rankings(language: str) -> dict[str, list[str]]:
    """query -> docnames of the results, best first, for every query of one site (one node run)."""
    payload = json.dumps(sorted({query.q for query in queries(language)}), ensure_ascii=False)
    result = subprocess.run(
        ["node", str(RUNNER), str(SITE / language), "/dev/stdin"],
        input=payload, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


ALL = [query for language in LANGUAGES for query in queries(language)]


@pytest.mark.parametrize("query", ALL, ids=lambda query: query.id)
def test_first_result_is_the_page_that_treats_it(query):
    ranked = rankings(query.site)[query.q]
    rank = ranked.index(query.page) + 1 if query.page in ranked else None
    assert ranked and ranked[0] == query.page, (
        f"{query.site} search for {query.q!r} ({query.source}): expected {query.page} first, "
        f"got {ranked[:3] or 'no result'}; the expected page is {f'number {rank}' if rank else 'not found'}"
    )


def test_the_table_is_big_enough_and_covers_both_sites():
    table = [query for query in ALL if query.source == "table"]
    assert len(table) >= 40
    assert {query.site for query in table} == set(LANGUAGES)
    docnames = {language: set(search_index(language)["docnames"]) for language in LANGUAGES}
    unknown = [query.id for query in ALL if query.page not in docnames[query.site]]
    assert not unknown, f"expected pages that do not exist: {unknown}"


def test_search_language_follows_the_language():
    zh = (SITE / "zh_CN" / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "ChineseStemmer" not in zh  # sphinx-doc/sphinx#14229 would break every Chinese search
    assert "window.Stemmer = EnglishStemmer" in zh
    assert "var splitQuery" in zh  # the notes' splitter: Sphinx never cuts a Chinese query
    zh_terms, en_terms = (
        set(search_index(lang)["terms"]) | set(search_index(lang)["titleterms"]) for lang in LANGUAGES
    )
    assert {"广播", "张量", "交叉熵", "学习率", "深度可分离卷积"} <= zh_terms, "is jieba installed, with the glossary?"
    assert {"broadcast", "torch.clamp", "nn.crossentropyloss", "crossentropyloss", "交叉熵"} <= en_terms


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_result_has_a_summary_in_plain_text(language):
    """Results show the index's summaries (no page is fetched): one for every searchable page, none in TeX."""
    index = search_index(language)
    assert len(index["summaries"]) == len(index["docnames"])
    pages = dict(zip(index["docnames"], index["summaries"], strict=True))
    titles = dict(zip(index["docnames"], index["titles"], strict=True))
    missing = [page for page, title in titles.items() if title and not pages[page]]
    assert not missing, f"pages without a summary: {missing}"
    texts = [text for summaries in pages.values() for _, text in summaries]
    assert not [text for text in texts if "\\" in text or "sec-" in text], "TeX or an unresolved reference"
    han = sum(bool(CJK.search(text)) for text in texts)
    assert han > 0.9 * len(texts) if language == "zh_CN" else han < 0.1 * len(texts)
    anchors = {place[1] for places in index["alltitles"].values() for place in places}
    sections = [anchor for anchor, _ in pages["tensors/broadcasting"][1:]]
    assert pages["tensors/broadcasting"][0][0] == "" and sections and set(sections) <= anchors


# -- A missing segmenter or dictionary fails the build (tiny sites) ----------


def tiny_build(tmp_path, change=None, args=(), env=None):
    """Build test_build_errors' tiny site after ``change(docs)``; return (docs, exit code, log)."""
    docs = tiny_site(tmp_path)
    if change:
        change(docs)
    return docs, *sphinx(docs, args, env)


def sphinx(docs, args=(), env=None):
    """Build (or build again) the tiny site in ``docs`` into its sibling ``out``; return (exit code, log)."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-nW", "--keep-going", "-b", "html", *args, str(docs), str(docs.parent / "out")],  # noqa: E501
        capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})}, check=False,
    )  # fmt: skip
    return result.returncode, result.stdout + result.stderr


@pytest.mark.build
def test_a_missing_glossary_fails_the_build(tmp_path):
    docs, code, log = tiny_build(tmp_path, change=lambda docs: (docs / "_data" / "glossary.toml").unlink())
    assert code != 0, "search without the glossary's words must not build"
    assert f"search needs the glossary {docs / '_data' / 'glossary.toml'}" in log, log[-3000:]


@pytest.mark.build
def test_a_name_of_two_terms_fails_the_build(tmp_path):
    def add_clash(docs):
        with (docs / "_data" / "glossary.toml").open("a", encoding="utf-8") as glossary:
            glossary.write('\n[[term]]\nkey = "y"\nzh = "坏"\nen = "worse"\npage = "broken"\n')

    docs, code, log = tiny_build(tmp_path, change=add_clash)
    assert code != 0, "a name that sends readers to two pages must not build"
    assert f"{docs / '_data' / 'glossary.toml'}: '坏' names two terms, 'x' and 'y'" in log, log[-3000:]


@pytest.mark.build
def test_a_missing_jieba_fails_the_build(tmp_path):
    hide = tmp_path / "hide" / "jieba"
    hide.mkdir(parents=True)
    (hide / "__init__.py").write_text('raise ImportError("jieba hidden by the test")\n')
    _, code, log = tiny_build(tmp_path, env={"PYTHONPATH": str(hide.parent)})
    assert code != 0, "a Chinese site without a segmenter must not build"
    assert "Chinese search needs jieba" in log, log[-3000:]


@pytest.mark.build
def test_a_hyphenated_search_language_fails_the_build(tmp_path):
    _, code, log = tiny_build(tmp_path, args=["-D", "html_search_language=zh-CN"])
    assert code != 0, "zh-CN would quietly index the Chinese text as English"
    assert "no search language for 'zh-CN'" in log, log[-3000:]


PAGE = "# 好页面\n\n斑马鱼（%s）在这里出现 0.0003162 次。\n"


@pytest.mark.build
def test_an_incremental_build_keeps_the_index_exact(tmp_path):
    """An edited page's old words leave the index (Sphinx keeps them, as words of no page); numbers never
    enter it; the summaries of the pages an incremental build does not write are kept."""
    docs, code, log = tiny_build(tmp_path, change=lambda docs: (docs / "broken.md").write_text(PAGE % "zebrafish"))
    assert code == 0, log[-3000:]

    def summary(frozen, page):
        return dict(frozen["summaries"][frozen["docnames"].index(page)])[""]

    before = read_index(tmp_path / "out" / "searchindex.js")
    assert "zebrafish" in before["terms"] and "0.0003162" not in before["terms"]
    assert summary(before, "broken") == "斑马鱼（zebrafish）在这里出现 0.0003162 次。"
    example = summary(before, "auto_gallery/tensors/plot_broken")
    (docs / "broken.md").write_text(PAGE % "okapi")
    code, log = sphinx(docs)
    assert code == 0, log[-3000:]
    after = read_index(tmp_path / "out" / "searchindex.js")
    assert "okapi" in after["terms"] and "zebrafish" not in after["terms"]
    assert summary(after, "broken") == "斑马鱼（okapi）在这里出现 0.0003162 次。"
    assert summary(after, "auto_gallery/tensors/plot_broken") == example  # not written again, still there
