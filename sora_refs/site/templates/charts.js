/* The statistics' pictures: horizontal bars (venues, categories) and year columns as inline SVG, each
   with its numbers as a table for screen readers and copying. Drawn from counts page.js makes of the
   papers shown; no text from the catalogue becomes markup (textContent only). */
var SoraCharts = function (say, el, svgEl) {
  "use strict";

  function counts(list, keyOf) {
    var map = new Map();
    list.forEach(function (paper) {
      var key = keyOf(paper);
      map.set(key, (map.get(key) || 0) + 1);
    });
    return map;
  }

  function numbersTable(headings, rows) {
    var details = el("details", "numbers");
    var summary = el("summary", null, say("as_table"));
    details.appendChild(summary);
    var t = el("table"), head = el("tr");
    headings.forEach(function (h) { var th = el("th", null, h); th.scope = "col"; head.appendChild(th); });
    var thead = el("thead");
    thead.appendChild(head);
    t.appendChild(thead);
    var tbody = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr"), th = el("th", null, row[0]);
      th.scope = "row";
      tr.appendChild(th);
      row.slice(1).forEach(function (n) { tr.appendChild(el("td", null, String(n))); });
      tbody.appendChild(tr);
    });
    t.appendChild(tbody);
    details.appendChild(t);
    return details;
  }

  function figure(titleKey, legend) {
    var fig = el("figure", "chart");
    var caption = el("figcaption");
    caption.appendChild(el("h2", null, say(titleKey)));
    if (legend.length > 1) {
      var ul = el("ul", "legend");
      legend.forEach(function (view) {
        var li = el("li"), swatch = el("span", "swatch s-" + view);
        swatch.setAttribute("aria-hidden", "true");
        li.appendChild(swatch);
        li.appendChild(document.createTextNode(say("series_" + view)));
        ul.appendChild(li);
      });
      caption.appendChild(ul);
    }
    fig.appendChild(caption);
    return fig;
  }

  /* Horizontal bars: a label column, bars scaled to what is left of the width, the count after. */
  function barChart(rows, views, width) {
    var labelWidth = Math.min(150, Math.max(70, Math.round(width * 0.3))), countRoom = 44;
    var barRoom = Math.max(40, width - labelWidth - countRoom - 8);
    var per = 10 + 11 * views.length, largest = 1;
    rows.forEach(function (row) { row.slice(1).forEach(function (n) { largest = Math.max(largest, n); }); });
    var height = 8 + rows.length * per;
    var chart = svgEl("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, "aria-hidden": "true" });
    rows.forEach(function (row, k) {
      var y0 = 8 + k * per;
      var label = svgEl("text", { "class": "axis", x: labelWidth - 6, y: y0 + 11 * views.length / 2 - 1,
                                  "text-anchor": "end", "dominant-baseline": "central" });
      label.textContent = fitText(row[0], labelWidth - 10);
      chart.appendChild(label);
      views.forEach(function (view, v) {
        var n = row[v + 1], length = Math.round(n / largest * barRoom * 10) / 10;
        chart.appendChild(svgEl("rect", { "class": "s-" + view, x: labelWidth, y: y0 + v * 11, width: Math.max(length, 1),
                                          height: 9, rx: 2 }));
        var num = svgEl("text", { "class": "num", x: labelWidth + length + 5, y: y0 + v * 11 + 4.5, "dominant-baseline": "central" });
        num.textContent = String(n);
        chart.appendChild(num);
      });
    });
    return chart;
  }

  function textWidth(text) {
    var w = 0;
    for (var k = 0; k < text.length; k++) w += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(text[k]) ? 12 : 6.8;
    return w;
  }
  function fitText(text, room) {
    if (textWidth(text) <= room) return text;
    var out = "";
    for (var k = 0; k < text.length; k++) {
      if (textWidth(out + text[k] + "…") > room) break;
      out += text[k];
    }
    return out.replace(/\s+$/, "") + "…";
  }

  /* Year columns spread over the width; every year from the first to the last, labels thinned to fit. */
  function yearChart(rows, views, width) {
    var height = 190, base = height - 26, top = 20, left = 8, right = 8;
    var n = rows.length, step = (width - left - right) / Math.max(n, 1);
    var column = Math.max(1, Math.min(22, (step - 3) / views.length));
    var largest = 1;
    rows.forEach(function (row) { row.slice(1).forEach(function (c) { largest = Math.max(largest, c); }); });
    var every = Math.max(1, Math.ceil(36 / step));
    var chart = svgEl("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, "aria-hidden": "true" });
    chart.appendChild(svgEl("line", { "class": "base", x1: left, x2: width - right, y1: base, y2: base }));
    rows.forEach(function (row, k) {
      var x0 = left + k * step + (step - column * views.length) / 2;
      views.forEach(function (view, v) {
        var c = row[v + 1], length = Math.round(c / largest * (base - top) * 10) / 10;
        chart.appendChild(svgEl("rect", { "class": "s-" + view, x: x0 + v * column, y: base - length,
                                          width: Math.max(column - 1, 1), height: length, rx: 1.5 }));
        if (c && step >= 22 * views.length) {
          var num = svgEl("text", { "class": "num", x: x0 + v * column + column / 2, y: base - length - 4, "text-anchor": "middle" });
          num.textContent = String(c);
          chart.appendChild(num);
        }
      });
      if ((n - 1 - k) % every === 0) {  // counted from the last year, which always has its label
        var label = svgEl("text", { "class": "axis", x: left + k * step + step / 2, y: base + 16, "text-anchor": "middle" });
        label.textContent = row[0];
        chart.appendChild(label);
      }
    });
    return chart;
  }

  return { counts: counts, numbersTable: numbersTable, figure: figure, barChart: barChart, yearChart: yearChart };
};
