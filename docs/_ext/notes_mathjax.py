"""Math renders without a network: MathJax is served from the site itself.

Sphinx loads MathJax from a CDN by default, which breaks offline and behind
firewalls. The pinned ``sphinx-mathjax-offline`` package ships MathJax 3; we
copy only what the pages use (the ``tex-chtml`` bundle and its web fonts,
about 1.6 MB) instead of the package's whole 24 MB tree.
"""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

from sphinx.errors import ExtensionError

BUNDLE = "tex-chtml.js"
FONTS = Path("output", "chtml", "fonts", "woff-v2")


def mathjax_source() -> Path:
    try:
        dist = metadata.distribution("sphinx-mathjax-offline")
    except metadata.PackageNotFoundError as exc:
        raise ExtensionError("sphinx-mathjax-offline is not installed: math would need a CDN") from exc
    return Path(dist.locate_file("sphinx-mathjax-offline")) / "static" / "mathjax"


def _config_inited(app, config) -> None:
    config.mathjax_path = f"mathjax/{BUNDLE}"


def _copy(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source, target = mathjax_source(), Path(app.outdir, "_static", "mathjax")
    for relative in (Path(BUNDLE), *(FONTS / f.name for f in (source / FONTS).iterdir())):
        destination = target / relative
        if not destination.exists() or destination.stat().st_size != (source / relative).stat().st_size:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / relative, destination)


def setup(app):
    app.connect("config-inited", _config_inited)
    app.connect("build-finished", _copy)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
