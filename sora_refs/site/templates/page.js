/* sora-refs catalogue page: search, filters, sorting, details, copy, language, URL state.
   Inline and hashed in the page's Content-Security-Policy. It builds no HTML from strings:
   every text it shows goes through textContent, so catalogue data stays text. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("site-data").textContent);
  var STRINGS = data.strings;
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function byId(id) { return document.getElementById(id); }
  function all(selector, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(selector)); }
  function say(name, values) {
    var table = STRINGS[state.lang] || STRINGS.en;
    var text = table[name] || STRINGS.en[name] || name;
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(String(values[key])); });
    return text;
  }

  /* -- Search: the same folding as sora_refs.text.fold, and a small edit distance ----------- */
  var EXTRA = { "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
                "œ": "oe", "Œ": "OE", "þ": "th", "ı": "i", "‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "·": " " };
  var EXTRA_RE = new RegExp("[" + Object.keys(EXTRA).join("") + "]", "g");
  function fold(text) {
    return String(text).replace(EXTRA_RE, function (c) { return EXTRA[c]; })
      .normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }
  var WORD_SPLIT = /[^\p{L}\p{N}]+/u;
  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

  /* Optimal string alignment distance (a swap of two letters counts once), stopping past max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var previous2 = null, previous = [], i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      var current = [i], best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        current.push(value);
        if (value < best) best = value;
      }
      if (best > max) return max + 1;
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }
  /* How many typos a word of this length may carry: none for short words, where one typo
     would match too much. */
  function allowed(length) { return length <= 3 ? 0 : length <= 6 ? 1 : 2; }

  function tokenMatches(token, paper) {
    if (paper.folded.indexOf(token) >= 0) return true;
    var word = token.replace(EDGES, "");
    var max = allowed(word.length);
    if (!max) return false;
    for (var i = 0; i < paper.words.length; i++) {
      var candidate = paper.words[i];
      if (distance(word, candidate, max) <= max) return true;
      // A word still being typed: compare with the start of longer words.
      if (candidate.length > word.length && distance(word, candidate.slice(0, word.length), max) <= max) return true;
    }
    return false;
  }

  var papers = data.papers.map(function (paper) {
    paper.folded = fold(paper.text);
    paper.words = Array.from(new Set(paper.folded.split(WORD_SPLIT).filter(Boolean)));
    paper.body = byId("p-" + paper.key);
    paper.button = byId("b-" + paper.key);
    paper.detail = byId("d-" + paper.key);
    paper.sortTitle = fold(paper.title);
    paper.sortAuthor = fold(paper.author);
    return paper;
  });
  var byKey = {};
  papers.forEach(function (paper) { byKey[paper.key] = paper; });

  /* -- State, kept in the URL fragment so that a view can be shared ------------------------ */
  var DEFAULTS = { q: "", category: "", section: "", venue: "", from: "", to: "", cited: false,
                   sort: "ref", dir: "asc", open: [], view: "papers", lang: data.lang };
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
    from: byId("f-from"), to: byId("f-to"), cited: byId("f-cited")
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
    return next;
  }

  function hashOf(current) {
    var params = new URLSearchParams();
    ["view", "q", "category", "section", "venue", "from", "to", "sort", "dir", "lang"].forEach(function (name) {
      if (current[name] !== DEFAULTS[name]) params.set(name, current[name]);
    });
    if (current.cited) params.set("cited", "1");
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

  /* -- Showing the state ------------------------------------------------------------------- */
  var table = byId("papers");
  var headers = all("th", table.tHead);

  function matches(paper, tokens) {
    if (state.category && paper.category !== state.category) return false;
    if (state.section && paper.section !== state.section) return false;
    if (state.venue && (state.cited ? paper.citedVenueKey : paper.venueKey) !== state.venue) return false;
    var year = state.cited ? paper.citedYear : paper.year;
    if (state.from && year < Number(state.from)) return false;
    if (state.to && year > Number(state.to)) return false;
    return tokens.every(function (token) { return tokenMatches(token, paper); });
  }

  function compare(a, b) {
    var x, y;
    switch (state.sort) {
      case "title": x = a.sortTitle; y = b.sortTitle; break;
      case "author": x = a.sortAuthor; y = b.sortAuthor; break;
      case "venue": x = fold(state.cited ? a.citedVenue : a.venue); y = fold(state.cited ? b.citedVenue : b.venue); break;
      case "year": x = state.cited ? a.citedYear : a.year; y = state.cited ? b.citedYear : b.year; break;
      case "category": x = a.categoryOrder; y = b.categoryOrder; break;
      default: x = a.ref === null ? Infinity : a.ref; y = b.ref === null ? Infinity : b.ref;
    }
    var order = x < y ? -1 : x > y ? 1 : 0;
    if (state.dir === "desc") order = -order;
    return order || a.index - b.index;
  }

  function showPapers() {
    var tokens = fold(state.q).split(/\s+/).filter(Boolean);
    var shown = 0;
    papers.slice().sort(compare).forEach(function (paper) {
      table.appendChild(paper.body);  // moves the row group: the DOM order is the sort order
      var visible = matches(paper, tokens);
      paper.body.hidden = !visible;
      if (visible) shown += 1;
      var open = state.open.indexOf(paper.key) >= 0;
      paper.detail.hidden = !open;
      paper.button.setAttribute("aria-expanded", open ? "true" : "false");
      paper.body.classList.toggle("open", open);
    });
    byId("count").textContent = say("count", { shown: shown, total: papers.length });
    byId("no-match").hidden = shown > 0;
    root.classList.toggle("as-cited", state.cited);
    headers.forEach(function (th) {
      var key = th.querySelector("[data-sort]").getAttribute("data-sort");
      if (key === state.sort) th.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  function showControls() {
    if (controls.q.value !== state.q) controls.q.value = state.q;
    ["category", "section", "venue", "from", "to"].forEach(function (name) {
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
  }

  function showLanguage() {
    root.lang = state.lang;
    all("[data-i18n]").forEach(function (element) {
      var name = element.getAttribute("data-i18n");
      if (name === "count") return;
      var values = {};
      if (element.hasAttribute("data-n")) values.n = element.getAttribute("data-n");
      if (element.hasAttribute("data-version")) values.version = element.getAttribute("data-version");
      element.textContent = say(name, values);
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
  }

  function show() {
    showControls();
    showView();
    showLanguage();
    showPapers();
  }

  function update(change) {
    Object.keys(change).forEach(function (key) { state[key] = change[key]; });
    show();
    writeHash();
  }

  /* -- Wiring -------------------------------------------------------------------------------- */
  byId("controls").addEventListener("submit", function (event) { event.preventDefault(); });
  controls.q.addEventListener("input", function () { update({ q: controls.q.value }); });
  ["category", "section", "venue", "from", "to"].forEach(function (name) {
    if (!controls[name]) return;
    controls[name].addEventListener("change", function () {
      var change = {};
      change[name] = controls[name].value;
      // A range the wrong way round is taken as meant: the other end follows.
      if (name === "from" && state.to && change.from && Number(change.from) > Number(state.to)) change.to = change.from;
      if (name === "to" && state.from && change.to && Number(change.to) < Number(state.from)) change.from = change.to;
      update(change);
    });
  });
  if (controls.cited) controls.cited.addEventListener("change", function () { update({ cited: controls.cited.checked }); });
  byId("reset").addEventListener("click", function (event) {
    event.preventDefault();
    update({ q: "", category: "", section: "", venue: "", from: "", to: "", cited: false });
    controls.q.focus();
  });

  headers.forEach(function (th) {
    var button = th.querySelector("[data-sort]");
    button.addEventListener("click", function () {
      var key = button.getAttribute("data-sort");
      update(key === state.sort ? { dir: state.dir === "asc" ? "desc" : "asc" } : { sort: key, dir: "asc" });
    });
  });

  papers.forEach(function (paper) {
    paper.button.addEventListener("click", function () {
      var open = state.open.filter(function (key) { return key !== paper.key; });
      if (open.length === state.open.length) open.push(paper.key);
      update({ open: open });
    });
  });

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
  all("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var status = button.parentNode.querySelector(".copy-status");
      copy(byId(button.getAttribute("data-copy")).textContent, function (ok) {
        status.textContent = say(ok ? "copied" : "copy_failed");
        status.setAttribute("data-copied", ok ? "yes" : "no");
      });
    });
  });
  byId("copy-link").addEventListener("click", function () {
    copy(location.href, function (ok) { byId("count").textContent = say(ok ? "link_copied" : "copy_failed"); });
  });

  byId("lang-switch").addEventListener("click", function () { update({ lang: state.lang === "zh" ? "en" : "zh" }); });

  var tabs = all("[role=tab]");
  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function () { update({ view: tab.getAttribute("data-view") }); });
    tab.addEventListener("keydown", function (event) {
      var target = null;
      if (event.key === "ArrowRight") target = tabs[(index + 1) % tabs.length];
      else if (event.key === "ArrowLeft") target = tabs[(index - 1 + tabs.length) % tabs.length];
      else if (event.key === "Home") target = tabs[0];
      else if (event.key === "End") target = tabs[tabs.length - 1];
      if (!target) return;
      event.preventDefault();
      update({ view: target.getAttribute("data-view") });
      target.focus();
    });
  });

  function revealOpened() {
    var first = byKey[state.open[0]];
    if (state.view === "papers" && first && !first.body.hidden) {
      first.body.scrollIntoView({ block: "start" });
      first.button.focus({ preventScroll: true });
    }
  }

  window.addEventListener("hashchange", function () {
    if (writing) { writing = false; return; }
    state = readHash();
    show();
    writeHash();
    revealOpened();
  });

  state = readHash();
  show();
  if (state.open.length) revealOpened();
})();
