"""Build-time execution: one environment for MyST-NB kernels and sphinx-gallery.

* Code cells and gallery examples see the repository root on ``sys.path``
  (so pages can import ``snippets``) and draw Chinese text with a CJK font.
* MyST-NB's executed notebooks go to ``build/jupyter_execute`` instead of the
  folder beside the HTML output, so the published site holds only HTML.
* Every page's context carries the versions that produced its outputs.
"""

from __future__ import annotations

import os
import re
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


def _page_context(app, pagename, templatename, context, doctree) -> None:
    context["runtime_versions"] = app.config.notes_runtime_versions


def _config_inited(app, config) -> None:
    config.notes_runtime_versions = versions()


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
    app.add_config_value("notes_runtime_versions", {}, "html", types=(dict,))
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _kernel_environment, priority=600)  # after MyST-NB's own
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _point_at_failed_cell)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
