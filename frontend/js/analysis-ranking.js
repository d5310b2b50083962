// Ranking-similarity page: three heatmaps and a scatter from /api/analysis/ranking-similarity.
(function () {
  'use strict';
  const A = window.MtlAnalysis;

  function heatNotes(id, map) {
    A.notes(document.getElementById(id), [map.message]);
  }

  function draw(view) {
    const label = view.coefficient.label;
    A.heatmap(document.getElementById('indicator-heatmap'), view.indicatorHeatmap, label, A.shortIndicator);
    A.heatmap(document.getElementById('backbone-heatmap'), view.backboneHeatmap, label);
    A.heatmap(document.getElementById('dataset-heatmap'), view.datasetHeatmap, label);
    heatNotes('indicator-notes', view.indicatorHeatmap);
    heatNotes('backbone-notes', view.backboneHeatmap);
    heatNotes('dataset-notes', view.datasetHeatmap);
    document.getElementById('indicator-caption').textContent = view.backbone
      ? view.rows + ' rows of ' + view.backbone.name + ', ' + view.rowsWithLogs + ' with a training log'
      : 'no rows';

    const s = view.scatter;
    const labels = A.shortLabels(s.points.map(p => p.label));
    A.scatter(document.getElementById('scatter-chart'), s.points.map((p, i) => ({
      x: p.x, y: p.y, xStd: p.xStd, yStd: p.yStd, label: labels[i], extra: ' (' + p.runs + ' run' + (p.runs === 1 ? '' : 's') + ')'
    })), A.shortIndicator(s.indicator.label), 'test Δm %');
    const agreement = s.agreement;
    document.getElementById('scatter-caption').textContent = s.indicator.label + ' (' + s.indicator.orientation.toLowerCase()
      .replaceAll('_', ' ') + '): ' + label + ' = ' + A.fmt(agreement.value, 2)
      + (s.interval ? ' [' + A.fmt(s.interval.low, 2) + ', ' + A.fmt(s.interval.high, 2) + ']' : '') + ', n = ' + agreement.n;
    A.notes(document.getElementById('scatter-notes'), [s.message]);
    document.getElementById('scatter-verdict').textContent = s.verdict || '';
    const c = view.noiseCeiling;
    document.getElementById('noise-ceiling').textContent = c
      ? 'Noise ceiling: ' + label + ' = ' + A.fmt(c.value, 2) + ' (2.5–97.5 % of ' + c.splits + ' random half splits: '
        + A.fmt(c.low, 2) + ' to ' + A.fmt(c.high, 2) + '; ' + c.rows + ' rows with at least two seeds) — how well test Δm '
        + 'ranks these rows like itself between disjoint halves of their seeds.'
      : 'No noise ceiling: it needs at least two rows with two or more seeds.';

    const indicator = document.getElementById('control-indicator');
    const choices = view.indicators.length ? view.indicators : [s.indicator];
    A.options(indicator, choices.map(i => ({ value: i.key, label: i.label })), s.indicator.key);
    const backbone = document.getElementById('control-backbone');
    A.options(backbone, view.backbones.map(b => ({ value: b.id, label: b.name })), view.backbone ? view.backbone.id : '');
    A.notes(document.getElementById('messages'), view.notes);
  }

  A.bind({
    api: '/api/analysis/ranking-similarity',
    draw: draw,
    beforeLoad(form) {
      form.elements.k.disabled = form.elements.coefficient.value !== 'top-k-overlap';
    },
    onChange(event, form) {
      // another benchmark has other backbones and indicators: let the server choose again
      if (event.target.name === 'benchmark') {
        form.elements.backbone.value = '';
        form.elements.backbone.replaceChildren();
        form.elements.indicator.replaceChildren();
      }
    }
  });
})();
