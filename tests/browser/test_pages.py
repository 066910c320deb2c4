"""Every page of both languages, loaded in Chromium the way a reader on a phone loads it, offline.

One crawl (a session fixture) opens each page once at 375 x 812 and records what the live DOM holds;
the tests below judge that record page by page: a clean load, the right ``lang``, links, fragments,
images and downloads that work, a language switcher that keeps the page, and no sideways scrolling.
"""

from __future__ import annotations

import ast
import io
import json
import urllib.error
import urllib.request
import zipfile
from functools import cache
from urllib.parse import unquote, urldefrag

import pytest

from tests.browser.conftest import PHONE
from tests.builtsite import LANGUAGES, SITE

HTML_LANG = {"zh_CN": "zh-CN", "en": "en"}
DOWNLOADS = (".py", ".ipynb", ".zip")


def site_pages() -> list[str]:
    """Every HTML page of both languages (genindex, search, gallery examples, 404 included)."""
    found = []
    for language in LANGUAGES:
        folder = SITE / language
        if not (folder / "index.html").is_file():
            raise FileNotFoundError(f"{folder} is not built: run `nox -s docs` (or `nox -s tests`) first")
        found += [p.relative_to(SITE).as_posix() for p in folder.rglob("*.html") if "_static" not in p.parts]
    return sorted(found)


PAGES = site_pages()

#: what the crawl reads from each page's live DOM (after its scripts ran)
READ_PAGE = """() => ({
  lang: document.documentElement.lang,
  ids: [...document.querySelectorAll('[id]')].map(e => e.id)
       .concat([...document.querySelectorAll('a[name]')].map(a => a.name)),
  links: [...document.querySelectorAll('a[href]')].map(a => ({href: a.href, raw: a.getAttribute('href')})),
  images: [...document.images].map(i => ({
    src: i.currentSrc || i.src, complete: i.complete, width: i.naturalWidth, alt: i.getAttribute('alt'),
    named_by_link: [...(i.closest('a, .sphx-glr-thumbcontainer') || document.createElement('a'))
      .querySelectorAll('a')].concat(i.closest('a') ? [i.closest('a')] : [])
      .some(a => a.textContent.trim() !== '' || (a.getAttribute('aria-label') || '') !== '')})),
  switcher: [...document.querySelectorAll('.notes-language-switcher a[hreflang]')]
            .map(a => ({href: a.href, hreflang: a.hreflang})),
  scroll_width: document.scrollingElement.scrollWidth,
  too_wide: [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('[hidden], .bd-sidebar-primary,'
      + ' .bd-sidebar-secondary, .pst-scrollable-table-container, .highlight, .MathJax, mjx-container, '
      + '.sphx-glr-script-out, .cell_output, .table-wrapper, pre, .search-button__wrapper, dialog'))
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '')),
})"""


@pytest.fixture(scope="session")
def crawl(new_reader):
    """Each page's status, problems and live-DOM record, keyed by its path (``en/index.html``)."""
    reader = new_reader(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1)
    records = {}
    for path in PAGES:
        reader.log.clear()
        response = reader.open(path)
        record = reader.page.evaluate(READ_PAGE)
        record["status"] = response.status if response else None
        record["problems"] = reader.log.problems()
        records[path] = record
    reader.context.close()
    return records


@cache
def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body of a URL on the local server (no proxy; once per URL)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def file_problem(name: str, body: bytes) -> str | None:
    """Why a downloaded .py / .ipynb / .zip is not what its name says, or None."""
    try:
        if name.endswith(".py"):
            ast.parse(body.decode("utf-8"))
        elif name.endswith(".ipynb"):
            notebook = json.loads(body)
            if notebook.get("nbformat") != 4 or not notebook.get("cells"):
                return "not a notebook with cells"
        elif name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                names = archive.namelist()
                if not names or archive.testzip() is not None:
                    return "an empty or corrupt archive"
                if not all(n.endswith((".py", ".ipynb")) for n in names):
                    return f"unexpected members {names[:5]}"
    except (SyntaxError, UnicodeDecodeError, ValueError, zipfile.BadZipFile) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_offline(crawl, path):
    """HTTP 200; no console error, page error, failed request or request to another host."""
    record = crawl[path]
    assert record["status"] == 200, f"{path}: HTTP {record['status']}"
    assert not record["problems"], f"{path}:\n" + "\n".join(record["problems"])


