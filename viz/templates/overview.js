// The index of a large store: the search lists the plans whose fields hold the words (the first SHOWN, the words
// marked), counts them by province, and points each province's link at its page searching the same words. Every
// text from a document is set with textContent, never parsed as HTML.
(function () {
  "use strict";
  const SHOWN = 200;
  const data = JSON.parse(document.getElementById("view-data").textContent);
  const search = document.getElementById("search");
  const found = document.getElementById("found");
  const matches = document.getElementById("matches");
  const provinces = Array.from(document.querySelectorAll("#provinces tr[data-group]"));
  // region, level, genre, period, title, file; and the title in Simplified when written in Traditional
  const words = data.plans.map((p) => [...p.slice(0, 6), ...p.slice(8)].join(" ").toLowerCase());

  function cell(text, q) {
    return plankgMark(document.createElement("td"), text, text.toLowerCase(), q);
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function find() {
    const q = search.value.trim().toLowerCase();
    const hash = q ? "#search=" + encodeURIComponent(search.value.trim()) : "";
    const hits = [];
    words.forEach((text, i) => { if (q && text.includes(q)) hits.push(i); });
    const perGroup = new Map();
    for (const i of hits) perGroup.set(data.plans[i][7], (perGroup.get(data.plans[i][7]) || 0) + 1);
    provinces.forEach((row, g) => {
      row.querySelector("td.matching").textContent = q ? String(perGroup.get(g) || 0) : "";
      row.querySelector("a.province").hash = hash;
    });
    document.querySelectorAll("#provinces .matching").forEach((el) => { el.hidden = !q; });
    const body = matches.tBodies[0];
    body.replaceChildren();
    for (const i of hits.slice(0, SHOWN)) {
      const [region, level, genre, period, title, file, page, group] = data.plans[i];
      const row = document.createElement("tr");
      for (const text of [region, level, genre, period, title, file]) row.append(cell(text, q));
      const views = document.createElement("td");
      views.append(link(page + hash, "plan view"), " · ", link(data.pages[group] + hash, "its province's plans"));
      row.append(views);
      body.append(row);
    }
    matches.hidden = hits.length === 0;
    const of = `${hits.length.toLocaleString("en")} of ${data.plans.length.toLocaleString("en")} plans match`;
    found.textContent = !q ? "" : hits.length > SHOWN ?
      `${of}: the first ${SHOWN} are listed, then the provinces with how many of their plans match` :
      `${of}, listed above the provinces`;
  }
  search.addEventListener("input", find);
  document.body.dataset.ready = "true";
})();
