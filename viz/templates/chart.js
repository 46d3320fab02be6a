// Draws the comparison figure from the page's JSON data block.
(function () {
  "use strict";
  const figure = JSON.parse(document.getElementById("view-data").textContent);
  const config = { displaylogo: false, responsive: true, typesetMath: false };
  Plotly.newPlot("chart", figure.data, figure.layout, config).then(() => { document.body.dataset.ready = "true"; });
})();
