"""Build benchmark: where the time goes, measured on this machine.

Run through ``nox -s bench``. Writes ``build/bench/report.json`` and
``build/bench/report.md``. It rebuilds from scratch several times and edits
one example and one page (restoring them), so it takes a few minutes.
"""

from __future__ import annotations

import json
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from reproducible import differences

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
GALLERY_OUT = ROOT / "docs" / "auto_gallery"
OUT = BUILD / "bench"
LANGUAGES = ("zh_CN", "en")
EXAMPLE = ROOT / "gallery" / "tensors" / "plot_clamp.py"
PAGE = ROOT / "docs" / "tensors" / "clamp.md"
BUDGETS = {
    "second_language_ratio": ("≤", 0.3),
    "noop_rebuild_s": ("≤", 5.0),
    "examples_rerun_after_one_edit": ("=", 1),
    "clean_to_code_ratio": ("≤", 1.5),
    "tests_s": ("≤", 600.0),
    "files_differing_between_clean_builds": ("=", 0),
}


def sphinx(language: str) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "sphinx", "-nW", "--keep-going", "-j", "auto", "-b", "html"]
    cmd += ["-D", f"language={language}"]
    cmd += ["-d", str(BUILD / "doctrees" / language), str(ROOT / "docs"), str(BUILD / "html" / language)]
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build failed ({language}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, result.stdout + result.stderr


def clean() -> None:
    shutil.rmtree(BUILD / "html", ignore_errors=True)
    shutil.rmtree(BUILD / "doctrees", ignore_errors=True)
    shutil.rmtree(BUILD / ".jupyter_cache", ignore_errors=True)
    shutil.rmtree(BUILD / "jupyter_execute", ignore_errors=True)
    shutil.rmtree(BUILD / "gallery", ignore_errors=True)
    (BUILD / "outputs-environment.json").unlink(missing_ok=True)
    shutil.rmtree(GALLERY_OUT, ignore_errors=True)


def notebook_seconds(log: str) -> float:
    return sum(float(s) for s in re.findall(r"Executed notebook in ([\d.]+) seconds", log))


def examples_run(log: str) -> int:
    return len(re.findall(r"gallery: \S+ ran in", log))


def gallery_seconds(log: str) -> float:
    return sum(float(s) for s in re.findall(r"gallery: \S+ ran in ([\d.]+) s", log))


def edited(path: Path, addition: str):
    """Context manager: append to a file, restore it afterwards."""

    class _Edit:
        def __enter__(self):
            self.text = path.read_text(encoding="utf-8")
            path.write_text(self.text + addition, encoding="utf-8")

        def __exit__(self, *exc):
            path.write_text(self.text, encoding="utf-8")

    return _Edit()


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    r: dict[str, float | int | str] = {"machine": f"{platform.machine()}, {platform.python_version()}"}

    clean()
    r["clean_zh_s"], log_zh = sphinx("zh_CN")
    r["second_language_en_s"], _ = sphinx("en")
    r["clean_bilingual_s"] = r["clean_zh_s"] + r["second_language_en_s"]
    r["second_language_ratio"] = r["second_language_en_s"] / r["clean_zh_s"]
    r["code_notebooks_s"] = notebook_seconds(log_zh)
    r["code_gallery_s"] = gallery_seconds(log_zh)
    r["code_total_s"] = r["code_notebooks_s"] + r["code_gallery_s"]
    r["clean_to_code_ratio"] = r["clean_bilingual_s"] / r["code_total_s"]
    r["site_mb"] = size_mb(BUILD / "html")
    first_build = OUT / "first-clean-html"
    shutil.rmtree(first_build, ignore_errors=True)
    shutil.copytree(BUILD / "html", first_build)

    r["noop_rebuild_s"] = statistics.median(sphinx(lang)[0] for lang in LANGUAGES for _ in range(2))

    with edited(EXAMPLE, "\n# benchmark edit\n"):
        r["edit_example_zh_s"], log = sphinx("zh_CN")
        r["examples_rerun_after_one_edit"] = examples_run(log)
    with edited(PAGE, "\n```{code-cell} ipython3\n1 + 1\n```\n"):
        r["edit_page_code_zh_s"], log = sphinx("zh_CN")
        r["notebooks_rerun_after_one_edit"] = len(re.findall(r"Executed notebook in", log))
    for language in LANGUAGES:  # back to the committed sources
        sphinx(language)

    clean()
    r["clean_en_alone_s"], _ = sphinx("en")
    r["zh_after_en_s"], _ = sphinx("zh_CN")
    diff = differences(first_build, BUILD / "html")  # two clean builds, in the other order
    r["files_differing_between_clean_builds"] = len(diff)
    (OUT / "differences.txt").write_text("".join(f"{name}\n" for name in diff), encoding="utf-8")
    shutil.rmtree(first_build)

    start = time.perf_counter()
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT)
    r["tests_s"] = time.perf_counter() - start
    r["tests_passed"] = tests.returncode == 0

    report = {k: round(v, 2) if isinstance(v, float) else v for k, v in r.items()}
    (OUT / "report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    lines = ["| measure | value | budget |", "| --- | --- | --- |"]
    for key, value in report.items():
        budget = ""
        if key in BUDGETS:
            op, limit = BUDGETS[key]
            ok = value <= limit if op == "≤" else value == limit
            budget = f"{op} {limit} {'✅' if ok else '❌'}"
        lines.append(f"| {key} | {value} | {budget} |")
    (OUT / "report.md").write_text("# Build benchmark\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
