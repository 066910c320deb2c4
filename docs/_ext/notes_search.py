"""Chinese search that works.

Sphinx 9.0.x has two silent failures for ``language = "zh_CN"``:

* without jieba, no Chinese word is indexed at all (the log still says it
  dumped a Chinese index): here a missing jieba is a build error;
* the search page throws ``ChineseStemmer is not defined`` in the browser
  (sphinx-doc/sphinx#14229): the Chinese indexer stems Latin words with the
  English Snowball stemmer, so the browser must get ``EnglishStemmer`` too.
"""

from __future__ import annotations

import logging

from sphinx import search
from sphinx.errors import ConfigError
from sphinx.search.zh import SearchChinese


class SearchChineseFixed(SearchChinese):
    """Sphinx's Chinese indexer, with the browser-side stemmer it really uses."""

    js_stemmer_rawcode = None

    def __init__(self, options: dict[str, str]) -> None:
        try:
            import jieba
        except ImportError as exc:
            raise ConfigError("Chinese search needs jieba: pip install jieba") from exc
        jieba.setLogLevel(logging.WARNING)  # its progress lines are not build output
        super().__init__(options)

    @property
    def js_stemmer_code(self) -> str:
        minified = search._MINIFIED_JS_PATH
        return "\n".join(
            (
                (minified / "base-stemmer.js").read_text(encoding="utf-8"),
                (minified / SearchChinese.js_stemmer_rawcode).read_text(encoding="utf-8"),
                "window.Stemmer = EnglishStemmer;",
            )
        )


def setup(app):
    search.languages["zh"] = SearchChineseFixed
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