@pytest.mark.parametrize("path", PAGES)
def test_page_is_in_its_language(crawl, path):
    language = path.split("/")[0]
    assert crawl[path]["lang"] == HTML_LANG[language], f"{path}: <html lang={crawl[path]['lang']!r}>"


@pytest.mark.parametrize("path", PAGES)
def test_links_fragments_and_downloads_work(crawl, site, path):
    """Every link to this site reaches a page (and its #fragment in the live DOM) or a file that is whole."""
    broken = []
    for link in crawl[path]["links"]:
        if not site.owns(link["href"]):
            continue  # other sites are linked, never loaded; they are not checked offline
        url, fragment = urldefrag(link["href"])
        if link["raw"].startswith("#"):
            url = site.url(path)  # an in-page link (the 404 page keeps these on the page it is shown at)
        target = site.path(url)
        if target.endswith("/") or target == "":
            target += "index.html"
        if target in crawl:
            if fragment and unquote(fragment) not in crawl[target]["ids"]:
                broken.append(f"{link['raw']}: no id {unquote(fragment)!r} in {target}")
            continue
        status, _, body = fetch(url)
        if status != 200:
            broken.append(f"{link['raw']}: HTTP {status}")
        elif target.endswith(DOWNLOADS) and (why := file_problem(target, body)):
            broken.append(f"{link['raw']}: {why}")
        elif fragment and target.endswith(".html"):
            broken.append(f"{link['raw']}: {target} is not a crawled page, its #{fragment} cannot be checked")
    assert not broken, f"{path}:\n" + "\n".join(broken)


@pytest.mark.parametrize("path", PAGES)
def test_images_load_and_say_what_they_show(crawl, site, path):
    problems = []
    for image in crawl[path]["images"]:
        src = image["src"]
        status, content_type, _ = fetch(src) if site.owns(src) else (None, "", b"")
        if status != 200 or not content_type.startswith("image/"):
            problems.append(f"{src}: HTTP {status} {content_type}")
        elif image["complete"] and image["width"] == 0:
            problems.append(f"{src}: does not decode")
        alt = image["alt"]
        name = src.rsplit("/", 1)[-1]
        if alt is None:
            problems.append(f"{name}: no alt attribute")
        elif alt == "" and not image["named_by_link"]:
            problems.append(f"{name}: empty alt, and no link text says what it is")
        elif alt and (alt.endswith((".png", ".svg", ".jpg")) or alt.startswith("plot ") or "$" in alt):
            problems.append(f"{name}: alt text is a file name or raw TeX: {alt!r}")
    assert not problems, f"{path}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_language_switcher_opens_the_same_page(crawl, site, path):
    language, rest = path.split("/", 1)
    (other,) = (code for code in LANGUAGES if code != language)
    switcher = crawl[path]["switcher"]  # the theme repeats the navbar in the phone's sidebar
    assert switcher and {link["hreflang"] for link in switcher} == {HTML_LANG[other]}, f"{path}: {switcher}"
    assert len({link["href"] for link in switcher}) == 1, f"{path}: {switcher}"
    target = site.path(switcher[0]["href"])
    assert target == f"{other}/{rest}", f"{path}: the switcher leads to {target}"
    assert crawl[target]["status"] == 200 and crawl[target]["lang"] == HTML_LANG[other], target


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_on_a_phone(crawl, path):
    """At 375 px nothing sticks out; wide code, tables and math scroll inside their own box."""
    record = crawl[path]
    assert record["scroll_width"] <= PHONE["width"] + 1, (
        f"{path}: the page is {record['scroll_width']} px wide at {PHONE['width']} px; too wide: {record['too_wide']}"
    )
    # the theme lets its article box scroll sideways too: anything else that sticks out is a defect
    assert not record["too_wide"], f"{path}: wider than the phone, outside a code/table/math box: {record['too_wide']}"
