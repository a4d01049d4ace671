// Vigil dashboard: hash routing (#/ and #/model/NAME), the time range, refresh and auto-refresh.
"use strict";

(function (V) {
  const REFRESH_MS = 10000;
  const view = document.getElementById("view");
  const crumbs = document.getElementById("crumbs");
  const range = document.getElementById("range");
  const auto = document.getElementById("auto-refresh");
  const updated = document.getElementById("updated");
  const state = {range: range.value, refresh: () => load()};
  let page = null;        // the current page's refresh function
  let generation = 0;     // answers for an older page or an older refresh are dropped
  let timer = null;

  function route() {
    const hash = location.hash.replace(/^#/, "");
    const match = /^\/model\/([^/?]+)/.exec(hash);
    let name = null;
    if (match) {
      try {
        name = decodeURIComponent(match[1]);
      } catch (e) {
        name = null;
      }
    }
    crumbs.replaceChildren(V.el("a", {href: "#/"}, "Models"), ...(name ? [" › ", V.el("span", {}, name)] : []));
    document.title = name ? name + " · Vigil" : "Vigil";
    page = name === null ? V.overview(view, state) : V.modelPage(view, state, name);
    load();
  }

  async function load() {
    const mine = ++generation;
    const isCurrent = () => mine === generation;
    updated.textContent = "Updating…";
    try {
      await page(isCurrent);
      if (isCurrent()) updated.textContent = "Updated " + new Date().toLocaleTimeString("en-GB");
    } catch (e) {
      if (isCurrent()) {
        updated.textContent = "Update failed";
        view.append(V.message("The page could not be drawn: " + e.message, "error"));
      }
      throw e;
    }
  }

  function schedule() {
    clearInterval(timer);
    timer = auto.checked ? setInterval(() => {
      if (!document.hidden) load();
    }, REFRESH_MS) : null;
  }

  range.addEventListener("change", () => {
    state.range = range.value;
    load();
  });
  auto.addEventListener("change", schedule);
  document.getElementById("refresh").addEventListener("click", () => load());
  window.addEventListener("hashchange", route);
  route();
  schedule();
})(window.Vigil);
