"""The built site in a real browser: a local server, one Chromium, and pages that cannot reach the network.

Fixtures for every browser test (reuse them in new tests):

* ``site``: ``build/html`` served on 127.0.0.1 (a free port, a thread), answering a missing page with
  the language's ``404.html`` as static hosts do; ``site.url("en/index.html")``.
* ``browser``: one headless Chromium (Debian's ``/usr/bin/chromium``, or ``$NOTES_CHROMIUM``) per session.
* ``new_reader(**context_options)``: a fresh browser context whose requests to any other host are aborted;
  every console error, page error, failed request and blocked request is recorded (``reader.log``).
* ``reader``: ``new_reader()`` with a desktop viewport; ``reader.open(path)`` loads a page and waits
  until its network is quiet; ``reader.log.problems()`` lists what went wrong.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import pytest

from tests.builtsite import LANGUAGES, ROOT, SITE

CHROMIUM = Path(os.environ.get("NOTES_CHROMIUM", "/usr/bin/chromium"))
#: headless flags that keep Chromium from calling home (see the README)
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root in a container
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOST = "127.0.0.1"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
ARTIFACTS = ROOT / "build" / "browser-artifacts"
#: the axe-core that `npm ci` installs from tests/browser/package.json
AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"


# -- The site on 127.0.0.1 --------------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing page gets its language's 404.html with status 404 (like Read the Docs),
    or the root 404.html outside the language folders (like GitHub Pages)."""

    extensions_map: ClassVar = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".ipynb": "application/json"}

    def log_message(self, format, *args):
        pass  # the tests report what matters

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            parts = urlsplit(self.path).path.lstrip("/").split("/")
            language = parts[0] if parts[0] in LANGUAGES else None
            page = Path(self.directory, language, "404.html") if language else Path(self.directory, "404.html")
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        super().send_error(code, message, explain)


@dataclass
class Site:
    """build/html, served on ``base`` (``http://127.0.0.1:PORT/``)."""

    base: str
    root: Path = SITE

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def path(self, url: str) -> str:
        """The site path of a URL on this server (``en/index.html``); '' for the root."""
        assert self.owns(url), url
        return unquote(urlsplit(url).path).lstrip("/")

    def owns(self, url: str) -> bool:
        return url.startswith(self.base)


@pytest.fixture(scope="session")
def site():
    if not (SITE / "index.html").is_file() or not all((SITE / lang / "index.html").is_file() for lang in LANGUAGES):
        pytest.fail(f"{SITE} is not built: run `nox -s docs` (or `nox -s tests`, which builds first)")
    handler = functools.partial(_Handler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)  # port 0: a free one
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Site(f"http://{HOST}:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# -- One Chromium -----------------------------------------------------------------------------------------


def _missing_browser(reason: str) -> str:
    return (
        f"The browser tests need Chromium ({reason}). Install Debian's: "
        "`sudo apt-get install -y chromium chromium-driver` (`.ci/run` does this), "
        "or point NOTES_CHROMIUM at a Chromium/Chrome binary. "
        "(Playwright's own browser download is not used.)"
    )


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: run the tests with `nox -s tests` (pyproject.toml, group test)")
    if not CHROMIUM.is_file() and not shutil.which(str(CHROMIUM)):
        pytest.fail(_missing_browser(f"{CHROMIUM} does not exist"))
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except Exception as exc:  # any launch failure: say how to get a browser
            pytest.fail(_missing_browser(f"{CHROMIUM} did not start: {exc}"))
        yield chromium
        chromium.close()


# -- Pages that cannot reach the network ------------------------------------------------------------------


@dataclass
class Log:
    """What went wrong while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    other_hosts: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed_requests]
            + [f"request to another host (blocked): {m}" for m in self.other_hosts]
        )

    def clear(self) -> None:
        for name in ("console_errors", "page_errors", "failed_requests", "other_hosts"):
            getattr(self, name).clear()


class Reader:
    """One browser context on the site: its page, and a log of everything that went wrong."""

    def __init__(self, context, site: Site):
        self.context, self.site, self.log = context, site, Log()
        self.expected_status: dict[str, int] = {}  # URL → status a test expects (a 404 page)
        self._pending: set = set()
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.log.page_errors.append(f"{self.page.url}: {exc}"))
        self.page.on("request", lambda request: self._pending.add(request))
        self.page.on("requestfinished", self._finished)
        self.page.on("requestfailed", self._failed)

    def _route(self, route) -> None:
        if self.site.owns(route.request.url):
            route.continue_()
        else:
            self.log.other_hosts.append(f"{route.request.url} (from {self.page.url})")
            route.abort("blockedbyclient")

    def _console(self, message) -> None:
        where = message.location.get("url", "")
        if message.type == "error" and where not in self.expected_status:  # Chromium logs every 404
            self.log.console_errors.append(f"{self.page.url}: {message.text} [{where}]")

    def _finished(self, request) -> None:
        self._pending.discard(request)
        response = request.response()
        status = response.status if response else 0
        if status >= 400 and self.expected_status.get(request.url) != status:
            self.log.failed_requests.append(f"{request.url}: HTTP {status} (from {self.page.url})")

    def _failed(self, request) -> None:
        self._pending.discard(request)
        if self.site.owns(request.url):  # other hosts are logged when blocked
            self.log.failed_requests.append(f"{request.url}: {request.failure} (from {self.page.url})")

    def open(self, path: str, quiet_ms: int = 150, timeout_s: float = 15):
        """Load a page of the site; return once nothing has been in flight for ``quiet_ms``."""
        response = self.page.goto(self.site.url(path), wait_until="load")
        self.settle(quiet_ms, timeout_s)
        if self.page.evaluate("() => !!(window.MathJax && MathJax.startup && MathJax.startup.promise)"):
            self.page.evaluate("() => MathJax.startup.promise.then(() => true)")  # math typeset
            self.settle(quiet_ms, timeout_s)  # and its fonts loaded
        return response

    def settle(self, quiet_ms: int = 150, timeout_s: float = 15) -> None:
        """Wait until no request has been in flight for ``quiet_ms`` (scripts that fetch after load)."""
        deadline, quiet_since = time.monotonic() + timeout_s, None
        while time.monotonic() < deadline:
            if self._pending:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_ms / 1000:
                return
            self.page.wait_for_timeout(25)
        raise AssertionError(f"{self.page.url}: requests still in flight after {timeout_s} s: {self._pending}")

    def axe(self, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")) -> list[dict]:
        """axe-core's violations on the open page (axe is injected from node_modules; no network)."""
        if not AXE.is_file():
            pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/browser` (nox -s tests does)")
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.evaluate(AXE.read_text(encoding="utf-8"))
        return self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))",
            list(tags),
        )

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=full_page)
        return target


@pytest.fixture(scope="session")
def new_reader(browser, site):
    """A factory of readers (fresh contexts); all are closed at the end of the session."""
    contexts = []

    def make(**options) -> Reader:
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        contexts.append(context)
        return Reader(context, site)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def reader(new_reader):
    """A desktop reader in a fresh context (no stored theme or language choice)."""
    reader = new_reader()
    yield reader
    reader.context.close()
