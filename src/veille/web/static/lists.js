// The list views of the page (search, quotes, events, actors, timeline): one page of rows with its
// total and a link to the next, the counts beside them (facets: every value a link that filters),
// the active filters, and the charts drawn by the server as SVG. Loaded after app.js.
"use strict";

function apiUrl(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (Array.isArray(v)) for (const x of v) url.searchParams.append(k, x);
    else if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  }
  return url;
}

// A newer query of the same view makes the answer of an older one obsolete, whatever their order.
const requests = Object.fromEntries(VIEWS.map((v) => [v, 0]));

// What each facet value filters when clicked: the same names as the API's filters.
function facetFilter(view, dim, value) {
  if (dim === "month") return { since: value, until: value };
  if (view === "events" && dim === "country") return { source: value };
  if (view === "events" && dim === "target_country") return { target: value };
  return { [dim]: value };
}

function hashOf(view, query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  return `#${view}?${params}`;
}

// The filters of the current view: the hash's parameters but the page cursor.
function filtersOf(params) {
  const out = Object.fromEntries(params);
  delete out.cursor;
  return out;
}

function formatCount(n) { return Number(n).toLocaleString(LANG); }

function facetLabel(dim, value) {
  return dim === "type" && ["PER", "ORG", "LOC", "MISC"].includes(value) ? typeName(value) : value;
}

function renderFacets(view, box, data, query) {
  box.replaceChildren(el("h2", { class: "facets-title" }, tr("facets.total", { n: formatCount(data.total) })));
  for (const [dim, values] of Object.entries(data.facets)) {
    if (!values.length) continue;
    const items = values.map((v) => {
      const count = el("span", { class: "count" }, formatCount(v.count));
      if (v.value === null) return el("li", {}, el("span", { class: "none" }, tr("facet.none")), " ", count);
      const f = facetFilter(view, dim, v.value);
      const on = Object.entries(f).every(([k, x]) => query[k] === x);
      const href = hashOf(view, on ? without(query, Object.keys(f)) : { ...query, ...f });
      return el("li", { class: on ? "on" : null }, el("a", { href, "aria-current": on ? "true" : null,
        title: on ? tr("facet.remove") : tr("facet.add") }, facetLabel(dim, v.value)), " ", count);
    });
    box.append(el("section", { class: `facet-list facet-${dim}` }, el("h3", {}, tr(`dim.${dim}`)), el("ul", {}, items)));
  }
}

function without(query, keys) {
  return Object.fromEntries(Object.entries(query).filter(([k]) => !keys.includes(k)));
}

function renderFilters(view, box, query) {
  // The query's own words (search) stay in the form; every other filter can be removed here.
  box.replaceChildren(...Object.entries(query).filter(([k]) => k !== "q")
    .map(([k, v]) => el("li", {}, el("span", { class: "key" }, `${tr(`filter.${k}`)}: `), v, " ",
      el("a", { href: hashOf(view, without(query, [k])), class: "remove", title: tr("filter.remove"),
        "aria-label": tr("filter.remove.named", { name: `${tr(`filter.${k}`)} ${v}` }) }, "×"))));
}

function renderPager(view, box, data, query) {
  box.replaceChildren();
  if (!data.total && !data.more_than) return;
  const from = data.offset + 1;
  const to = data.offset + data.count;
  // A long list's total may be counted only up to a bound: "more than" it.
  box.append(el("span", { class: "range" }, tr(data.total ? "rows.range" : "rows.range.more",
    { from: formatCount(from), to: formatCount(to), total: formatCount(data.total || data.more_than) })));
  if (data.offset) box.append(" ", el("a", { href: hashOf(view, query), class: "first" }, tr("page.first")));
  if (data.next) box.append(" ", el("a", { href: hashOf(view, { ...query, cursor: data.next }), class: "next", rel: "next" },
    tr("page.next")));
}

async function svgInto(box, path, params) {
  // The server draws the chart; its SVG is parsed as XML (never as HTML) and put in the page,
  // where its links (the marks) filter the lists.
  const response = await fetch(apiUrl(path, params));
  if (!response.ok) {
    let detail = `${response.status}`;
    try { detail = (await response.json()).detail || detail; } catch (err) { /* keep the status */ }
    throw new Error(detail);
  }
  const doc = new DOMParser().parseFromString(await response.text(), "image/svg+xml");
  if (doc.documentElement.localName !== "svg") throw new Error(tr("chart.broken"));
  const svg = document.importNode(doc.documentElement, true);
  box.replaceChildren(svg);
  return svg;
}

let eventsStack = "quad";

