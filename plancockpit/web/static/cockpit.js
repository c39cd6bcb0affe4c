/* plancockpit cockpit: charts (Apache ECharts, served locally) and small page helpers. */
(function () {
  "use strict";
  // The statuses, in order, and their colours come from plancockpit/vocabulary.py (base.html).
  var COLORS = window.VOCABULARY.colours;
  var ORDER = window.VOCABULARY.statuses;

  function chart(id) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return null;
    var c = window.echarts.init(el);
    window.addEventListener("resize", function () { c.resize(); });
    return c;
  }

  function stacked(id, rows, labels, link) {
    var c = chart(id);
    if (!c) return;
    var blank = labels.no_domain || "—";
    var names = rows.map(function (r) { return r.name || blank; }).reverse();
    c.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: names, axisLabel: { width: 130, overflow: "truncate" } },
      series: ORDER.map(function (s) {
        return { name: labels[s], type: "bar", stack: "all", itemStyle: { color: COLORS[s] },
          data: rows.map(function (r) { return r.counts[s] || 0; }).reverse() };
      })
    });
    if (link) c.on("click", function (p) { window.location = link(p.name, ORDER[p.seriesIndex]); });
  }

  // A file input labelled in the page's language: the browser's own button and "no file
  // chosen" speak the browser's language, so the input is hidden behind a label with the
  // page's words, and the chosen names are shown as text.
  function filePickers() {
    document.querySelectorAll(".file-pick").forEach(function (label) {
      var input = label.querySelector("input[type=file]"), names = label.querySelector(".names");
      if (!input || !names) return;
      input.addEventListener("change", function () {
        var files = Array.prototype.map.call(input.files, function (f) { return f.name; });
        names.textContent = !files.length ? names.dataset.none :
          files.length > 3 ? names.dataset.many.replace("{n}", String(files.length)) :
          files.join(window.COCKPIT_LANG === "en" ? ", " : "、");
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", filePickers);
  else filePickers();

  window.Cockpit = {
    overviewCharts: function (d) {
      // a bar opens the list of the same targets: the page's period goes with it
      var period = d.period && d.period !== "current" ? "&period=" + encodeURIComponent(d.period) : "";
      stacked("chart-domain", d.by_domain, d.labels, function (name, status) {
        return "/indicators?domain=" + encodeURIComponent(name === (d.labels.no_domain || "—") ? "" : name) + "&status=" + status + period; });
      stacked("chart-unit", d.by_unit, d.labels, function (name, status) {
        return "/indicators?unit=" + encodeURIComponent(name) + "&status=" + status + period; });
    },
    indicatorChart: function (d) {
      var c = chart("chart-indicator");
      if (!c) return;
      var series = [{ name: d.labels.observations, type: "line", symbolSize: 8, data: d.chart.observations, itemStyle: { color: "#1f5fa8" } }];
      d.chart.targets.forEach(function (t) {
        // named by year and document, never by an internal id
        var named = (t.year ? " " + t.year : "") + (t.source ? " · " + t.source : "");
        if (t.path && t.path.length) series.push({ name: d.labels.expected_path + named, type: "line", data: t.path,
          lineStyle: { type: "dashed" }, symbol: "none", itemStyle: { color: COLORS.on_track } });
        if (t.year) series.push({ name: d.labels.target + named, type: "scatter", symbol: "diamond", symbolSize: 14,
          data: [[t.year, t.value]], itemStyle: { color: COLORS.off_track } });
      });
      c.setOption({
        animation: false, tooltip: { trigger: "item" }, legend: { top: 0 },
        grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
        // the server fits the year axis to the data (chart.years), so one year is not 1000–3500
        xAxis: { type: "value", minInterval: 1, scale: true,
          min: d.chart.years ? d.chart.years[0] : null, max: d.chart.years ? d.chart.years[1] : null,
          interval: d.chart.years && d.chart.years[1] - d.chart.years[0] <= 12 ? 1 : null,
          axisLabel: { formatter: function (v) { return String(v); } } },
        yAxis: { type: "value", scale: true, name: d.unit || "", boundaryGap: ["8%", "8%"] },
        series: series
      });
    },
    // a major project's planned vs completed investment per year (亿元); the table beside it
    // holds the same figures
    projectChart: function (d) {
      var c = chart("chart-project");
      if (!c) return;
      var years = d.years.map(function (y) { return String(y.year); });
      c.setOption({
        animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
        grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: years }, yAxis: { type: "value", name: "亿元" },
        series: [
          { name: d.labels.planned, type: "bar", data: d.years.map(function (y) { return y.planned; }), itemStyle: { color: COLORS.no_data } },
          { name: d.labels.completed, type: "bar", data: d.years.map(function (y) { return y.completed; }), itemStyle: { color: "#1f5fa8" } }
        ]
      });
    },
    documentLinks: function () {
      function flash(el) { if (!el) return; el.classList.add("flash"); el.scrollIntoView({ block: "center" });
        setTimeout(function () { el.classList.remove("flash"); }, 1600); }
      document.querySelectorAll("mark[data-record]").forEach(function (m) {
        m.addEventListener("click", function () { flash(document.getElementById("rec" + m.dataset.record)); });
      });
      document.querySelectorAll(".rec a[href^='#r']").forEach(function (a) {
        a.addEventListener("click", function (e) { e.preventDefault(); flash(document.getElementById(a.getAttribute("href").slice(1))); });
      });
      if (location.hash.indexOf("#r") === 0) flash(document.getElementById(location.hash.slice(1)));
    }
  };
})();
