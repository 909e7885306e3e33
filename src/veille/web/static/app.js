// The veille page: plain JavaScript over the JSON API, no build step, nothing loaded from elsewhere.
// Every piece of data is put in the page with textContent, never parsed as HTML.
"use strict";

const VIEWS = ["search", "quotes", "events", "actors", "timeline", "analyze"];

// ---------------------------------------------------------------------------------- interface language
// The words of the interface live in strings.json, one table per language; the articles keep theirs.
let STRINGS = { en: {} };
let LANG = "en";

function tr(key, vars) {
  let s = (STRINGS[LANG] || {})[key] ?? STRINGS.en[key] ?? key;
  if (typeof s === "object") {
    // French counts 0 and 1 as singular, English only 1.
    const n = vars && vars.n;
    s = (LANG === "fr" ? n <= 1 : n === 1) ? s.one : s.other;
  }
  return s.replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? String(vars[k]) : m));
}

function typeName(code) { return code ? tr(`type.${code}`) : code; }

function chooseLanguage() {
  const saved = localStorage.getItem("veille.lang");
  if (saved && STRINGS[saved]) return saved;
  return (navigator.language || "en").toLowerCase().startsWith("fr") && STRINGS.fr ? "fr" : "en";
}

function applyLanguage() {
  document.documentElement.lang = LANG;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = tr(node.dataset.i18n);
  for (const [attr, data] of [["placeholder", "i18nPlaceholder"], ["title", "i18nTitle"], ["aria-label", "i18nAriaLabel"]]) {
    for (const node of document.querySelectorAll(`[data-${attr === "aria-label" ? "i18n-aria-label" : "i18n-" + attr}]`)) {
      node.setAttribute(attr, tr(node.dataset[data]));
    }
  }
  document.getElementById("lang-switch").lang = LANG === "fr" ? "en" : "fr";
}

// ---------------------------------------------------------------------------------- helpers
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

async function api(path, params, init) {
  const url = apiUrl(path, params);
  let response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    throw new Error(tr("unreachable"));
  }
  let body = null;
  try { body = await response.json(); } catch (err) { body = null; }
  if (!response.ok) {
    throw new Error((body && body.detail) || `${response.status} ${response.statusText}`);
  }
  return body;
}

function setStatus(panel, message, isError) {
  const status = panel.querySelector(":scope > .status");
  status.textContent = message || "";
  status.classList.toggle("error", Boolean(isError));
  status.setAttribute("role", isError ? "alert" : "status");
}

function plural(n, noun) { return tr(`n.${noun}`, { n }); }

function hostOf(url) {
  const safe = url ? safeUrl(url) : null;
  return safe ? new URL(safe).hostname : null;
}

function safeUrl(url) {
  // Only web links become clickable: a stored "javascript:" URL must stay inert text.
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (err) { return null; }
}

function articleLink(id, label, focus) {
  // focus: {event: i} or {quote: i}, the annotation the article opens scrolled to.
  const at = focus ? "?" + new URLSearchParams(focus) : "";
  return el("a", { href: `#article/${encodeURIComponent(id)}${at}` }, label || tr("article.n", { id }));
}

function actorLink(name) {
  if (!name) return "—";
  return el("a", { href: "#timeline?" + new URLSearchParams({ actor: name }), title: tr("timeline.of", { name }) }, name);
}

function table(caption, columns, rows) {
  const head = el("tr", {}, columns.map((c) => el("th", { scope: "col" }, c.label)));
  const body = rows.map((r) => el("tr", {}, columns.map((c) => {
    const v = c.render ? c.render(r) : r[c.key];
    return el("td", { class: c.cls || null }, v === null || v === undefined || v === "" ? "—" : v);
  })));
  return el("table", {}, el("caption", { class: "visually-hidden" }, caption), el("thead", {}, head),
    el("tbody", {}, body));
}

// ---------------------------------------------------------------------------------- tabs and routing
const tabs = () => Array.from(document.querySelectorAll('[role="tab"]'));

let currentView = "search";