function chartFigure(id, title, controls) {
  return el("figure", { class: "chart-box", id },
    el("figcaption", {}, el("span", { class: "chart-title" }, title), controls || null),
    el("div", { class: "chart-area" }), el("p", { class: "chart-note" }));
}

async function drawChart(figure, path, params, noun) {
  const area = figure.querySelector(".chart-area");
  const note = figure.querySelector(".chart-note");
  try {
    const svg = await svgInto(area, path, params);
    const d = svg.dataset;
    if (d.bars !== undefined) {
      note.textContent = Number(d.total) === 0 ? tr("chart.empty")
        : tr(`chart.unit.${d.unit}`) + (Number(d.leftOut) ? tr("chart.leftout", { rows: plural(Number(d.leftOut), noun) }) : "");
    } else {
      note.textContent = Number(d.edges) ? tr("network.note", { edges: d.edges }) : tr("network.empty");
    }
  } catch (err) {
    area.replaceChildren();
    note.textContent = tr("error", { message: err.message });
  }
}

function eventCharts(box, query) {
  const stackButtons = el("span", { class: "stack", role: "group", "aria-label": tr("chart.stack") },
    ["quad", "type"].map((s) => el("button", { type: "button", class: "link", "aria-pressed": String(eventsStack === s),
      onclick: () => { eventsStack = s; eventCharts(box, query); } }, tr(`chart.by.${s}`))));
  const overTime = chartFigure("events-over-time", tr("chart.events"), stackButtons);
  const network = chartFigure("events-network", tr("chart.network"));
  box.replaceChildren(overTime, network);
  drawChart(overTime, "/api/charts/events.svg", { ...query, stack: eventsStack }, "event");
  drawChart(network, "/api/charts/network.svg", query, "event");
}

// -------------------------------------------------------------------------------------- the lists
const LISTS = {
  search: { path: "/api/search", limit: 50, facets: true, noun: "article" },
  quotes: { path: "/api/quotes", limit: 50, facets: true, noun: "quote" },
  events: { path: "/api/events", limit: 50, facets: true, noun: "event" },
  actors: { path: "/api/actors", limit: 50, facets: true, noun: "actor" },
  timeline: { path: "/api/timeline", limit: 100, facets: false, noun: "row" },
};

async function showList(view, params) {
  const list = LISTS[view];
  const panel = document.getElementById(`panel-${view}`);
  const out = document.getElementById(`${view}-results`);
  const query = filtersOf(params);
  const token = ++requests[view];
  if (view === "search") document.getElementById("search-start").replaceChildren();
  setStatus(panel, tr("loading"));
  panel.setAttribute("aria-busy", "true");
  panel.querySelector(".download")?.remove();
  const filtersBox = document.getElementById(`${view}-filters`);
  if (filtersBox) renderFilters(view, filtersBox, query);
  const facetsBox = document.getElementById(`${view}-facets`);
  const facets = list.facets ? api(`/api/facets/${view}`, query).catch((err) => err) : null;
  if (view === "events") eventCharts(document.getElementById("events-charts"), query);
  if (view === "timeline") {
    const figure = chartFigure("timeline-over-time", tr("chart.timeline", { name: query.actor }));
    document.getElementById("timeline-charts").replaceChildren(figure);
    drawChart(figure, "/api/charts/timeline.svg", { actor: query.actor, since: query.since, until: query.until }, "row");
  }
  try {
    const data = await api(list.path, { ...query, cursor: params.get("cursor"), limit: list.limit });
    if (token !== requests[view]) return;
    out.replaceChildren();
    RENDER[view](out, data.results, query);
    if (data.count) {
      const csv = apiUrl(list.path, { ...query, limit: 1000, format: "csv" });
      out.after(el("p", { class: "download" }, el("a", { href: csv.pathname + csv.search, download: "" },
        tr("download", { rows: plural(Math.min(data.total, 1000), "row") }))));
    }
    renderPager(view, document.getElementById(`${view}-pager`), data, query);
    setStatus(panel, data.total ? plural(data.total, "result") : tr("nothing"));
  } catch (err) {
    if (token !== requests[view]) return;
    out.replaceChildren();
    document.getElementById(`${view}-pager`).replaceChildren();
    setStatus(panel, tr("error", { message: err.message }), true);
  } finally {
    if (token === requests[view]) panel.removeAttribute("aria-busy");
  }
  if (facets) {
    const data = await facets;
    if (token !== requests[view]) return;
    if (data instanceof Error) facetsBox.replaceChildren();
    else renderFacets(view, facetsBox, data, query);
  }
}

function who(name, country) {
  if (!name) return country || null;
  return el("span", {}, actorLink(name), country ? ` (${country})` : "");
}

