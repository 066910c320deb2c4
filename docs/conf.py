"""Sphinx configuration. Source language zh_CN; English from locale/en (gettext).

Build one language with ``-D language=en``; ``nox -s docs`` builds both.
Logic lives in the small extensions under ``_ext/``.
"""

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
#: The parts of the notes, in reading order: one folder each in docs/ and gallery/.
PARTS = ["tensors", "basics", "layers", "losses", "cnn", "training"]

# -- Project -----------------------------------------------------------------
project = "PyTorch 笔记"  # per-language title: notes_i18n
author = "PyTorch Notes contributors"
copyright = "2026, PyTorch Notes contributors"
language = "zh_CN"

# -- General -----------------------------------------------------------------
extensions = [
    "sphinx.ext.extlinks",
    "myst_nb",
    "sphinx_gallery.gen_gallery",
    "sphinx_copybutton",
    "sphinx_design",
    "notes_i18n",
    "notes_head",
    "notes_assets",
    "notes_exec",
    "notes_search",
    "notes_claims",
    "notes_gallery",
    "notes_glossary",
    "notes_mathjax",
    "notes_a11y",
    "notes_notfound",
]
nitpicky = True
exclude_patterns = [
    "_build",
    "_data",
    "_ext",
    "_templates",
    "locale",
    "**.ipynb_checkpoints",
    "auto_gallery/**/*.ipynb",  # sphinx-gallery's notebooks are downloads, not pages
    "auto_gallery/**/*.py",
]
templates_path = ["_templates"]
trim_doctest_flags = False
# API links without an inventory (builds are offline): {torch}`torch.broadcast_shapes`
extlinks = {"torch": ("https://docs.pytorch.org/docs/stable/generated/%s.html", "%s")}

# -- i18n --------------------------------------------------------------------
locale_dirs = ["locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = False  # line numbers would churn every catalog on each edit

# -- MyST / MyST-NB ----------------------------------------------------------
myst_enable_extensions = ["colon_fence", "dollarmath", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "build" / ".jupyter_cache")
nb_execution_timeout = 120
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_output_stderr = "warn"  # a stray warning (a missing glyph, a deprecation) fails -W
nb_merge_streams = True

# -- sphinx-gallery ----------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": ["../gallery"],
    "gallery_dirs": ["auto_gallery"],
    "filename_pattern": r"/plot_",
    "subsection_order": [f"../gallery/{part}" for part in PARTS],
    "within_subsection_order": "FileNameSortKey",
    "reset_modules": ("matplotlib", "notes_exec.setup_matplotlib"),  # names, not objects
    "remove_config_comments": True,
    "min_reported_time": 10**9,  # run times churn the catalogs; the benchmark reports them
    "write_computation_times": False,
    "download_all_examples": True,
    "show_signature": False,
    "show_memory": False,
    "abort_on_example_error": False,  # report every broken example, then fail
}

# -- HTML --------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_css_files = ["notes.css", "notes-quality.css"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "navbar_end": ["language-switcher", "theme-switcher"],
    "footer_start": ["copyright", "runtime-versions"],
    "footer_end": [],
    "show_toc_level": 2,
    "header_links_before_dropdown": 4,
    "navigation_with_keys": False,
}
html_context = {"default_mode": "auto"}
copybutton_exclude = ".linenos, .gp, .go"  # copy doctests without prompts and outputs
