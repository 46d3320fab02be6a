// Draws the comparison figure from the page's JSON data block; the search frames the charts that hold the words
// (in a bar's indicator name, plan name or file, or the chart's indicator), outlines their bars and scrolls to
// the first.
(function () {
  "use strict";
  const figure = JSON.parse(document.getElementById("view-data").textContent);
  const config = { displaylogo: false, responsive: true, typesetMath: false };
  const chart = document.getElementById("chart");
  const search = document.getElementById("search");
  const found = document.getElementById("found");

  function find() {
    const q = search.value.trim().toLowerCase();
    const widths = [];
    const shapes = [];
    const matched = [];
    figure.data.forEach((trace, i) => {
      const hit = trace.customdata.map((words) => q !== "" && words.toLowerCase().includes(q));
      widths.push(hit.map((h) => (h ? 3 : 0)));
      if (!hit.some(Boolean)) return;
      const s = i ? String(i + 1) : "";
      matched.push(i);
      shapes.push({ type: "rect", xref: `x${s} domain`, yref: `y${s} domain`, x0: -0.08, x1: 1.01, y0: -0.14, y1: 1.16,
                    line: { color: "#d62728", width: 3 } });
    });
    Plotly.restyle(chart, { "marker.line.width": widths, "marker.line.color": "#222" });
    Plotly.relayout(chart, { shapes: shapes });
    found.textContent = !q ? "" : matched.length === 1 ? "1 chart matches" : `${matched.length} charts match`;
    chart.dataset.matches = JSON.stringify(matched);
    if (matched.length) {
      const axis = chart._fullLayout[`yaxis${matched[0] ? matched[0] + 1 : ""}`];
      window.scrollTo({ top: chart.getBoundingClientRect().top + window.scrollY + axis._offset - 50 -
        document.getElementById("search-bar").offsetHeight, behavior: "instant" });
    }
  }

  Plotly.newPlot(chart, figure.data, figure.layout, config).then(() => {
    search.addEventListener("input", find);
    document.body.dataset.ready = "true";
  });
})();