function selectTab(view) {
  // On an article no tab is selected, but the last one stays reachable with the Tab key.
  if (view) currentView = view;
  for (const tab of tabs()) {
    const on = tab.dataset.view === view;
    tab.setAttribute("aria-selected", on ? "true" : "false");
    tab.tabIndex = tab.dataset.view === currentView ? 0 : -1;
    document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
  }
  document.getElementById("article-view").hidden = view !== null;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, "");
  const cut = raw.indexOf("?");
  let name = cut < 0 ? raw : raw.slice(0, cut);
  try { name = decodeURIComponent(name); } catch (err) { /* a malformed %-escape: keep it as typed */ }
  return { name: name || "search", params: new URLSearchParams(cut < 0 ? "" : raw.slice(cut + 1)) };
}

function fillForm(view, params) {
  const form = document.querySelector(`form.query[data-view="${view}"]`);
  if (!form) return;
  for (const field of form.elements) {
    if (field.name) field.value = params.get(field.name) || "";
  }
}

const lastHash = {};  // each tab comes back to its last query

async function route() {
  const { name, params } = parseHash();
  if (name.startsWith("article/")) {
    selectTab(null);
    const focus = ["event", "quote"].find((k) => /^\d+$/.test(params.get(k) || ""));
    await showArticle(name.slice("article/".length), focus ? { kind: focus, index: Number(params.get(focus)) } : null);
    return;
  }
  const view = VIEWS.includes(name) ? name : "search";
  lastHash[view] = location.hash.replace(/^#/, "") || view;
  selectTab(view);
  fillForm(view, params);
  // Quotes, events and actors open on the whole corpus; search and timeline wait for a query.
  const needs = { search: "q", timeline: "actor" }[view];
  if (LISTS[view] && (!needs || params.get(needs))) await showList(view, params);
  else if (view === "search") await showStart();
}

async function showStart() {
  // Before any query, the most mentioned actors give a way in.
  const panel = document.getElementById("panel-search");
  const out = document.getElementById("search-start");
  const token = ++requests.search;
  document.getElementById("search-results").replaceChildren();
  setStatus(panel, "");
  panel.querySelector(".download")?.remove();
  try {
    const data = await api("/api/actors", { limit: 15 });
    if (token !== requests.search) return;
    out.replaceChildren();
    if (!data.count) return;
    out.append(el("section", { "aria-labelledby": "start-h" }, el("h2", { id: "start-h" }, tr("top")),
      el("ul", { class: "chips" }, data.results.map((a) => el("li", {}, actorLink(a.name),
        el("span", { class: "meta" }, " ", el("span", { class: "visually-hidden" }, tr("mentions")), a.mentions))))));
  } catch (err) { /* no knowledge base: the header already says so */ }
}

function go(hash) {
  if (location.hash === "#" + hash) route();  // the same query again: no hashchange event
  else location.hash = hash;
}

// ---------------------------------------------------------------------------------- one article
let articleRequest = 0;

async function showArticle(id, focus) {
  const view = document.getElementById("article-view");
  const body = document.getElementById("article-body");
  const token = ++articleRequest;
  body.replaceChildren();
  setStatus(view, tr("loading.article"));
  try {
    const d = await api(`/api/articles/${encodeURIComponent(id)}`);
    if (token !== articleRequest) return;
    setStatus(view, "");
    renderAnalysis(body, d, focus);
    const evidence = body.querySelector(".hl-focus");
    if (evidence) jumpToNode(evidence);
    else body.querySelector("h2")?.focus();
  } catch (err) {
    if (token === articleRequest) setStatus(view, tr("error", { message: err.message }), true);
  }
}

function layers(d, focus) {
  // Every annotated stretch of text, with the classes that draw it and a description for the tooltip;
  // with focus, the evidence of one event or the content of one quote, which the view scrolls to.
  const out = [];
  const focused = focus && (focus.kind === "event" ? d.events[focus.index]?.evidence : d.quotes[focus.index]?.content);
  if (focused) out.push({ start: focused.start, end: focused.end, cls: "hl-focus", note: tr(`focus.${focus.kind}`) });
  d.entities.forEach((e) => {
    for (const m of e.mentions) {
      out.push({ start: m.start, end: m.end, cls: `hl-ent ent-${e.type}`, entity: e.id,
        note: `${e.name} (${typeName(e.type)}${e.country ? ", " + e.country : ""})` });
    }
  });
  d.quotes.forEach((q, i) => {
    const speaker = (q.speaker && q.speaker.name) || tr("unknown.speaker");
    out.push({ start: q.content.start, end: q.content.end, cls: "hl-quote", anchor: `quote-${i}`,
      note: tr("note.quote", { kind: q.kind, speaker }) });
    if (q.cue) out.push({ start: q.cue.start, end: q.cue.end, cls: "hl-cue", note: tr("note.cue") });
  });
  d.times.forEach((t) => out.push({ start: t.start, end: t.end, cls: "hl-time", note: `${t.type} ${t.value}` }));
  d.events.forEach((ev, i) => {
    if (!ev.trigger) return;
    const target = ev.target ? ` → ${ev.target.name}` : "";
    out.push({ start: ev.trigger.start, end: ev.trigger.end, cls: "hl-event", anchor: `event-${i}`,
      note: `${ev.type} (${ev.factuality}): ${ev.source.name}${target}` });
  });
  return out.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start);
}

