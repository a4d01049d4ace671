// Vigil dashboard: time-series charts (uPlot, canvas) and reference-versus-current overlays (SVG).
"use strict";

(function (V) {
  const PALETTE = ["#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#db2777",
    "#4b5563", "#65a30d"];
  const REFERENCE = "#2563eb";
  const CURRENT = "#ea580c";
  const HEIGHT = 170;
  const live = [];   // {u, figure}: destroyed once their figure leaves the page

  function sweep() {
    for (let i = live.length - 1; i >= 0; i--) {
      if (!live[i].figure.isConnected) {
        live[i].u.destroy();
        live.splice(i, 1);
      }
    }
  }

  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      sweep();
      for (const c of live) c.u.setSize({width: plotWidth(c.figure), height: HEIGHT});
    }, 150);
  });

  function plotWidth(figure) {
    return Math.max(240, Math.floor(figure.clientWidth) - 4);
  }

  /**
   * A time-series chart in `parent`: spec = {title, times (ISO strings), series: [{label, values}], format,
   * yMin, yMax, description}. When no series has a finite value, a message takes its place.
   */
  function timeSeries(parent, spec) {
    sweep();
    const hasData = spec.series.some((s) => s.values.some(V.fmt.finite));
    const caption = V.el("figcaption", {}, spec.title);
    if (!hasData) {
      parent.appendChild(V.el("figure", {class: "chart empty"}, caption,
          V.message(spec.empty || "No data in this time range.")));
      return null;
    }
    const figure = V.el("figure", {class: "chart", role: "group", "aria-label": spec.description || spec.title},
        caption);
    parent.appendChild(figure);
    const xs = spec.times.map((t) => Date.parse(t) / 1000);
    const format = spec.format || ((v) => V.fmt.number(v));
    const opts = {
      width: plotWidth(figure),
      height: HEIGHT,
      scales: {x: {time: true}, y: {range: (u, min, max) => yRange(spec, min, max)}},
      axes: [{stroke: "#4b5563", grid: {stroke: "#e5e7eb"}, ticks: {stroke: "#e5e7eb"}},
        {stroke: "#4b5563", grid: {stroke: "#e5e7eb"}, ticks: {stroke: "#e5e7eb"}, size: 64,
          values: (u, vals) => vals.map((v) => format(v))}],
      series: [{label: "time", value: (u, v) => (v === null ? "–" : V.fmt.time(v * 1000))}].concat(
          spec.series.map((s, i) => ({
            label: s.label,
            stroke: s.colour || PALETTE[i % PALETTE.length],
            width: 1.6,
            fill: s.fill || undefined,
            // Lines need two neighbours: sparse series (a model that just started) show their points too.
            points: {show: s.values.filter(V.fmt.finite).length < 40 || xs.length < 40},
            value: (u, v) => (v === null || v === undefined ? "–" : format(v)),
          }))),
      cursor: {drag: {x: false, y: false}},
    };
    const data = [xs].concat(spec.series.map((s) => s.values.map((v) => (V.fmt.finite(v) ? v : null))));
    const u = new uPlot(opts, data, figure);
    live.push({u, figure});
    return u;
  }

  function yRange(spec, min, max) {
    let lo = spec.yMin !== undefined ? Math.min(spec.yMin, min) : min;
    let hi = spec.yMax !== undefined ? Math.max(spec.yMax, max) : max;
    if (!(hi > lo)) {
      const pad = Math.abs(hi) * 0.1 || 1;
      lo -= spec.yMin === 0 && lo === 0 ? 0 : pad;
      hi += pad;
    }
    if (spec.yMin === 0) lo = Math.min(0, lo);
    return [lo, hi + (hi - lo) * 0.05];
  }

  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const W = 400;
  const H = 150;
  const TOP = 8;
  const BOTTOM = H - 22;

  /**
   * Reference and current distributions of one feature overlaid: step areas over the bins of a numeric feature,
   * grouped bars for the categories of a categorical one. histogram is the drift API's per-feature field.
   */
  function overlay(parent, name, histogram) {
    const caption = V.el("figcaption", {},
        V.el("span", {class: "feature-name"}, name), " ",
        V.el("span", {class: "key reference"}, "reference"), " ",
        V.el("span", {class: "key current"}, "current"));
    const figure = V.el("figure", {class: "overlay"}, caption);
    parent.appendChild(figure);
    if (!histogram || (!histogram.reference && !histogram.current)) {
      figure.appendChild(V.message("No values to compare."));
      return;
    }
    const plot = svg("svg", {viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": name + ": distribution of reference and current values"});
    plot.appendChild(svg("title", {}, name + ": reference (blue) and current (orange)"));
    const sides = [histogram.reference, histogram.current].filter(Boolean);
    const top = Math.max(1e-12, ...sides.flat());
    if (histogram.kind === "numeric") {
      for (const [values, colour] of [[histogram.reference, REFERENCE], [histogram.current, CURRENT]]) {
        if (values) plot.appendChild(stepArea(values, top, colour));
      }
      const edges = histogram.edges;
      axis(plot, V.fmt.number(edges[0], 3), V.fmt.number(edges[edges.length - 1], 3));
    } else {
      const k = histogram.categories.length;
      const slot = W / Math.max(k, 1);
      const bar = Math.max(1, slot * 0.38);
      histogram.categories.forEach((category, i) => {
        const x = i * slot + slot * 0.1;
        [[histogram.reference, REFERENCE, 0], [histogram.current, CURRENT, bar]].forEach(([values, colour, dx]) => {
          if (!values) return;
          const h = (values[i] / top) * (BOTTOM - TOP);
          const rect = svg("rect", {x: x + dx, y: BOTTOM - h, width: bar, height: Math.max(h, 0.5), fill: colour,
            "fill-opacity": 0.8});
          rect.appendChild(svg("title", {}, category + ": " + V.fmt.percent(values[i])));
          plot.appendChild(rect);
        });
        if (k <= 8) {
          const label = category.length > 12 ? category.substring(0, 11) + "…" : category;
          plot.appendChild(svg("text", {x: x + bar, y: H - 7, "font-size": 10, "text-anchor": "middle"}, label));
        }
      });
      if (k > 8 || histogram.other_categories > 0) {
        axis(plot, k + " most common categories",
            histogram.other_categories > 0 ? histogram.other_categories + " more not shown" : "");
      }
    }
    figure.appendChild(plot);
  }

  function stepArea(values, top, colour) {
    const step = W / values.length;
    let d = "M0," + BOTTOM;
    values.forEach((p, i) => {
      const y = BOTTOM - (p / top) * (BOTTOM - TOP);
      d += " L" + (i * step).toFixed(1) + "," + y.toFixed(1) + " L" + ((i + 1) * step).toFixed(1) + "," + y.toFixed(1);
    });
    d += " L" + W + "," + BOTTOM + " Z";
    return svg("path", {d, fill: colour, "fill-opacity": 0.35, stroke: colour, "stroke-width": 1.2});
  }

  function axis(plot, left, right) {
    plot.appendChild(svg("line", {x1: 0, y1: BOTTOM, x2: W, y2: BOTTOM, stroke: "#6b7280"}));
    plot.appendChild(svg("text", {x: 2, y: H - 7, "font-size": 10}, left));
    plot.appendChild(svg("text", {x: W - 2, y: H - 7, "font-size": 10, "text-anchor": "end"}, right));
  }

  V.charts = {timeSeries, overlay, PALETTE, REFERENCE, CURRENT};
})(window.Vigil);
