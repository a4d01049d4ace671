// Vigil dashboard: one model's page (usage charts, drift, and the panels of panels.js).
"use strict";

(function (V) {
  const MAX_CLASSES = 8;
  const MAX_OVERLAYS = 30;

  function fillUsage(panels, answer) {
    const all = [panels.traffic.body, panels.errors.body, panels.latency.body, panels.confidence.body,
      panels.classes.body];
    if (!answer.ok) {
      for (const b of all) b.replaceChildren(V.message("Usage is unavailable: " + answer.error, "error"));
      return;
    }
    const s = answer.body;
    if (!s.total.count) {
      for (const b of all) b.replaceChildren(V.message("No traffic in this time range."));
      return;
    }
    const times = s.series.map((p) => p.t);
    const col = (key) => s.series.map((p) => p[key]);
    for (const b of all) b.replaceChildren();
    panels.traffic.body.append(V.el("p", {class: "muted"}, V.fmt.count(s.total.count) + " predictions, "
        + V.fmt.count(s.total.errors) + " errors; latency p99 " + V.fmt.ms(s.total.latency_p99_ms)
        + ", mean confidence " + V.fmt.number(s.total.mean_confidence) + "."));
    V.charts.timeSeries(panels.traffic.body, {title: "Requests per second", times, yMin: 0,
      series: [{label: "requests/s", values: col("rps")}], format: (v) => V.fmt.number(v, 2)});
    panels.errors.body.append(V.el("p", {class: "muted"}, V.fmt.percent(s.total.error_rate, 2) + " of predictions"
        + " failed in this range."));
    V.charts.timeSeries(panels.errors.body, {title: "Error rate", times, yMin: 0,
      series: [{label: "error rate", values: col("error_rate"), colour: "#dc2626"}],
      format: (v) => V.fmt.percent(v, 1)});
    V.charts.timeSeries(panels.latency.body, {title: "Latency p50, p95, p99", times, yMin: 0,
      series: [{label: "p50", values: col("latency_p50_ms")}, {label: "p95", values: col("latency_p95_ms")},
        {label: "p99", values: col("latency_p99_ms")}],
      format: V.fmt.ms, empty: "The model server sends no latency_ms."});
    V.charts.timeSeries(panels.confidence.body, {title: "Confidence: 10th, 50th and 90th percentiles, mean",
      times, yMin: 0, yMax: 1,
      series: [{label: "p10", values: col("confidence_p10")}, {label: "median", values: col("confidence_p50")},
        {label: "p90", values: col("confidence_p90")}, {label: "mean", values: col("mean_confidence")}],
      empty: "No confidence or scores in these predictions."});
    classChart(panels.classes.body, s, times);
  }

  /** The share of each predicted class per step, the most common classes only. */
  function classChart(body, s, times) {
    const totals = s.total.classes || {};
    const classes = Object.keys(totals).sort((a, b) => totals[b] - totals[a]);
    if (classes.length === 0) {
      body.replaceChildren(V.message("No predicted classes (a regression model, or no predictions)."));
      return;
    }
    const shown = classes.slice(0, MAX_CLASSES);
    const series = shown.map((k) => ({label: k, values: s.series.map((p) => {
      const n = Object.values(p.classes || {}).reduce((a, b) => a + b, 0);
      return n ? ((p.classes || {})[k] || 0) / n : null;
    })}));
    V.charts.timeSeries(body, {title: "Share of each predicted class", times, series, yMin: 0, yMax: 1,
      format: (v) => V.fmt.percent(v, 0)});
    if (classes.length > MAX_CLASSES) {
      body.append(V.el("p", {class: "muted"}, (classes.length - MAX_CLASSES) + " rarer classes not shown."));
    }
  }

  function fillDrift(body, answer) {
    if (!answer.ok) {
      body.replaceChildren(V.message("No drift report: " + answer.error, answer.status === 404 ? "info" : "error"));
      return;
    }
    const d = answer.body;
    if (!d.current.rows) {
      body.replaceChildren(V.message("No traffic in this time range to compare with the reference ("
          + V.fmt.count(d.reference.rows) + " rows)."));
      return;
    }
    const tested = d.features.filter((f) => f.method);
    const drifted = tested.filter((f) => f.drifted);
    const summary = V.el("p", {class: "drift-summary " + (d.dataset_drift ? "bad" : "good")},
        "Dataset drift: " + (d.dataset_drift ? "yes" : "no") + ", " + drifted.length + " of " + tested.length
        + " features drifted (" + V.fmt.percent(d.drift_share, 0) + "; threshold "
        + V.fmt.percent(d.drift_share_threshold, 0) + "). Current " + V.fmt.count(d.current.rows)
        + " rows, reference " + V.fmt.count(d.reference.rows) + " rows.");
    const rows = d.features.map((f) => V.el("tr", {class: f.drifted ? "drifted" : null},
        V.el("td", {class: "name feature"}, f.name), V.el("td", {}, f.type || "–"), V.el("td", {}, f.method || "–"),
        V.el("td", {class: "num"}, V.fmt.number(f.statistic, 4)
          + (V.fmt.finite(f.statistic_error) && f.statistic_error > 0 ? " ± " + V.fmt.number(f.statistic_error, 3) : "")),
        V.el("td", {class: "num"}, f.p_value === null ? "–" : V.fmt.number(f.p_value, 4)),
        V.el("td", {class: "num"}, V.fmt.number(f.threshold, 3)),
        V.el("td", {class: "verdict"}, f.method ? (f.drifted ? "drifted" : "no") : "skipped: " + (f.skipped || ""))));
    const overlays = V.el("div", {class: "overlays"});
    body.replaceChildren(summary, V.el("div", {class: "table-wrap"}, V.el("table", {id: "drift-table"},
        V.el("caption", {}, "Drift of each feature against the reference"),
        V.el("thead", {}, V.el("tr", {}, ["Feature", "Type", "Method", "Statistic", "p-value", "Threshold", "Drifted"]
            .map((h, i) => V.el("th", {scope: "col", class: i >= 3 && i <= 5 ? "num" : null}, h)))),
        V.el("tbody", {}, rows))), V.el("h3", {}, "Reference versus current distributions"), overlays);
    const ordered = d.features.slice().sort((a, b) => (b.drifted - a.drifted));
    for (const f of ordered.slice(0, MAX_OVERLAYS)) V.charts.overlay(overlays, f.name, f.histogram);
    if (ordered.length > MAX_OVERLAYS) {
      body.append(V.el("p", {class: "muted"}, (ordered.length - MAX_OVERLAYS) + " more features not plotted."));
    }
  }

  /** Renders the page of `name` into `view`; returns a function that (re)loads every panel. */
  V.modelPage = function (view, state, name) {
    const selection = {version: null, metric: null};
    const heading = V.el("h1", {}, V.el("span", {class: "muted"}, "Model "), V.el("span", {id: "model-name"}, name));
    const facts = V.el("p", {class: "muted", id: "model-facts"});
    const versions = V.el("select", {id: "version", onchange: (e) => {
      selection.version = e.target.value;
      state.refresh();
    }});
    const bar = V.el("div", {class: "inline"}, V.el("label", {for: "version"}, "Version"), versions);
    const panels = {
      traffic: V.panel("traffic", "Traffic"), errors: V.panel("errors", "Errors"), latency: V.panel("latency", "Latency"),
      confidence: V.panel("confidence", "Confidence"), classes: V.panel("classes", "Predicted classes"),
      performance: V.panel("performance", "Performance"), drift: V.panel("drift", "Drift", true),
      quality: V.panel("quality", "Data quality", true), review: V.panel("review", "Review queue", true),
      alerts: V.panel("alerts", "Alerts", true),
    };
    view.replaceChildren(heading, facts, bar, V.el("div", {class: "grid"},
        Object.values(panels).map((p) => p.section)));

    return async function refresh(isCurrent) {
      const model = await V.api(V.modelPath(name));
      if (!isCurrent()) return;
      if (!model.ok) {
        view.replaceChildren(heading, V.message("Cannot show this model: " + model.error, "error"));
        return;
      }
      const m = model.body;
      const names = Object.keys(m.versions || {});
      if (selection.version === null || !names.includes(selection.version)) {
        selection.version = names.length ? names.reduce((a, b) =>
          Date.parse(m.versions[b].last) > Date.parse(m.versions[a].last) ? b : a) : null;
      }
      versions.replaceChildren(...(names.length ? names : ["default"]).map((v) =>
        V.el("option", {value: v, selected: v === selection.version}, v)));
      facts.textContent = (m.task || "task unknown") + " · " + (m.features || []).length + " features"
          + (m.classes && m.classes.length ? " · classes " + m.classes.join(", ") : "")
          + " · " + V.ranges[state.range].label;
      const r = V.ranges[state.range];
      const q = V.query({version: selection.version, from: r.from, to: "now", step: r.step});
      const base = V.modelPath(name);
      const [stats, drift, quality, perf, review, alerts] = await Promise.all([
        V.api(base + "/stats" + q),
        V.api(base + "/drift" + V.query({version: selection.version, from: r.from, to: "now"})),
        V.api(base + "/quality" + V.query({version: selection.version, from: r.from, to: "now"})),
        V.api(base + "/performance" + q),
        V.api(base + "/review" + V.query({version: selection.version, limit: 20})),
        V.api("/api/v1/alerts" + V.query({model: name})),
      ]);
      if (!isCurrent()) return;
      fillUsage(panels, stats);
      fillDrift(panels.drift.body, drift);
      V.fillQuality(panels.quality.body, quality);
      V.fillPerformance(panels.performance.body, perf, selection);
      V.fillReview(panels.review.body, review);
      V.fillAlerts(panels.alerts.body, alerts);
    };
  };
})(window.Vigil);
