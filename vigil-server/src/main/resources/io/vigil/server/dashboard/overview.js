// Vigil dashboard: the overview table of every model.
"use strict";

(function (V) {
  const COLUMNS = [
    {key: "health", label: "Health", sort: (r) => r.health.rank},
    {key: "name", label: "Model", sort: (r) => r.name.toLowerCase()},
    {key: "version", label: "Version", sort: (r) => r.version},
    {key: "count", label: "Requests", num: true, sort: (r) => r.count},
    {key: "rps", label: "Requests/s", num: true, sort: (r) => r.rps},
    {key: "errorRate", label: "Error rate", num: true, sort: (r) => r.errorRate},
    {key: "p99", label: "p99 latency", num: true, sort: (r) => r.p99},
    {key: "confidence", label: "Mean confidence", num: true, sort: (r) => r.confidence},
    {key: "driftShare", label: "Drift share", num: true, sort: (r) => r.driftShare},
    {key: "accuracy", label: "Accuracy (realized / estimated)", num: true,
      sort: (r) => (V.fmt.finite(r.realized) ? r.realized : r.estimated)},
    {key: "alerts", label: "Firing alerts", num: true, sort: (r) => r.alerts},
  ];
  const sorting = {key: "health", ascending: false};

  /** The version to show for a model: the one whose newest event is the latest. */
  function latestVersion(model) {
    let best = null;
    for (const [version, traffic] of Object.entries(model.versions || {})) {
      if (!best || Date.parse(traffic.last) > Date.parse(best.traffic.last)) best = {version, traffic};
    }
    return best ? best.version : null;
  }

  /** Health from what the row shows: a firing critical alert, dataset drift or many errors are critical. */
  function health(row) {
    if (!row.count) return {rank: 0, level: "idle", text: "no traffic"};
    if (row.criticalAlerts > 0 || row.datasetDrift || row.errorRate > 0.05) {
      return {rank: 3, level: "critical", text: "critical"};
    }
    if (row.alerts > 0 || row.driftShare > 0 || row.errorRate > 0.01) return {rank: 2, level: "warning", text: "warning"};
    return {rank: 1, level: "healthy", text: "healthy"};
  }

  async function load(range) {
    const r = V.ranges[range];
    const models = await V.api("/api/v1/models");
    if (!models.ok) return {error: models.error};
    const alerts = await V.api("/api/v1/alerts" + V.query({state: "firing"}));
    const firing = alerts.ok && alerts.body && Array.isArray(alerts.body.alerts) ? alerts.body.alerts : null;
    const rows = await Promise.all(models.body.models.map(async (m) => {
      const version = latestVersion(m);
      const q = V.query({version, from: r.from, to: "now", step: r.from.substring(1)});
      const dq = V.query({version, from: r.from, to: "now"});
      const [stats, drift, perf] = await Promise.all([
        V.api(V.modelPath(m.name) + "/stats" + q),
        V.api(V.modelPath(m.name) + "/drift" + dq),
        V.api(V.modelPath(m.name) + "/performance" + q)]);
      const total = stats.ok ? stats.body.total : {};
      const mine = firing ? firing.filter((a) => a.model === m.name) : [];
      const row = {
        name: m.name, version: version || "–", count: total.count || 0, rps: total.rps,
        errorRate: total.error_rate, p99: total.latency_p99_ms, confidence: total.mean_confidence,
        driftShare: drift.ok ? drift.body.drift_share : null, datasetDrift: drift.ok && drift.body.dataset_drift,
        driftNote: drift.ok ? null : drift.error,
        realized: perf.ok && perf.body.realized ? perf.body.realized.accuracy : null,
        estimated: perf.ok && perf.body.estimated ? perf.body.estimated.accuracy : null,
        alerts: firing ? mine.length : null,
        criticalAlerts: mine.filter((a) => a.severity === "critical").length,
      };
      row.health = health(row);
      return row;
    }));
    return {rows, alertsAvailable: firing !== null};
  }

  function cells(row, alertsAvailable) {
    const link = V.el("a", {href: "#/model/" + encodeURIComponent(row.name)}, row.name);
    const accuracy = V.fmt.number(row.realized) + " / " + V.fmt.number(row.estimated);
    return [
      V.el("td", {}, V.el("span", {class: "health " + row.health.level}, row.health.text)),
      V.el("td", {class: "name"}, link),
      V.el("td", {class: "name"}, row.version),
      V.el("td", {class: "num"}, V.fmt.count(row.count)),
      V.el("td", {class: "num"}, V.fmt.number(row.rps, 2)),
      V.el("td", {class: "num"}, V.fmt.percent(row.errorRate, 2)),
      V.el("td", {class: "num"}, V.fmt.ms(row.p99)),
      V.el("td", {class: "num"}, V.fmt.number(row.confidence)),
      V.el("td", {class: "num", title: row.driftNote}, row.driftNote ? "no reference" : V.fmt.percent(row.driftShare, 0)),
      V.el("td", {class: "num"}, accuracy),
      V.el("td", {class: "num", title: alertsAvailable ? null : "No alert rules configured"},
          alertsAvailable ? String(row.alerts) : "–"),
    ];
  }

  function table(data, root) {
    const column = COLUMNS.find((c) => c.key === sorting.key);
    const rows = data.rows.slice().sort((a, b) => {
      const x = column.sort(a);
      const y = column.sort(b);
      const missing = (v) => v === null || v === undefined || (typeof v === "number" && !isFinite(v));
      if (missing(x) || missing(y)) return missing(x) - missing(y);
      const c = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name);
      return sorting.ascending ? c : -c;
    });
    const head = V.el("tr", {}, COLUMNS.map((c) => {
      const active = c.key === sorting.key;
      const button = V.el("button", {type: "button", class: "sort", onclick: () => {
        sorting.ascending = active ? !sorting.ascending : c.key === "name" || c.key === "version";
        sorting.key = c.key;
        root.replaceChildren(table(data, root));
        root.querySelector("th[aria-sort] button").focus();
      }}, c.label, active ? (sorting.ascending ? " ▲" : " ▼") : "");
      return V.el("th", {scope: "col", class: c.num ? "num" : null,
        "aria-sort": active ? (sorting.ascending ? "ascending" : "descending") : null}, button);
    }));
    return V.el("table", {class: "models", id: "models"},
        V.el("caption", {}, "Every model, its newest version; click a column to sort"),
        V.el("thead", {}, head),
        V.el("tbody", {}, rows.map((row) => V.el("tr", {class: "model " + row.health.level},
            cells(row, data.alertsAvailable)))));
  }

  /** Renders the overview into `view`; returns a function that refreshes it. */
  V.overview = function (view, state) {
    const title = V.el("h1", {}, "Models");
    const summary = V.el("p", {class: "muted"});
    const body = V.el("div", {class: "table-wrap"}, V.message("Loading…", "loading"));
    view.replaceChildren(title, summary, body);
    return async function refresh(isCurrent) {
      const data = await load(state.range);
      if (!isCurrent()) return;
      if (data.error) {
        body.replaceChildren(V.message("Cannot list the models: " + data.error, "error"));
        return;
      }
      summary.textContent = data.rows.length + (data.rows.length === 1 ? " model" : " models") + ", "
          + V.ranges[state.range].label + (data.alertsAvailable ? "" : " · no alert rules configured");
      body.replaceChildren(data.rows.length === 0
        ? V.message("No models yet. Send predictions to POST /api/v1/predictions, or run ./vigil demo.")
        : table(data, body));
    };
  };
})(window.Vigil);

