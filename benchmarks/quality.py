"""Quality report: Lighthouse on the representative pages and the Nu HTML checker on every page.

Run through ``nox -s quality`` after ``nox -s docs``; it builds nothing itself.
Writes ``build/quality/report.json`` and ``build/quality/report.md`` (plus each
Lighthouse report, JSON and HTML, in ``build/quality/lighthouse/``).

The built site is served on 127.0.0.1 (a free port). Like the hosting, the
server compresses text with gzip (``--no-gzip`` serves it raw, as
``python -m http.server`` does). Lighthouse runs with its mobile defaults in
the system Chromium; every host other than 127.0.0.1 is unresolvable for it,
so the figures never depend on a network. Performance varies by a few points
between runs: ``--runs 3`` keeps the run of median performance for each page.

Needs ``npm ci`` (Lighthouse and vnu-jar, pinned in package.json), Java 17 and
Chromium (``CHROME_PATH``, default ``/usr/bin/chromium``). Exits 1 when a tool
fails, and, with ``--strict``, when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "build" / "html"
OUT = ROOT / "build" / "quality"
NODE_MODULES = ROOT / "node_modules"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ("zh_CN", "en")

#: page type → path in each language (a query string is part of the URL)
PAGES = {
    "home": "index.html",
    "knowledge page": "tensors/broadcasting.html",
    "gallery index": "auto_gallery/index.html",
    "example": "auto_gallery/tensors/plot_broadcasting.html",
    "glossary": "glossary.html",
    "errata": "errata.html",
    "search results": {"zh_CN": "search.html?q=广播", "en": "search.html?q=broadcasting"},
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MEDIAN_PAGE_KB = 300
CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]  # fmt: skip
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".inv", ".py", ".ipynb")

# -- serving -----------------------------------------------------------------


class Handler(SimpleHTTPRequestHandler):
    """Static files; text is gzip-compressed when the client accepts it (as hosting does)."""

    use_gzip = True
    cache: ClassVar[dict[tuple[str, float], bytes]] = {}

    def log_message(self, *args) -> None:  # quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.use_gzip and accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        key = (str(path), path.stat().st_mtime)
        if key not in self.cache:
            self.cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serve(use_gzip: bool):
    handler = type("SiteHandler", (Handler,), {"use_gzip": use_gzip})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(SITE)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# -- Lighthouse --------------------------------------------------------------


def lighthouse(url: str, name: str, chrome: str) -> dict:
    """One Lighthouse run (mobile defaults); its figures and the audits that cost points."""
    base = OUT / "lighthouse" / name
    with tempfile.TemporaryDirectory(prefix="lh-profile-") as profile:
        cmd = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output=html",
               f"--output-path={base}", f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={' '.join([*CHROME_FLAGS, f'--user-data-dir={profile}'])}"]  # fmt: skip
        result = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome})
    report_file = base.with_name(base.name + ".report.json")
    if result.returncode or not report_file.exists():
        sys.exit(f"Lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
    lhr = json.loads(report_file.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        sys.exit(f"Lighthouse could not load {url}: {lhr['runtimeError']}")
    audits = lhr["audits"]
    failing = []
    for category in CATEGORIES:
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            relevant = ref["weight"] > 0 or audit.get("details", {}).get("type") == "opportunity"
            if relevant and audit["score"] is not None and audit["score"] < 1:
                failing.append({"category": category, "id": ref["id"], "title": audit["title"],
                                "score": audit["score"], "display": audit.get("displayValue", "")})  # fmt: skip
    requests = audits["network-requests"]["details"]["items"]
    return {
        "url": url,
        "scores": {c: round(lhr["categories"][c]["score"] * 100) for c in CATEGORIES},
        "transferred_bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "other_hosts": sorted({r["url"].split("/")[2] for r in requests if "127.0.0.1" not in r["url"].split("/")[2]}),
        "metrics_ms": {
            m: round(audits[m]["numericValue"], 3 if m == "cumulative-layout-shift" else 0)
            for m in (
                "first-contentful-paint",
                "largest-contentful-paint",
                "total-blocking-time",
                "speed-index",
                "cumulative-layout-shift",
            )
        },
        "largest": sorted(
            (
                {"url": r["url"].split("127.0.0.1")[-1].split("/", 1)[-1], "bytes": r.get("transferSize", 0)}
                for r in requests
            ),
            key=lambda r: -r["bytes"],
        )[:5],
        "failing_audits": failing,
        "lighthouse": lhr["lighthouseVersion"],
        "browser": lhr["environment"]["hostUserAgent"],
    }


# -- Nu HTML checker ---------------------------------------------------------

#: (marker on an element or an ancestor, origin); the innermost marked element decides
MARKERS = [
    (("class", "claim"), "ours: notes_claims"),
    (("class", "errata"), "ours: notes_claims"),
    (("class", "notes-glossary"), "ours: notes_glossary"),
    (("class", "notes-term"), "ours: notes_glossary"),
    (("class", "notes-language-switcher"), "ours: templates"),
    (("class", "notes-runtime-versions"), "ours: templates"),
    (("class", "sphx-glr"), "sphinx-gallery"),
    (("id", "sg-"), "sphinx-gallery"),
    (("class", "cell"), "MyST-NB"),
    (("class", "sd-"), "sphinx-design"),
    (("class", "copybtn"), "sphinx-copybutton"),
    (("class", "highlight"), "Sphinx (Pygments)"),
    (("class", "bd-sidebar"), "pydata-sphinx-theme"),
    (("class", "bd-header"), "pydata-sphinx-theme"),
    (("class", "bd-footer"), "pydata-sphinx-theme"),
    (("class", "bd-search"), "pydata-sphinx-theme"),
    (("class", "navbar"), "pydata-sphinx-theme"),
    (("class", "pst-"), "pydata-sphinx-theme"),
    (("class", "theme-switch"), "pydata-sphinx-theme"),
    (("class", "bd-article"), "ours: page sources and extensions"),
]


def _marked(name: str, marker: str) -> bool:
    """``claim`` marks ``claim`` and ``claim-badge``; a marker ending in ``-`` is a prefix."""
    return name == marker or name.startswith(marker if marker.endswith("-") else marker + "-")


def _origin_of(attrs: dict[str, str]) -> str | None:
    classes = (attrs.get("class") or "").split()
    for (attr, marker), origin in MARKERS:
        if attr == "class" and any(_marked(c, marker) for c in classes):
            return origin
        if attr == "id" and (attrs.get("id") or "").startswith(marker):
            return origin
    return None


class _Locator(HTMLParser):
    """Start tags with their position and the origin of the innermost marked element around them."""

    VOID: ClassVar[set[str]] = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.tags: list[tuple[tuple[int, int], str, str | None]] = []

    def handle_starttag(self, tag, attrs) -> None:
        own = _origin_of(dict(attrs))
        inherited = next((o for _, o in reversed(self.stack) if o), None)
        where = "head" if any(t == "head" for t, _ in self.stack) or tag == "head" else "body"
        origin = own or inherited or ("Sphinx / theme <head>" if where == "head" else None)
        line, col = self.getpos()
        self.tags.append(((line, col + 1), tag, origin))
        if tag not in self.VOID:
            self.stack.append((tag, own))

    def handle_endtag(self, tag) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def origin(path: Path, line: int | None, column: int | None, cache: dict) -> str:
    """Who wrote the markup at this place of a built file."""
    if "_static" in path.parts:
        return "theme/tool asset in _static (not a page)"
    if path not in cache:
        locator = _Locator()
        locator.feed(path.read_text(encoding="utf-8"))
        cache[path] = locator.tags
    if line is None:
        return "whole document"
    before = [t for t in cache[path] if t[0] <= (line, column or 1)]
    if not before:
        return "Sphinx / theme <head>"
    return before[-1][2] or "ours: page sources and extensions"


def html_check() -> dict:
    """The Nu HTML checker over every HTML file of the build."""
    cmd = ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(SITE)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        sys.exit(f"the Nu HTML checker failed (exit {result.returncode}):\n{result.stderr[-3000:]}")
    files = sorted(p for p in SITE.rglob("*.html"))
    cache: dict = {}
    errors = []
    warnings = Counter()
    for m in messages:
        if m["type"] == "info":
            if m.get("subType") == "warning":
                warnings[m["message"]] += 1
            continue
        path = Path(m["url"].removeprefix("file:"))
        errors.append({
            "file": str(path.relative_to(SITE)),
            "line": m.get("lastLine"),
            "message": m["message"],
            "origin": origin(path, m.get("lastLine"), m.get("lastColumn"), cache),
            "extract": m.get("extract", "")[:160],
        })  # fmt: skip
    by_message: dict[tuple[str, str], list] = defaultdict(list)
    for e in errors:
        by_message[(e["origin"], e["message"])].append(e["file"])
    return {
        "files_checked": len(files),
        "errors": len(errors),
        "files_with_errors": len({e["file"] for e in errors}),
        "by_origin": dict(Counter(e["origin"] for e in errors).most_common()),
        "by_message": [
            {"origin": o, "message": msg, "count": len(fs), "files": sorted(set(fs))[:5], "file_count": len(set(fs))}
            for (o, msg), fs in sorted(by_message.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ],
        "warnings_by_message": dict(warnings.most_common()),
        "error_list": errors,
    }


# -- report ------------------------------------------------------------------


def ours(origin_name: str) -> bool:
    return origin_name.startswith("ours")


def markdown(report: dict) -> str:
    lh, nu = report["lighthouse"], report["html"]
    lines = [
        "# Quality report",
        "",
        f"Served {'with gzip' if report['gzip'] else 'without compression'} on 127.0.0.1; "
        f"Lighthouse {lh[0]['lighthouse'] if lh else '-'} (mobile defaults), {report['browser']}; "
        f"Nu HTML checker {report['vnu']}. {report['seconds']:.0f} s.",
        "",
        "## Lighthouse (mobile)",
        "",
        "| page | language | performance | accessibility | best practices | SEO | transferred KB | requests"
        " | FCP ms | LCP ms | TBT ms | CLS |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in lh:
        s, m = r["scores"], r["metrics_ms"]
        runs = f" ({', '.join(map(str, r['runs']))})" if len(r.get("runs", [])) > 1 else ""
        lines.append(
            f"| {r['page']} | {r['language']} | {s['performance']}{runs} | {s['accessibility']} | {s['best-practices']}"
            f" | {s['seo']} | {r['transferred_bytes'] / 1000:.0f} | {r['requests']}"
            f" | {m['first-contentful-paint']:.0f} | {m['largest-contentful-paint']:.0f}"
            f" | {m['total-blocking-time']:.0f} | {m['cumulative-layout-shift']} |"
        )
    lines += ["", "## Targets", "", "| target | value | met |", "| --- | --- | --- |"]
    for t in report["targets"]:
        lines.append(f"| {t['target']} | {t['value']} | {'✅' if t['met'] else '❌'} |")
    lines += ["", "## Audits that cost points", ""]
    failing = defaultdict(list)
    for r in lh:
        for a in r["failing_audits"]:
            failing[(a["category"], a["id"], a["title"])].append(f"{r['page']} ({r['language']})")
    if not failing:
        lines.append("None.")
    for (category, audit_id, title), where in sorted(failing.items()):
        lines.append(f"- **{category}** `{audit_id}` {title}: {', '.join(where)}")
    lines += [
        "",
        "## Nu HTML checker",
        "",
        f"{nu['files_checked']} HTML files, {nu['errors']} errors in {nu['files_with_errors']} files"
        f" ({sum(nu['warnings_by_message'].values())} warnings, not counted).",
        "",
        "| origin | errors |",
        "| --- | --- |",
    ]
    lines += [f"| {o} | {n} |" for o, n in nu["by_origin"].items()] or ["| - | 0 |"]
    lines += ["", "| origin | message | errors | files |", "| --- | --- | --- | --- |"]
    for g in nu["by_message"]:
        message = g["message"].replace("|", "\\|")
        lines.append(f"| {g['origin']} | {message} | {g['count']} | {g['file_count']}: {', '.join(g['files'])} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-gzip", action="store_true", help="serve without compression")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--skip-lighthouse", action="store_true", help="only the HTML check")
    parser.add_argument("--only", help="only the page types whose name contains this")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median one counts")
    args = parser.parse_args()

    missing = [f"{SITE / lang / 'index.html'}" for lang in LANGUAGES if not (SITE / lang / "index.html").exists()]
    if missing:
        sys.exit(f"No built site to check ({', '.join(missing)} missing): run `nox -s docs` first.")
    if not (LIGHTHOUSE.exists() and VNU.exists()):
        sys.exit(f"Lighthouse or vnu-jar is missing in {NODE_MODULES}: run `npm ci` in {ROOT}.")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not args.skip_lighthouse and not shutil.which(chrome):
        sys.exit(f"No Chromium at {chrome}: `apt-get install chromium` or set CHROME_PATH.")
    if not shutil.which("java"):
        sys.exit("No java on PATH: the Nu HTML checker needs Java 17 or newer (apt-get install openjdk-17-jre).")

    start = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(OUT / "lighthouse", ignore_errors=True)
    (OUT / "lighthouse").mkdir()
    results = []
    if not args.skip_lighthouse:
        with serve(use_gzip=not args.no_gzip) as base:
            for page, paths in PAGES.items():
                if args.only and args.only not in page:
                    continue
                for lang in LANGUAGES:
                    path = paths[lang] if isinstance(paths, dict) else paths
                    runs = []
                    for run in range(args.runs):
                        name = f"{lang}-{page.replace(' ', '-')}" + (f"-{run + 1}" if args.runs > 1 else "")
                        print(f"lighthouse {lang}/{path}", flush=True)
                        runs.append(lighthouse(f"{base}/{lang}/{path}", name, chrome))
                    runs.sort(key=lambda r: r["scores"]["performance"])  # the run of median performance
                    performance = [r["scores"]["performance"] for r in runs]
                    results.append({"page": page, "language": lang, **runs[len(runs) // 2], "runs": performance})
    print("Nu HTML checker", flush=True)
    nu = html_check()
    version = subprocess.run(["java", "-jar", str(VNU), "--version"], capture_output=True, text=True).stdout.strip()

    targets = []
    for category, limit in TARGETS.items():
        if results:
            low = min(r["scores"][category] for r in results)
            targets.append(
                {"target": f"Lighthouse {category} ≥ {limit} on every page", "value": low, "met": low >= limit}
            )
    if results:
        median_kb = statistics.median(r["transferred_bytes"] for r in results) / 1000
        targets.append({"target": f"median page ≤ {MEDIAN_PAGE_KB} KB transferred", "value": round(median_kb, 1),
                        "met": median_kb <= MEDIAN_PAGE_KB})  # fmt: skip
    our_errors = sum(n for o, n in nu["by_origin"].items() if ours(o))
    targets.append({"target": "0 HTML errors from our templates, extensions and pages", "value": our_errors,
                    "met": our_errors == 0})  # fmt: skip

    report = {
        "gzip": not args.no_gzip,
        "browser": results[0]["browser"] if results else "-",
        "vnu": version,
        "seconds": time.perf_counter() - start,
        "targets": targets,
        "lighthouse": results,
        "html": nu,
    }
    (OUT / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = markdown(report)
    (OUT / "report.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"Report: {OUT / 'report.md'}")
    if args.strict and not all(t["met"] for t in targets):
        sys.exit("Some targets are missed (see the report).")


if __name__ == "__main__":
    main()
