// Draws each [data-chart] element of the insights page with uPlot: x is the position of a label, every
// series a line. The data comes in the element's attribute, so the page needs no inline script.
(function () {
  "use strict";
  var colours = ["#0b5cad", "#d9822b", "#2f8f46", "#a32222"];

  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var chart = JSON.parse(element.getAttribute("data-chart"));
    var xs = chart.labels.map(function (_, i) { return i; });
    var names = Object.keys(chart.series);
    var data = [xs].concat(names.map(function (name) { return chart.series[name]; }));
    var series = [{ label: "week", value: function (u, i) { return i == null ? "" : chart.labels[i]; } }]
      .concat(names.map(function (name, i) {
        // a rate gets an axis of its own, on the right
        return { label: name, scale: name.indexOf("%") >= 0 ? "%" : "y", stroke: colours[i % colours.length],
          width: 2, spanGaps: false, points: { show: true } };
      }));
    var rated = names.some(function (name) { return name.indexOf("%") >= 0; });
    var opts = {
      title: chart.title,
      width: Math.max(320, element.clientWidth - 16),
      height: 260,
      series: series,
      scales: { x: { time: false } },
      axes: [
        { values: function (u, splits) { return splits.map(function (i) { return chart.labels[i] || ""; }); } },
        { scale: "y" }
      ].concat(rated ? [{ scale: "%", side: 1, grid: { show: false } }] : [])
    };
    element.classList.add("drawn");
    new uPlot(opts, data, element);
  });

  document.querySelectorAll(".bar[data-width]").forEach(function (bar) {
    bar.style.width = Math.min(20, Number(bar.getAttribute("data-width"))) + "rem";
  });
})();
