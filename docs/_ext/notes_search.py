"""Search that finds what readers type, in Chinese and in English.

The glossary (``_data/glossary.toml``) drives it:

* jieba gets every Chinese name of every term as a word, so 交叉熵, 学习率 or
  深度可分离卷积 are indexed whole (jieba's own dictionary cuts them apart);
* API names are indexed in the forms readers type: ``torch.nn.CrossEntropyLoss``
  also as ``nn.CrossEntropyLoss`` and ``CrossEntropyLoss`` (lower-cased, as
  every index word is);
* the page that treats a term gets all its names, in both languages and as
  API names, as title words and as (search-only) index entries, so a Chinese
  term finds the page on the English site and the other way round, and an
  exact term ranks that page first;
* in the browser (``notes_search.js``), a Chinese query is cut into the words
  of the index by longest match (交叉熵损失函数 -> 交叉熵 / 损失函数), and pages
  are scored by all the words they match, not only the best one;
* each result shows a summary that the index carries: the first paragraph of
  its section, or for a page, of its first section that has a word of the
  query, as plain text, math included, in the build's language. Sphinx would
  fetch every result's page to cut an excerpt from it (15 pages for one
  query, most of the search page's weight and wait).

It also fixes what Sphinx 9.0.x leaves silent for ``language = "zh_CN"``:

* without jieba, no Chinese word is indexed at all (the log still says it
  dumped a Chinese index): here a missing jieba is a build error, and so is a
  missing or invalid glossary;
* the search page throws ``ChineseStemmer is not defined`` in the browser
  (sphinx-doc/sphinx#14229): the Chinese indexer stems Latin words with the
  English Snowball stemmer, so the browser must get ``EnglishStemmer`` too.
"""

from __future__ import annotations

import functools
import io
import logging
import re
from pathlib import Path

from docutils import nodes
from notes_glossary import load_terms
from notes_head import description, paragraph_text, shorten
from sphinx import search
from sphinx.errors import ConfigError
from sphinx.search.en import SearchEnglish
from sphinx.search.zh import SearchChinese

GLOSSARY = Path("_data", "glossary.toml")
JS = Path(__file__).with_name("notes_search.js")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LETTER = re.compile(r"[^\W\d_]")
#: API names as written in the pages: torch.nn.CrossEntropyLoss, nn.Linear, torch.Tensor.add_
API_NAME = re.compile(r"(?<![A-Za-z0-9_.])(?:torch|nn)(?:\.[A-Za-z_][A-Za-z0-9_]*)+")


def api_forms(name: str) -> list[str]:
    """``torch.nn.CrossEntropyLoss`` -> itself, ``nn.CrossEntropyLoss``, ``CrossEntropyLoss``."""
    parts = name.split(".")
    return [".".join(parts[i:]) for i in range(len(parts))]


def term_names(term: dict) -> list[str]:
    """Every name a reader may type for a term, in both languages."""
    names = [term["zh"], *term.get("zh_alt", []), term["en"], *term.get("en_alt", [])]
    names += [re.sub(r"[-–]", " ", name) for name in names if re.search(r"\w[-–]\w", name)]  # cross entropy
    if term.get("api"):
        names += api_forms(term["api"])
    return list(dict.fromkeys(names))


