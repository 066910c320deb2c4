"""Build-time execution: one environment for MyST-NB kernels and sphinx-gallery.

* Code cells and gallery examples see the repository root on ``sys.path``
  (so pages can import ``snippets``) and draw Chinese text with a CJK font.
* MyST-NB's executed notebooks go to ``build/jupyter_execute`` instead of the
  folder beside the HTML output, so the published site holds only HTML.
* Every page's context carries the versions that produced its outputs, and the
  outputs follow the environment: when Python, torch, numpy or matplotlib
  change (or ``NOTES_CACHE_SALT`` does), every page and example runs again.
  MyST-NB's and sphinx-gallery's own caches key on the code alone.
* Printed output reads the same in every build: the kernel cuts stdout into
  chunks wherever its flush timer fires, and MyST-NB ends each chunk with a
  newline; here the chunks are joined first, exactly as they were printed.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
from importlib import metadata
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
#: The packages whose versions decide what executed outputs look like.
RUNTIME = ("torch", "numpy", "matplotlib")
CJK_FONT = "Noto Sans CJK SC"


def font_path() -> Path:
    """The CJK font shipped by the pinned ``mplfonts`` package."""
    try:
        import mplfonts
    except ImportError as exc:  # a missing font is a build error, not tofu
        raise ExtensionError("mplfonts is not installed: figures cannot draw Chinese text") from exc
    return Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"


def setup_matplotlib(gallery_conf=None, fname=None) -> None:
    """Register the CJK font and a clean default style.

    Runs once in each MyST-NB kernel (IPython start-up) and before every
    gallery example (sphinx-gallery ``reset_modules``); the signature is the
    one sphinx-gallery calls.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    if CJK_FONT not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(font_path()))
    mpl.rcdefaults()
    mpl.rcParams.update(
        {
            # glyph by glyph: DejaVu Sans (the default sans-serif) first, then the CJK font
            "font.family": ["sans-serif", CJK_FONT],
            "figure.dpi": 100,
            "savefig.bbox": "tight",
            "svg.hashsalt": "pytorch-notes",  # deterministic ids if SVG is ever used
        }
    )


def versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in RUNTIME}


def environment() -> dict[str, str]:
    """What executed outputs depend on besides the code: the interpreter and the runtime packages."""
    env = {"python": platform.python_version(), **versions()}
    if salt := os.environ.get("NOTES_CACHE_SALT"):
        env["salt"] = salt  # a deliberate "run everything again"
    return env


def _outputs_follow_environment(app) -> None:
    """Drop the execution caches when the environment that filled them has changed."""
    stamp = BUILD / "outputs-environment.json"
    current = app.config.notes_runtime_versions
    previous = json.loads(stamp.read_text(encoding="utf-8")) if stamp.exists() else None
    if previous is not None and previous != current:
        logger.info("environment changed (%s -> %s): executing all code again", previous, current)
        shutil.rmtree(BUILD / ".jupyter_cache", ignore_errors=True)
        for folder in app.config.sphinx_gallery_conf["gallery_dirs"]:
            for md5 in Path(app.srcdir, folder).rglob("*.md5"):
                md5.unlink()
    BUILD.mkdir(exist_ok=True)
    stamp.write_text(json.dumps(current, sort_keys=True), encoding="utf-8")


def _kernel_environment(app) -> None:
    """Make every kernel start with the repository importable and fonts set."""
    startup = BUILD / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    script = (
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "import notes_exec\n"
        "notes_exec.setup_matplotlib()\n"
    )
    target = startup / "00-notes.py"
    if not target.exists() or target.read_text() != script:
        target.write_text(script)
    os.environ["IPYTHONDIR"] = str(startup.parents[1])
    path = os.environ.get("PYTHONPATH", "")
    if str(ROOT) not in path.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), path) if p)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # MyST-NB writes executed notebooks beside the output folder; keep them out of the site.
    app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(BUILD / "jupyter_execute"))


def _exact_streams(outputs: list) -> list:
    """MyST-NB's ``coalesce_streams``, after joining consecutive chunks of one stream as printed.

    MyST-NB 1.4 strips every chunk and appends a newline, so ``print("label:", value)`` shows on two lines
    whenever a flush falls between the two words: the page would depend on timing.
    """
    from myst_nb.core.utils import coalesce_streams
    from nbformat import NotebookNode

    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if output["output_type"] == "stream" and previous and previous.get("name") == output["name"]:
            previous["text"] += output["text"]
        else:
            joined.append(NotebookNode(output) if output["output_type"] == "stream" else output)
    return coalesce_streams(joined)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    context["runtime_versions"] = {k: v for k, v in app.config.notes_runtime_versions.items() if k != "salt"}


def _config_inited(app, config) -> None:
    config.notes_runtime_versions = environment()


def _point_at_failed_cell(app, exception) -> None:
    """Name the line of the page where a code cell raised (MyST-NB names only the file)."""
    err = exception
    while err is not None and type(err).__name__ != "ExecutionError":
        err = err.__cause__ or err.__context__
    cause = getattr(err, "__cause__", None)
    if cause is None or not hasattr(cause, "ename"):
        return
    path = Path(str(err))
    trace = re.sub(r"\x1b\[[0-9;]*m", "", str(cause))
    where = re.findall(r"In\[(\d+)\], line (\d+)", trace)
    if not where or not path.is_file():
        return
    cell, line = (int(n) for n in where[-1])
    fences = [
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("```{code-cell}")
    ]
    if cell <= len(fences):
        logger.error(
            "%s:%d: code cell %d raised %s: %s", path, fences[cell - 1] + line, cell, cause.ename, cause.evalue
        )


def setup(app):
    import myst_nb.core.render

    myst_nb.core.render.coalesce_streams = _exact_streams
    # "env": a new environment makes Sphinx read (and so execute) every page again
    app.add_config_value("notes_runtime_versions", {}, "env", types=(dict,))
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _outputs_follow_environment, priority=50)  # before the gallery runs
    app.connect("builder-inited", _kernel_environment, priority=600)  # after MyST-NB's own
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _point_at_failed_cell)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