function snippet(text) {
  // The store marks matched words with [brackets]; show them as <mark>.
  const parts = text.split(/(\[[^\]]*\])/);
  return parts.map((p) => (p.startsWith("[") && p.endsWith("]") ? el("mark", {}, p.slice(1, -1)) : p));
}

function fold(s) { return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); }

function marked(text, words) {
  // The words a quote was found by, marked where they stand whatever their accents and case (as
  // the full-text index matched them): the text is folded one character at a time, so folded
  // positions map back to the original ones.
  const terms = (words || "").match(/[\p{L}\p{N}_]+/gu);
  if (!terms) return text;
  const chars = Array.from(text);
  let folded = "";
  const at = [];
  chars.forEach((c, i) => { const f = fold(c); folded += f; for (let k = 0; k < f.length; k++) at.push(i); });
  at.push(chars.length);
  const hits = [];
  for (const term of new Set(terms.map(fold))) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])${term}(?![\\p{L}\\p{N}_])`, "gu");
    for (const m of folded.matchAll(re)) hits.push([at[m.index], at[m.index + m[0].length]]);
  }
  hits.sort((a, b) => a[0] - b[0]);
  const out = [];
  let pos = 0;
  for (const [a, b] of hits) {
    if (a < pos) continue;
    out.push(chars.slice(pos, a).join(""), el("mark", {}, chars.slice(a, b).join("")));
    pos = b;
  }
  out.push(chars.slice(pos).join(""));
  return out;
}

function titled(r, focus) {
  return articleLink(r.article, r.title || tr("article.n", { id: r.article }), focus);
}

const RENDER = {
  search: (out, rows) => {
    for (const r of rows) {
      out.append(el("li", {},
        el("h3", {}, articleLink(r.id, r.title || tr("untitled"))),
        el("p", { class: "meta" }, [r.published || tr("nodate"), hostOf(r.url)].filter(Boolean).join(" · ")),
        el("p", { class: "snippet" }, snippet(r.snippet || ""))));
    }
  },
  quotes: (out, rows, query) => out.append(table(tr("tab.quotes"), [
    { label: tr("col.date"), key: "published", cls: "nowrap" },
    { label: tr("col.speaker"), render: (r) => actorLink(r.speaker) },
    { label: tr("col.quote"), render: (r) => el("q", {}, marked(r.content, query.contains)), cls: "wide" },
    { label: tr("col.kind"), key: "kind" },
    { label: tr("col.article"), render: (r) => titled(r, { quote: r.ord }) },
  ], rows)),
  events: (out, rows) => out.append(table(tr("tab.events"), [
    { label: tr("col.date"), key: "date", cls: "nowrap" },
    { label: tr("col.type"), render: (r) => el("span", { class: "badge" }, r.type) },
    { label: tr("col.source"), render: (r) => who(r.source, r.source_country) },
    { label: tr("col.target"), render: (r) => who(r.target, r.target_country) },
    { label: tr("col.factuality"), key: "factuality" },
    { label: tr("col.evidence"), key: "evidence", cls: "wide" },
    { label: tr("col.article"), render: (r) => titled(r, { event: r.ord }) },
    { label: tr("col.confidence"), render: (r) => r.confidence == null ? "" : Number(r.confidence).toFixed(2), cls: "num" },
  ], rows)),
  actors: (out, rows) => out.append(table(tr("tab.actors"), [
    { label: tr("col.name"), render: (r) => actorLink(r.name) },
    { label: tr("col.type"), render: (r) => typeName(r.type) },
    { label: tr("col.country"), key: "country" },
    { label: tr("col.sector"), key: "sector" },
    { label: tr("col.mentions"), key: "mentions", cls: "num" },
    { label: tr("col.articles"), key: "articles", cls: "num" },
    { label: tr("col.quotes"), key: "quotes", cls: "num" },
    { label: tr("col.events"), key: "events", cls: "num" },
  ], rows)),
  timeline: (out, rows) => {
    for (const r of rows) {
      const what = r.kind === "event"
        ? [el("span", { class: "badge" }, r.what), " ", r.source || "?", r.target ? ` → ${r.target}` : ""]
        : [el("span", { class: "badge quote" }, tr("badge.quote")), " ", r.source || "?", ": ", el("q", {}, r.text)];
      out.append(el("li", { class: r.kind },
        el("span", { class: "when" }, r.date || tr("nodate")),
        el("div", {}, el("p", {}, what), r.kind === "event" ? el("p", { class: "evidence" }, r.text) : null,
          el("p", { class: "meta" }, titled(r, { [r.kind]: r.ord })))));
    }
  },
};
