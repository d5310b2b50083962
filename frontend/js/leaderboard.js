// Leaderboard charts: read the same JSON the table was rendered from (same query string).
(function () {
  'use strict';

  const script = document.getElementById('leaderboard-script');
  const benchmark = script.dataset.benchmark;
  const deltaCanvas = document.getElementById('deltam-chart');
  const metricCanvas = document.getElementById('metric-chart');
  const metricSelect = document.getElementById('metric-select');

  function label(row) {
    const parts = [row.methodLabel, row.backbone.name];
    if (row.optimizer !== 'unreported') {
      parts.push(row.optimizer);
    }
    return parts.join(' · ');
  }

  function drawDeltaM(view) {
    const rows = view.rows.filter(r => r.deltaM);
    const pick = r => (view.convention.id === 'flat' ? r.deltaM.flat : r.deltaM.perTask);
    MtlCharts.barChart(deltaCanvas, rows.map(label), rows.map(r => pick(r).mean),
      rows.map(r => pick(r).std), rows.map(r => MtlCharts.colour(r.source)),
      'Δm % (' + view.convention.id + ', gain)', i => ' · ' + rows[i].source);
  }

  function drawMetric(view, key) {
    const column = view.metrics.find(c => c.key === key);
    const rows = view.rows.filter(r => r.metrics[key]);
    const arrow = column.higherIsBetter ? '↑' : '↓';
    MtlCharts.barChart(metricCanvas, rows.map(label), rows.map(r => r.metrics[key].mean),
      rows.map(r => r.metrics[key].std), rows.map(r => MtlCharts.colour(r.source)),
      column.task + ' ' + column.name + ' ' + arrow + (column.unit ? ' (' + column.unit + ')' : ''), null, true);
    metricCanvas.dataset.metric = key;
  }

  fetch('/api/leaderboards/' + encodeURIComponent(benchmark) + window.location.search, {
    headers: { Accept: 'application/json' }
  }).then(response => {
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    return response.json();
  }).then(view => {
    drawDeltaM(view);
    if (view.metrics.length > 0) {
      drawMetric(view, metricSelect.value || view.metrics[0].key);
    }
    metricSelect.addEventListener('change', () => drawMetric(view, metricSelect.value));
  }).catch(error => {
    document.querySelectorAll('.charts').forEach(section => {
      section.insertAdjacentHTML('beforeend', '<p class="muted">Charts unavailable: ' + error.message + '</p>');
    });
  });
})();
