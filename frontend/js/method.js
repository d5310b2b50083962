// Method page chart: the method's Δm (per task) on every benchmark and backbone, from the leaderboard API.
(function () {
  'use strict';

  const script = document.getElementById('method-script');
  const method = script.dataset.method;
  const benchmarks = script.dataset.benchmarks ? script.dataset.benchmarks.split(',') : [];
  const canvas = document.getElementById('method-chart');

  Promise.all(benchmarks.map(b =>
    fetch('/api/leaderboards/' + encodeURIComponent(b) + '?method=' + encodeURIComponent(method) + '&size=1000',
      { headers: { Accept: 'application/json' } }).then(r => r.json())
  )).then(views => {
    const labels = [];
    const values = [];
    const errors = [];
    const colours = [];
    views.forEach(view => view.rows.filter(r => r.deltaM).forEach(r => {
      labels.push(view.benchmark.name + ' · ' + r.backbone.name + (r.optimizer !== 'unreported' ? ' · ' + r.optimizer : ''));
      values.push(r.deltaM.perTask.mean);
      errors.push(r.deltaM.perTask.std);
      colours.push(MtlCharts.colour(r.source));
    }));
    MtlCharts.barChart(canvas, labels, values, errors, colours, 'Δm % (per task, gain)', null);
  });
})();
