"""A broken page cell or a broken example fails the build and names the file and line.

Each test builds a tiny copy of the site (our conf.py and extensions, one page
or one example) in a temporary folder.
"""

import shutil
import subprocess
import sys
import textwrap

import pytest

from tests.builtsite import DOCS

pytestmark = pytest.mark.build

#: what makes a Markdown page an executed MyST-NB notebook
FRONT_MATTER = """\
---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
  language: python
---
"""

PAGE = (
    FRONT_MATTER
    + """

# 坏页面

```{code-cell} ipython3
x = 1
```

```{code-cell} ipython3
y = x + 1
raise ValueError("deliberately broken cell")
```
"""
)

EXAMPLE = '''\
"""
坏示例
======

这个示例故意出错。
"""

import torch

x = torch.ones(2)
y = x + torch.ones(3)  # line 11: shapes (2,) and (3,) do not broadcast
'''


def tiny_site(tmp_path, page=None, example=None):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DOCS / "conf.py", docs)
    for folder in ("_ext", "_templates", "_static"):
        shutil.copytree(DOCS / folder, docs / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (docs / "_data").mkdir()
    (docs / "_data" / "glossary.toml").write_text('[[term]]\nkey = "x"\nzh = "坏"\nen = "bad"\npage = "broken"\n')
    (docs / "index.md").write_text(
        textwrap.dedent("""\
        # 首页

        ```{toctree}
        broken
        auto_gallery/index
        ```
        """)
    )
    (docs / "broken.md").write_text(page or "# 好页面\n\n正常。\n")
    gallery = tmp_path / "gallery"
    (gallery / "tensors").mkdir(parents=True)
    (gallery / "GALLERY_HEADER.rst").write_text("图库\n====\n")
    (gallery / "tensors" / "GALLERY_HEADER.rst").write_text("部分\n----\n")
    (gallery / "tensors" / "plot_broken.py").write_text(example or '"""\n好示例\n======\n\n正常。\n"""\n\nprint(1)\n')
    return docs


def build(docs):
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-nW", "--keep-going", "-b", "html", str(docs), str(docs.parent / "out")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return result.returncode, result.stdout + result.stderr


def test_tiny_site_builds_when_nothing_is_broken(tmp_path):
    code, log = build(tiny_site(tmp_path))
    assert code == 0, log[-3000:]


def test_broken_cell_fails_the_build_naming_file_and_cell(tmp_path):
    docs = tiny_site(tmp_path, page=PAGE)
    code, log = build(docs)
    assert code != 0, "a cell that raises must fail the build"
    assert str(docs / "broken.md") in log, log[-3000:]
    assert "deliberately broken cell" in log
    line = PAGE.splitlines().index('raise ValueError("deliberately broken cell")') + 1
    assert f"broken.md:{line}: code cell 2 raised ValueError" in log, log[-3000:]


def test_broken_example_fails_the_build_naming_file_and_line(tmp_path):
    docs = tiny_site(tmp_path, example=EXAMPLE)
    code, log = build(docs)
    assert code != 0, "an example that raises must fail the build"
    assert "plot_broken.py" in log, log[-3000:]
    assert "line 11" in log, log[-3000:]
    assert "must match the size" in log
