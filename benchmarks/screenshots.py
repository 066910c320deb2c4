"""Screenshots of the built site in the theme's light and dark modes, and a contrast check of each mode.

Run through ``nox -s quality -- --screenshots`` or on its own:
``python benchmarks/screenshots.py [light|dark ...] [--strict]``. Writes PNGs to
``build/quality/screenshots/<mode>/``: the home page, a knowledge page with a
figure, an example and the gallery index, in both languages, at 1280 px
(desktop) and 375 px (phone): the top of each page and its first figure, output or table.
axe-core's ``color-contrast`` rule then runs in each mode on every page type of
the quality report (``contrast.json``): text, code, outputs, claim boxes and links
must stay legible in dark mode too. Needs Playwright (Python), Chromium
(``CHROME_PATH``, default ``/usr/bin/chromium``) and ``npm ci`` (axe-core).
The figures are added to ``report.md``; ``--strict`` exits 1 on a violation.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import LANGUAGES, NODE_MODULES, OUT, serve
from quality import PAGES as REPORT_PAGES

AXE = NODE_MODULES / "axe-core" / "axe.min.js"

PAGES = {
    "home": "index.html",
    "knowledge": "losses/cross_entropy.html",
    "example": "auto_gallery/tensors/plot_broadcasting.html",
    "gallery": "auto_gallery/index.html",
}
VIEWPORTS = {"desktop": (1280, 900), "phone": (375, 800)}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


def main(modes: list[str]) -> int:
    """Screenshots and contrast checks; the number of page types with contrast violations."""
    from playwright.sync_api import sync_playwright

    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    with serve(use_gzip=True) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chrome, headless=True, args=ARGS)
        for mode in modes:
            folder = OUT / "screenshots" / mode
            folder.mkdir(parents=True, exist_ok=True)
            for device, (width, height) in VIEWPORTS.items():
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=mode)
                context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
                page = context.new_page()
                for name, path in PAGES.items():
                    for language in LANGUAGES:
                        page.goto(f"{base}/{language}/{path}", wait_until="networkidle")
                        if page.evaluate("document.documentElement.dataset.theme") != mode:
                            sys.exit(f"{path}: the theme did not follow prefers-color-scheme={mode}")
                        shots = {"top": None}
                        for selector in ("article img", "article .cell_output", "article table"):
                            if (figure := page.locator(selector).first).count():
                                shots["figure"] = figure
                                break
                        for part, element in shots.items():
                            if element is not None:
                                element.scroll_into_view_if_needed()
                                page.evaluate("window.scrollBy(0, -80)")
                            target = folder / f"{device}-{language}-{name}-{part}.png"
                            page.screenshot(path=target)
                            print(target.relative_to(OUT.parents[1]))
                context.close()
        axe = AXE.read_text(encoding="utf-8")
        contrast = {}
        for mode in modes:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=mode)
            context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
            page = context.new_page()
            for name, paths in REPORT_PAGES.items():
                for language in LANGUAGES:
                    path = paths[language] if isinstance(paths, dict) else paths
                    page.goto(f"{base}/{language}/{path}", wait_until="networkidle")
                    page.evaluate(axe)
                    result = page.evaluate(
                        "() => axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['violations']})"
                    )
                    nodes = [n for v in result["violations"] for n in v["nodes"]]
                    contrast[f"{mode} {language} {name}"] = [
                        {"html": n["html"][:160], "why": n["failureSummary"].splitlines()[-1].strip()[:200]}
                        for n in nodes
                    ]
                    print(f"contrast {mode:5} {language:5} {name}: {len(nodes)} violations")
            context.close()
        browser.close()
    (OUT / "contrast.json").write_text(json.dumps(contrast, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    failing = {k: v for k, v in contrast.items() if v}
    lines = ["", "## Contrast (axe-core color-contrast, desktop)", "", "| mode, language, page | violations |",
             "| --- | --- |", *(f"| {k} | {len(v)} |" for k, v in contrast.items())]  # fmt: skip
    for key, items in failing.items():
        for item in items[:3]:
            lines.append(f"- {key}: `{item['html']}`: {item['why']}")
    lines.append(f"\nScreenshots: {(OUT / 'screenshots').relative_to(OUT.parents[1])}/<mode>/")
    report = OUT / "report.md"
    if report.exists():  # after benchmarks/quality.py: one report
        text = report.read_text(encoding="utf-8").split("\n## Contrast")[0].rstrip("\n")
        report.write_text(text + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return len(failing)


if __name__ == "__main__":
    strict = "--strict" in sys.argv  # exit 1 on a contrast violation
    modes = [a for a in sys.argv[1:] if a != "--strict"] or ["light", "dark"]
    sys.exit(1 if main(modes) and strict else 0)
