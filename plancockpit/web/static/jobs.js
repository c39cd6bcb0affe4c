/* plancockpit: a job's page follows its progress through GET /api/jobs/{id} and shows the
   result (rendered by the server) once the job is done or failed. No library, no CDN. */
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) return;
  var url = box.getAttribute("data-url");
  var labels = JSON.parse(box.getAttribute("data-labels") || "{}");
  var bar = document.getElementById("job-bar");
  var count = document.getElementById("job-count");
  var state = document.getElementById("job-state");

  function show(job) {
    var total = job.progress.total || 1;
    bar.max = total;
    if (job.kind !== "ingest" && job.state === "running") bar.removeAttribute("value");
    else bar.value = job.progress.done;
    count.textContent = job.progress.done + " / " + job.progress.total;
    state.textContent = labels[job.state] || job.state;
  }

  function poll(wait) {
    window.setTimeout(function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (job) {
          show(job);
          if (job.state === "done" || job.state === "failed") window.location.reload();
          else poll(1000);
        })
        .catch(function () { poll(3000); });
    }, wait);
  }

  poll(500);
})();
