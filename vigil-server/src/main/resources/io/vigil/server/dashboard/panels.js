// Vigil dashboard: the model page's panels for performance, data quality, the review queue and alerts.
// Each fill* function replaces a panel body with what the API answered, or with a message saying why not.
"use strict";

(function (V) {
  const ORDER = ["accuracy", "f1", "roc_auc", "precision", "recall", "log_loss", "brier", "mae", "rmse", "mape", "r2"];

  function table(id, caption, headers, rows) {
    return V.el("div", {class: "table-wrap"}, V.el("table", {id},
        V.el("caption", {}, caption),
        V.el("thead", {}, V.el("tr", {}, headers.map((h) => V.el("th", {scope: "col", class: h.num ? "num" : null},
            h.label || h)))),
        V.el("tbody", {}, rows)));
  }

  function tiles(entries) {
    return V.el("dl", {class: "tiles"}, entries.map(([label, value]) =>
      V.el("div", {class: "tile"}, V.el("dt", {}, label), V.el("dd", {}, value))));
  }

  /** Performance: realized (labels) against estimated (CBPE) over time, with label coverage. */
  V.fillPerformance = function (body, answer, state) {
    if (answer.status === 404 || (answer.ok && !answer.body)) {
      body.replaceChildren(V.message("No labels received yet: performance appears once labels arrive"
          + " (POST /api/v1/labels)."));
      return;
    }
    if (!answer.ok) {
      body.replaceChildren(V.message("Performance is unavailable: " + answer.error, "error"));
      return;
    }
    const p = answer.body;
    const realized = p.realized || {};
    const estimated = p.estimated || {};
    const series = Array.isArray(p.series) ? p.series : [];
    const names = ORDER.filter((k) => k in realized || k in estimated || series.some((s) =>
      (s.realized && k in s.realized) || (s.estimated && k in s.estimated)));
    if (!p.labeled && names.every((k) => !V.fmt.finite(estimated[k]))) {
      body.replaceChildren(V.message("No labels received yet, and no estimate for this range."));
      return;
    }
    if (!names.includes(state.metric)) state.metric = names[0];
    const nodes = [tiles([
      ["Labeled predictions", V.fmt.count(p.labeled)],
      ["Label coverage", V.fmt.percent(p.label_coverage)],
      ...names.slice(0, 4).map((k) => [k.replace("_", " "),
        V.fmt.number(realized[k]) + " / " + V.fmt.number(estimated[k])]),
    ]), V.el("p", {class: "muted"}, "Tiles show realized / estimated.")];
    if (!p.labeled) nodes.push(V.message("No labels received yet: the chart shows the estimate only."));
    if (names.length > 1) {
      const select = V.el("select", {id: "performance-metric", onchange: (e) => {
        state.metric = e.target.value;
        V.fillPerformance(body, answer, state);
      }}, names.map((k) => V.el("option", {value: k, selected: k === state.metric}, k)));
      nodes.push(V.el("div", {class: "inline"}, V.el("label", {for: "performance-metric"}, "Metric"), select));
    }
    body.replaceChildren(...nodes);
    const pick = (side) => series.map((s) => (s[side] ? s[side][state.metric] : null));
    V.charts.timeSeries(body, {
      title: state.metric + ": realized and estimated",
      times: series.map((s) => s.t),
      series: [{label: "realized", values: pick("realized")}, {label: "estimated", values: pick("estimated")}],
      empty: "No performance data in this time range.",
    });
  };

  /** Data quality: per feature missing rate, out-of-range shares, unseen categories; the anomaly fraction. */
  V.fillQuality = function (body, answer) {
    if (!answer.ok) {
      body.replaceChildren(V.message("Data quality is unavailable: " + answer.error, "error"));
      return;
    }
    const q = answer.body;
    if (!q.rows) {
      body.replaceChildren(V.message("No traffic in this time range: nothing to check."));
      return;
    }
    const rows = q.features.map((f) => V.el("tr", {},
        V.el("td", {class: "name"}, f.name), V.el("td", {}, f.type || "–"),
        V.el("td", {class: "num"}, V.fmt.percent(f.missing_rate, 2)),
        V.el("td", {class: "num"}, V.fmt.percent(f.below_reference_min, 2)),
        V.el("td", {class: "num"}, V.fmt.percent(f.above_reference_max, 2)),
        V.el("td", {class: "name"}, f.unseen_categories && f.unseen_categories.length
          ? f.unseen_categories.join(", ") + " (" + V.fmt.percent(f.unseen_rate, 1) + ")" : "–")));
    body.replaceChildren(
        tiles([["Rows", V.fmt.count(q.rows)], ["Anomaly fraction", q.has_reference
          ? V.fmt.percent(q.anomaly_fraction, 2) : "needs a reference"]]),
        q.has_reference ? "" : V.message("This version has no reference: out-of-range and unseen-category checks"
          + " need one."),
        table("quality-table", "Data quality per feature", ["Feature", "Type", {label: "Missing", num: true},
          {label: "Below ref. min", num: true}, {label: "Above ref. max", num: true}, "Unseen categories"], rows));
  };

  /** Review queue: the least confident predictions with their inputs. */
  V.fillReview = function (body, answer) {
    const items = answer.ok && answer.body && Array.isArray(answer.body.items) ? answer.body.items : null;
    if (answer.status === 404 || (items && items.length === 0)) {
      body.replaceChildren(V.message("No predictions to review yet."));
      return;
    }
    if (!items) {
      body.replaceChildren(V.message("The review queue is unavailable: " + answer.error, "error"));
      return;
    }
    const rows = items.map((i) => V.el("tr", {},
        V.el("td", {}, V.fmt.time(i.timestamp)), V.el("td", {class: "name"}, String(i.id)),
        V.el("td", {class: "name"}, i.prediction === null ? "–" : String(i.prediction)),
        V.el("td", {class: "num"}, V.fmt.number(i.confidence)),
        V.el("td", {class: "features"}, Object.entries(i.features || {}).map(([k, v]) => k + "=" + v).join(", "))));
    body.replaceChildren(table("review-table", "Lowest-confidence predictions",
        ["Time", "Id", "Prediction", {label: "Confidence", num: true}, "Features"], rows));
  };

  /** Alerts of this model: firing, pending and resolved, newest first. */
  V.fillAlerts = function (body, answer) {
    if (answer.status === 404) {
      body.replaceChildren(V.message("No alert rules configured."));
      return;
    }
    if (!answer.ok) {
      body.replaceChildren(V.message("Alerts are unavailable: " + answer.error, "error"));
      return;
    }
    const alerts = (answer.body.alerts || []).slice().sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at));
    if (alerts.length === 0) {
      body.replaceChildren(V.message("No alerts for this model."));
      return;
    }
    const rows = alerts.map((a) => V.el("tr", {class: "alert " + a.state},
        V.el("td", {}, V.el("span", {class: "state " + a.state}, a.state)), V.el("td", {class: "name"}, a.rule),
        V.el("td", {}, a.severity), V.el("td", {class: "name"}, a.version || "–"),
        V.el("td", {class: "num"}, V.fmt.number(a.value)), V.el("td", {class: "num"}, V.fmt.number(a.threshold)),
        V.el("td", {}, V.fmt.time(a.starts_at)), V.el("td", {}, a.ends_at ? V.fmt.time(a.ends_at) : "–"),
        V.el("td", {class: "name"}, a.summary || "")));
    body.replaceChildren(table("alerts-table", "Alert history", ["State", "Rule", "Severity", "Version",
      {label: "Value", num: true}, {label: "Threshold", num: true}, "Started", "Ended", "Summary"], rows));
  };
})(window.Vigil);
