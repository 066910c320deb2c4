"""Figures drawn at build time render Chinese text: the CJK font is installed and used."""

import sys
import warnings

import matplotlib
import pytest

from tests.builtsite import DOCS

matplotlib.use("Agg")
sys.path.insert(0, str(DOCS / "_ext"))
import notes_exec


def test_font_file_comes_from_the_pinned_package():
    path = notes_exec.font_path()
    assert path.is_file() and path.stat().st_size > 1_000_000


def test_chinese_text_has_no_missing_glyphs(tmp_path):
    import matplotlib.pyplot as plt

    notes_exec.setup_matplotlib()
    fig, ax = plt.subplots()
    ax.set_title("广播机制：交叉熵损失 (broadcasting)")
    ax.set_xlabel("学习率 −0.5")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" is a UserWarning
        fig.savefig(tmp_path / "zh.png")
    plt.close(fig)


def test_without_the_font_the_same_figure_fails(tmp_path):
    """The check above can fail: with only DejaVu Sans the glyphs are missing."""
    import matplotlib.pyplot as plt

    matplotlib.rcdefaults()
    fig, ax = plt.subplots()
    ax.set_title("广播机制")
    with pytest.warns(UserWarning, match="missing from font"):
        fig.savefig(tmp_path / "tofu.png")
    plt.close(fig)
