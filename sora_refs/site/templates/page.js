/* sora-refs catalogue page: search (SoraSearch, the command line's), filters, sorting, rows drawn on
   demand, details, BibTeX copy and download, mind map outline, statistics, language, URL state.
   Inline and hashed in the page's Content-Security-Policy. It builds no HTML from strings: every
   text it shows goes through textContent, so catalogue data stays text. */
(function () {
  "use strict";

  var site = JSON.parse(document.getElementById("site-data").textContent);
  var STRINGS = site.strings;
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
  var SVG_NS = "http://www.w3.org/2000/svg";
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";  // "at" in the address says where

  function byId(id) { return document.getElementById(id); }
  function all(selector, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(selector)); }
  function say(name, values) {
    var table = STRINGS[state.lang] || STRINGS.en;
    var text = table[name] || STRINGS.en[name] || name;
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(String(values[key])); });
    return text;
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }
  /* A catalogue's text that holds direction controls (U+202E turns what follows right to left) kept
     inside its own isolate (FSI ... PDI), so that it cannot turn the text around it: the next author,
     the year after a venue. Other text is left as it is. */
  var BIDI = /[\u202a-\u202e\u2066-\u2069]/;
  function isolate(text) { return text && BIDI.test(text) ? "\u2068" + text + "\u2069" : text; }

  /* A text in both languages: two spans, the stylesheet shows the page's language. */
  function bi(en, zh) {
    if (en === zh || !zh) return document.createTextNode(isolate(en));
    var wrap = document.createDocumentFragment();
    var a = el("span", "l-en", en), b = el("span", "l-zh", zh);
    a.lang = "en";
    b.lang = "zh";
    wrap.appendChild(a);
    wrap.appendChild(b);
    return wrap;
  }

  /* -- The data: plain JSON, or gzip+base64 for large pages ------------------------------------ */
  function unpack(text) {
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }
  /* Each column comes in pieces of consecutive papers, decompressed in parallel and joined. */
  function loadBulk() {
    var packed = byId("site-papers");
    if (!packed) return Promise.resolve({ papers: site.papers, index: site.index });
    var data = JSON.parse(packed.textContent), names = Object.keys(data.columns);
    var jobs = [unpack(data.index)];
    names.forEach(function (name) { jobs.push(Promise.all(data.columns[name].map(unpack))); });
    return Promise.all(jobs).then(function (done) {
      var columns = {};
      names.forEach(function (name, k) { columns[name] = [].concat.apply([], done[k + 1]); });
      return { papers: columns, index: done[0] };
    });
  }

  var papers = [], byKey = {}, index = null, columns = null, highlighter = null;
  var categories = site.categories.map(function (c) { return { id: c[0], en: c[1], zh: c[2], color: c[3] }; });
  var sections = site.sections.map(function (s) { return { id: s[0], en: s[1], zh: s[2] }; });

  function makePapers(bulk) {
    columns = bulk.papers;
    var n = columns.key.length;
    for (var i = 0; i < n; i++) {
      var cited = columns.citedVenue[i];
      var paper = {
        i: i, key: columns.key[i], ref: columns.ref[i], title: columns.title[i], authors: columns.authors[i],
        year: columns.year[i], venue: columns.venue[i], citedVenue: cited,
        citedYear: cited === null ? columns.year[i] : columns.citedYear[i],
        category: categories[columns.category[i]].id, categoryIndex: columns.category[i],
        section: columns.section[i] >= 0 ? sections[columns.section[i]].id : null,
        tags: columns.tags[i], summary: columns.summary[i], summaryZh: columns.summaryZh[i],
        arxiv: columns.arxiv[i], doi: columns.doi[i]
      };
      paper.venueKey = SoraSearch.venueKey(paper.venue, bulk.index.venueAliases);
      paper.citedVenueKey = cited === null ? paper.venueKey : SoraSearch.venueKey(cited, bulk.index.venueAliases);
      papers.push(paper);
      byKey[paper.key] = paper;
    }
    index = new SoraSearch.Index(papers, bulk.index);
    var widest = papers.reduce(function (most, paper) { return Math.max(most, paper.ref || 0); }, 0);
    table.style.setProperty("--ref-digits", String(String(widest).length));
    highlighter = new SoraHighlights.Highlights(site.highlights, function (venue) {
      return SoraSearch.venueKey(venue, bulk.index.venueAliases);
    }, SoraSearch.fold, function (paper) {
      return site.families[paper.i] || paper.authors.filter(function (a) { return a.trim(); }).map(familyName);
    });
  }

  function familyName(name) {
    if (name.length > 2 && name[0] === "{" && name[name.length - 1] === "}" && name.slice(1, -1).indexOf("{") < 0 &&
        name.slice(1, -1).indexOf("}") < 0) return name.slice(1, -1);
    var words = name.split(/\s+/).filter(Boolean);
    return words.length ? words[words.length - 1] : "";
  }
  function displayName(name) {
    return name.length > 2 && name[0] === "{" && name[name.length - 1] === "}" ? name.slice(1, -1) : name;
  }
  function shortAuthors(paper) {
    var names = paper.authors.filter(function (a) { return a.trim(); }).map(displayName).map(isolate);  // names.short_authors
    return names.length <= 3 ? names.join(", ") : names.slice(0, 3).join(", ") + " " + say("et_al");
  }
  function sortKeyAuthor(paper) {
    if (paper.sortAuthor === undefined) paper.sortAuthor = SoraSearch.fold(paper.authors.length ? familyName(paper.authors[0]) : "");
    return paper.sortAuthor;
  }

  function bibtexOf(paper) {
    var bib = columns.bib[paper.i];
    var own = { title: paper.title, year: String(paper.year), eprint: paper.arxiv, doi: paper.doi, url: columns.url[paper.i] };
    var body = bib[1].map(function (pair) {
      return "  " + pair[0] + " = {" + (pair[1] === null ? own[pair[0]] : pair[1]) + "}";
    }).join(",\n");
    return "@" + bib[0] + "{" + paper.key + ",\n" + body + "\n}\n";
  }

  function quote(text) {  /* Python's urllib.parse.quote(text, safe="/:;()._-") */
    return encodeURIComponent(text).replace(/%2F/g, "/").replace(/%3A/g, ":").replace(/%3B/g, ";")
      .replace(/[!'*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
  }
  function linksOf(paper) {
    var links = [], url = columns.url[paper.i], pdf = columns.pdf[paper.i];
    if (url) links.push(["landing", url]);
    if (pdf) links.push(["pdf", pdf]);
    if (paper.doi) links.push(["doi", "https://doi.org/" + quote(paper.doi)]);
    if (paper.arxiv) {
      var arxiv = "https://arxiv.org/abs/" + encodeURIComponent(paper.arxiv).replace(/%2F/g, "/");
      if (links.every(function (l) { return l[1] !== arxiv; })) links.push(["arxiv", arxiv]);
    }
    return links;
  }

  /* -- State, kept in the URL fragment so that a view can be shared ---------------------------- */
  var DEFAULTS = { q: "", category: "", section: "", venue: "", from: "", to: "", cited: false,
                   sort: "", dir: "asc", open: [], view: "papers", lang: site.lang, at: "", every: false };
  var LIST_KEYS = ["q", "category", "section", "venue", "from", "to", "cited", "sort", "dir"];
  var SORTS = ["ref", "title", "author", "venue", "year", "category"];
  var VIEWS = ["papers", "map", "stats"];
  var state = copyState(DEFAULTS);
  function copyState(source) {
    var result = {};
    Object.keys(DEFAULTS).forEach(function (key) {
      result[key] = Array.isArray(source[key]) ? source[key].slice() : source[key];
    });
    return result;
  }

  var controls = {
    q: byId("q"), category: byId("f-category"), section: byId("f-section"), venue: byId("f-venue"),
    from: byId("f-from"), to: byId("f-to"), cited: byId("f-cited"), sort: byId("f-sort")
  };
  function hasOption(select, value) {
    return !!select && Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var next = copyState(DEFAULTS);
    next.lang = state.lang;
    next.q = params.get("q") || "";
    ["category", "section", "venue", "from", "to"].forEach(function (name) {
      var value = params.get(name) || "";
      next[name] = hasOption(controls[name], value) ? value : "";
    });
    next.cited = params.get("cited") === "1" && !!controls.cited;
    if (SORTS.indexOf(params.get("sort")) >= 0) next.sort = params.get("sort");
    next.dir = params.get("dir") === "desc" ? "desc" : "asc";
    next.open = (params.get("open") || "").split(",").filter(function (key) { return key && byKey[key]; });
    if (VIEWS.indexOf(params.get("view")) >= 0) next.view = params.get("view");
    else if (next.open.length) next.view = "papers";
    if (params.get("lang") === "en" || params.get("lang") === "zh") next.lang = params.get("lang");
    next.at = byKey[params.get("at")] ? params.get("at") : "";
    next.every = params.get("rows") === "all";
    return next;
  }

  function hashOf(current) {
    var params = new URLSearchParams();
    ["view", "q", "category", "section", "venue", "from", "to", "sort", "dir", "lang", "at"].forEach(function (name) {
      if (current[name] !== DEFAULTS[name]) params.set(name, current[name]);
    });
    if (current.cited) params.set("cited", "1");
    if (current.every) params.set("rows", "all");
    if (current.open.length) params.set("open", current.open.join(","));
    return params.toString();
  }

  var writing = false;
  function writeHash() {
    var hash = hashOf(state);
    if (location.hash.replace(/^#/, "") === hash) return;
    var url = location.href.split("#")[0] + (hash ? "#" + hash : "");
    try {
      history.replaceState(null, "", url);
    } catch (error) {
      writing = true;  // the hashchange this causes is our own
      location.hash = hash;
    }
  }

  /* -- Which papers, in which order ------------------------------------------------------------- */
  var searched = { q: null, outcome: null, error: null };
  function searchFor(q) {
    if (searched.q === q) return searched;
    searched = { q: q, outcome: null, error: null };
    if (q.trim()) {
      try {
        searched.outcome = SoraSearch.search(index, q);
      } catch (error) {
        if (!(error instanceof SoraSearch.QueryError)) throw error;
        searched.error = error;
      }
    }
    return searched;
  }

  function passes(paper) {
    if (state.category && paper.category !== state.category) return false;
    if (state.section && paper.section !== state.section) return false;
    if (state.venue && (state.cited ? paper.citedVenueKey : paper.venueKey) !== state.venue) return false;
    var year = state.cited ? paper.citedYear : paper.year;
    if ((state.from || state.to) && year === null) return false;  // a paper with no year is in no range
    if (state.from && year < Number(state.from)) return false;
    if (state.to && year > Number(state.to)) return false;
    return true;
  }

  function compare(a, b) {
    var x, y;
    switch (state.sort) {
      case "title":
        if (a.sortTitle === undefined) a.sortTitle = SoraSearch.fold(a.title);
        if (b.sortTitle === undefined) b.sortTitle = SoraSearch.fold(b.title);
        x = a.sortTitle; y = b.sortTitle; break;
      case "author": x = sortKeyAuthor(a); y = sortKeyAuthor(b); break;
      case "venue": x = SoraSearch.fold(state.cited && a.citedVenue ? a.citedVenue : a.venue);
        y = SoraSearch.fold(state.cited && b.citedVenue ? b.citedVenue : b.venue); break;
      case "year": x = state.cited ? a.citedYear : a.year; y = state.cited ? b.citedYear : b.year;
        if ((x === null) !== (y === null)) return x === null ? 1 : -1;  // no year: last either way
        break;
      case "category": x = a.categoryIndex; y = b.categoryIndex; break;
      default: x = a.ref === null ? Infinity : a.ref; y = b.ref === null ? Infinity : b.ref;
    }
    var order = x < y ? -1 : x > y ? 1 : 0;
    if (state.dir === "desc") order = -order;
    return order || a.i - b.i;
  }

  var current = { list: [], outcome: null, error: null };
  function compute() {
    var found = searchFor(state.q);
    var list;
    if (found.error) list = [];
    else if (found.outcome) list = found.outcome.ranked.map(function (i) { return papers[i]; }).filter(passes);
    else list = papers.filter(passes);
    if (state.sort) list = list.slice().sort(compare);
    else if (!found.outcome) list = list.slice().sort(compare);  // no search: catalogue (ref) order
    current = { list: list, outcome: found.outcome, error: found.error };
  }

  /* -- Rows -------------------------------------------------------------------------------------- */
  var table = byId("papers");
  var headers = all("th", table.tHead);
  var rows = null, shownList = [];  // a SoraRows.Rows once the papers are read; the list it draws

  function highlighted(text, words) {
    var fragment = document.createDocumentFragment();
    var spans = words && words.size ? SoraSearch.highlightSpans(text, words) : [];
    var at = 0;
    spans.forEach(function (span) {
      if (span[0] > at) fragment.appendChild(document.createTextNode(text.slice(at, span[0])));
      fragment.appendChild(el("mark", null, text.slice(span[0], span[1])));
      at = span[1];
    });
    if (at < text.length) fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }

  function yearText(year) { return year === null ? say("no_year") : String(year); }

  function citedOr(published, cited) {
    if (cited === null || String(published) === String(cited)) return document.createTextNode(isolate(String(published)));
    var fragment = document.createDocumentFragment();
    fragment.appendChild(el("span", "v-pub", String(published)));
    fragment.appendChild(el("span", "v-cited", String(cited)));
    return fragment;
  }

  function categoryChip(paper) {
    var category = categories[paper.categoryIndex];
    var chip = el("span", "chip cat-" + category.color);
    chip.appendChild(bi(category.en, category.zh));
    return chip;
  }

  function rowFor(paper) {
    var words = current.outcome ? SoraSearch.matchedWords(current.outcome, paper.i) : null;
    var body = el("tbody", "paper");
    body.id = "p-" + paper.key;
    body.setAttribute("data-key", paper.key);
    var row = el("tr", "row");
    var ref = el("td", "c-ref", paper.ref === null ? "" : String(paper.ref));
    var title = el("td", "c-title");
    var button = el("button", "expand");
    button.type = "button";
    button.id = "b-" + paper.key;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "d-" + paper.key);
    var dot = el("span", "dot cat-" + categories[paper.categoryIndex].color);
    dot.setAttribute("aria-hidden", "true");
    button.appendChild(dot);
    var label = el("span", "t");  // isolated (page.css): a title's direction controls stay inside it
    label.appendChild(highlighted(paper.title, words));
    button.appendChild(label);
    title.appendChild(button);
    var pdf = columns.pdf[paper.i];
    if (pdf) {
      var link = el("a", "pdf", "PDF");
      link.href = pdf;
      link.rel = "noopener noreferrer";
      link.setAttribute("aria-label", say("pdf_of", { title: paper.title }));
      title.appendChild(link);
    }
    var authors = shortAuthors(paper);
    var meta = el("div", "narrow-meta"), who = el("bdi");  // bdi: a name's direction marks stay inside it
    who.appendChild(highlighted(authors, words));
    meta.appendChild(who);
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(citedOr(paper.venue, paper.citedVenue));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(citedOr(yearText(paper.year), paper.citedVenue === null ? null : paper.citedYear));
    title.appendChild(meta);
    var author = el("td", "c-author");
    author.appendChild(highlighted(authors, words));
    var venue = el("td", "c-venue");
    venue.appendChild(citedOr(paper.venue, paper.citedVenue));
    var year = el("td", "c-year");
    year.appendChild(citedOr(yearText(paper.year), paper.citedVenue === null ? null : paper.citedYear));
    var category = el("td", "c-category");
    category.appendChild(categoryChip(paper));
    [ref, title, author, venue, year, category].forEach(function (cell) { row.appendChild(cell); });
    body.appendChild(row);
    button.addEventListener("click", function () { toggle(paper.key); });
    if (state.open.indexOf(paper.key) >= 0) openDetail(body, paper);
    return body;
  }

  function detailFor(paper) {
    var i = paper.i;
    var row = el("tr", "detail");
    row.id = "d-" + paper.key;
    var cell = el("td");
    cell.colSpan = 6;
    var bodyDiv = el("div", "detail-body");
    var meta = el("div", "meta");
    var list = el("dl");
    function item(labelKey, content) {
      var dt = el("dt", null, say(labelKey));
      dt.setAttribute("data-i18n", labelKey);
      var dd = el("dd");
      if (typeof content === "string") dd.textContent = content; else dd.appendChild(content);
      list.appendChild(dt);
      list.appendChild(dd);
    }
    item("all_authors", paper.authors.map(displayName).map(isolate).join(", "));
    var venueFull = isolate(columns.venueFull[i]), venueShort = isolate(paper.venue);
    var venueText = venueFull ? venueFull + (venueShort ? " (" + venueShort + ")" : "") : venueShort;
    var published = (venueText ? venueText + ", " : "") + yearText(paper.year);
    if (columns.volume[i]) published += ", vol. " + isolate(columns.volume[i]);
    if (columns.pages[i]) published += ", pp. " + isolate(columns.pages[i]);
    if (columns.publisher[i]) published += ", " + isolate(columns.publisher[i]);
    item("published_in", published);
    if (paper.citedVenue !== null && (paper.citedVenue !== paper.venue || paper.citedYear !== paper.year)) {
      item("cited_as", isolate(paper.citedVenue) + " " + paper.citedYear);
    }
    var categoryText = document.createDocumentFragment();
    var category = categories[paper.categoryIndex];
    categoryText.appendChild(bi(category.en, category.zh));
    if (paper.section) {
      var section = sections[columns.section[i]];
      categoryText.appendChild(document.createTextNode(" · "));
      categoryText.appendChild(bi(section.en, section.zh));
    }
    item("category", categoryText);
    item("key", el("code", null, paper.key));
    if (paper.tags.length) {
      var tags = document.createDocumentFragment();
      paper.tags.forEach(function (tag) { tags.appendChild(el("span", "tag", tag)); });
      item("tags", tags);
    }
    meta.appendChild(list);
    if (paper.summary || paper.summaryZh) {
      var summary = el("p", "summary");
      summary.appendChild(bi(paper.summary || paper.summaryZh, paper.summaryZh || paper.summary));
      meta.appendChild(summary);
    }
    var links = linksOf(paper);
    if (links.length) {
      var ul = el("ul", "links");
      links.forEach(function (link) {
        var li = el("li"), a = el("a", null, say(link[0]));
        a.href = link[1];
        a.rel = "noopener noreferrer";
        a.setAttribute("data-i18n", link[0]);
        li.appendChild(a);
        ul.appendChild(li);
      });
      meta.appendChild(ul);
    }
    if (columns.notes[i]) {
      var notes = el("details", "notes");
      var head = el("summary", null, say("notes"));
      head.setAttribute("data-i18n", "notes");
      notes.appendChild(head);
      notes.appendChild(el("p", null, columns.notes[i]));
      meta.appendChild(notes);
    }
    var bib = el("div", "bib");
    var bibHead = el("div", "bib-head");
    bibHead.appendChild(el("h2", "bib-title", "BibTeX"));
    var copyButton = el("button", "copy", say("copy_bibtex"));
    copyButton.type = "button";
    copyButton.setAttribute("data-i18n", "copy_bibtex");
    var status = el("span", "copy-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    bibHead.appendChild(copyButton);
    bibHead.appendChild(status);
    var pre = el("pre");
    pre.id = "bib-" + paper.key;
    pre.tabIndex = 0;
    pre.setAttribute("aria-label", "BibTeX " + paper.key);
    pre.appendChild(el("code", null, bibtexOf(paper)));
    copyButton.addEventListener("click", function () {
      copy(pre.textContent, function (ok) {
        status.textContent = say(ok ? "copied" : "copy_failed");
        status.setAttribute("data-copied", ok ? "yes" : "no");
      });
    });
    bib.appendChild(bibHead);
    bib.appendChild(pre);
    bodyDiv.appendChild(meta);
    bodyDiv.appendChild(bib);
    cell.appendChild(bodyDiv);
    row.appendChild(cell);
    return row;
  }

  function openDetail(body, paper) {
    if (!body.querySelector(".detail")) body.appendChild(detailFor(paper));
    body.classList.add("open");
    body.querySelector(".expand").setAttribute("aria-expanded", "true");
  }

  function toggle(key) {
    var open = state.open.filter(function (k) { return k !== key; });
    var opening = open.length === state.open.length;
    if (opening) open.push(key);
    state.open = open;
    var body = byId("p-" + key);
    if (body) {
      if (opening) openDetail(body, byKey[key]);
      else {
        var detail = body.querySelector(".detail");
        if (detail) body.removeChild(detail);
        body.classList.remove("open");
        body.querySelector(".expand").setAttribute("aria-expanded", "false");
      }
    }
    writeHash();
    rows.number();  // the rows after it move down or up one place
    rows.schedule(true);  // the row grew or shrank: measured again, and the window may reach further or less far
  }

  /* Row position of the list, for SoraRows (which numbers the rows for screen readers). */
  function makeRow(position) { return rowFor(current.list[position]); }

  /* The positions in the list of the papers whose details are open, ascending (each adds a row). */
  var openedCache = { list: null, open: null, positions: [] };
  function openedPositions() {
    var open = state.open.join(",");
    if (openedCache.list !== current.list || openedCache.open !== open) {
      var positions = [];
      state.open.forEach(function (key) {
        var at = current.list.indexOf(byKey[key]);
        if (at >= 0) positions.push(at);
      });
      openedCache = { list: current.list, open: open, positions: positions.sort(function (a, b) { return a - b; }) };
    }
    return openedCache.positions;
  }

  /* A query the search cannot read, in the page's language: search.js gives Python's English words
     and an id with the values to say the same in another (site.queryErrors). */
  function queryErrorText(error) {
    var template = (site.queryErrors[state.lang] || {})[error.id];
    if (!template) return error.message;
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in error.values ? String(error.values[name]) : whole;
    });
  }

  function statusText() {
    if (current.error) return say("query_error", { message: queryErrorText(current.error) });
    return say("count", { shown: current.list.length, total: papers.length });
  }

  function showPapers() {
    var list = current.list;
    var same = list.length === shownList.length && list.every(function (paper, k) { return paper === shownList[k]; });
    shownList = list;
    var top = table.getBoundingClientRect().top;
    if (!same && top < 0 && state.view === "papers") window.scrollBy(0, top);  // a new list starts at its top
    rows.all = rows.everyRow = state.every;  // every row drawn, for find in page, or a window of them
    rows.reset(list.length, same);
    var every = byId("every-row");
    every.disabled = false;
    every.setAttribute("aria-pressed", state.every ? "true" : "false");
    byId("count").textContent = statusText();
    byId("count").classList.toggle("error", !!current.error);
    announce(statusText());
    byId("no-match").hidden = current.list.length > 0 || !!current.error;
    var n = current.list.length;
    var copyAll = byId("copy-all"), download = byId("download-bib");
    copyAll.textContent = say("copy_all", { n: n });
    copyAll.disabled = download.disabled = n === 0;
    root.classList.toggle("as-cited", state.cited);
    headers.forEach(function (th) {
      var key = th.querySelector("[data-sort]").getAttribute("data-sort");
      if (key === state.sort) th.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  /* -- Views, language, controls ----------------------------------------------------------------- */
  function showControls() {
    if (controls.q.value !== state.q) controls.q.value = state.q;
    ["category", "section", "venue", "from", "to", "sort"].forEach(function (name) {
      if (controls[name]) controls[name].value = state[name];
    });
    if (controls.cited) controls.cited.checked = state.cited;
  }

  function showView() {
    all("[role=tab]").forEach(function (tab) {
      var selected = tab.getAttribute("data-view") === state.view;
      tab.setAttribute("aria-selected", selected ? "true" : "false");
      tab.tabIndex = selected ? 0 : -1;
      byId(tab.getAttribute("aria-controls")).hidden = !selected;
    });
    if (state.view === "map") showMap();
    if (state.view === "stats") showStats();
  }

  var shownLang = null;
  function showLanguage() {
    if (shownLang === state.lang) return;
    shownLang = state.lang;
    root.lang = state.lang;
    all("[data-i18n]").forEach(function (element) {
      var name = element.getAttribute("data-i18n");
      var values = {};
      if (element.hasAttribute("data-n")) values.n = element.getAttribute("data-n");
      if (element.hasAttribute("data-version")) values.version = element.getAttribute("data-version");
      element.textContent = say(name, values);
    });
    all("[data-i18n-coded]").forEach(function (element) {
      element.textContent = "";
      say(element.getAttribute("data-i18n-coded")).split("`").forEach(function (part, k) {
        element.appendChild(k % 2 ? el("code", null, part) : document.createTextNode(part));
      });
    });
    all("[data-i18n-placeholder]").forEach(function (element) {
      element.setAttribute("placeholder", say(element.getAttribute("data-i18n-placeholder")));
    });
    all("[data-i18n-aria-label]").forEach(function (element) {
      element.setAttribute("aria-label", say(element.getAttribute("data-i18n-aria-label")));
    });
    all("option[data-en]").forEach(function (option) {
      option.textContent = option.getAttribute("data-" + state.lang) || option.getAttribute("data-en");
    });
    byId("download-bib").textContent = say("download_bib");
    mapBuilt = false;
    return true;
  }

  var ready = false;
  function show() {
    showControls();
    showLanguage();
    if (!ready) return;
    compute();
    showView();  // first: the rows are measured in a visible table
    showPapers();
  }

  var hashTimer = null;
  function update(change) {
    Object.keys(change).forEach(function (key) { state[key] = change[key]; });
    if (LIST_KEYS.some(function (key) { return key in change; })) state.at = "";  // a new list is read from its top
    show();
    // Typing rewrites the address once it pauses, not at every key; anything else at once.
    clearTimeout(hashTimer);
    if (Object.keys(change).join() === "q") hashTimer = setTimeout(writeHash, 300);
    else writeHash();
  }

  /* -- What screen readers hear: #announce, a polite live region ---------------------------------- */
  /* The count shown changes at every key; it is said once the list has been still for a moment, and
     only if it differs from what was said last (nothing at all when the page opens). What the reader
     did (copied, saved) is said at once. */
  var ANNOUNCE_AFTER = 800;
  var announced = null, announcing = null;
  function announce(text) {
    clearTimeout(announcing);
    if (announced === null) { announced = text; return; }  // the page opening: nothing to say yet
    announcing = setTimeout(function () {
      if (text === announced) return;
      announced = text;
      byId("announce").textContent = text;
    }, ANNOUNCE_AFTER);
  }
  function tell(text) {
    clearTimeout(announcing);
    byId("count").textContent = text;
    var region = byId("announce");
    // The same words again (a second copy) are heard again only if the region changes.
    region.textContent = region.textContent === text ? text + "\u00a0" : text;
    announced = text;
  }

  /* -- Copying and saving BibTeX ------------------------------------------------------------------ */
  /* The clipboard API where the page counts as secure (file:// and https:// do), else the
     older execCommand on a hidden text area. */
  function copy(text, done) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      document.body.removeChild(area);
      return ok;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback()); });
    } else {
      done(fallback());
    }
  }

  function bibtexOfShown() { return current.list.map(bibtexOf).join("\n"); }

  byId("copy-all").addEventListener("click", function () {
    var n = current.list.length;
    copy(bibtexOfShown(), function (ok) {
      tell(ok ? say("bib_copied", { n: n }) : say("copy_failed"));
    });
  });
  byId("download-bib").addEventListener("click", function () {
    var name = (site.title || "sora-refs").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "references";
    var file = name + ".bib";
    var url = URL.createObjectURL(new Blob([bibtexOfShown()], { type: "application/x-bibtex;charset=utf-8" }));
    var a = el("a");
    a.href = url;
    a.download = file;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    tell(say("bib_downloaded", { n: current.list.length, file: file }));
  });

  /* -- Mind map: sections, categories with counts, papers on demand ------------------------------ */
  var mapBuilt = false;
  var MAP_PAPERS = 40;
  function showMap() {
    if (mapBuilt) return;
    mapBuilt = true;
    var outline = byId("map-outline");
    outline.textContent = "";
    var bySection = new Map();
    sections.forEach(function (s) { bySection.set(s.id, new Map()); });
    var ordered = papers.slice().sort(function (a, b) {
      var x = a.ref === null ? Infinity : a.ref, y = b.ref === null ? Infinity : b.ref;
      return x - y || a.i - b.i;
    });
    ordered.forEach(function (paper) {
      if (!bySection.has(paper.section)) bySection.set(paper.section, new Map());
      var cats = bySection.get(paper.section);
      if (!cats.has(paper.category)) cats.set(paper.category, []);
      cats.get(paper.category).push(paper);
    });
    if (bySection.has(null)) { var none = bySection.get(null); bySection.delete(null); bySection.set(null, none); }
    var small = papers.length <= 150;
    var top = el("ul", "tree");
    var rootItem = el("li", "tree-root");
    rootItem.appendChild(el("span", "node root", site.title));
    var sectionList = el("ul");
    bySection.forEach(function (cats, sectionId) {
      if (!cats.size) return;
      var section = sections.filter(function (s) { return s.id === sectionId; })[0];
      var count = 0;
      cats.forEach(function (list) { count += list.length; });
      var li = el("li");
      var details = el("details", "section");
      details.open = true;
      var summary = el("summary");
      if (section) summary.appendChild(bi(section.en, section.zh)); else summary.appendChild(el("span", null, say("no_section")));
      summary.appendChild(el("span", "count-badge", say("map_papers", { n: count })));
      details.appendChild(summary);
      var catList = el("ul");
      cats.forEach(function (list, categoryId) {
        var category = categories.filter(function (c) { return c.id === categoryId; })[0];
        var item = el("li");
        var catDetails = el("details", "category cat-" + category.color);
        var catSummary = el("summary");
        var dot = el("span", "dot cat-" + category.color);
        dot.setAttribute("aria-hidden", "true");
        catSummary.appendChild(dot);
        catSummary.appendChild(bi(category.en, category.zh));
        catSummary.appendChild(el("span", "count-badge", say("map_papers", { n: list.length })));
        catDetails.appendChild(catSummary);
        function fill() {
          if (catDetails.querySelector("ul")) return;
          var leaves = el("ul", "leaves");
          list.slice(0, MAP_PAPERS).forEach(function (paper) {
            var leaf = el("li"), a = el("a", "leaf-link");
            a.href = "#open=" + encodeURIComponent(paper.key);
            var surnames = paper.authors.map(familyName).map(isolate);
            var who = surnames.length > 2 ? surnames[0] + " " + say("et_al") : surnames.join(" & ");
            a.textContent = (paper.ref === null ? "" : "[" + paper.ref + "] ") + who + " " + yearText(paper.year) + " · " + isolate(paper.title);
            leaf.appendChild(a);
            leaves.appendChild(leaf);
          });
          if (list.length > MAP_PAPERS) {
            var rest = el("li"), button = el("button", "small", say("map_show_all", { n: list.length }));
            button.type = "button";
            button.addEventListener("click", function () {
              update({ view: "papers", q: "", category: categoryId, section: sectionId || "", venue: "", from: "", to: "" });
            });
            rest.appendChild(button);
            leaves.appendChild(rest);
          }
          catDetails.appendChild(leaves);
        }
        catDetails.addEventListener("toggle", function () { if (catDetails.open) fill(); });
        if (small) { catDetails.open = true; fill(); }
        item.appendChild(catDetails);
        catList.appendChild(item);
      });
      details.appendChild(catList);
      li.appendChild(details);
      sectionList.appendChild(li);
    });
    rootItem.appendChild(sectionList);
    top.appendChild(rootItem);
    outline.appendChild(top);
  }

  /* -- Statistics of the papers shown: venues, years, categories --------------------------------- */
  var charts = SoraCharts(say, el, svgEl);
  var counts = charts.counts, numbersTable = charts.numbersTable, figure = charts.figure;
  var barChart = charts.barChart, yearChart = charts.yearChart;

  var statsKey = null;
  function showStats() {
    var holder = byId("charts");
    var width = Math.max(240, Math.min(560, holder.clientWidth || 560));
    var key = [state.q, state.category, state.section, state.venue, state.from, state.to, state.lang, width, current.list.length].join("|");
    if (statsKey === key) return;
    statsKey = key;
    var list = current.list;
    byId("stats-scope").textContent = say("stats_scope", { n: list.length });
    holder.textContent = "";
    var views = site.hasCited ? ["cited", "published"] : ["published"];
    // Venues: the largest first; beyond 14, the rest in one bar.
    var cited = counts(list, function (p) { return p.citedVenue === null ? p.venue : p.citedVenue; });
    var publishedVenues = counts(list, function (p) { return p.venue; });
    cited.delete("");  // papers without a venue are not a venue
    publishedVenues.delete("");
    var names = new Set();
    (site.hasCited ? [cited, publishedVenues] : [publishedVenues]).forEach(function (m) { m.forEach(function (_, k) { names.add(k); }); });
    var venueRows = Array.from(names).map(function (name) {
      return site.hasCited ? [name, cited.get(name) || 0, publishedVenues.get(name) || 0] : [name, publishedVenues.get(name) || 0];
    }).sort(function (a, b) { return b[1] - a[1] || (b[2] || 0) - (a[2] || 0) || (a[0].toLowerCase() < b[0].toLowerCase() ? -1 : 1); });
    var shownVenues = venueRows;
    if (venueRows.length > 15) {
      var rest = venueRows.slice(14), other = [say("other_venues", { n: rest.length })];
      views.forEach(function (_, v) { other.push(rest.reduce(function (s, r) { return s + r[v + 1]; }, 0)); });
      shownVenues = venueRows.slice(0, 14).concat([other]);
    }
    var venueFig = figure("by_venue", views);
    venueFig.appendChild(barChart(shownVenues, views, width));
    venueFig.appendChild(numbersTable([say("col_venue")].concat(views.map(function (v) { return say("series_" + v); })), venueRows));
    holder.appendChild(venueFig);
    // Years: every year between the first and the last, empty ones too.
    var citedYears = counts(list, function (p) { return p.citedYear; });
    var publishedYears = counts(list, function (p) { return p.year; });
    var years = [];
    (site.hasCited ? [citedYears, publishedYears] : [publishedYears]).forEach(function (m) { m.forEach(function (_, y) { if (y !== null) years.push(y); }); });
    var yearRows = [];
    if (years.length) {
      var first = Math.min.apply(null, years), last = Math.max.apply(null, years);
      for (var y = first; y <= last; y++) {
        yearRows.push(site.hasCited ? [String(y), citedYears.get(y) || 0, publishedYears.get(y) || 0] : [String(y), publishedYears.get(y) || 0]);
      }
    }
    var yearFig = figure("by_year", views);
    yearFig.appendChild(yearChart(yearRows, views, width));
    // Papers with no year have no bar; the table gives them a row of their own, said in words.
    var undatedRow = site.hasCited ? [say("no_year"), citedYears.get(null) || 0, publishedYears.get(null) || 0] : [say("no_year"), publishedYears.get(null) || 0];
    yearFig.appendChild(numbersTable([say("col_year")].concat(views.map(function (v) { return say("series_" + v); })),
      yearRows.concat([undatedRow]).filter(function (r) { return r.slice(1).some(Boolean); })));
    holder.appendChild(yearFig);
    // Categories, in the catalogue's order.
    var byCategory = counts(list, function (p) { return p.categoryIndex; });
    var categoryRows = categories.map(function (c, k) { return [state.lang === "zh" ? c.zh : c.en, byCategory.get(k) || 0]; })
      .filter(function (r) { return r[1]; });
    var categoryFig = figure("by_category", ["published"]);
    categoryFig.appendChild(barChart(categoryRows, ["published"], width));
    categoryFig.appendChild(numbersTable([say("category"), say("count_col")], categoryRows));
    holder.appendChild(categoryFig);
    showHighlights(list);
  }

  /* The highlights of the papers shown, in the page's order whatever the list's, as `sora-refs stats` words them. */
  function showHighlights(list) {
    var holder = byId("highlights");
    if (!holder) return;
    var items = highlighter.items(list.slice().sort(function (a, b) { return a.i - b.i; }));
    holder.textContent = "";
    items.forEach(function (item) { holder.appendChild(el("li", null, highlighter.sentence(item, state.lang))); });
    holder.hidden = byId("highlights-title").hidden = !items.length;
  }

  /* -- Wiring -------------------------------------------------------------------------------------- */
  byId("controls").addEventListener("submit", function (event) { event.preventDefault(); });
  var typing = null;
  controls.q.addEventListener("input", function () {
    // Large pages wait for a pause in typing; small ones answer every key.
    clearTimeout(typing);
    var value = controls.q.value;
    if (papers.length < 3000) { update({ q: value }); return; }
    typing = setTimeout(function () { update({ q: value }); }, 25);
  });
  ["category", "section", "venue", "from", "to", "sort"].forEach(function (name) {
    if (!controls[name]) return;
    controls[name].addEventListener("change", function () {
      var change = {};
      change[name] = controls[name].value;
      // A range the wrong way round is taken as meant: the other end follows.
      if (name === "from" && state.to && change.from && Number(change.from) > Number(state.to)) change.to = change.from;
      if (name === "to" && state.from && change.to && Number(change.to) < Number(state.from)) change.from = change.to;
      if (name === "sort") change.dir = "asc";
      update(change);
    });
  });
  if (controls.cited) controls.cited.addEventListener("change", function () { update({ cited: controls.cited.checked }); });
  byId("reset").addEventListener("click", function (event) {
    event.preventDefault();
    update({ q: "", category: "", section: "", venue: "", from: "", to: "", cited: false, sort: "", dir: "asc" });
    controls.q.focus();
  });
  var filtersToggle = byId("filters-toggle");
  filtersToggle.addEventListener("click", function () {
    var open = filtersToggle.getAttribute("aria-expanded") !== "true";
    filtersToggle.setAttribute("aria-expanded", open ? "true" : "false");
    byId("filters").classList.toggle("open", open);
  });

  headers.forEach(function (th) {
    var button = th.querySelector("[data-sort]");
    button.addEventListener("click", function () {
      var key = button.getAttribute("data-sort");
      update(key === state.sort ? { dir: state.dir === "asc" ? "desc" : "asc" } : { sort: key, dir: "asc" });
    });
  });

  /* Where the reader has scrolled to goes into the address once scrolling stops: a shared or reloaded
     link opens at the same paper. */
  var scrolling = null;
  window.addEventListener("scroll", function () {
    clearTimeout(scrolling);
    scrolling = setTimeout(function () {
      if (!ready || state.view !== "papers") return;
      var position = rows.topPosition();
      var at = position === null ? "" : current.list[position].key;
      if (at !== state.at) { state.at = at; writeHash(); }
    }, 300);
  }, { passive: true });

  byId("copy-link").addEventListener("click", function () {
    copy(location.href, function (ok) { tell(say(ok ? "link_copied" : "copy_failed")); });
  });

  /* Drawing thousands of rows takes seconds (docs/performance.md): say so first, and let that be
     painted before the work starts. */
  byId("every-row").addEventListener("click", function () {
    var every = !state.every;
    if (!every || current.list.length < 2000) { update({ every: every }); return; }
    byId("count").textContent = say("drawing_rows", { n: current.list.length });
    table.setAttribute("aria-busy", "true");
    requestAnimationFrame(function () {
      setTimeout(function () {
        update({ every: true });
        table.removeAttribute("aria-busy");
      }, 0);
    });
  });

  byId("lang-switch").addEventListener("click", function () { update({ lang: state.lang === "zh" ? "en" : "zh" }); });

  var tabs = all("[role=tab]");
  tabs.forEach(function (tab, k) {
    tab.addEventListener("click", function () { update({ view: tab.getAttribute("data-view") }); });
    tab.addEventListener("keydown", function (event) {
      var target = null;
      if (event.key === "ArrowRight") target = tabs[(k + 1) % tabs.length];
      else if (event.key === "ArrowLeft") target = tabs[(k - 1 + tabs.length) % tabs.length];
      else if (event.key === "Home") target = tabs[0];
      else if (event.key === "End") target = tabs[tabs.length - 1];
      if (!target) return;
      event.preventDefault();
      update({ view: target.getAttribute("data-view") });
      target.focus();
    });
  });

  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { if (state.view === "stats") showStats(); }, 150);
  });

  /* Scroll to the first paper named in "open" (focused) or else to "at", as a shared link asks. */
  function revealFromAddress() {
    var key = state.open[0] || state.at;
    if (state.view !== "papers" || !key) return;
    var at = current.list.indexOf(byKey[key]);
    if (at < 0) return;
    var body = rows.reveal(at, "start");
    if (body && state.open.length) body.querySelector(".expand").focus({ preventScroll: true });
  }

  window.addEventListener("hashchange", function () {
    if (writing) { writing = false; return; }
    state = readHash();
    show();
    writeHash();
    revealFromAddress();
  });

  state = readHash();
  show();
  loadBulk().then(function (bulk) {
    makePapers(bulk);
    rows = new SoraRows.Rows(table, makeRow, function (position) { return current.list[position].i; }, papers.length,
                             openedPositions);
    ready = true;
    state = readHash();  // the papers named in "open" and "at" are known now
    show();
    revealFromAddress();
    root.setAttribute("data-ready", "true");
    root.setAttribute("data-ready-ms", String(Math.round(performance.now())));  // for benchmarks/site_bench.py
    // Fold and index the search fields in slices of 30 ms between frames, so that typing stays smooth.
    (function prepare() {
      if (index.prepare(performance.now() + 30)) {
        root.setAttribute("data-indexed-ms", String(Math.round(performance.now())));
        return;
      }
      setTimeout(prepare, 10);
    })();
  }, function (error) {
    byId("count").textContent = String(error);
  });
})();
