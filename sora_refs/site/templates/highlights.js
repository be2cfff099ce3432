/* The statistics highlights of the papers shown, as sentences in English and Chinese: sora_refs/stats/
   highlights.py (the figures) and sentences.py (the words) step for step, so that the page says of any
   search and filters what `sora-refs stats` says of the same papers. The sentence templates, the
   venue groups and "recent" come from Python in the page's data; tests/test_site_browser.py holds the
   two equal. */
var SoraHighlights = (function () {
  "use strict";

  /* stats.format_percent: one decimal, rounded half up, no trailing ".0"; exact in integers. */
  function percentText(n, d) {
    if (!d) return "0%";
    var tenths = Math.floor((2000 * n + d) / (2 * d));
    return Math.floor(tenths / 10) + (tenths % 10 ? "." + (tenths % 10) : "") + "%";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? String(values[name]) : whole; });
  }

  /* settings: {words, big, preprints, recent} from the page's data; venueKey(name) folds a venue
     (query.fold_venue); fold(text) as sora_refs.text.fold; families(paper) -> its authors' family names. */
  function Highlights(settings, venueKey, fold, families) {
    this.settings = settings;
    this.venueKey = venueKey;
    this.fold = fold;
    this.families = families;
  }

  function venueAs(paper, cited) { return cited && paper.citedVenue !== null ? paper.citedVenue : paper.venue || ""; }
  function yearAs(paper, cited) { return cited && paper.citedVenue !== null ? paper.citedYear : paper.year; }

  Highlights.prototype.venueShare = function (papers, names, cited) {
    var wanted = new Map(), each = new Map(), self = this;
    names.forEach(function (name) { wanted.set(self.venueKey(name), name); });
    papers.forEach(function (paper) {
      var name = wanted.get(self.venueKey(venueAs(paper, cited)));
      if (name !== undefined) each.set(name, (each.get(name) || 0) + 1);
    });
    var present = [], total = 0;
    names.forEach(function (name) { if (each.get(name)) { present.push([name, each.get(name)]); total += each.get(name); } });
    return [total, present];
  };

  /* stats.highlights(papers, cited=cited): [{kind, n, d, view, ...details}], venues as [name, count] pairs. */
  Highlights.prototype.figures = function (papers, cited) {
    var total = papers.length, s = this.settings, self = this;
    if (!total) return [];
    var asCited = cited && papers.some(function (p) { return p.citedVenue !== null; });
    var view = asCited ? "cited" : "published", result = [];
    function add(kind, n, details) { details.kind = kind; details.n = n; details.d = total; details.view = view; result.push(details); }

    var share = this.venueShare(papers, s.preprints, asCited);
    if (share[0]) add("preprints", share[0], { venues: share[1] });
    share = this.venueShare(papers, s.big, asCited);
    if (share[0]) add("big_venues", share[0], { venues: share[1] });
    var named = new Set(s.preprints.concat(s.big).map(function (v) { return self.venueKey(v); }));
    var others = new Map(), otherCount = 0;
    papers.forEach(function (paper) {
      var venue = venueAs(paper, asCited);
      if (!venue || named.has(self.venueKey(venue))) return;  // no venue is not a venue named ""
      others.set(venue, (others.get(venue) || 0) + 1);
      otherCount += 1;
    });
    if (otherCount) {
      var ordered = Array.from(others.entries()).map(function (kv) { return [kv[0], kv[1], self.fold(kv[0])]; });
      ordered.sort(function (a, b) { return b[1] - a[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
      add("other_venues", otherCount, { venues: ordered.map(function (v) { return [v[0], v[1]]; }) });
    }

    var years = new Map(), undated = 0;
    papers.forEach(function (paper) {
      var y = yearAs(paper, asCited);
      if (y === null) undated += 1;
      else years.set(y, (years.get(y) || 0) + 1);
    });
    if (!years.size) {  // no paper has a year: no span, peak or recent years to speak of
      add("no_year", undated, {});
      return result;
    }
    var all = Array.from(years.keys()), first = Math.min.apply(null, all), last = Math.max.apply(null, all);
    var oldest = papers.filter(function (p) { return yearAs(p, asCited) === first; }).map(function (p) {
      return { ref: p.ref, families: self.families(p), year: yearAs(p, asCited), title: p.title };
    });
    add("span", total, { first: first, last: last, years: last - first + 1, oldest: oldest });
    var peak = Math.max.apply(null, Array.from(years.values()));
    var peakYears = all.filter(function (y) { return years.get(y) === peak; }).sort(function (a, b) { return a - b; });
    if (peakYears.length < years.size || years.size === 1) add("peak_year", peak, { years: peakYears });
    var start = Math.max(first, last - s.recent + 1), recent = 0;
    years.forEach(function (n, y) { if (y >= start) recent += n; });
    add("recent", recent, { first: start, last: last, years: last - start + 1 });
    if (undated) add("no_year", undated, {});  // said in words: the shares above are of all papers
    return result;
  };

  function join(names, words) {
    if (names.length <= 1) return names.join("");
    return names.slice(0, -1).join(words.sep) + words.and + names[names.length - 1];
  }

  /* names.short_authors(authors, et_al=...): up to three family names, else the first and "et al.". */
  function shortFamilies(families, etAl) {
    families = families.map(isolate);
    return families.length <= 3 ? families.join(", ") : families[0] + " " + etAl;
  }

  /* A name holding direction controls (U+202E...) in an isolate of its own, as page.js does: it cannot
     turn the rest of the sentence around. Names without them are left as they are. */
  var BIDI = /[\u202a-\u202e\u2066-\u2069]/;
  function isolate(text) { return text && BIDI.test(text) ? "\u2068" + text + "\u2069" : text; }

  /* stats.sentences.highlight_text. */
  Highlights.prototype.sentence = function (item, lang) {
    var words = this.settings.words[lang] || this.settings.words.en;
    var share = fill(words.share_of, { n: item.n, d: item.d, p: percentText(item.n, item.d) });
    var venues = (item.venues || []).map(function (v) { return isolate(v[0]); });
    var each = (item.venues || []).map(function (v) { return isolate(v[0]) + " " + v[1]; }).join(words.sep);
    switch (item.kind) {
      case "preprints":
        return fill(words[item.view === "cited" ? "preprints_cited" : "preprints_published"], { venues: join(venues, words), share: share });
      case "big_venues": return fill(words.big_venues, { venues: join(venues, words), share: share, each: each });
      case "other_venues": return fill(words.other_venues, { each: each, share: share });
      case "span":
        var oldest = item.oldest.map(function (p) {
          return fill(words.paper, { ref: p.ref === null ? "" : "[" + p.ref + "] ", who: shortFamilies(p.families, words.et_al),
                                     year: p.year, title: p.title });
        }).join("; ");
        return fill(words.span, { first: item.first, last: item.last, years: item.years, oldest: oldest });
      case "peak_year": return fill(words.peak_year, { years: item.years.join(words.sep), share: share });
      case "recent": return fill(words.recent, { years: item.years, first: item.first, last: item.last, share: share });
      case "no_year": return fill(words.no_year, { share: share });
    }
    return item.kind + ": " + share;
  };

  /* What the page lists (site/builder.py highlight_items): the report's view, and after its preprints
     figure how many were preprints only when published. */
  Highlights.prototype.items = function (papers) {
    var items = this.figures(papers, true);
    if (papers.some(function (p) { return p.citedVenue !== null; })) {
      var published = this.figures(papers, false).filter(function (h) { return h.kind === "preprints"; });
      var at = 0;
      items.forEach(function (h, k) { if (h.kind === "preprints" && !at) at = k + 1; });
      items.splice.apply(items, [at, 0].concat(published));
    }
    return items;
  };

  return { Highlights: Highlights, percentText: percentText };
})();
