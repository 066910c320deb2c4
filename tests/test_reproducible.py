"""Two clean builds give byte-identical pages, figures and downloads (zips and notebooks included).

A tiny copy of the site (our conf.py and extensions) with one executed page and one gallery example,
both drawing a figure, is built twice from scratch. ``SOURCE_DATE_EPOCH`` is
respected: it is the only time stored in the downloads. ``nox -s bench`` runs the same comparison on the
whole site (``reproducible`` in its report).
"""

import shutil
import sys
import time
import zipfile

import pytest
from nbformat import NotebookNode

from benchmarks.reproducible import differences
from tests.builtsite import DOCS
from tests.test_build_errors import FRONT_MATTER, build, tiny_site

sys.path.insert(0, str(DOCS / "_ext"))
import notes_exec

EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z

PAGE = (
    FRONT_MATTER
    + """

# 可复现

```{code-cell} ipython3
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
x = torch.randn(200, 2)
print(x.mean(0))
```

```{code-cell} ipython3
fig, ax = plt.subplots(figsize=(3, 2))
ax.scatter(x[:, 0], x[:, 1], s=4)
ax.set_title("randn")
plt.show()
```
"""
)

EXAMPLE = '''\
"""
可复现示例
==========

画一幅图。
"""

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
w = torch.randn(5, 5)
print(w.sum())
plt.imshow(w)
plt.title("randn(5, 5)")
plt.show()
'''


def test_differences_finds_changed_missing_and_extra_files(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        (folder / "sub").mkdir(parents=True)
        (folder / "same.html").write_text("same")
    (a / "sub" / "fig.png").write_bytes(b"\x89PNG1")
    (b / "sub" / "fig.png").write_bytes(b"\x89PNG2")
    (a / "only-a.zip").write_bytes(b"")
    (b / "only-b.js").write_bytes(b"")
    assert differences(a, b) == ["only-a.zip (missing in b)", "only-b.js (missing in a)", "sub/fig.png"]
    assert differences(a, a) == []


def stream(text, name="stdout"):
    return NotebookNode(output_type="stream", name=name, text=text)


def test_printed_output_does_not_depend_on_where_the_kernel_cut_it():
    """``print("label:", value)`` reads the same whether it arrived in one chunk or in two."""
    whole = notes_exec._exact_streams([stream("FC == conv: True\nnext\n")])
    for cut in (3, 11, 12, 17):
        text = "FC == conv: True\nnext\n"
        chunks = [stream(text[:cut]), stream(text[cut:])]
        assert notes_exec._exact_streams(chunks) == whole, cut
        assert chunks[0]["text"] == text[:cut], "the cached outputs must not be changed"
    figure = NotebookNode(output_type="display_data", data={}, metadata={})
    merged = notes_exec._exact_streams([stream("a"), stream("b\n"), figure, stream("c\n")])
    assert [o.get("text") for o in merged] == ["ab\nc\n", None]  # stdout gathered before the figure


@pytest.mark.build
def test_two_clean_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.delenv("NOTES_CACHE_SALT", raising=False)
    site = tmp_path / "site"
    for name in ("first", "second"):
        shutil.rmtree(site, ignore_errors=True)  # clean: no cache, no earlier output
        site.mkdir()
        docs = tiny_site(site, page=PAGE, example=EXAMPLE)
        code, log = build(docs)
        assert code == 0, log[-3000:]
        shutil.rmtree(site / "out" / ".doctrees")  # Sphinx's pickles, not part of the site
        (site / "out").rename(tmp_path / name)
    first, second = tmp_path / "first", tmp_path / "second"

    figures = [p for p in first.rglob("*.png") if "_static" not in p.parts]
    assert len(figures) >= 3, figures  # the page's figure, the example's figure and its thumbnail
    zips = sorted(first.rglob("*.zip"))
    assert len(zips) >= 2 and list(first.rglob("*.ipynb")), "the downloads were not built"
    assert differences(first, second) == [], "two clean builds differ"

    expected = time.gmtime(EPOCH)[:6]
    for archive in zips:
        with zipfile.ZipFile(archive) as z:
            assert {info.date_time for info in z.infolist()} == {expected}, archive
