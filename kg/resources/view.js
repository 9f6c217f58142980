/* geokg view: draws the graph embedded in #geokg-data with vis-network (inlined in this page) and
 * wires the filters, the search and the details panel. Everything shown from the data is set as
 * text (never as HTML). window.geokgView exposes the state, for tests and for the console. */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("geokg-data").textContent);
  const NEGATIVE = "#d62728";
  const EDGE = "#8a8a8a";
  const entities = new Map(data.nodes.map((n) => [n.id, n]));
  const facts = new Map(data.edges.map((f) => [f.id, f]));
  const factsOf = new Map(data.nodes.map((n) => [n.id, []]));
  for (const fact of data.edges) {
    factsOf.get(fact.from).push(fact);
    if (fact.to !== fact.from) factsOf.get(fact.to).push(fact);
  }

  /* ---------- small DOM helpers ---------- */

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "style") node.style.cssText = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function typeBadge(type) {
    return el("span", { class: "badge type", style: `background:${data.colors[type] || "#999"}` }, type);
  }

  /* ---------- filters ---------- */

  function defaults() {
    return {
      types: new Set(data.types), predicates: new Set(data.predicates),
      polarities: new Set(data.polarities), modalities: new Set(data.modalities),
      minConfidence: 0, dateFrom: "", dateTo: "", undated: true,
    };
  }
  let state = defaults();

  // A fact dated "2025" or "2025-03" covers the whole year or month.
  const dateStart = (d) => (d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d);
  const dateEnd = (d) => (d.length === 4 ? d + "-12-31" : d.length === 7 ? d + "-31" : d);

  function factPasses(fact) {
    if (!state.predicates.has(fact.predicate) || !state.polarities.has(fact.polarity)
        || !state.modalities.has(fact.modality)) return false;
    if (fact.confidence + 1e-9 < state.minConfidence) return false;
    if (!fact.date) {
      if (!state.undated) return false;
    } else {
      if (state.dateFrom && dateEnd(fact.date) < state.dateFrom) return false;
      if (state.dateTo && dateStart(fact.date) > state.dateTo) return false;
    }
    return state.types.has(entities.get(fact.from).type) && state.types.has(entities.get(fact.to).type);
  }

  let visibleFacts = new Set();
  let visibleEntities = new Set();

  // An entity is shown when its type is and it has a shown fact (or no fact at all).
  function computeVisible() {
    visibleFacts = new Set(data.edges.filter(factPasses).map((f) => f.id));
    visibleEntities = new Set();
    for (const node of data.nodes) {
      if (!state.types.has(node.type)) continue;
      const own = factsOf.get(node.id);
      if (own.length === 0 || own.some((f) => visibleFacts.has(f.id))) visibleEntities.add(node.id);
    }
  }

  /* ---------- vis-network items ---------- */

  function tooltip(...lines) {
    return el("div", { class: "geokg-tooltip" }, lines.filter(Boolean).map((line) => el("div", null, line)));
  }

  function nodeItem(node) {
    const color = data.colors[node.type] || "#999999";
    return {
      id: node.id, label: node.label, shape: data.shapes[node.type] || "dot",
      size: Math.min(30, 11 + 4 * Math.sqrt(Math.max(1, node.mentions))),
      color: { background: color, border: "#444444", highlight: { background: color, border: "#000000" },
               hover: { background: color, border: "#000000" } },
      font: { size: 14, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff" },
      title: tooltip(`${node.label} (${node.type})`, node.aliases.length ? `also: ${node.aliases.join(", ")}` : "",
                     `${(factsOf.get(node.id) || []).length} facts; click for details`),
    };
  }

  function factLabel(fact) {
    let label = (fact.polarity === "negative" ? "NOT " : "") + fact.predicate;
    if (fact.modality !== "asserted") label += ` (${fact.modality})`;
    return label;
  }

  // Parallel edges between two entities curve apart; a lone edge is straight.
  const pairCount = new Map();
  const directedIndex = new Map();
  for (const fact of data.edges) {
    const pair = [fact.from, fact.to].sort().join("\u0000");
    pairCount.set(pair, (pairCount.get(pair) || 0) + 1);
  }

  function edgeItem(fact) {
    const negative = fact.polarity === "negative";
    const asserted = fact.modality === "asserted";
    const pair = [fact.from, fact.to].sort().join("\u0000");
    const directed = fact.from + "\u0000" + fact.to;
    const index = directedIndex.get(directed) || 0;
    directedIndex.set(directed, index + 1);
    const smooth = pairCount.get(pair) > 1
      ? { enabled: true, type: "curvedCW", roundness: 0.15 + 0.2 * index }
      : { enabled: false };
    const first = fact.evidence[0];
    return {
      id: fact.id, from: fact.from, to: fact.to, label: factLabel(fact), smooth,
      arrows: { to: { enabled: true, scaleFactor: 0.6 } },
      dashes: negative ? [8, 6] : (asserted ? false : [2, 5]),
      width: 1 + 3 * fact.confidence,
      color: { color: negative ? NEGATIVE : EDGE, highlight: negative ? "#a50f15" : "#333333",
               hover: negative ? "#a50f15" : "#333333", inherit: false },
      font: { size: 11, color: negative ? NEGATIVE : "#444444", strokeWidth: 3, strokeColor: "#ffffff",
              align: "middle" },
      title: tooltip(`${entities.get(fact.from).label} —${factLabel(fact)}→ ${entities.get(fact.to).label}`,
                     `confidence ${fact.confidence.toFixed(2)}${fact.date ? "; " + fact.date : ""}`,
                     first ? `“${first.sentence}”` : ""),
    };
  }

  computeVisible();
  const nodeSet = new vis.DataSet(data.nodes.map(nodeItem));
  const edgeSet = new vis.DataSet(data.edges.map(edgeItem));
  const nodeView = new vis.DataView(nodeSet, { filter: (item) => visibleEntities.has(item.id) });
  const edgeView = new vis.DataView(edgeSet, { filter: (item) => visibleFacts.has(item.id) });
  const container = document.getElementById("graph");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    layout: { randomSeed: 7 },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -90, centralGravity: 0.012, springLength: 140,
                          springConstant: 0.06, avoidOverlap: 0.6 },
      stabilization: { iterations: 600, fit: true },
    },
    interaction: { hover: true, tooltipDelay: 200 },
    edges: { selectionWidth: 2 },
    nodes: { borderWidth: 1.5 },
  });

  /* ---------- counts, filter controls ---------- */

  function updateCounts() {
    const negatives = data.edges.filter((f) => visibleFacts.has(f.id) && f.polarity === "negative").length;
    document.getElementById("counts").textContent =
      `${visibleEntities.size} of ${data.nodes.length} entities · ${visibleFacts.size} of ${data.edges.length} facts shown`
      + (negatives ? ` (${negatives} negative)` : "")
      + (data.selected ? ` · a selection of a graph of ${data.selected.entities} entities and ${data.selected.facts} facts`
                       + " (kg view --focus, --max-nodes, --max-edges)" : "");
  }

  function applyFilters() {
    // Keep the layout: shown nodes stay put, nodes shown again come back where they were.
    const positions = network.getPositions();
    nodeSet.update(Object.entries(positions).map(([id, p]) => ({ id, x: p.x, y: p.y })));
    computeVisible();
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
    renderDetails();
  }

  function checkboxGroup(containerId, name, values, setKey, decorate) {
    const box = document.getElementById(containerId);
    box.replaceChildren();
    for (const value of values) {
      const input = el("input", {
        type: "checkbox", id: `filter-${name}-${value}`, "data-value": value, checked: state[setKey].has(value),
        onchange: (event) => {
          if (event.target.checked) state[setKey].add(value); else state[setKey].delete(value);
          applyFilters();
        },
      });
      box.append(el("label", { class: "check", for: input.id }, input, decorate(value)));
    }
  }

  const count = (predicate) => el("span", { class: "count" }, String(data.edges.filter(predicate).length));

  function buildControls() {
    checkboxGroup("filter-types", "type", data.types, "types", (type) => [
      el("span", { class: "swatch", style: `background:${data.colors[type]}` }), type,
      el("span", { class: "count" }, String(data.nodes.filter((n) => n.type === type).length))]);
    checkboxGroup("filter-predicates", "predicate", data.predicates, "predicates",
      (p) => [p, count((f) => f.predicate === p)]);
    checkboxGroup("filter-polarities", "polarity", data.polarities, "polarities", (p) => [
      el("span", { class: p === "negative" ? "line negative" : "line solid" }),
      p === "negative" ? "negative (NOT)" : p, count((f) => f.polarity === p)]);
    checkboxGroup("filter-modalities", "modality", data.modalities, "modalities",
      (m) => [m, count((f) => f.modality === m)]);
    const confidence = document.getElementById("filter-confidence");
    confidence.value = String(state.minConfidence);
    document.getElementById("confidence-value").textContent = state.minConfidence.toFixed(2);
    document.getElementById("filter-date-from").value = state.dateFrom;
    document.getElementById("filter-date-to").value = state.dateTo;
    document.getElementById("filter-undated").checked = state.undated;
  }

  document.getElementById("filter-confidence").addEventListener("input", (event) => {
    state.minConfidence = Number(event.target.value);
    document.getElementById("confidence-value").textContent = state.minConfidence.toFixed(2);
    applyFilters();
  });
  for (const [id, key] of [["filter-date-from", "dateFrom"], ["filter-date-to", "dateTo"]]) {
    document.getElementById(id).addEventListener("change", (event) => {
      state[key] = event.target.value;
      applyFilters();
    });
  }
  document.getElementById("filter-undated").addEventListener("change", (event) => {
    state.undated = event.target.checked;
    applyFilters();
  });
  document.getElementById("reset").addEventListener("click", () => {
    state = defaults();
    buildControls();
    applyFilters();
  });

  /* ---------- details panel ---------- */

  let selection = null; // {kind: "entity" | "fact", id}

  function entityLink(id) {
    const entity = entities.get(id);
    return el("a", { href: "#", onclick: (event) => { event.preventDefault(); selectEntity(id); } }, entity.label);
  }

  function highlighted(sentence, terms) {
    const words = [...new Set(terms)].filter((t) => t && t.length >= 2).sort((a, b) => b.length - a.length);
    if (!words.length) return [sentence];
    const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "g");
    return sentence.split(pattern).map((part, i) => (i % 2 ? el("mark", null, part) : part));
  }

  function sourceLine(evidence) {
    const doc = data.documents[evidence.document] || { id: evidence.document };
    const url = safeUrl(doc.source_url);
    const about = [doc.published, doc.outlet].filter(Boolean).join(", ");
    return el("div", { class: "source" },
      "source: ", el("code", null, doc.id),
      doc.title ? ` — ${doc.title}` : "", about ? ` (${about})` : "",
      url ? [" · ", el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, url)] : "",
      ` · rule ${evidence.rule} · characters ${evidence.start}–${evidence.end}`);
  }

  function factCard(fact) {
    const subject = entities.get(fact.from);
    const object = entities.get(fact.to);
    const negative = fact.polarity === "negative";
    const hidden = !visibleFacts.has(fact.id);
    const terms = [subject.label, ...subject.aliases, object.label, ...object.aliases];
    const qualifiers = Object.entries(fact.qualifiers).filter(([k]) => k !== "date");
    return el("div", { class: `fact${negative ? " negative" : ""}${hidden ? " hidden-by-filters" : ""}`,
                       "data-fact": fact.id },
      el("div", { class: "line-text" }, entityLink(fact.from), ` —${negative ? "NOT " : ""}${fact.predicate}→ `,
         entityLink(fact.to)),
      el("div", null,
        el("span", { class: negative ? "badge negative" : "badge" }, negative ? "negative" : "positive"),
        el("span", { class: "badge modality" }, fact.modality),
        el("span", { class: "badge" }, `confidence ${fact.confidence.toFixed(2)}`),
        fact.date ? el("span", { class: "badge" }, `date ${fact.date}`) : null,
        hidden ? el("span", { class: "badge" }, "hidden by the filters") : null),
      qualifiers.length ? el("div", { class: "qualifiers" },
        qualifiers.map(([k, v], i) => [i ? " · " : "", `${k}: `, el("strong", null, v)])) : null,
      fact.evidence.map((evidence) => [
        el("blockquote", null, "“", highlighted(evidence.sentence, terms), "”"), sourceLine(evidence)]),
      fact.evidenceCount > fact.evidence.length
        ? el("div", { class: "more-evidence" },
             `… and ${fact.evidenceCount - fact.evidence.length} more sentences (kg ask, kg query or facts.csv list them all)`)
        : null);
  }

  function renderEntity(id) {
    const entity = entities.get(id);
    // Denials first (they are the facts a reader most easily misses), then by confidence.
    const denial = (f) => (f.polarity === "negative" ? 0 : 1);
    const own = [...factsOf.get(id)].sort((a, b) => denial(a) - denial(b) || b.confidence - a.confidence);
    const shown = own.filter((f) => visibleFacts.has(f.id));
    const hidden = own.filter((f) => !visibleFacts.has(f.id));
    const rows = [];
    const add = (term, ...value) => rows.push(el("dt", null, term), el("dd", null, ...value));
    add("key", el("code", null, entity.id));
    if (entity.aliases.length) add("also called", entity.aliases.join(", "));
    for (const [scheme, value] of Object.entries(entity.identifiers)) {
      add(scheme, scheme === "wikidata" && /^Q\d+$/.test(value)
        ? el("a", { href: `https://www.wikidata.org/wiki/${value}`, target: "_blank", rel: "noopener noreferrer" },
             value)
        : value);
    }
    if (entity.value) add("value", entity.value);
    if (entity.date) add("date", entity.date);
    add("mentions", String(entity.mentions));
    add("documents", [entity.documents.map((d, i) => [i ? ", " : "", el("code", null, d),
      data.documents[d] && data.documents[d].title ? ` (${data.documents[d].title})` : ""]),
      entity.documentCount > entity.documents.length
        ? ` … and ${entity.documentCount - entity.documents.length} more` : ""]);
    return [
      el("h2", null, el("span", { class: "swatch", style: `background:${data.colors[entity.type]}` }), " ",
         entity.label),
      typeBadge(entity.type), visibleEntities.has(id) ? null : el("span", { class: "badge" }, "hidden by the filters"),
      el("dl", null, rows),
      el("h3", null, `Facts (${shown.length} shown${hidden.length ? `, ${hidden.length} hidden by the filters` : ""})`),
      shown.map(factCard),
      hidden.length ? el("details", null, el("summary", null, `${hidden.length} hidden by the filters`),
                         hidden.map(factCard)) : null,
      own.length ? null : el("p", { class: "hint" }, "No fact links this entity."),
    ];
  }

  function renderFact(id) {
    const fact = facts.get(id);
    return [el("h2", null, factLabel(fact)), factCard(fact)];
  }

  const details = document.getElementById("details");
  function renderDetails() {
    if (!selection) {
      details.replaceChildren(el("p", { class: "hint" },
        "Click an entity or a relation to read its facts, with the sentences behind them."));
      return;
    }
    const parts = selection.kind === "entity" ? renderEntity(selection.id) : renderFact(selection.id);
    details.replaceChildren(...parts.flat(3).filter(Boolean));
    details.scrollTop = 0;
  }

  function selectEntity(id) {
    if (!entities.has(id)) return;
    selection = { kind: "entity", id };
    if (visibleEntities.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    } else {
      network.unselectAll();
    }
    renderDetails();
  }

  function selectFact(id) {
    if (!facts.has(id)) return;
    selection = { kind: "fact", id };
    if (visibleFacts.has(id)) network.setSelection({ nodes: [], edges: [id] }); else network.unselectAll();
    renderDetails();
  }

  network.on("click", (params) => {
    if (params.nodes.length) selection = { kind: "entity", id: params.nodes[0] };
    else if (params.edges.length) selection = { kind: "fact", id: params.edges[0] };
    else selection = null;
    renderDetails();
  });

  /* ---------- search over labels and aliases ---------- */

  const searchBox = document.getElementById("search");
  const results = document.getElementById("search-results");

  function search(query) {
    const wanted = query.trim().toLowerCase();
    results.replaceChildren();
    if (!wanted) {
      network.unselectAll();
      return [];
    }
    const found = [];
    for (const node of data.nodes) {
      const names = [node.label, ...node.aliases];
      const hit = names.find((n) => n.toLowerCase().includes(wanted));
      if (hit === undefined) continue;
      const lower = names.map((n) => n.toLowerCase());
      const rank = lower.includes(wanted) ? 0 : lower.some((n) => n.startsWith(wanted)) ? 1 : 2;
      found.push({ id: node.id, label: node.label, via: hit === node.label ? null : hit, rank });
    }
    found.sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label));
    for (const hit of found.slice(0, 25)) {
      const node = entities.get(hit.id);
      const attrs = { type: "button", "data-entity": hit.id, onclick: () => selectEntity(hit.id) };
      results.append(el("li", null, el("button", attrs,
        el("span", { class: "swatch", style: `background:${data.colors[node.type]}` }), " ", node.label,
        hit.via ? el("span", { class: "alias" }, ` (${hit.via})`) : null,
        visibleEntities.has(hit.id) ? null : el("span", { class: "alias" }, " · hidden"))));
    }
    if (!found.length) results.append(el("li", { class: "hint" }, "no entity has that name"));
    network.selectNodes(found.map((h) => h.id).filter((id) => visibleEntities.has(id)));
    return found;
  }

  searchBox.addEventListener("input", () => search(searchBox.value));
  searchBox.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const found = search(searchBox.value);
    if (found.length) selectEntity(found[0].id);
  });

  /* ---------- start ---------- */

  document.getElementById("title").textContent = data.title;
  buildControls();
  updateCounts();

  const api = {
    ready: false, data, network,
    get state() { return state; },
    drawnNodeIds: () => network.body.nodeIndices.slice(),
    drawnEdgeIds: () => network.body.edgeIndices.slice(),
    visibleFactIds: () => [...visibleFacts],
    visibleEntityIds: () => [...visibleEntities],
    domPosition(id) {
      const point = network.canvasToDOM(network.getPosition(id));
      const box = container.getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    },
    edgePoint(id) {
      const edge = network.body.edges[id];
      const point = network.canvasToDOM(edge.edgeType.getPoint(0.5));
      const box = container.getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    },
    selectEntity, selectFact, search, applyFilters,
  };
  window.geokgView = api;

  // After the layout settles, physics stops: nothing moves under the reader's pointer.
  let settled = false;
  function settle() {
    if (settled) return;
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    network.once("afterDrawing", () => { api.ready = true; });
    network.redraw();
  }
  network.once("stabilizationIterationsDone", settle);
  setTimeout(settle, 8000);
})();
