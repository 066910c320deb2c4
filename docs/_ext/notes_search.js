/*
 * The notes' query splitter and scorer (notes_search.py puts this file into
 * language_data.js; searchtools.js uses splitQuery and Scorer).
 *
 * splitQuery: Latin words as Sphinx splits them, except that an API name the
 * index knows stays whole (torch.clamp); a run of Chinese characters is cut
 * into the longest words the index knows, left to right
 * (交叉熵损失函数 -> 交叉熵 / 损失函数); a single character the index cannot
 * hold (的, 与) is dropped.
 *
 * Scorer.score: Sphinx scores a page by its best word only, so a page that
 * matches one word in a title ties with a page that matches every word. Here
 * a page scores the sum over the query's words (title 15, text 5, partial
 * 7 / 2), plus a bonus for the page that treats a glossary term of the query
 * (the index entries notes_search.py adds). Above all text matches: a query
 * that spells out half a section title or more, and above that, a query that
 * is exactly a glossary term's name.
 *
 * Summaries: each result, as searchtools.js adds it to the list, gets a
 * summary from the index (its section's, or for a page, that of the first
 * section with a word of the query), the query's words highlighted.
 * html_show_search_summary is off, so no result's page is fetched.
 */

var NotesSearch = {
  vocabulary: null, // every word of the index, and every glossary name
  longest: 1, // the longest Chinese word in it
  stemmer: null,
  words: [], // the last query, split

  known: (word) => {
    if (NotesSearch.vocabulary === null) {
      const index = Search._index;
      NotesSearch.vocabulary = new Set([
        ...Object.keys(index.terms),
        ...Object.keys(index.titleterms),
        ...Object.keys(index.indexentries),
      ]);
      for (const term of NotesSearch.vocabulary)
        if (/^\p{Script=Han}+$/u.test(term)) NotesSearch.longest = Math.max(NotesSearch.longest, term.length);
      NotesSearch.stemmer = new Stemmer();
    }
    const lower = word.toLowerCase();
    return NotesSearch.vocabulary.has(lower) || NotesSearch.vocabulary.has(NotesSearch.stemmer.stemWord(lower));
  },

  segment: (run) => {
    const words = [];
    let unknown = "";
    const flush = () => {
      // an unknown stretch of 3+ characters can still match part of a word
      if (unknown.length > 2) words.push(unknown);
      unknown = "";
    };
    for (let start = 0; start < run.length; ) {
      let length = Math.min(NotesSearch.longest, run.length - start);
      while (length > 1 && !NotesSearch.known(run.substr(start, length))) length--;
      if (length > 1) {
        flush();
        words.push(run.substr(start, length));
        start += length;
      } else {
        unknown += run[start];
        start += 1;
      }
    }
    flush();
    return words;
  },

  split: (query) => {
    const words = [];
    for (const token of query.split(/[^\p{Letter}\p{Number}_.\p{Emoji_Presentation}]+/u)) {
      const trimmed = token.replace(/^\.+|\.+$/g, "");
      if (!trimmed) continue;
      if (Search._index !== null && NotesSearch.known(trimmed)) {
        words.push(trimmed);
        continue;
      }
      for (const part of trimmed.split(/(\p{Script=Han}+)|\./u)) {
        if (!part) continue;
        if (/\p{Script=Han}/u.test(part) && Search._index !== null)
          words.push(...NotesSearch.segment(part));
        else words.push(part);
      }
    }
    return words;
  },

  /* the stemmed words Search._parseQuery searches for */
  searchWords: () => {
    const stemmer = new Stemmer();
    return [
      ...new Set(
        NotesSearch.words
          .map((word) => word.toLowerCase())
          .filter((word) => !stopwords.has(word) && !/^\d+$/.test(word))
          .map((word) => stemmer.stemWord(word)),
      ),
    ];
  },

  hasFile: (files, file) =>
    files !== undefined && (files === file || (files.length !== undefined && files.includes(file))),

  textScore: (file) => {
    const index = Search._index;
    let score = 0;
    for (const word of NotesSearch.searchWords()) {
      if (NotesSearch.hasFile(index.titleterms[word], file)) score += Scorer.title;
      else if (NotesSearch.hasFile(index.terms[word], file)) score += Scorer.term;
      else if (
        word.length > 2
        && Object.keys(index.titleterms).some(
          (term) => term.includes(word) && NotesSearch.hasFile(index.titleterms[term], file),
        )
      )
        score += Scorer.partialTitle;
      else if (word.length > 2) score += Scorer.partialTerm;
    }
    return score;
  },

  glossaryBonus: (file) => {
    const entries = Search._index.indexentries;
    let bonus = 0;
    for (const word of NotesSearch.words) {
      const found = entries[word.toLowerCase()];
      if (found && found.some(([entryFile, , isMain]) => entryFile === file && isMain)) bonus += 20;
    }
    return bonus;
  },

  /* under an item's link, the index's summary of its section; for a whole page, the summary of its
     first section that has a word of the query (else the page's own) */
  summarize: (item) => {
    const link = item.querySelector("a");
    if (!link) return;
    const [page, anchor = ""] = link.getAttribute("href").split("#");
    const docname = page.slice(0, page.length - DOCUMENTATION_OPTIONS.LINK_SUFFIX.length);
    const summaries = Search._index.summaries[Search._index.docnames.indexOf(docname)] || [];
    const words = [...new Set(NotesSearch.words.map((word) => word.toLowerCase()))];
    const mentions = ([, text]) => words.some((word) => text.toLowerCase().includes(word));
    const own = summaries.find(([section]) => section === anchor) || summaries[0];
    const [, text] = (anchor === "" && !(own && mentions(own)) && summaries.find(mentions)) || own || [];
    if (!text) return;
    const summary = item.appendChild(document.createElement("p"));
    summary.classList.add("context");
    summary.textContent = text;
    if (SPHINX_HIGHLIGHT_ENABLED)
      for (const word of words) _highlightText(summary, word, "highlighted");
  },
};

/* every result gets its summary before it is shown (Search.output: the result list of this search) */
NotesSearch.query = Search.query;
Search.query = (query) => {
  const list = Search.output;
  const append = list.appendChild.bind(list);
  list.appendChild = (item) => {
    NotesSearch.summarize(item);
    return append(item);
  };
  return NotesSearch.query(query);
};

var splitQuery = (query) => {
  const words = NotesSearch.split(query);
  NotesSearch.words = words;
  return words;
};

var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,

  score: (result) => {
    const [docname, , , , score, , kind] = result;
    const file = Search._index.docnames.indexOf(docname);
    if (kind === SearchResultKind.text)
      return NotesSearch.textScore(file) + NotesSearch.glossaryBonus(file);
    // the query is half a title or more (Sphinx: 15 x the share, + 1 for a page title)
    if (kind === SearchResultKind.title) return 30 * score;
    // the query is a glossary term's name (Sphinx: 100 when whole, 50 to 99 when half of it or more)
    if (kind === SearchResultKind.index && score >= 100) return 1000;
    return score;
  },
};
