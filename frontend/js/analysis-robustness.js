// Robustness page: drop against severity and δ_t, from /api/analysis/robustness.
(function () {
  'use strict';
  const A = window.MtlAnalysis;

  function draw(view) {
    const labels = A.shortLabels(view.series.map(s => s.label));
    const curves = view.series.map((s, i) => ({
      label: labels[i] + (s.singleTask && !labels[i].startsWith('Single-task') ? ' (single-task)' : ''),
      points: s.points.map(p => ({ epoch: p.severity, mean: p.mean, std: p.std, n: p.n })),
      dashed: s.singleTask,
      colour: s.singleTask ? '#1d2330' : undefined
    }));
    curves.xTitle = 'severity';
    A.curves(document.getElementById('drop-chart'), curves, 'relative drop of ' + view.metric.key + ' (positive = worse)');
    document.getElementById('drop-caption').textContent = view.corruption + ', ' + view.metric.key
      + (view.metric.higherIsBetter ? ' ↑' : ' ↓') + '; mean ± std over runs';
    const deltaLabels = A.shortLabels(view.deltas.map(d => d.label));
    A.bars(document.getElementById('delta-chart'), deltaLabels, [{
      label: 'δ_t of ' + view.metric.key,
      values: view.deltas.map(d => d.delta),
      colour: view.deltas.map(d => (d.delta !== null && d.delta < 0 ? '#2e8b57' : '#d1495b'))
    }], 'δ_t (mean drop difference)', view.deltas.map(d => d.conditions + ' condition(s)'));
    const byKey = {};
    view.series.forEach(s => { byKey[s.key] = s.label; });
    A.table(document.querySelector('#delta-table tbody'), view.deltas.map((d, i) => [deltaLabels[i], d.backbone.name,
      byKey[d.baseline] || d.baseline, { text: A.fmt(d.delta, 4), className: 'num' },
      { text: String(d.conditions), className: 'num' }]), 'No multi-task row with a single-task row to compare with.');
    A.options(document.getElementById('control-metric'), view.metrics.map(m => ({ value: m.key,
      label: m.key + (m.higherIsBetter ? ' ↑' : ' ↓') })), view.metric.key);
    A.options(document.getElementById('control-corruption'), view.corruptions.map(c => ({ value: c, label: c })),
      view.corruption);
    document.getElementById('robustness-source').textContent = 'Source: ' + view.source + '.';
    A.notes(document.getElementById('messages'), [view.message].concat(view.notes));
  }

  A.bind({
    api: '/api/analysis/robustness',
    draw: draw,
    onChange(event, form) {
      if (event.target.name === 'benchmark') {
        form.elements.metric.replaceChildren();
        form.elements.corruption.replaceChildren();
      }
    }
  });
})();