function highlightedText(d, prefix, focus) {
  // Offsets count Unicode code points (as Python does); Array.from splits a string the same way.
  const chars = Array.from(d.text);
  const spans = layers(d, focus);
  const cuts = new Set([0, chars.length]);
  for (const s of spans) { cuts.add(Math.min(s.start, chars.length)); cuts.add(Math.min(s.end, chars.length)); }
  const points = [...cuts].sort((a, b) => a - b);
  const root = el("div", { class: "doc-text", lang: d.language || null });
  const anchored = new Set();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    if (!over.length) { root.append(piece); continue; }
    const node = el("span", { class: over.map((s) => s.cls).join(" "), title: over.map((s) => s.note).join("\n") }, piece);
    const ents = over.filter((s) => s.entity).map((s) => s.entity);
    if (ents.length) node.dataset.entity = ents.join(" ");
    for (const s of over) {
      if (s.anchor && !anchored.has(s.anchor)) {
        anchored.add(s.anchor);
        node.id = `${prefix}-${s.anchor}`;
        node.tabIndex = -1;
      }
    }
    root.append(node);
  }
  return root;
}

function jumpTo(id) {
  const node = document.getElementById(id);
  if (node) jumpToNode(node);
}

function jumpToNode(node) {
  if (!node.hasAttribute("tabindex")) node.tabIndex = -1;
  node.scrollIntoView({ block: "center", behavior: "smooth" });
  node.focus({ preventScroll: true });
  node.classList.add("flash");
  setTimeout(() => node.classList.remove("flash"), 1600);
}

let analysisCount = 0;

