// The index's search: the plans whose row or element titles hold the words stay, the words marked in them; under
// each, the element titles that hold them; the plan views' links carry the words, so a view opens searching them.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("view-data").textContent);
  const search = document.getElementById("search");
  const found = document.getElementById("found");
  const rows = Array.from(document.querySelectorAll("#plans tr[data-plan]"));
  const cells = rows.map((row) => Array.from(row.cells).slice(0, 6).map((td) => td.textContent));

  function marked(td, text, q, simplified) {
    // a Traditional text is searched in its Simplified form (of the same length), so 护理 finds 護理
    const searched = simplified && simplified.length === text.length ? simplified : text;
    plankgMark(td, text, searched.toLowerCase(), q);
  }

  function find() {
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    rows.forEach((row, i) => {
      const hits = q ? data.elements[i].filter(([, title, simple]) => (title + " " + (simple || "")).toLowerCase()
        .includes(q)) : [];
      const inRow = q && cells[i].some((text) => text.toLowerCase().includes(q));
      const match = !q || inRow || hits.length > 0;
      row.hidden = !match;
      shown += match ? 1 : 0;
      cells[i].forEach((text, c) => marked(row.cells[c], text, q));
      const link = row.querySelector("a.plan-view");
      link.hash = q ? "search=" + encodeURIComponent(search.value.trim()) : "";
      const list = row.nextElementSibling;
      list.hidden = hits.length === 0;
      const td = list.cells[0];
      td.replaceChildren();
      if (hits.length) {
        const counts = {};
        for (const [kind] of hits) counts[kind] = (counts[kind] || 0) + 1;
        td.append(Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(", ") + ": ");
        hits.slice(0, 12).forEach(([, title, simple], j) => {
          const span = document.createElement("span");
          marked(span, title, q, simple);
          td.append(j ? " · " : "", span);
        });
        if (hits.length > 12) td.append(` · … (${hits.length - 12} more in the plan view)`);
      }
    });
    found.textContent = q ? `${shown} of ${rows.length} plans match` : "";
  }
  search.addEventListener("input", find);
  const asked = new URLSearchParams(location.hash.slice(1)).get("search");  // a link from the index of provinces
  if (asked) {
    search.value = asked;
    find();
  }
  document.body.dataset.ready = "true";
})();
