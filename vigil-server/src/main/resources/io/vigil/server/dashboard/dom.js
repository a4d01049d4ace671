// Vigil dashboard: DOM helpers, number formats and the API client.
// Every piece of data reaches the page through text nodes (el's children, textContent): model, feature and
// class names are never parsed as HTML.
"use strict";
window.Vigil = window.Vigil || {};

(function (V) {
  /** el("td", {class: "num", title: t}, "text", childNode, ...): an element with attributes and children. */
  V.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "onclick" || key === "onchange") node.addEventListener(key.substring(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    V.append(node, children);
    return node;
  };

  V.append = function (node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  };

  /** A paragraph that tells why a panel has nothing to draw. */
  V.message = function (text, kind) {
    return V.el("p", {class: "message " + (kind || "info")}, text);
  };

  /** A section with a heading and a body; returns {section, body}. */
  V.panel = function (id, title, wide) {
    const heading = V.el("h2", {id: id + "-title"}, title);
    const body = V.el("div", {class: "panel-body"}, V.message("Loading…", "loading"));
    const section = V.el("section", {id: id, class: "panel" + (wide ? " wide" : ""), "aria-labelledby": id + "-title"},
        heading, body);
    return {section, body};
  };

  const finite = (x) => typeof x === "number" && isFinite(x);

  V.fmt = {
    number(x, digits) {
      if (!finite(x)) return "–";
      if (x !== 0 && Math.abs(x) < 0.001) return x.toExponential(1);
      return x.toLocaleString("en-US", {maximumFractionDigits: digits === undefined ? 3 : digits});
    },
    count(x) {
      return finite(x) ? Math.round(x).toLocaleString("en-US") : "–";
    },
    percent(x, digits) {
      return finite(x) ? (x * 100).toFixed(digits === undefined ? 1 : digits) + " %" : "–";
    },
    ms(x) {
      if (!finite(x)) return "–";
      return (x === 0 ? "0" : x < 10 ? x.toFixed(2) : x.toFixed(0)) + " ms";
    },
    time(t) {
      const d = new Date(t);
      return isNaN(d) ? "–" : d.toLocaleString("en-GB", {dateStyle: "short", timeStyle: "medium"});
    },
    finite,
  };

  /**
   * GET a path of this server's API. Resolves to {ok, status, body, error} and never rejects: a 404 or a refused
   * connection is something to show in the panel, not an exception.
   */
  V.api = async function (path) {
    try {
      const response = await fetch(path, {headers: {Accept: "application/json"}, cache: "no-store"});
      let body = null;
      try {
        body = await response.json();
      } catch (e) {
        body = null;
      }
      const error = response.ok ? null : (body && body.error) || ("HTTP " + response.status);
      return {ok: response.ok, status: response.status, body, error};
    } catch (e) {
      return {ok: false, status: 0, body: null, error: "the Vigil server did not answer (" + e.message + ")"};
    }
  };

  /** Path segment for a model name: names are data and may hold any character. */
  V.modelPath = (model) => "/api/v1/models/" + encodeURIComponent(model);

  /** The time range choices: query parameters for each. */
  V.ranges = {
    "15m": {from: "-15m", step: "1m", label: "last 15 minutes"},
    "1h": {from: "-1h", step: "1m", label: "last hour"},
    "6h": {from: "-6h", step: "5m", label: "last 6 hours"},
    "24h": {from: "-24h", step: "15m", label: "last 24 hours"},
    "7d": {from: "-7d", step: "1h", label: "last 7 days"},
    "30d": {from: "-30d", step: "6h", label: "last 30 days"},
  };

  /** Query string of a selection: {version, from, step, ...} without the empty ones. */
  V.query = function (params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== null && v !== undefined && v !== "") q.set(k, v);
    }
    const s = q.toString();
    return s ? "?" + s : "";
  };
})(window.Vigil);
