"""The built site: both languages complete, switchable, and in the right language."""

import re

import pytest

from tests.builtsite import CJK, LANGUAGES, SITE, pages, soup

# Elements whose text is code or executed output, not prose.
CODE = "pre, code, .highlight, .cell_output, .sphx-glr-script-out, script, style, [lang]:not(html)"


def relative(path, language):
    return path.relative_to(SITE / language).as_posix()


def test_every_page_exists_in_both_languages():
    names = {language: {relative(p, language) for p in pages(language)} for language in LANGUAGES}
    assert names["zh_CN"] == names["en"], names["zh_CN"] ^ names["en"]
    assert "tensors/broadcasting.html" in names["en"]


@pytest.mark.parametrize("page", pages("en"), ids=lambda p: relative(p, "en"))
def test_english_prose_has_no_chinese(page):
    doc = soup(page)
    main = doc.select_one("main") or doc
    for node in main.select(CODE):
        node.decompose()
    leftovers = sorted({m.group(0) for m in re.finditer(CJK.pattern + "+", main.get_text(" "))})
    assert not leftovers, f"{relative(page, 'en')}: untranslated text {leftovers[:10]}"
    title = doc.title.get_text()
    assert not CJK.search(title), f"{relative(page, 'en')}: <title> {title!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_lang_and_title_follow_the_language(language):
    expected = {"zh_CN": ("zh-CN", "PyTorch 笔记"), "en": ("en", "PyTorch Notes")}[language]
    for page in pages(language):
        doc = soup(page)
        assert doc.html["lang"] == expected[0], page
        assert doc.title.get_text().endswith(expected[1]), (page, doc.title.get_text())


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_keeps_the_page(language):
    for page in pages(language):
        links = soup(page).select(".notes-language-switcher a[hreflang]")
        assert {a["hreflang"] for a in links} == {"en" if language == "zh_CN" else "zh-CN"}, page
        for link in links:
            target = (page.parent / link["href"]).resolve()
            other = target.relative_to(SITE).parts[0]
            assert other != language and other in LANGUAGES, (page, link["href"])
            assert target.relative_to(SITE / other) == page.relative_to(SITE / language), (page, link["href"])
            assert target.exists(), (page, link["href"])


def test_root_page_offers_every_language():
    doc = soup(SITE / "index.html")
    hrefs = {a["href"] for a in doc.select("a")}
    assert hrefs == {f"{language}/index.html" for language in LANGUAGES}
    script = doc.select_one("script").get_text()
    assert "navigator.languages" in script and "location.replace" in script


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_state_the_versions_that_produced_their_outputs(language):
    import torch

    for page in pages(language):
        footer = soup(page).select_one(".notes-runtime-versions")
        assert footer is not None, page
        assert f"torch {torch.__version__.split('+')[0]}" in footer.get_text(), page


def test_theme_strings_follow_the_language():
    zh = soup(SITE / "zh_CN" / "tensors" / "broadcasting.html")
    en = soup(SITE / "en" / "tensors" / "broadcasting.html")
    assert "搜索" in zh.select_one(".search-button__default-text").get_text()
    assert "Search" in en.select_one(".search-button__default-text").get_text()
    more = {
        lang: page.select_one(".navbar-nav .dropdown-toggle").get_text(strip=True)
        for lang, page in [("zh", zh), ("en", en)]
    }
    assert more == {"zh": "更多", "en": "More"}  # the header's overflow menu


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_load_nothing_from_other_hosts(language):
    """Scripts, styles, images and fonts (MathJax included) are served by the site itself."""
    for page in pages(language):
        doc = soup(page)
        sources = [t.get("src") for t in doc.select("script[src], img[src]")]
        sources += [t.get("href") for t in doc.select("link[rel=stylesheet], link[rel=preload]")]
        remote = [s for s in sources if s and ("://" in s or s.startswith("//"))]
        assert not remote, f"{page.relative_to(SITE)} loads {remote}"
    assert (SITE / language / "_static" / "mathjax" / "tex-chtml.js").is_file()
