"""Executed outputs follow the environment: code runs once, and again when the environment changes.

MyST-NB's cache keys on the code cells and sphinx-gallery's on the script's md5; neither sees a new
torch. The build adds the environment (Python, torch, numpy, matplotlib, ``NOTES_CACHE_SALT``).
"""

import re

import pytest

from tests.test_build_errors import FRONT_MATTER, build, tiny_site

pytestmark = pytest.mark.build

PAGE = (
    FRONT_MATTER
    + """

# 随机

```{code-cell} ipython3
import os
print("page", os.urandom(6).hex())
```
"""
)

EXAMPLE = '''\
"""
随机示例
========

每次运行输出不同。
"""

import os

print("example", os.urandom(6).hex())
'''


def outputs(docs):
    out = docs.parent / "out"
    page = (out / "broken.html").read_text(encoding="utf-8")
    example = (out / "auto_gallery" / "tensors" / "plot_broken.html").read_text(encoding="utf-8")
    return re.search(r"page [0-9a-f]{12}", page)[0], re.search(r"example [0-9a-f]{12}", example)[0]


def test_outputs_are_reused_until_the_environment_changes(tmp_path, monkeypatch):
    monkeypatch.delenv("NOTES_CACHE_SALT", raising=False)
    docs = tiny_site(tmp_path, page=PAGE, example=EXAMPLE)
    assert build(docs)[0] == 0
    first = outputs(docs)
    assert build(docs)[0] == 0
    assert outputs(docs) == first, "nothing changed: nothing may run again"

    monkeypatch.setenv("NOTES_CACHE_SALT", "new-environment")
    code, log = build(docs)
    assert code == 0, log[-3000:]
    second = outputs(docs)
    assert second[0] != first[0], "the page did not run again in a new environment"
    assert second[1] != first[1], "the example did not run again in a new environment"
    assert "executing all code again" in log
