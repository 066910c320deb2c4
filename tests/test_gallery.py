"""Every gallery script runs alone, as a reader who downloaded it would run it.

Each runs in a fresh process, in an empty folder outside the repository, with
no access to the project's code; every generated notebook executes too.
"""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.builtsite import DOCS, ROOT

SCRIPTS = sorted((ROOT / "gallery").rglob("plot_*.py"))
NOTEBOOKS = sorted((DOCS / "auto_gallery").rglob("plot_*.ipynb"))


def name(path):
    return path.relative_to(ROOT).as_posix()


def reader_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "IPYTHONDIR"}}
    env.update(MPLBACKEND="Agg", MPLCONFIGDIR=str(tmp_path / "mpl"), PYTHONNOUSERSITE="1")
    return env


@pytest.mark.parametrize("script", SCRIPTS, ids=name)
def test_script_runs_standalone(script, tmp_path):
    copy = tmp_path / script.name
    copy.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-I", copy.name], cwd=tmp_path, env=reader_env(tmp_path),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, f"{name(script)} failed on its own:\n{result.stderr[-3000:]}"
    assert result.stdout.strip(), f"{name(script)} printed nothing"


def test_gallery_has_scripts_and_notebooks():
    assert SCRIPTS, "no gallery scripts"
    assert {n.stem for n in NOTEBOOKS} == {s.stem for s in SCRIPTS}, "notebooks missing: build the site first"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_notebook_executes(notebook, tmp_path, monkeypatch):
    for key, value in reader_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert outputs, f"{notebook.name} produced no output"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_zip_of_all_examples_holds_every_script_and_notebook(language):
    import zipfile

    site = ROOT / "build" / "html" / language / "_downloads"
    zips = {p.name: p for p in site.rglob("auto_gallery_*.zip")}
    assert set(zips) == {"auto_gallery_python.zip", "auto_gallery_jupyter.zip"}, sorted(zips)
    with zipfile.ZipFile(zips["auto_gallery_python.zip"]) as archive:
        names = set(archive.namelist())
        for script in SCRIPTS:
            member = script.relative_to(ROOT / "gallery").as_posix()
            assert member in names, member
            assert archive.read(member) == script.read_bytes(), f"{member} differs from the source"
        times = {info.date_time for info in archive.infolist()}
    assert len(times) == 1, "zip members carry build-time file times (not reproducible)"
    with zipfile.ZipFile(zips["auto_gallery_jupyter.zip"]) as archive:
        assert {Path(n).stem for n in archive.namelist()} == {s.stem for s in SCRIPTS}
