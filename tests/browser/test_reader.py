"""What a reader does: arrive at the root, follow a dead link, use a keyboard or a screen reader, read on a phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.builtsite import LANGUAGES

HTML_LANG = {"zh_CN": "zh-CN", "en": "en"}
NOT_FOUND = {"zh_CN": "找不到页面", "en": "Page not found"}
QUERY = {"zh_CN": "广播", "en": "broadcast"}
#: one page of each kind; axe-core must find nothing on any of them, in either language
PAGE_TYPES = {
    "home": "index.html",
    "knowledge page": "tensors/broadcasting.html",
    "gallery index": "auto_gallery/index.html",
    "example": "auto_gallery/tensors/plot_broadcasting.html",
    "search results": "search.html?q={query}",
    "glossary": "glossary.html",
    "errata": "errata.html",
    "not found": "no/such/page.html",
}


def open_page_type(reader, language: str, kind: str):
    path = f"{language}/" + PAGE_TYPES[kind].format(query=QUERY[language])
    if kind == "not found":
        reader.expected_status[reader.site.url(path)] = 404
    response = reader.open(path)
    if kind == "search results":  # results are filled in by the page's script
        reader.page.wait_for_selector("#search-results ul.search li", timeout=15_000)
        reader.settle()
    return response


@pytest.mark.parametrize("screen", ["desktop", "phone"])  # the header differs: a phone gets icon buttons
@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violations(new_reader, language, kind, screen):
    reader = new_reader(viewport={"desktop": DESKTOP, "phone": PHONE}[screen])
    open_page_type(reader, language, kind)
    violations = reader.axe()
    report = [f"[{v['impact']}] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"][:5]) for v in violations]
    assert not violations, f"{language} {kind} {screen} ({reader.page.url}):\n" + "\n".join(report)
    assert not reader.log.problems(), reader.log.problems()
    reader.context.close()


@pytest.mark.parametrize(
    ("locale", "language"),
    [("zh-CN", "zh_CN"), ("zh-TW", "zh_CN"), ("en-US", "en"), ("en-GB", "en"), ("fr-FR", "en")],
)
def test_root_page_sends_a_reader_to_a_language(new_reader, locale, language):
    reader = new_reader(locale=locale)
    assert reader.page.evaluate("() => navigator.languages")[0] == locale
    reader.page.goto(reader.site.url(""))
    reader.page.wait_for_url(reader.site.url(f"{language}/index.html"), timeout=10_000)
    reader.settle()
    assert reader.page.evaluate("() => document.documentElement.lang") == HTML_LANG[language]
    assert not reader.log.problems(), reader.log.problems()
    reader.context.close()


@pytest.mark.parametrize("depth", ["missing.html", "tensors/missing.html", "a/b/c/missing/"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_page_gets_the_404_page_of_its_language(reader, language, depth):
    """Styles, scripts and links of the 404 page work at any depth (its <base> is the language folder)."""
    url = reader.site.url(f"{language}/{depth}")
    reader.expected_status[url] = 404
    response = reader.open(f"{language}/{depth}")
    assert response.status == 404
    page = reader.page
    assert page.evaluate("() => document.documentElement.lang") == HTML_LANG[language]
    assert page.locator("main h1").inner_text().startswith(NOT_FOUND[language])
    assert page.evaluate("() => getComputedStyle(document.querySelector('.bd-header')).position") == "sticky"
    assert not reader.log.problems(), reader.log.problems()
    page.locator("article a.reference[href='index.html']").click()
    page.wait_for_url(reader.site.url(f"{language}/index.html"))
    assert page.url == reader.site.url(f"{language}/index.html")


def test_the_root_404_page_offers_both_languages(reader):
    url = reader.site.url("no-such-folder/missing.html")
    reader.expected_status[url] = 404
    assert reader.open("no-such-folder/missing.html").status == 404
    langs = reader.page.evaluate("() => [...document.querySelectorAll('main [lang]')].map(e => e.lang)")
    assert langs == [HTML_LANG[language] for language in LANGUAGES]
    assert not reader.log.problems(), reader.log.problems()
    reader.page.locator("main a").first.click()  # the site's root, which picks a language
    reader.page.wait_for_url(lambda url: url.endswith(("/zh_CN/index.html", "/en/index.html")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_reaches_navigation_and_search(reader, language):
    """Tab from the top of a page: the skip link, the navigation links and the search button get focus."""
    reader.open(f"{language}/tensors/broadcasting.html")
    focused = []
    for _ in range(40):
        reader.page.keyboard.press("Tab")
        focused.append(
            reader.page.evaluate(
                """() => { const e = document.activeElement;
                  return {cls: String(e.className), nav: !!e.closest('.bd-header nav, .bd-sidebar-primary nav'),
                          href: e.getAttribute('href') || ''}; }"""
            )
        )
    assert focused[0]["href"] == "#main-content", focused[0]  # "Skip to main content" comes first
    assert sum(f["nav"] and f["href"].endswith(".html") for f in focused) >= 3, focused
    searches = [i for i, f in enumerate(focused) if "search-button" in f["cls"]]
    assert searches, focused
    reader.open(f"{language}/tensors/broadcasting.html")
    for _ in range(searches[0] + 1):  # to the search button again: Enter opens the search box, focused
        reader.page.keyboard.press("Tab")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_function("() => document.activeElement && document.activeElement.name === 'q'")


SCREENSHOTS = [
    "index.html",
    "tensors/broadcasting.html",
    "auto_gallery/index.html",
    "auto_gallery/cnn/plot_attention.html",
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots_on_a_phone_and_a_desktop(new_reader, language):
    """Pictures for a person to look at (build/browser-artifacts); the test checks that they were taken."""
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        reader = new_reader(viewport=viewport, is_mobile=name == "phone", device_scale_factor=1)
        for path in SCREENSHOTS:
            reader.open(f"{language}/{path}")
            shot = reader.screenshot(f"{name}-{language}-{path.replace('/', '-').removesuffix('.html')}")
            assert shot.stat().st_size > 10_000, shot
        assert not reader.log.problems(), reader.log.problems()
        reader.context.close()
