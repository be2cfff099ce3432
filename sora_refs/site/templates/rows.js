/* The papers table, windowed: only the rows in and near the viewport are in the document (one screen
   above and below it, at least MIN_ROWS), with a spacer row standing in for each run of rows that are
   not, as tall as those rows (their measured height, or the mean of the rows measured so far), so the
   scrollbar keeps its size and position. Rows still wanted after a scroll are kept, not rebuilt.
   The row that holds the focus stays in the document wherever it scrolls; Tab, Shift+Tab, the arrow
   keys, Home and End move through the whole list, drawing rows as they go. Before printing every row
   is drawn, and so is every row when the reader asks (find in page). page.js makes the rows; this file
   only decides which are in the document and where. */
var SoraRows = (function () {
  "use strict";

  var MIN_ROWS = 60, GUESS = 48;
  var FOCUSABLE = "button, a[href], summary, [tabindex='0'], input, select, textarea";

  /* table: the <table>; make(position) -> a new tbody element for that row of the list; idOf(position) ->
     a number below size that stays with the paper whatever the list (measured heights are kept by it);
     opened() -> the positions, ascending, whose rows have a second row (their details) after them. */
  function Rows(table, make, idOf, size, opened) {
    this.table = table;
    this.make = make;
    this.idOf = idOf;
    this.opened = opened || function () { return []; };
    this.heights = new Float64Array(size);
    this.measured = 0;
    this.measuredSum = 0;
    this.count = 0;
    this.shown = [];  // [position, tbody] in list order
    this.all = false;  // every row in the document: printing, or everyRow
    this.everyRow = false;  // the reader asked for every row (so that find in page sees them all)
    this.scheduled = false;
    this.forced = false;
    var self = this;
    window.addEventListener("scroll", function () { self.schedule(); }, { passive: true });
    // Another width wraps titles otherwise: every height is measured again.
    window.addEventListener("resize", function () { self.forgetHeights(); self.schedule(true); });
    window.addEventListener("beforeprint", function () { self.all = true; self.update(true); });
    window.addEventListener("afterprint", function () { self.all = self.everyRow; self.update(true); });
    table.addEventListener("keydown", function (event) { self.key(event); });
    // Home and End scroll smoothly to where the top or end was when pressed; rows drawn on the way
    // change the heights above the view (and the document's), and the view would stop short, in the
    // middle of the list. They jump instead, and the end stays the end.
    window.addEventListener("keydown", function (event) {
      var target = event.target, home = event.key === "Home";
      if (!home && event.key !== "End") return;
      if (event.defaultPrevented || event.altKey || event.shiftKey || event.metaKey) return;
      // Fields, tabs and a box that scrolls on its own (a long BibTeX entry) keep their own Home and End.
      if (target && target.closest && target.closest("input, select, textarea, [contenteditable], [role=tab]")) return;
      if (target && target.nodeType === 1 && target !== document.body && scrollsItself(target)) return;
      if (!self.visible() || !self.count) return;
      event.preventDefault();
      window.scrollTo(0, home ? 0 : document.documentElement.scrollHeight);
      self.update(true);
    });
  }

  Rows.prototype.schedule = function (force) {
    this.forced = this.forced || !!force;
    if (this.scheduled) return;
    this.scheduled = true;
    var self = this;
    requestAnimationFrame(function () {
      var forced = self.forced;
      self.scheduled = self.forced = false;
      self.update(forced);
    });
  };

  Rows.prototype.visible = function () { return this.table.getClientRects().length > 0; };

  Rows.prototype.guess = function () { return this.measured ? this.measuredSum / this.measured : GUESS; };
  Rows.prototype.heightAt = function (position, guess) { return this.heights[this.idOf(position)] || guess; };
  Rows.prototype.forgetHeights = function () { this.heights.fill(0); this.measured = 0; this.measuredSum = 0; };

  /* Where the list's first row starts, in viewport coordinates. */
  Rows.prototype.origin = function () {
    var head = this.table.tHead;
    return this.table.getBoundingClientRect().top + (head ? head.offsetHeight : 0);
  };

  /* Distance from the list's top to the top of row position (measured or guessed). */
  Rows.prototype.offsetOf = function (position) {
    var y = 0, guess = this.guess();
    for (var p = 0; p < position; p++) y += this.heightAt(p, guess);
    return y;
  };

  /* The positions that belong in the document now, ascending. */
  Rows.prototype.wanted = function () {
    var n = this.count, start = 0, end = n, p;
    if (!this.all) {
      var screen = window.innerHeight || 800, top = -this.origin();
      var from = top - screen, to = top + 2 * screen, y = 0, guess = this.guess();
      start = -1;
      for (p = 0; p < n; p++) {
        var h = this.heightAt(p, guess);
        if (start < 0 && y + h > from) start = p;
        if (y >= to) break;
        y += h;
      }
      end = p;
      if (start < 0) start = Math.max(0, n - MIN_ROWS);  // below the list's end: its last rows
      if (end - start < MIN_ROWS) {
        end = Math.min(n, start + MIN_ROWS);
        start = Math.max(0, end - MIN_ROWS);
      }
    }
    var positions = [];
    var focused = this.focusedPosition();
    if (focused !== null && focused < start) positions.push(focused);
    for (p = start; p < end; p++) positions.push(p);
    if (focused !== null && focused >= end) positions.push(focused);
    return positions;
  };

  Rows.prototype.focusedPosition = function () {
    var active = document.activeElement;
    var body = active && active.closest ? active.closest("tbody.paper") : null;
    return body && body.parentNode === this.table && body.sorPosition !== undefined ? body.sorPosition : null;
  };

  /* The first row whose bottom is below the viewport's top, and where it is: kept in place across a change. */
  Rows.prototype.anchor = function () {
    for (var k = 0; k < this.shown.length; k++) {
      var box = this.shown[k][1].getBoundingClientRect();
      if (box.bottom > 0) return { position: this.shown[k][0], top: box.top };
    }
    return null;
  };

  /* A new list of count rows: nothing drawn yet. keepPlace: the same list drawn again (new language,
     "as cited"): the row at the top of the window stays where it is. */
  Rows.prototype.reset = function (count, keepPlace) {
    var anchor = keepPlace && count === this.count ? this.anchor() : null;
    var table = this.table;
    Array.prototype.slice.call(table.tBodies).forEach(function (body) { table.removeChild(body); });
    this.shown = [];
    this.count = count;
    this.update(true, anchor);
  };

  /* Draw the rows the view needs. Rows measured at other heights than guessed move what follows, so
     the view is checked again (a few rounds at most) until the rows drawn cover it: after a jump (the
     End key, the scrollbar dragged) no part of the view is left blank. A view at the document's end
     (End, Ctrl+End) stays at the end, its last rows shown, whatever the heights measured meanwhile. */
  Rows.prototype.update = function (force, anchor) {
    if (!this.visible()) return;
    var doc = document.documentElement;
    var atEnd = anchor === undefined && !this.all && this.count > 0 && window.scrollY > 0 &&
      window.scrollY + window.innerHeight >= doc.scrollHeight - 2;
    for (var round = 0; round < 4; round++) {
      var positions = this.wanted();
      if (!(force && round === 0) && positions.length === this.shown.length &&
          positions.every(function (p, k) { return this.shown[k][0] === p; }, this)) return;
      if (anchor === undefined || round > 0) anchor = this.anchor();
      this.place(positions);
      this.measure();
      this.sizeSpacers();
      this.number();
      if (atEnd) {
        window.scrollTo(0, doc.scrollHeight);
      } else if (anchor) {
        var body = this.bodyAt(anchor.position);
        if (body) {
          var moved = body.getBoundingClientRect().top - anchor.top;
          if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
        }
      }
    }
  };

  /* Screen readers hear each row's place in the whole table ("row 5,002 of 20,001"), the heading row
     first and a paper's details as the row after it: aria-rowcount on the table, aria-rowindex on every
     row in the document, details rows included. Rows not drawn are counted all the same. */
  Rows.prototype.number = function () {
    var opened = this.opened(), k = 0;
    this.table.setAttribute("aria-rowcount", String(this.count + 1 + opened.length));
    this.shown.forEach(function (item) {
      var position = item[0], body = item[1];
      while (k < opened.length && opened[k] < position) k++;
      var index = position + 2 + k;
      body.sorRow = body.sorRow || body.querySelector("tr.row");
      if (body.sorRow.getAttribute("aria-rowindex") !== String(index)) body.sorRow.setAttribute("aria-rowindex", String(index));
      var detail = body.querySelector("tr.detail");
      if (detail) detail.setAttribute("aria-rowindex", String(index + 1));
    });
  };

  Rows.prototype.bodyAt = function (position) {
    for (var k = 0; k < this.shown.length; k++) if (this.shown[k][0] === position) return this.shown[k][1];
    return null;
  };

  /* Make the document hold positions: rows kept where they are (moving a node would drop its focus),
     new ones inserted around them, spacers for the gaps. */
  Rows.prototype.place = function (positions) {
    var table = this.table, wanted = new Set(positions), kept = new Map();
    Array.prototype.slice.call(table.tBodies).forEach(function (body) {
      if (body.sorPosition !== undefined && wanted.has(body.sorPosition)) kept.set(body.sorPosition, body);
      else table.removeChild(body);
    });
    var shown = [], previous = -1, self = this;
    var next = table.tBodies[0] || null;  // the first kept row: new nodes go before it
    function insert(node) { table.insertBefore(node, next); }
    positions.forEach(function (p) {
      if (p > previous + 1) insert(self.spacer(previous + 1, p));
      var body = kept.get(p);
      if (body) {
        next = body.nextSibling;
      } else {
        body = self.make(p);
        body.sorPosition = p;
        body.sorId = self.idOf(p);
        insert(body);
      }
      shown.push([p, body]);
      previous = p;
    });
    if (previous + 1 < this.count) insert(this.spacer(previous + 1, this.count));
    this.shown = shown;
  };

  Rows.prototype.spacer = function (from, to) {
    var body = document.createElement("tbody"), row = document.createElement("tr"), cell = document.createElement("td");
    body.className = "spacer";
    body.setAttribute("aria-hidden", "true");
    body.sorFrom = from;
    body.sorTo = to;
    cell.colSpan = 6;
    row.appendChild(cell);
    body.appendChild(row);
    this.sizeSpacer(body, this.guess());  // tall from the start: a short page would pull the view up
    return body;
  };

  Rows.prototype.sizeSpacer = function (body, guess) {
    var height = 0;
    for (var p = body.sorFrom; p < body.sorTo; p++) height += this.heightAt(p, guess);
    body.firstChild.firstChild.style.height = height + "px";
  };

  Rows.prototype.measure = function () {
    var self = this;
    this.shown.forEach(function (item) {
      var height = item[1].getBoundingClientRect().height, id = item[1].sorId, old = self.heights[id];
      if (!height || height === old) return;
      if (!old) self.measured += 1;
      self.measuredSum += height - old;
      self.heights[id] = height;
    });
  };

  Rows.prototype.sizeSpacers = function () {
    var guess = this.guess(), self = this;
    Array.prototype.forEach.call(this.table.tBodies, function (body) {
      if (body.sorFrom !== undefined) self.sizeSpacer(body, guess);
    });
  };

  /* Bring row position into view (its top at the viewport's top with align "start") and return its tbody. */
  Rows.prototype.reveal = function (position, align) {
    var body = this.bodyAt(position);
    if (!body) {
      var top = window.scrollY + this.origin() + this.offsetOf(position);
      window.scrollTo(0, align === "start" ? top : top - (window.innerHeight || 800) / 2);
      this.update(true);
      body = this.bodyAt(position);
    }
    if (body) {
      body.scrollIntoView({ block: align || "nearest" });
      this.update(false);
    }
    return body;
  };

  /* The row that starts the view (its position), for the address; null at the list's top. */
  Rows.prototype.topPosition = function () {
    if (this.origin() >= 0) return null;
    var anchor = this.anchor();
    return anchor ? anchor.position : null;
  };

  function scrollsItself(node) {
    return /auto|scroll/.test(getComputedStyle(node).overflowY) && node.scrollHeight > node.clientHeight + 1;
  }

  function focusables(body) {
    return Array.prototype.filter.call(body.querySelectorAll(FOCUSABLE), function (node) {
      return node.getClientRects().length > 0 && !node.disabled;
    });
  }

  /* Keys that leave a row: on to the next or previous row even where it is not drawn yet. */
  Rows.prototype.key = function (event) {
    var body = event.target.closest ? event.target.closest("tbody.paper") : null;
    if (!body || body.sorPosition === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    var at = body.sorPosition, target = null, last = false, onTitle = event.target.classList.contains("expand");
    if (event.key === "Tab") {
      var nodes = focusables(body);
      if (!event.shiftKey && event.target === nodes[nodes.length - 1] && at + 1 < this.count) target = at + 1;
      if (event.shiftKey && event.target === nodes[0] && at > 0) { target = at - 1; last = true; }
    } else if (onTitle && !event.shiftKey) {
      if (event.key === "ArrowDown" && at + 1 < this.count) target = at + 1;
      else if (event.key === "ArrowUp" && at > 0) target = at - 1;
      else if (event.key === "Home") target = 0;
      else if (event.key === "End") target = this.count - 1;
      else if (event.key === "PageDown" || event.key === "PageUp") {
        // A screen of rows on, less one: the row that had the focus is still in view.
        var step = Math.max(1, Math.floor((window.innerHeight || 800) / this.guess()) - 1);
        target = event.key === "PageDown" ? Math.min(this.count - 1, at + step) : Math.max(0, at - step);
        if (target === at) target = null;
      }
    }
    if (target === null) return;
    event.preventDefault();
    var next = this.reveal(target, "nearest");
    if (!next) return;
    var nodes2 = focusables(next);
    var node = last ? nodes2[nodes2.length - 1] : next.querySelector(".expand");
    if (node) node.focus();
  };

  return { Rows: Rows, MIN_ROWS: MIN_ROWS };
})();
