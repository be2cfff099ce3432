/* sora-refs search in the page: the query language, matching and ranking of `sora-refs search`
   (sora_refs/search/: syntax.py, terms.py, __init__.py), step for step, over the index that
   sora_refs/search/export.py computed at build time. tests/data/search_vectors.json holds the two
   equal: the Python tests and the browser tests both run it. Keep the order of every loop and
   sum as in Python: scores are floating-point sums and ties go to catalogue order. */
var SoraSearch = (function () {
  "use strict";

  var EXTRA = { "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
                "œ": "oe", "Œ": "OE", "þ": "th", "ı": "i", "‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "·": " " };
  var EXTRA_RE = new RegExp("[" + Object.keys(EXTRA).join("") + "]", "g");
  var COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;
  var ASCII = /^[\x00-\x7f]*$/;
  var WORD_CHAR = /[\p{L}\p{N}_]/u;
  var ALNUM = /^[\p{L}\p{N}]+$/u;
  var ALPHA = /^\p{L}+$/u;
  var SPACE = /\s/;
  var ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  /* sora_refs.text.fold_lower: fold_fast (lower-case, accents off, sora_refs.text.FOLDS) with
     toLowerCase for casefold; the index ships the few texts that fold otherwise. */
  function fold(text) {
    text = String(text);
    if (ASCII.test(text)) return text.toLowerCase();
    return text.replace(EXTRA_RE, function (c) { return EXTRA[c]; }).normalize("NFKD").replace(COMBINING, "")
      .toLowerCase();
  }
  function isWordChar(c) { return c !== undefined && WORD_CHAR.test(c); }  // for short texts

  /* message: Python's words; id and values: the same said in another language (the page's
     queryErrors, sora_refs/site/i18n.py). */
  function QueryError(text, start, end, message, id, values) {
    end = Math.max(end, start + 1);
    this.message = message;
    this.id = id;
    this.values = values || {};
    this.text = text;
    this.start = start;
    this.end = end;
  }

  /* -- search/syntax.py ---------------------------------------------------------------------- */
  var FIELDS = ["title", "author", "key", "year", "venue", "category", "section", "tag", "status", "note"];
  var FIELD_ALIASES = { authors: "author", by: "author", years: "year", cat: "category", categories: "category",
                        sec: "section", tags: "tag", notes: "note", arxiv: "key", doi: "key", ref: "key" };
  var KEYWORDS = ["OR", "AND", "NOT"];
  var EXAMPLES = { title: "title:transformer", author: "author:ho", key: "key:peebles2023scalable",
                   year: "year:2020-2022", venue: "venue:icml", category: "category:gan",
                   section: "section:architecture", tag: "tag:video", status: "status:read", note: "note:ablation" };
  var QUOTES = "\"“”";

  function termString(term) {
    var value = term.phrase || term.value.indexOf(" ") >= 0 ? "\"" + term.value + "\"" : term.value;
    return (term.negated ? "-" : "") + (term.field ? term.field + ":" : "") + value;
  }

  function resolveField(name, text, start, end) {
    var lowered = name.toLowerCase();
    if (FIELDS.indexOf(lowered) >= 0) return lowered;
    if (Object.prototype.hasOwnProperty.call(FIELD_ALIASES, lowered)) return FIELD_ALIASES[lowered];
    var guess = didYouMean(lowered, FIELDS.concat(Object.keys(FIELD_ALIASES)));
    var fields = FIELDS.map(function (f) { return f + ":"; }).join(", ");
    var hint = guess ? "did you mean '" + (FIELD_ALIASES[guess] || guess) + ":'?"
      : "fields are " + fields + "; quote the term to search for it as text";
    throw new QueryError(text, start, end, "unknown field '" + name + ":' in the query; " + hint,
                         guess ? "unknown_field_guess" : "unknown_field",
                         { name: name, guess: guess ? FIELD_ALIASES[guess] || guess : "", fields: fields });
  }

  function readValue(text, i) {
    var n = text.length;
    if (i < n && QUOTES.indexOf(text[i]) >= 0) {
      var close = i + 1;
      while (close < n && QUOTES.indexOf(text[close]) < 0) close += 1;
      if (close >= n) throw new QueryError(text, i, n, "unclosed quote in the query: a phrase needs a closing \"", "unclosed_quote");
      return [text.slice(i + 1, close), true, close + 1];
    }
    var j = i;
    while (j < n && !SPACE.test(text[j])) j += 1;
    return [text.slice(i, j), false, j];
  }

  function parse(text) {
    if (!text.trim()) throw new QueryError(text, 0, 0, "empty query");
    var items = [];
    var i = 0, n = text.length;
    while (i < n) {
      if (SPACE.test(text[i])) { i += 1; continue; }
      var start = i, negated = false;
      if (text[i] === "-" && i + 1 < n && !SPACE.test(text[i + 1])) { negated = true; i += 1; }
      else if (text[i] === "-") {
        throw new QueryError(text, start, start + 1, "a lone '-' in the query: write -word to leave out papers that match word", "lone_dash");
      }
      if (text[i] === "(" || text[i] === ")") {
        throw new QueryError(text, i, i + 1, "brackets are not supported: words AND by default, and OR joins the two words next to it (gan OR rnn)",
                             "brackets");
      }
      var field = null;
      if (QUOTES.indexOf(text[i]) < 0) {
        var wordEnd = i;
        while (wordEnd < n && !SPACE.test(text[wordEnd])) wordEnd += 1;
        var colon = text.indexOf(":", i);
        if (colon >= wordEnd) colon = -1;
        if (colon > i && ALPHA.test(text.slice(i, colon).replace(/_/g, ""))) {
          field = resolveField(text.slice(i, colon), text, start, colon + 1);
          i = colon + 1;
          if (i >= n || SPACE.test(text[i])) {
            throw new QueryError(text, start, i, "'" + text.slice(start, i) + "' has no value: write " + field +
                                 ":VALUE, e.g. " + EXAMPLES[field], "no_value",
                                 { term: text.slice(start, i), field: field, example: EXAMPLES[field] });
          }
        }
      }
      var read = readValue(text, i);
      var value = read[0], quoted = read[1];
      i = read[2];
      if (!quoted && !negated && field === null && KEYWORDS.indexOf(value) >= 0) {
        items.push({ op: value, start: start, end: i });
        continue;
      }
      if (!value.trim()) throw new QueryError(text, start, i, "an empty phrase in the query", "empty_phrase");
      items.push({ term: { value: value.trim(), field: field, phrase: quoted, negated: negated, start: start, end: i },
                   start: start, end: i });
    }
    return { text: text, clauses: combine(text, items) };
  }

  function combine(text, items) {
    var terms = [], pendingNot = null;
    items.forEach(function (item) {
      if (item.op === "NOT") {
        if (pendingNot) throw new QueryError(text, item.start, item.end, "NOT twice in a row", "not_twice");
        pendingNot = item;
        return;
      }
      if (item.op === "AND") {
        if (pendingNot) throw new QueryError(text, pendingNot.start, pendingNot.end, "NOT needs a term after it", "not_alone");
        if (!terms.length || terms[terms.length - 1].op) {
          throw new QueryError(text, item.start, item.end, "AND needs a term on each side", "and_alone");
        }
        return;
      }
      if (pendingNot) {
        if (item.op) throw new QueryError(text, pendingNot.start, pendingNot.end, "NOT needs a term after it", "not_alone");
        var t = item.term;
        item = { term: { value: t.value, field: t.field, phrase: t.phrase, negated: true, start: pendingNot.start,
                         end: t.end }, start: pendingNot.start, end: item.end };
        pendingNot = null;
      }
      terms.push(item);
    });
    if (pendingNot) throw new QueryError(text, pendingNot.start, pendingNot.end, "NOT needs a term after it", "not_alone");
    var clauses = [], joining = false;
    terms.forEach(function (item, index) {
      if (item.op) {
        if (!clauses.length || joining || index === terms.length - 1) {
          throw new QueryError(text, item.start, item.end, "OR needs a term on each side (gan OR rnn)", "or_alone");
        }
        joining = true;
        return;
      }
      if (joining) { clauses[clauses.length - 1].push(item.term); joining = false; }
      else clauses.push([item.term]);
    });
    clauses.forEach(function (clause) {
      if (clause.length > 1) {
        var bad = clause.filter(function (t) { return t.negated; })[0];
        if (bad) throw new QueryError(text, bad.start, bad.end, "a -term cannot be one side of OR; write it as a separate term",
                                       "negated_or");
      }
    });
    return clauses;
  }

  function yearError(message, id, values) {
    var error = new Error(message);
    error.id = id;
    error.values = values;
    return error;
  }

  function parseYears(text) {
    var match = /^\s*(\d{4})?\s*(-|–|\.\.)?\s*(\d{4})?\s*$/.exec(text);
    var invalid = yearError("invalid year or range '" + text + "': expected 2022, 2020-2022, 2021- or -2017",
                            "invalid_years", { value: text });
    if (!match || !(match[1] || match[3])) throw invalid;
    var low = match[1], dash = match[2], high = match[3];
    if (!dash) {
      if (low && high) throw invalid;
      var year = Number(low || high);
      return [year, year];
    }
    var result = [low ? Number(low) : null, high ? Number(high) : null];
    if (result[0] !== null && result[1] !== null && result[0] > result[1]) {
      throw yearError("invalid year range '" + text + "': " + result[0] + " comes after " + result[1], "years_backwards",
                      { value: text, low: result[0], high: result[1] });
    }
    return result;
  }

  /* Unrestricted Damerau-Levenshtein distance: the fewest deletions, insertions, replacements and
     swaps of neighbours from a to b, i.e. how many of search.py's _edits steps lead there. */
  function editDistance(a, b) {
    var n = a.length, m = b.length, max = n + m, i, j;
    var d = [];
    for (i = 0; i < n + 2; i++) d.push(new Array(m + 2).fill(0));
    d[0][0] = max;
    for (i = 0; i <= n; i++) { d[i + 1][0] = max; d[i + 1][1] = i; }
    for (j = 0; j <= m; j++) { d[0][j + 1] = max; d[1][j + 1] = j; }
    var last = {};
    for (i = 1; i <= n; i++) {
      var db = 0;
      for (j = 1; j <= m; j++) {
        var i1 = last[b[j - 1]] || 0, j1 = db, cost = 1;
        if (a[i - 1] === b[j - 1]) { cost = 0; db = j; }
        d[i + 1][j + 1] = Math.min(d[i][j] + cost, d[i + 1][j] + 1, d[i][j + 1] + 1,
                                   d[i1][j1] + (i - i1 - 1) + 1 + (j - j1 - 1));
      }
      last[a[i - 1]] = i;
    }
    return d[n + 1][m + 1];
  }

  function didYouMean(value, choices) {
    var best = null, bestDistance = 3;
    choices.forEach(function (choice) {
      var distance = editDistance(fold(value), fold(choice));
      if (distance < bestDistance) { best = choice; bestDistance = distance; }
    });
    return best;
  }

  /* -- search/index.py ----------------------------------------------------------------- */
  function bisectRight(list, value, low) {
    var high = list.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (value < list[middle]) high = middle; else low = middle + 1;
    }
    return low;
  }

  function Field(parts) {
    this.offsets = [];
    var position = 0;
    for (var i = 0; i < parts.length; i++) { this.offsets.push(position); position += parts[i].length + 1; }
    this.text = parts.join("\n");
  }
  /* Whether the character at position (or the one before it) continues a word, as Python's
     isalnum() or "_" on that code point. ASCII is decided by its code, without making strings. */
  function wordCode(code) {
    return code < 128 ? (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95
      : WORD_CHAR.test(String.fromCodePoint(code));
  }
  function wordCharAt(text, position) {
    return position < text.length && wordCode(text.codePointAt(position));
  }
  function wordCharBefore(text, position) {
    if (position <= 0) return false;
    var code = text.charCodeAt(position - 1);
    if (code >= 0xdc00 && code <= 0xdfff && position >= 2) code = text.codePointAt(position - 2);
    return wordCode(code);
  }

  /* Papers (by index) where word occurs, told to each(index, exact): "exact" or, when not whole,
     "prefix" (search/index.py _Field.find). After an exact hit the scan jumps to the next paper. */
  Field.prototype.find = function (word, whole, cjk, each) {
    if (!cjk && PURE_WORD.test(word)) { this.findWord(word, whole, each); return; }
    var text = this.text, offsets = this.offsets, size = word.length, last = offsets.length - 1, index = 0;
    var start = text.indexOf(word);
    while (start !== -1) {
      if (cjk || !wordCharBefore(text, start)) {
        var exact = cjk || !wordCharAt(text, start + size);
        if (exact || !whole) {
          index = bisectRight(offsets, start, index) - 1;
          each(index, exact);  // a prefix first: an exact hit later in the same paper still wins
          if (exact) {
            if (index === last) break;
            start = text.indexOf(word, offsets[index + 1]);
            continue;
          }
        }
      }
      start = text.indexOf(word, start + 1);
    }
  };

  /* The same answer from an index of the field's words, for a word made of word characters only
     (most queries): its occurrences that start a word are exactly the words it starts, and exact
     ones the words it equals. Built once per field, on first use or while the page is idle. */
  var PURE_WORD = /^[\p{L}\p{N}_]+$/u;
  Field.prototype.words = function () {
    while (!this.buildWords(Infinity)) { /* all at once: a search needs it now */ }
    return this.wordIndex;
  };
  /* Index the field's words until performance.now() passes deadline; true once complete. */
  Field.prototype.buildWords = function (deadline) {
    if (this.wordIndex) return true;
    var build = this.building || (this.building = { postings: new Map(), pattern: /[\p{L}\p{N}_]+/gu, paper: 0 });
    var postings = build.postings, pattern = build.pattern, text = this.text, offsets = this.offsets;
    var last = offsets.length - 1, paper = build.paper, match, count = 0;
    while ((match = pattern.exec(text)) !== null) {
      while (paper < last && offsets[paper + 1] <= match.index) paper += 1;
      var list = postings.get(match[0]);
      if (list === undefined) postings.set(match[0], [paper]);
      else if (list[list.length - 1] !== paper) list.push(paper);
      if (++count === 4096) {
        count = 0;
        if (performance.now() > deadline) { build.paper = paper; return false; }
      }
    }
    this.wordIndex = { postings: postings, sorted: Array.from(postings.keys()).sort() };
    this.building = null;
    return true;
  };
  Field.prototype.findWord = function (word, whole, each) {
    var index = this.words(), exact = index.postings.get(word), k;
    if (exact) for (k = 0; k < exact.length; k++) each(exact[k], true);
    if (whole) return;
    var sorted = index.sorted, low = 0, high = sorted.length;
    while (low < high) { var middle = (low + high) >> 1; if (sorted[middle] < word) low = middle + 1; else high = middle; }
    for (; low < sorted.length && sorted[low].lastIndexOf(word, 0) === 0; low++) {
      if (sorted[low] === word) continue;
      var papers = index.postings.get(sorted[low]);
      for (k = 0; k < papers.length; k++) each(papers[k], false);
    }
  };

  /* papers: [{title, authors, key, ref, arxiv, doi, tags, summary, summaryZh, year, venue, citedVenue,
     category, section}], in the page's order; index: what search/export.py export_index gave. */
  function Index(papers, index) {
    this.papers = papers;
    this.data = index;
    this.fields = {};
    this.groupCache = {};
    this.vocabulary = null;
  }

  Index.prototype.raw = function (paper, name) {
    switch (name) {
      case "title": return paper.title;
      case "author": return paper.authors.join("; ");
      case "key": return [paper.key, paper.ref === null ? null : String(paper.ref), paper.arxiv, paper.doi]
        .filter(Boolean).join(" ");
      case "tag": return paper.tags.map(function (t) { return t.replace(/-/g, " ") + " " + t; }).join(" ");
      case "summary": return paper.summary || "";
      default: return paper.summaryZh || "";
    }
  };

  Index.prototype.field = function (name) {
    if (!this.fields[name]) {
      var shipped = this.data.folded[name] || {}, self = this;
      this.fields[name] = new Field(this.papers.map(function (paper, i) {
        var given = shipped[i];
        return given !== undefined ? given : fold(self.raw(paper, name));
      }));
    }
    return this.fields[name];
  };

  Index.prototype.foldTag = function (tag) {
    var shipped = this.data.tags[tag];
    return shipped !== undefined ? shipped : fold(tag);
  };

  /* For category, section, venue and tag: value -> [folded searchable names, paper indices]. */
  Index.prototype.groups = function (name) {
    if (this.groupCache[name]) return this.groupCache[name];
    var members = new Map(), papers = this.papers, data = this.data, self = this;
    function add(value, index) {
      if (!members.has(value)) members.set(value, []);
      members.get(value).push(index);
    }
    var result = new Map();
    if (name === "tag") {
      papers.forEach(function (paper, i) { paper.tags.forEach(function (tag) { add(tag, i); }); });
      members.forEach(function (indices, tag) {
        var folded = self.foldTag(tag);
        result.set(folded, [folded, indices]);
      });
    } else if (name === "venue") {
      papers.forEach(function (paper, i) {
        if (paper.venue) add(paper.venue, i);
        if (paper.citedVenue !== null && paper.citedVenue !== paper.venue) add(paper.citedVenue, i);
      });
      members.forEach(function (indices, venue) { result.set(venue, [data.venues[venue][0], indices]); });
    } else {
      papers.forEach(function (paper, i) {
        var value = name === "category" ? paper.category : paper.section;
        if (value) add(value, i);
      });
      members.forEach(function (indices, value) { result.set(value, [data.groups[name][value], indices]); });
    }
    this.groupCache[name] = result;
    return result;
  };

  Index.prototype.words = function () {
    if (this.vocabulary === null) this.vocabulary = this.data.vocabulary ? this.data.vocabulary.split(" ") : [];
    return this.vocabulary;
  };

  /* Vocabulary words one typo from word (two for long words): word -> "typo"/"typo2". */
  Index.prototype.corrections = function (word) {
    var found = new Map();
    if (word.length < 4 || !ALNUM.test(word)) return found;
    var alphabet = ALPHABET + word;
    function reachable(candidate) {
      for (var i = 0; i < candidate.length; i++) if (alphabet.indexOf(candidate[i]) < 0) return false;
      return true;
    }
    var vocabulary = this.words(), size = word.length;
    vocabulary.forEach(function (candidate) {
      if (candidate !== word && Math.abs(candidate.length - size) <= 1 && reachable(candidate) &&
          editDistance(word, candidate) === 1) found.set(candidate, "typo");
    });
    if (!found.size && size >= 8) {
      vocabulary.forEach(function (candidate) {
        if (candidate !== word && Math.abs(candidate.length - size) <= 2 && reachable(candidate) &&
            editDistance(word, candidate) <= 2) found.set(candidate, "typo2");
      });
    }
    return found;
  };

  /* -- search/terms.py ----------------------------------------------------------------------- */
  var PAPER_FIELDS = ["title", "author", "key", "tag", "summary", "summary_zh"];
  var KINDS = [null, "filter", "phrase", "exact", "substring", "plural", "singular", "prefix", "typo", "typo2"];

  /* The papers a term matched in one field, each with how and which word: Python's
     {paper: (how, word)}, kept in typed arrays so that a search over 20,000 papers makes little garbage. */
  function Found(size, quality) {
    this.kinds = new Uint8Array(size);
    this.wordIds = new Uint16Array(size);
    this.words = [];
    this.list = [];
    this.quality = quality;
  }
  Found.prototype.wordId = function (word) {
    var at = this.words.indexOf(word);
    if (at < 0) { at = this.words.length; this.words.push(word); }
    return at;
  };
  /* Keep the better of what the paper had and kind (the first on a tie), as _look does. */
  Found.prototype.offer = function (i, kind, wordId) {
    var held = this.kinds[i];
    if (held === 0) this.list.push(i);
    else if (!(this.quality[kind] > this.quality[held])) return;
    this.kinds[i] = kind;
    this.wordIds[i] = wordId;
  };
  Found.prototype.has = function (i) { return this.kinds[i] !== 0; };
  Found.prototype.how = function (i) { return KINDS[this.kinds[i]]; };
  Found.prototype.word = function (i) { return this.words[this.wordIds[i]]; };

  function findIn(text, word, whole, cjk) {
    var best = null, start = text.indexOf(word);
    while (start !== -1) {
      var end = start + word.length;
      if (cjk) return "exact";
      if (start === 0 || !isWordChar(text[start - 1])) {
        if (end >= text.length || !isWordChar(text[end])) return "exact";
        if (!whole) best = "prefix";
      }
      start = text.indexOf(word, start + 1);
    }
    return best;
  }

  function Matcher(index, text, eagerTypos) {
    this.index = index;
    this.text = text;
    this.eagerTypos = eagerTypos;
    var quality = index.data.quality;
    this.quality = KINDS.map(function (kind) { return kind === null ? 0 : quality[kind] || 0; });
  }

  /* Per field (a Map in Python's order), the papers the term matches there (a Found). */
  Matcher.prototype.match = function (term, negated) {
    if (term.field === "status" || term.field === "note") {
      // The reader's personal layer (reading status, notes) lives beside their catalogue, not in a page.
      throw this.fail(term, term.field + ": reads your personal layer, which a web page does not have; " +
                      "use sora-refs search for it", "personal", { field: term.field });
    }
    if (["year", "venue", "category", "section", "tag"].indexOf(term.field) >= 0) return this.filter(term);
    return this.words(term, negated);
  };

  Matcher.prototype.words = function (term, negated) {
    var value = fold(term.value).split(/\s+/).filter(Boolean).join(" ");
    var fields = term.field === null ? this.index.data.freeFields : [term.field];
    var cjk = CJK.test(value);
    if (cjk) fields = fields.filter(function (f) { return f !== "summary"; });
    else if (term.field === null) fields = fields.filter(function (f) { return f !== "summary_zh"; });
    var whole = term.phrase || value.length < 4;
    var best = new Map();
    this.look(best, fields, value, whole, cjk, term.phrase ? "phrase" : null);
    if (!term.phrase && !cjk && value.length >= 5 && value[value.length - 1] === "s" && value.indexOf(" ") < 0) {
      this.look(best, fields, value.slice(0, -1), true, false, "singular");
    }
    if (whole && !term.phrase && !cjk && value.length === 3 && ALPHA.test(value)) {
      this.look(best, fields, value + "s", true, false, "plural");
    }
    var anything = false;
    best.forEach(function (found) { if (found.list.length) anything = true; });
    if ((this.eagerTypos || !anything) && !negated && !term.phrase && !cjk) {
      var corrections = this.index.corrections(value), self = this;
      Array.from(corrections.keys()).sort().forEach(function (word) {
        self.look(best, fields, word, false, false, corrections.get(word));
      });
    }
    return best;
  };

  Matcher.prototype.look = function (best, fields, word, whole, cjk, how) {
    var index = this.index, size = index.papers.length, quality = this.quality;
    var exactAs = KINDS.indexOf(cjk ? "substring" : how || "exact");
    var prefixAs = KINDS.indexOf(how === "typo" || how === "typo2" ? "typo2" : "prefix");
    fields.forEach(function (field) {
      if (!best.has(field)) best.set(field, new Found(size, quality));
      var slot = best.get(field), wordId = slot.wordId(word);
      if (PAPER_FIELDS.indexOf(field) >= 0) {
        index.field(field).find(word, whole, cjk, function (i, exact) { slot.offer(i, exact ? exactAs : prefixAs, wordId); });
      } else {
        index.groups(field).forEach(function (group) {
          var kind = findIn(group[0], word, whole, cjk);
          if (!kind) return;
          var code = kind === "exact" ? exactAs : prefixAs;
          group[1].forEach(function (i) { slot.offer(i, code, wordId); });
        });
      }
    });
  };

  Matcher.prototype.fail = function (term, message, id, values) {
    return new QueryError(this.text, term.start, term.end, message, id, values);
  };

  Matcher.prototype.filter = function (term) {
    var field = term.field, papers = this.index.papers, chosen;
    if (field === "year") {
      var years;
      try { years = parseYears(term.value); } catch (error) { throw this.fail(term, error.message, error.id, error.values); }
      chosen = [];
      papers.forEach(function (paper, i) {
        if (paper.year === null) return;  // a paper with no year is in no range
        if ((years[0] === null || paper.year >= years[0]) && (years[1] === null || paper.year <= years[1])) chosen.push(i);
      });
    } else if (field === "venue") {
      chosen = this.venue(term);
    } else if (field === "tag") {
      var tags = this.index.groups("tag"), value = fold(term.value);
      if (!tags.has(value)) {
        var guess = didYouMean(value, Array.from(tags.keys()));
        throw this.fail(term, "unknown tag '" + term.value + "'; " + (guess ? "did you mean 'tag:" + guess + "'?" : "no paper has it"),
                        guess ? "unknown_tag_guess" : "unknown_tag", { value: term.value, guess: guess });
      }
      chosen = tags.get(value)[1];
    } else {
      chosen = this.named(term, field);
    }
    var found = new Found(papers.length, this.quality), wordId = found.wordId(term.value);
    chosen.forEach(function (i) { found.offer(i, 1, wordId); });
    var result = new Map();
    result.set(field, found);
    return result;
  };

  function venueKey(venue, aliases) {
    var folded = fold(venue).replace(/ /g, "");
    return Object.prototype.hasOwnProperty.call(aliases, folded) ? aliases[folded] : folded;
  }

  Matcher.prototype.venue = function (term) {
    var groups = this.index.groups("venue"), data = this.index.data;
    var wanted = venueKey(term.value, data.venueAliases), chosen = new Set();
    groups.forEach(function (group, venue) {
      if (data.venues[venue][1] === wanted) group[1].forEach(function (i) { chosen.add(i); });
    });
    if (!chosen.size) {
      var names = Array.from(groups.keys());
      var guess = didYouMean(term.value, names);
      var known = names.sort(function (a, b) { return a.toLowerCase() < b.toLowerCase() ? -1 : 1; }).join(", ");
      throw this.fail(term, "unknown venue '" + term.value + "'; " + (guess ? "did you mean 'venue:" + guess + "'?" : "known: " + known),
                      guess ? "unknown_venue_guess" : "unknown_venue", { value: term.value, guess: guess, known: known });
    }
    return Array.from(chosen).sort(function (a, b) { return a - b; });
  };

  Matcher.prototype.named = function (term, field) {
    var groups = this.index.groups(field), value = fold(term.value), cjk = CJK.test(value);
    var exact = [], partial = [];
    groups.forEach(function (group, ident) {
      if (ident === term.value || value === fold(ident) || group[0].split("\n").indexOf(value) >= 0) exact.push(ident);
      else if (findIn(group[0], value, value.length < 3, cjk)) partial.push(ident);
    });
    var chosen = exact.length ? exact : partial;
    if (!chosen.length) {
      var names = Array.from(groups.keys()), guess = didYouMean(term.value, names);
      throw this.fail(term, "unknown " + field + " '" + term.value + "'; " +
                      (guess ? "did you mean '" + field + ":" + guess + "'?" : "known: " + names.join(", ")),
                      "unknown_" + field + (guess ? "_guess" : ""), { value: term.value, guess: guess, known: names.join(", ") });
    }
    var result = [];
    chosen.forEach(function (ident) { result.push.apply(result, groups.get(ident)[1]); });
    return result.sort(function (a, b) { return a - b; });
  };

  /* -- search/__init__.py: search, _run---------------------------------------------------------- */
  function run(index, parsed, matcher) {
    var size = index.papers.length, weights = index.data.weights, quality = matcher.quality;
    var scores = null, alive = null, excluded = new Uint8Array(size), results = [];
    parsed.clauses.forEach(function (clause) {
      if (clause[0].negated) {
        matcher.match(clause[0], true).forEach(function (found) {
          found.list.forEach(function (i) { excluded[i] = 1; });
        });
        return;
      }
      var clauseScores = new Float64Array(size), hit = new Uint8Array(size), list = [];
      clause.forEach(function (term) {
        var byField = matcher.match(term, false);
        results.push([term, byField]);
        byField.forEach(function (found, field) {
          var weight = weights[field] || 0, kinds = found.kinds;
          found.list.forEach(function (i) {
            if (!hit[i]) { hit[i] = 1; list.push(i); }
            clauseScores[i] = clauseScores[i] + weight * quality[kinds[i]];
          });
        });
      });
      if (scores === null) {
        scores = clauseScores;
        alive = list;
      } else {
        alive = alive.filter(function (i) { return hit[i]; });
        alive.forEach(function (i) { scores[i] = scores[i] + clauseScores[i]; });
      }
    });
    if (scores === null) {  // only exclusions
      scores = new Float64Array(size);
      alive = [];
      for (var i = 0; i < size; i++) alive.push(i);
    }
    var ranked = alive.filter(function (i) { return !excluded[i]; });
    ranked.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    return { ranked: ranked, scores: scores, results: results };
  }

  /* {ranked: [paper index, best first], scores, results} or throws a QueryError. */
  function search(index, query) {
    var parsed = typeof query === "string" ? parse(query) : query;
    var outcome = run(index, parsed, new Matcher(index, parsed.text, false));
    var wordy = parsed.clauses.some(function (clause) {
      return clause.some(function (t) { return !t.negated && (t.field === null || t.field === "title" || t.field === "author"); });
    });
    if (!outcome.ranked.length && wordy) outcome = run(index, parsed, new Matcher(index, parsed.text, true));
    return outcome;
  }

  /* The folded words and phrases that matched paper i, for highlighting (Hit.words). */
  function matchedWords(outcome, i) {
    var words = new Set();
    outcome.results.forEach(function (result) {
      result[1].forEach(function (found) {
        if (found.has(i) && found.how(i) !== "filter") words.add(found.word(i));
      });
    });
    return words;
  }

  /* search.highlight_spans: where in text the folded words start a word, as [start, end] pairs. */
  function highlightSpans(text, words) {
    var foldedChars = [], origin = [];
    var characters = Array.from(text), position = 0;
    characters.forEach(function (char) {
      var folded = fold(char);
      foldedChars.push(folded);
      for (var k = 0; k < folded.length; k++) origin.push(position);
      position += char.length;
    });
    var foldedText = foldedChars.join(""), spans = [];
    Array.from(words).sort(function (a, b) { return b.length - a.length; }).forEach(function (word) {
      if (!word) return;
      var cjk = CJK.test(word), start = foldedText.indexOf(word);
      while (start !== -1) {
        var end = start + word.length;
        if (cjk || start === 0 || !isWordChar(foldedText[start - 1])) {
          if (!cjk) while (end < foldedText.length && isWordChar(foldedText[end])) end += 1;
          var last = origin[end - 1];
          spans.push([origin[start], last + (text.codePointAt(last) > 0xffff ? 2 : 1)]);
        }
        start = foldedText.indexOf(word, start + 1);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    spans.forEach(function (span) {
      var top = merged[merged.length - 1];
      if (top && span[0] <= top[1]) top[1] = Math.max(top[1], span[1]);
      else merged.push([span[0], span[1]]);
    });
    return merged;
  }

  /* Fold and index the fields a search reads, a slice at a time (until performance.now() passes
     deadline), for idle time: true once everything is ready. */
  Index.prototype.prepare = function (deadline) {
    var names = ["title", "author", "key", "tag", "summary"];
    for (var k = 0; k < names.length; k++) {
      if (performance.now() > deadline) return false;
      if (!this.field(names[k]).buildWords(deadline)) return false;
    }
    return true;
  };

  return {
    fold: fold, parse: parse, parseYears: parseYears, Index: Index, search: search, matchedWords: matchedWords,
    highlightSpans: highlightSpans, termString: termString, QueryError: QueryError, venueKey: venueKey
  };
})();
if (typeof module !== "undefined") module.exports = SoraSearch;