def glossary_names(path: Path) -> dict[str, list[str]]:
    """page -> the names of the terms it treats. Every name belongs to one page only."""
    try:
        terms = load_terms(path)
    except (OSError, ValueError, KeyError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise ConfigError(f"search needs the glossary {path}: {exc}") from exc
    pages: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    for term in terms:
        for name in term_names(term):
            other = owner.setdefault(name.lower(), term["key"])
            if other != term["key"]:
                raise ConfigError(f"{path}: {name!r} names two terms, {other!r} and {term['key']!r}")
            pages.setdefault(term["page"], []).append(name)
    return pages


class GlossaryLanguage:
    """What the Chinese and the English indexer share: the glossary and API names."""

    def _load_glossary(self, options: dict[str, str]) -> None:
        if "glossary" not in options:
            raise ConfigError("html_search_options has no 'glossary' (notes_search sets it)")
        self.page_names = glossary_names(Path(options["glossary"]))

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        for match in API_NAME.finditer(input):
            words += api_forms(match.group(0))[:-1]  # the last part is a word already
        return words

    @property
    def js_splitter_code(self) -> str:
        return JS.read_text(encoding="utf-8")


class SearchEnglishNotes(GlossaryLanguage, SearchEnglish):
    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._load_glossary(options)


class SearchChineseNotes(GlossaryLanguage, SearchChinese):
    """Sphinx's Chinese indexer, with the glossary's words and the browser-side stemmer it really uses."""

    js_stemmer_rawcode = None

    def word_filter(self, stemmed_word: str) -> bool:
        """Sphinx's, and a word must have a letter: jieba keeps 0.0003162 or ``...`` from the outputs whole,
        a quarter of its words, where the English indexer drops numbers."""
        return super().word_filter(stemmed_word) and LETTER.search(stemmed_word) is not None

    def __init__(self, options: dict[str, str]) -> None:
        try:
            import jieba
        except ImportError as exc:
            raise ConfigError("Chinese search needs jieba: pip install jieba") from exc
        jieba.setLogLevel(logging.WARNING)  # its progress lines are not build output
        if options.get("dict") and not Path(options["dict"]).is_file():
            raise ConfigError(f"html_search_options: no jieba dictionary at {options['dict']}")
        # jieba loads its own dictionary anyway; Sphinx would load it a second time as a user dictionary
        super().__init__({"dict": "", **options})
        self._load_glossary(options)
        for names in self.page_names.values():
            for name in names:
                if CJK.search(name) and not re.search(r"\s", name):
                    jieba.add_word(name)

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


def summaries(doctree: nodes.document) -> list[tuple[str, str]]:
    """(anchor, summary) of the page ('') and of each section, in the page's order. A section's summary
    is its first paragraph of its own prose (not a claim's or a note's) where it has one; a section that
    says what the page says is left out."""
    page = description(doctree)
    found = [("", page)] if page else []
    for section in doctree.findall(nodes.section):
        if not section["ids"]:
            continue
        texts = ((p.parent is section, paragraph_text(p)) for p in section.findall(nodes.paragraph))
        texts = [(own, text) for own, text in texts if text]
        if texts:
            text = shorten(next((text for own, text in texts if own), texts[0][1]))
            if text not in (summary for _, summary in found):
                found.append((section["ids"][0], text))
    return found


class NotesIndexBuilder(search.IndexBuilder):
    """Sphinx's index, plus: the page that treats a term gets all its names as title words and index
    entries; and every page and section has its summary (``summaries``, in the order of ``docnames``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._summaries: dict[str, list[tuple[str, str]]] = {}  # docname -> (anchor, summary)

    def load(self, stream, format) -> None:
        """The previous build's index: an incremental build feeds only the pages it writes."""
        text = stream.read()
        super().load(io.StringIO(text) if isinstance(text, str) else io.BytesIO(text), format)
        frozen = (self.formats[format] if isinstance(format, str) else format).loads(text)
        self._summaries = dict(zip(frozen["docnames"], frozen.get("summaries", []), strict=False))

    def prune(self, docnames) -> None:
        super().prune(docnames)
        for mapping in (self._mapping, self._title_mapping):  # Sphinx keeps words of no page, as []
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]
        self._summaries = {docname: self._summaries[docname] for docname in docnames if docname in self._summaries}

    def feed(self, docname, filename, title, doctree) -> None:
        super().feed(docname, filename, title, doctree)
        self._summaries[docname] = summaries(doctree)  # resolved: cross-references read as their titles
        names = getattr(self.lang, "page_names", {}).get(docname, []) if title else []
        stem = functools.cache(lambda word: self.lang.stem(word).lower())
        for name in names:
            for word in self.lang.split(name):
                for key in (stem(word), word.lower()):
                    if self.lang.word_filter(key):
                        self._title_mapping.setdefault(key, set()).add(docname)
                        break

    def freeze(self):
        # Index entries, not in the general index (built earlier). Added here, not in feed(): Sphinx
        # keeps them in the environment, which it saves before writing, so a page that an incremental
        # build does not write again would lose them.
        for docname, names in getattr(self.lang, "page_names", {}).items():
            if self._titles.get(docname):
                entries = {(name, "", "main") for name in names}
                self._index_entries[docname] = sorted(set(self._index_entries.get(docname, [])) | entries)
        frozen = super().freeze()
        frozen["summaries"] = [self._summaries.get(docname, []) for docname in frozen["docnames"]]
        return frozen


def _configure(app, config) -> None:
    options = dict(config.html_search_options or {})
    options.setdefault("glossary", str(Path(app.srcdir, GLOSSARY)))
    config.html_search_options = options
    config.html_show_search_summary = False  # Sphinx's summaries fetch every result's page; ours are in the index


def _check(app) -> None:
    """Fail before anything runs, not after every page was read."""
    if not getattr(app.builder, "search", False):
        return
    language = app.config.html_search_language or app.config.language
    found = search.languages.get(language) or search.languages.get(language.partition("_")[0])
    if found is None:  # Sphinx would quietly index the Chinese text as English
        raise ConfigError(f"no search language for {language!r} (write zh_CN, not zh-CN)")
    if found is SearchChineseNotes:
        SearchChineseNotes(app.config.html_search_options)  # jieba and the glossary: the indexer needs both
    else:
        glossary_names(Path(app.config.html_search_options["glossary"]))


def setup(app):
    search.languages["zh"] = SearchChineseNotes
    search.languages["en"] = SearchEnglishNotes
    search.IndexBuilder = NotesIndexBuilder  # the HTML builder looks it up when it starts writing
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _check)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