function renderAnalysis(container, d, focus) {
  const prefix = `a${++analysisCount}`;
  const lang = d.language || null;
  const url = d.source && d.source.url ? safeUrl(d.source.url) : null;
  const kb = d.kb || null;
  const meta = [d.published || tr("nodate"), d.language ? tr(`lang.${d.language}`) : null, `id ${d.id}`].filter(Boolean);
  const article = el("article", { class: "analysis" },
    el("h2", { tabindex: "-1", lang }, d.title || tr("untitled")),
    el("p", { class: "meta" }, meta.join(" · "),
      url ? [" · ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, new URL(url).hostname)] : null,
      kb ? [" · ", el("a", { href: `/api/articles/${encodeURIComponent(kb.article)}`, type: "application/json" }, "JSON")] : null),
    kb && kb.duplicate_of ? el("p", { class: "note" }, tr("dup.of"), articleLink(kb.duplicate_of),
      tr("dup.similarity", { similarity: kb.similarity })) : null,
    kb && kb.duplicates && kb.duplicates.length ? el("p", { class: "note" }, tr("copies"),
      kb.duplicates.map((x, i) => [i ? ", " : "", articleLink(x)])) : null,
    (d.warnings || []).map((w) => el("p", { class: "note" }, tr("warning", { message: w }))));

  const textBox = highlightedText(d, prefix, focus);
  const toggles = el("fieldset", { class: "legend" }, el("legend", {}, tr("highlight")),
    ["ent", "quote", "time", "event"].map((key) => {
      const box = el("input", { type: "checkbox", id: `${prefix}-show-${key}`, checked: true });
      box.addEventListener("change", () => textBox.classList.toggle(`hide-${key}`, !box.checked));
      return el("label", { for: `${prefix}-show-${key}`, class: `key key-${key}` }, box, " ", tr(`layer.${key}`));
    }));
  const textSection = el("section", { class: "text-section", "aria-labelledby": `${prefix}-text-h` },
    el("h3", { id: `${prefix}-text-h` }, tr("text")), toggles, textBox);

  const side = el("div", { class: "side" },
    quotesSection(d, prefix, lang), eventsSection(d, prefix), entitiesSection(d, prefix, textBox, lang),
    timesSection(d, prefix), removedSection(d));
  article.append(el("div", { class: "columns" }, textSection, side));
  container.replaceChildren(article);
}

function section(prefix, key, count, content) {
  return el("section", { class: `facet facet-${key}`, "aria-labelledby": `${prefix}-${key}-h` },
    el("h3", { id: `${prefix}-${key}-h` }, tr(`facet.${key}`, { n: count })),
    count ? content : el("p", { class: "empty" }, tr("none")));
}

function quotesSection(d, prefix, lang) {
  const items = d.quotes.map((q, i) => el("li", { class: "quote-item" },
    el("span", { class: "speaker" }, q.speaker ? q.speaker.name : tr("unknown.speaker")),
    el("span", { class: "arrow", "aria-hidden": "true" }, " → "),
    el("q", { lang }, q.content.text), " ",
    el("span", { class: "kind" }, q.kind), " ",
    el("button", { type: "button", class: "link", onclick: () => jumpTo(`${prefix}-quote-${i}`) }, tr("show"))));
  return section(prefix, "quotes", d.quotes.length, el("ol", { class: "quotes" }, items));
}

function eventsSection(d, prefix) {
  const items = d.events.map((ev, i) => el("li", {},
    el("span", { class: "badge" }, ev.type), " ",
    ev.source.name, ev.source.country ? ` (${ev.source.country})` : "",
    ev.target ? ` → ${ev.target.name}${ev.target.country ? ` (${ev.target.country})` : ""}` : "",
    el("span", { class: "meta" }, " · ", [ev.factuality, ev.mode, ev.date, ev.location,
      ev.confidence != null ? `${tr("col.confidence").toLowerCase()} ${Number(ev.confidence).toFixed(2)}` : null]
      .filter(Boolean).join(" · ")), " ",
    ev.trigger ? el("button", { type: "button", class: "link", onclick: () => jumpTo(`${prefix}-event-${i}`) },
      tr("show")) : null));
  return section(prefix, "events", d.events.length, el("ol", { class: "events" }, items));
}

function entitiesSection(d, prefix, textBox, lang) {
  const ents = [...d.entities].sort((a, b) => b.mentions.length - a.mentions.length);
  const rows = ents.map((e) => {
    const button = el("button", { type: "button", class: "link", "aria-pressed": "false", lang,
      title: tr("mark") }, e.name);
    button.addEventListener("click", () => {
      const on = button.getAttribute("aria-pressed") !== "true";
      for (const b of button.closest("table").querySelectorAll("button[aria-pressed]")) b.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      for (const n of textBox.querySelectorAll("[data-entity]")) {
        n.classList.toggle("focus", on && n.dataset.entity.split(" ").includes(e.id));
      }
    });
    return { ...e, button };
  });
  return section(prefix, "entities", ents.length, table(tr("layer.ent"), [
    { label: tr("col.name"), render: (e) => el("span", {}, el("span", { class: `dot ent-${e.type}`, "aria-hidden": "true" }), e.button,
      e.role ? el("span", { class: "role", lang }, e.role) : null) },
    { label: tr("col.type"), render: (e) => typeName(e.type) },
    { label: tr("col.codes"), render: (e) => [e.country, e.sector].filter(Boolean).join(" · "), cls: "nowrap" },
    { label: tr("col.mentions"), render: (e) => e.mentions.length, cls: "num" },
  ], rows));
}

function timesSection(d, prefix) {
  const items = d.times.map((t) => el("li", {}, el("span", { class: "time-text" }, t.text), " = ",
    el("code", {}, t.value), el("span", { class: "meta" }, ` ${t.type}`)));
  return section(prefix, "times", d.times.length, el("ul", { class: "times" }, items));
}

function removedSection(d) {
  if (!d.removed || !d.removed.length) return null;
  return el("details", { class: "removed" }, el("summary", {}, tr("removed", { n: d.removed.length })),
    el("ul", {}, d.removed.map((r) => el("li", {}, el("span", { class: "meta" }, `${r.reason}: `), r.text))));
}

// ---------------------------------------------------------------------------------- analyse a pasted article
let lastAnalysis = null;

function showAnalysed(d) {
  renderAnalysis(document.getElementById("analyze-result"), d);
  setStatus(document.getElementById("panel-analyze"), tr("analyze.done", {
    entities: plural(d.entities.length, "entity"), quotes: plural(d.quotes.length, "quote"),
    dates: plural(d.times.length, "date"), events: plural(d.events.length, "event") }));
}

async function analyzeSubmit(event) {
  event.preventDefault();
  const form = event.target;
  const panel = document.getElementById("panel-analyze");
  const out = document.getElementById("analyze-result");
  const f = new FormData(form);
  const body = { text: f.get("text"), language: f.get("language") || "auto" };
  if (f.get("title")) body.title = f.get("title");
  if (f.get("published")) body.published = f.get("published");
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  panel.setAttribute("aria-busy", "true");
  setStatus(panel, tr("analyze.running"));
  try {
    const d = await api("/api/analyze", null, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    lastAnalysis = d;
    showAnalysed(d);
    out.querySelector("h2").focus();
  } catch (err) {
    lastAnalysis = null;
    out.replaceChildren();
    setStatus(panel, tr("error", { message: err.message }), true);
  } finally {
    button.disabled = false;
    panel.removeAttribute("aria-busy");
  }
}

// ---------------------------------------------------------------------------------- start
async function showStats() {
  const status = document.getElementById("kb-status");
  try {
    const s = await api("/api/stats");
    status.textContent = tr("stats", { articles: plural(s.articles, "article"), actors: plural(s.actors, "actor"),
      quotes: plural(s.quotes, "quote"), events: plural(s.events, "event") }) +
      (s.first ? tr("stats.span", { first: s.first, last: s.last }) : "");
    status.classList.remove("error");
  } catch (err) {
    status.textContent = tr("nokb", { message: err.message });
    status.classList.add("error");
  }
}

function onTabKey(event) {
  const all = tabs();
  const i = all.indexOf(event.target);
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: all.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const tab = all[(next + all.length) % all.length];
  tab.focus();
  tab.click();
}

async function loadStrings() {
  try {
    const response = await fetch("/static/strings.json");
    if (response.ok) STRINGS = await response.json();
  } catch (err) { /* the page still works, with its English words from the HTML */ }
  LANG = chooseLanguage();
  applyLanguage();
}

function switchLanguage() {
  LANG = LANG === "fr" ? "en" : "fr";
  localStorage.setItem("veille.lang", LANG);
  applyLanguage();
  showStats();
  if (lastAnalysis) showAnalysed(lastAnalysis);
  route();
}

document.addEventListener("DOMContentLoaded", async () => {
  await loadStrings();
  document.getElementById("lang-switch").addEventListener("click", switchLanguage);
  for (const tab of tabs()) {
    tab.addEventListener("click", () => go(lastHash[tab.dataset.view] || tab.dataset.view));
    tab.addEventListener("keydown", onTabKey);
  }
  for (const form of document.querySelectorAll("form.query")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      // The form's fields replace theirs; filters set by clicking a count stay (their chips remove them).
      const { name, params: current } = parseHash();
      const params = new URLSearchParams(name === form.dataset.view ? current : "");
      params.delete("cursor");
      for (const [k, v] of new FormData(form).entries()) {
        if (String(v).trim()) params.set(k, String(v).trim());
        else params.delete(k);
      }
      go(`${form.dataset.view}?${params}`);
    });
  }
  document.getElementById("analyze-form").addEventListener("submit", analyzeSubmit);
  document.querySelector("#article-view .back").addEventListener("click", (event) => {
    if (history.length > 1) { event.preventDefault(); history.back(); }
  });
  window.addEventListener("hashchange", route);
  showStats();
  route();
});
