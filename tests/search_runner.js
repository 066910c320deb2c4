// Run a built site's own search code in node, without a browser.
//
//   node tests/search_runner.js build/html/zh_CN queries.json
//
// queries.json is a JSON list of query strings. The script loads the site's
// documentation_options.js, searchtools.js, language_data.js and searchindex.js
// (in the order the search page loads them) into one global scope with a
// minimal DOM stub, runs each query the way Search.query does, and prints a
// JSON object: query -> the docnames of the results, best first (the order
// in which the search page lists them).
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, queriesFile] = process.argv.slice(2);
if (!site || !queriesFile) {
  console.error("usage: node search_runner.js SITE_FOLDER QUERIES.json");
  process.exit(2);
}

const element = () => ({
  appendChild: (child) => child,
  removeChild: () => {},
  classList: { add: () => {} },
  dataset: {},
  setAttribute: () => {},
  querySelectorAll: () => [],
});
const context = {
  console,
  URLSearchParams,
  localStorage: { setItem: () => {}, getItem: () => null },
  document: {
    documentElement: { dataset: { content_root: "" } },
    body: element(),
    createElement: element,
    getElementById: () => null,
    querySelectorAll: () => [],
    addEventListener: () => {},
    readyState: "loading",
  },
  location: { search: "" },
  setTimeout: () => {},
  // normally from doctools.js and sphinx_highlight.js
  _ready: () => {},
  _: (text) => text,
  Documentation: { gettext: (text) => text, ngettext: (one, many, n) => (n === 1 ? one : many) },
  SPHINX_HIGHLIGHT_ENABLED: false,
};
context.window = context;
vm.createContext(context);

// The search page's order: searchtools.js first, then language_data.js, then the index.
for (const file of [
  "_static/documentation_options.js",
  "_static/searchtools.js",
  "_static/language_data.js",
  "searchindex.js",
]) {
  const code = fs.readFileSync(path.join(site, file), "utf8");
  vm.runInContext(code, context, { filename: file });
}

const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
const ranked = vm.runInContext(
  `(queries) => {
    const out = {};
    for (const query of queries) {
      const results = Search._performSearch(...Search._parseQuery(query));
      // the page shows results.pop() first
      out[query] = results.reverse().map((result) => result[0]);
    }
    return out;
  }`,
  context,
)(queries);
process.stdout.write(JSON.stringify(ranked, null, 1) + "\n");
