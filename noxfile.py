"""Every command a reader or contributor runs. ``nox -l`` lists them.

Sessions use the interpreter that runs nox; the pinned stack is in pyproject.toml.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
LANGUAGES = ("zh_CN", "en")  # the source language first: it executes, English re-uses the outputs
SITE = ROOT / "build" / "html"

nox.options.default_venv_backend = "virtualenv"
nox.options.sessions = ["lint", "tests"]


def install(session: nox.Session, group: str) -> None:
    session.install(*nox.project.dependency_groups(PYPROJECT, group))


def build(session: nox.Session, *args: str) -> None:
    """Build the site, one language after the other, failing on any warning.

    ``-j auto``: pages are read, and so executed, in parallel, one process per core.
    """
    for language in LANGUAGES:
        session.run(
            "sphinx-build", "-nW", "--keep-going", "-j", "auto", "-b", "html",
            "-D", f"language={language}",
            "-d", f"build/doctrees/{language}",
            "docs", str(SITE / language),
            *args,
        )  # fmt: skip
    session.log(f"Site built: {SITE} (nox -s serve to read it)")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the two-language site into build/html (extra arguments go to sphinx-build)."""
    install(session, "docs")
    build(session, *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Build both languages, then run every test: doctests, snippets, gallery, catalogs, site, browser."""
    install(session, "test")
    session.run("npm", "ci", "--prefix", "tests/browser", "--no-audit", "--no-fund", external=True)  # axe-core
    build(session)
    session.run("pytest", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Measure clean, second-language, no-op and edit rebuilds and the tests; report in build/bench."""
    install(session, "test")
    session.run("python", "benchmarks/bench.py", *session.posargs)


@nox.session(default=False)
def quality(session: nox.Session) -> None:
    """Lighthouse, Nu HTML check, light/dark screenshots and contrast of build/html: build/quality/report.md."""
    if not all((SITE / language / "index.html").exists() for language in LANGUAGES):
        session.error("Nothing to check yet: run `nox -s docs` first (this session builds nothing).")
    install(session, "quality")
    session.run("npm", "ci", "--no-audit", "--no-fund", external=True)
    session.run("python", "benchmarks/quality.py", *session.posargs)
    strict = ["--strict"] if "--strict" in session.posargs else []
    session.run("python", "benchmarks/screenshots.py", "light", "dark", *strict)


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Serve the built site on http://127.0.0.1:8000 (port as the first argument)."""
    port = session.posargs[0] if session.posargs else "8000"
    if not (SITE / "index.html").exists():
        session.error("Nothing to serve yet: run `nox -s docs` first.")
    session.run("python", "-m", "http.server", port, "--bind", "127.0.0.1", "--directory", str(SITE))


@nox.session(default=False)
def translate(session: nox.Session) -> None:
    """Extract the messages and update the English catalogs in docs/locale/en."""
    install(session, "i18n")
    env = {"SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")}  # no date churn in catalogs
    session.run("sphinx-build", "-nW", "--keep-going", "-b", "gettext",
                "-d", "build/doctrees/gettext", "docs", "build/gettext", env=env)  # fmt: skip
    session.run("sphinx-intl", "update", "-p", "build/gettext", "-d", "docs/locale", "-l", "en",
                "-w", "0", "--no-obsolete", *session.posargs, env=env)  # fmt: skip
    session.run("sphinx-intl", "stat", "-d", "docs/locale", "-l", "en")


@nox.session
def lint(session: nox.Session) -> None:
    """Lint and check formatting with ruff."""
    install(session, "lint")
    session.run("ruff", "check", *session.posargs)
    session.run("ruff", "format", "--check", "--diff")
