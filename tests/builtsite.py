"""The built site, as the tests see it (built by ``nox -s tests`` before pytest runs)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SITE = ROOT / "build" / "html"
LANGUAGES = ("zh_CN", "en")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def pages(language: str) -> list[Path]:
    """Every content page of one language (Sphinx's own genindex/search excluded)."""
    folder = SITE / language
    if not (folder / "index.html").exists():
        raise FileNotFoundError(f"{folder} is not built: run `nox -s docs` (or `nox -s tests`) first")
    skip = {"genindex.html", "search.html", "py-modindex.html"}
    return sorted(p for p in folder.rglob("*.html") if p.name not in skip and "_static" not in p.parts)


@cache
def _html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def soup(path: Path) -> BeautifulSoup:
    """A fresh parse each time: tests may cut parts out of it."""
    return BeautifulSoup(_html(path), "html.parser")
