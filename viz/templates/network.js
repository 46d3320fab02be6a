// A plankg network view. Every text from a document is set with textContent, never parsed as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("view-data").textContent);
  const labelZoom = data.options.labelZoom;  // not a vis option: labels by zoom level, set once the view is fitted
  delete data.options.labelZoom;
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, data.options);
  const details = document.getElementById("details");
  const status = document.getElementById("status");

  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  let inPanel = null;  // the node whose details are in the panel, shown again when a filter changes
  function show(id) {
    const d = data.details[id];
    if (!d) return;
    inPanel = id;
    const rows = (data.meta && data.meta[id] && data.meta[id].rows) || {};
    const list = element("dl");
    for (const [key, value] of d.fields) {
      list.append(element("dt", key));
      const dd = element("dd", undefined, key === "quote" ? "quote" : "");
      if (Array.isArray(value)) {
        // a filter applies to the panel too: the lines of the plans it hides are left out, and counted
        const ofPlan = rows[key];
        const kept = ofPlan ? value.filter((_, i) => !nodes.get(ofPlan[i]).hidden) : value;
        const ul = element("ul");
        for (const item of kept) ul.append(element("li", item));
        if (kept.length < value.length) {
          const hidden = new Set(ofPlan.filter((p) => nodes.get(p).hidden)).size;
          ul.append(element("li", `(${value.length - kept.length} more of ${hidden} plan${hidden > 1 ? "s" : ""} ` +
                                  "hidden by the filter)", "hidden-by-filter"));
        }
        dd.append(ul);
      } else {
        dd.textContent = value;
      }
      list.append(dd);
    }
    details.replaceChildren(element("h2", d.title), list);
  }

  // Folding (plan views): the children of each node along tree edges, and each node's depth.
  const children = {};
  const depth = {};
  const parent = {};
  for (const e of data.edges) {
    if (e.tree) {
      (children[e.from] = children[e.from] || []).push(e.to);
      parent[e.to] = e.from;
    }
  }
  for (const n of data.nodes) {
    let d = 0;
    for (let p = parent[n.id]; p !== undefined; p = parent[p]) d += 1;
    depth[n.id] = d;
  }
  const folded = new Set();

  function under(id, out) {
    for (const c of children[id] || []) {
      out.add(c);
      under(c, out);
    }
    return out;
  }

  // Filters (lineage view): the kinds of shared thing shown (families, indicators, instruments), a plan by its region
  // level, a family, indicator or instrument by its theme, a family by its score (the others have none).
  const relations = [...document.querySelectorAll("input.relation")];
  function hiddenRelations() {
    return new Set(relations.filter((box) => !box.checked).map((box) => box.value));
  }
  function filteredOut() {
    const out = new Set();
    const theme = document.getElementById("theme");
    const level = document.getElementById("level");
    const score = document.getElementById("score");
    if (!theme || !level) return out;
    const off = hiddenRelations();
    for (const n of data.nodes) {
      const meta = data.meta[n.id];
      if (meta.kind === "item" && off.has(meta.cls)) out.add(n.id);
      if (meta.kind === "plan" && level.value && meta.level !== level.value) out.add(n.id);
      if (meta.kind === "item" && theme.value && !meta.themes.includes(theme.value)) out.add(n.id);
      if (meta.kind === "item" && score && meta.score != null && meta.score < Number(score.value)) out.add(n.id);
    }
    for (const n of data.nodes) {
      if (data.meta[n.id].kind !== "item" || out.has(n.id)) continue;
      const plans = network.getConnectedNodes(n.id).filter((p) => data.meta[p].kind === "plan" && !out.has(p));
      if (plans.length === 0) out.add(n.id);
    }
    return out;
  }

  // Plan-to-plan edges (lineage view) count the families, indicators and instruments the two plans share: all of them
  // when no filter is on (the cap may leave some out of the view), else those the filter leaves shown.
  const itemPlans = {};
  for (const e of data.edges) {
    const from = data.meta ? data.meta[e.from] : undefined;
    if (from && from.kind === "item") (itemPlans[e.from] = itemPlans[e.from] || []).push(e.to);
  }
  function recount(hidden, filtering) {
    const shared = {};
    for (const [item, plans] of Object.entries(itemPlans)) {
      if (hidden.has(item)) continue;
      for (const a of plans) for (const b of plans) if (a < b) shared[a + " " + b] = (shared[a + " " + b] || 0) + 1;
    }
    const updates = edges.get({ filter: (e) => e.pair }).map((e) => {
      const n = filtering ? shared[[e.from, e.to].sort().join(" ")] || 0 : e.weight;
      return { id: e.id, label: String(n), width: n, value: n, hidden: n === 0 };
    });
    edges.update(updates);
    return new Set(updates.filter((u) => u.hidden).map((u) => u.id));
  }

  function refresh() {
    const hidden = filteredOut();
    const score = document.getElementById("score");
    const filtering = ["theme", "level"].some((id) => document.getElementById(id) && document.getElementById(id).value) ||
      (score !== null && Number(score.value) > 0) || hiddenRelations().size > 0;
    for (const id of folded) under(id, hidden);
    nodes.update(data.nodes.map((n) => ({ id: n.id, hidden: hidden.has(n.id) })));
    const emptyPairs = recount(hidden, filtering);
    const shown = data.nodes.length - hidden.size;
    const shownEdges = edges.get({ filter: (e) => !hidden.has(e.from) && !hidden.has(e.to) && !emptyPairs.has(e.id) }).length;
    status.textContent = `${shown} of ${data.nodes.length} nodes and ${shownEdges} of ${data.edges.length} edges shown` +
      (data.options.physics.enabled ? "" : document.getElementById("depth") ? " · tree laid out by level, physics off"
        : " · layout precomputed, physics off (large view)");
    if (inPanel !== null) show(inPanel);
  }

  // Search: the shown nodes whose label, title or details hold the words (or their Simplified form, for a text in
  // Traditional) are selected and brought into view; one match's details are shown, several are listed in the
  // panel (a click on one focuses it). While a search is on, only the matches are named besides the labels of the
  // fitted zoom, readable and never on top of another label; the rest wait until the search is cleared.
  const search = document.getElementById("search");
  const found = document.getElementById("found");
  const words = {};
  for (const n of data.nodes) {
    const d = data.details[n.id] || { title: "", fields: [] };
    const values = d.fields.map(([, v]) => (Array.isArray(v) ? v.join(" ") : String(v)));
    words[n.id] = [n.label || "", d.title, ...values, data.simplified[n.id] || ""].join(" ").toLowerCase();
  }

  function line(id) {  // a node's source line, for listing matches in document order
    const source = (data.details[id] || { fields: [] }).fields.find(([k]) => k === "source");
    const m = source ? / line (\d+)$/.exec(source[1]) : null;
    return m ? Number(m[1]) : 0;
  }
  function list(matches) {
    const ul = element("ul", undefined, "matches");
    for (const id of [...matches].sort((a, b) => line(a) - line(b))) {
      const d = data.details[id] || { title: id, fields: [] };
      const fields = Object.fromEntries(d.fields);
      const li = element("li");
      const a = element("a", d.title || id);
      a.href = "#";
      a.addEventListener("click", (event) => {
        event.preventDefault();
        network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
        show(id);
      });
      li.append(a, " " + [fields.class, fields.source].filter(Boolean).join(" · "));
      ul.append(li);
    }
    details.replaceChildren(element("h2", `${matches.length} matches`), ul);
    inPanel = null;
  }

  function find() {
    const q = search.value.trim().toLowerCase();
    if (!q) {
      network.unselectAll();
      nameMatches(null);
      found.textContent = "";
      return;
    }
    const matches = data.nodes.filter((n) => words[n.id].includes(q) && !nodes.get(n.id).hidden).map((n) => n.id);
    network.selectNodes(matches);
    found.textContent = matches.length === 1 ? "1 node matches" : `${matches.length} nodes match`;
    if (matches.length) network.fit({ nodes: matches, animation: false });
    nameMatches(matches);
    if (matches.length === 1) show(matches[0]); else if (matches.length) list(matches);
  }
  search.addEventListener("input", find);

  network.on("click", (p) => { if (p.nodes.length) show(p.nodes[0]); });
  network.on("doubleClick", (p) => {
    const id = p.nodes[0];
    if (id === undefined || !children[id]) return;
    if (folded.has(id)) folded.delete(id); else folded.add(id);
    refresh();
  });
  const depthSelect = document.getElementById("depth");
  if (depthSelect) {
    depthSelect.addEventListener("change", () => {
      folded.clear();
      if (depthSelect.value !== "") {
        const limit = Number(depthSelect.value);
        for (const n of data.nodes) if (depth[n.id] === limit && children[n.id]) folded.add(n.id);
      }
      refresh();
    });
  }
  for (const box of relations) box.addEventListener("change", refresh);
  for (const id of ["theme", "level"]) {
    const select = document.getElementById(id);
    if (select) select.addEventListener("change", refresh);
  }
  const scoreInput = document.getElementById("score");
  if (scoreInput) {
    scoreInput.addEventListener("input", () => {
      document.getElementById("score-value").textContent = scoreInput.value;
      refresh();
    });
  }
  // Labels by zoom level. At the fitted zoom only the labels of a font of at least labelZoom are drawn (plans in the
  // lineage view; region, plan and chapters or theme groups in a plan view), at least READABLE pixels high however
  // large the view; one that would overlap a label drawn before it (in the nodes' order: the region, the plan, then
  // document order) waits, like the rest, until one zooms in past ZOOM_IN times the fitted zoom.
  const READABLE = 12;
  const ZOOM_IN = 1.3;
  const NEVER = 1e9;
  const fontOf = (n) => (n.font && n.font.size) || data.options.nodes.font.size;
  const base = Object.fromEntries(data.nodes.map((n) => [n.id, n]));
  const sized = (id, size) => ({ ...base[id].font, size: size });  // a node's font at another size
  const threshold = {};  // node -> the label threshold labels by zoom level gave it
  let labelled = [];

  function overlapping(ids) {
    // the nodes, in order, whose drawn label overlaps the label of one before them
    network.redraw();
    const placed = [];
    const out = [];
    for (const id of ids) {
      const node = network.body.nodes[id];
      if (node.options.hidden || !node.labelModule.visible()) continue;
      const b = node.labelModule.size;
      if (placed.some((p) => b.left < p.left + p.width && p.left < b.left + b.width &&
                             b.top < p.top + p.height && p.top < b.top + b.height)) out.push(id);
      else placed.push({ left: b.left, top: b.top, width: b.width, height: b.height });
    }
    return out;
  }

  function labelsByZoom(scale) {
    labelled = data.nodes.filter((n) => fontOf(n) >= labelZoom).map((n) => n.id);
    nodes.update(labelled.map((id) => ({ id: id, font: sized(id, Math.max(fontOf(base[id]), READABLE / scale)) })));
    // vis-network hides a label whose on-screen size is below drawThreshold - 1: + 1 makes the rule exact
    network.setOptions({ nodes: { scaling: { label: { drawThreshold: labelZoom * scale + 1 } } } });
    const waiting = overlapping(labelled);
    for (const n of data.nodes) threshold[n.id] = labelZoom * scale + 1;
    for (const id of waiting) threshold[id] = labelZoom * scale * ZOOM_IN + 1;
    nodes.update(waiting.map((id) => ({ id: id, font: sized(id, fontOf(base[id])),
                                        scaling: { label: { drawThreshold: threshold[id] } } })));
  }

  let searching = false;
  function nameMatches(matches) {
    // matches named (readable, those with room), the others' labels wait; null gives labels back to the zoom
    if (!labelZoom) return;
    const shown = new Set(matches || []);
    const top = new Set(labelled);
    if (!matches && !searching) return;
    searching = matches !== null;
    const scale = network.getScale();
    nodes.update(data.nodes.filter((n) => !top.has(n.id)).map((n) => ({
      id: n.id,
      font: sized(n.id, shown.has(n.id) ? Math.max(fontOf(n), READABLE / scale) : fontOf(n)),
      scaling: { label: { drawThreshold: shown.has(n.id) ? 0 : matches ? NEVER : threshold[n.id] } },
    })));
    if (!matches) return;
    const crowded = overlapping([...labelled, ...matches.filter((id) => !top.has(id))]);
    nodes.update(crowded.filter((id) => !top.has(id)).map((id) => ({ id: id, scaling: { label: { drawThreshold: NEVER } } })));
  }

  refresh();
  window.plankgView = { network: network, nodes: nodes, edges: edges, show: show, find: find };
  const ready = () => {
    network.fit();
    if (labelZoom) labelsByZoom(network.getScale());
    const asked = new URLSearchParams(location.hash.slice(1)).get("search");  // a link from the index's search
    if (asked) {
      search.value = asked;
      find();
    }
    document.body.dataset.ready = "true";
  };
  if (data.options.physics.enabled) network.once("stabilizationIterationsDone", ready); else ready();
})();
