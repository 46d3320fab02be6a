// One figure per shared indicator, each drawn when it comes near the viewport (drawing every chart when the page
// opens takes many seconds at a thousand plans); the search frames the charts that hold the words (in a bar's
// indicator name, plan name or file, or the chart's indicator), outlines their bars and scrolls to the first.
(function () {
  "use strict";
  const figure = JSON.parse(document.getElementById("view-data").textContent);
  const config = { displaylogo: false, responsive: true, typesetMath: false };
  const root = document.getElementById("chart");
  const search = document.getElementById("search");
  const found = document.getElementById("found");
  const charts = figure.charts;
  let widths = charts.map((c) => c.trace.x.map(() => 0)); // each bar's outline, drawn or not
  const drawing = new Map(); // chart index -> the promise of its drawing

  const boxes = charts.map((c, i) => {
    const box = document.createElement("figure");
    const caption = document.createElement("figcaption");
    const plot = document.createElement("div");
    caption.textContent = c.title;
    plot.className = "plot";
    box.dataset.index = String(i);
    box.append(caption, plot);
    root.append(box);
    return box;
  });

  function draw(i) {
    if (!drawing.has(i)) {
      const c = charts[i];
      const trace = { ...c.trace, marker: { ...c.trace.marker, line: { width: widths[i], color: "#222" } } };
      const layout = { ...figure.layout, xaxis: { ...figure.layout.xaxis, showticklabels: c.labelled } };
      drawing.set(i, Plotly.newPlot(boxes[i].lastChild, [trace], layout, config).then(() => {
        boxes[i].dataset.drawn = "true";
      }));
    }
    return drawing.get(i);
  }

  function find() {
    const q = search.value.trim().toLowerCase();
    const matched = [];
    widths = charts.map((c, i) => {
      const hit = c.trace.customdata.map((words) => q !== "" && words.toLowerCase().includes(q));
      if (hit.some(Boolean)) matched.push(i);
      boxes[i].classList.toggle("matched", hit.some(Boolean));
      return hit.map((h) => (h ? 3 : 0));
    });
    drawing.forEach((drawn, i) => drawn.then(() => Plotly.restyle(boxes[i].lastChild, { "marker.line.width": [widths[i]] })));
    found.textContent = !q ? "" : matched.length === 1 ? "1 chart matches" : `${matched.length} charts match`;
    root.dataset.matches = JSON.stringify(matched);
    if (matched.length) {
      window.scrollTo({ top: boxes[matched[0]].getBoundingClientRect().top + window.scrollY - 8 -
        document.getElementById("search-bar").offsetHeight, behavior: "instant" });
    }
  }

  let opening = true;
  const near = new IntersectionObserver((entries) => {
    const drawn = entries.filter((e) => e.isIntersecting).map((e) => {
      near.unobserve(e.target);
      return draw(Number(e.target.dataset.index));
    });
    if (opening) {
      opening = false; // the first call holds every chart: the page is ready once those in view are drawn
      Promise.all(drawn).then(() => { document.body.dataset.ready = "true"; });
    }
  }, { rootMargin: "200px 0px" });
  boxes.forEach((box) => near.observe(box));
  if (!boxes.length) document.body.dataset.ready = "true";
  search.addEventListener("input", find);
  window.plankgCharts = { figure, draw, widths: () => widths };
})();
