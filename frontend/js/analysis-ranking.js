// Ranking-similarity page: three heatmaps and a scatter from /api/analysis/ranking-similarity.
import { heatmap, scatter } from './analysis/charts.js';
import { bind, options, resetSetting, settingOptions } from './analysis/form.js';
import { fmt, notes, pointRows, shortIndicator, shortLabels, table } from './analysis/format.js';

function heatNotes(id, map) {
  notes(document.getElementById(id), [map.message]);
}

function draw(view) {
  const label = view.coefficient.label;
  heatmap(document.getElementById('indicator-heatmap'), view.indicatorHeatmap, label, shortIndicator);
  heatmap(document.getElementById('backbone-heatmap'), view.backboneHeatmap, label);
  heatmap(document.getElementById('dataset-heatmap'), view.datasetHeatmap, label);
  heatNotes('indicator-notes', view.indicatorHeatmap);
  heatNotes('backbone-notes', view.backboneHeatmap);
  heatNotes('dataset-notes', view.datasetHeatmap);
  document.getElementById('indicator-caption').textContent = view.setting
    ? view.rows + ' rows of ' + view.setting.label + ', ' + view.rowsWithLogs + ' with a training log'
    : 'no rows';

  const s = view.scatter;
  const labels = shortLabels(s.points.map(p => p.label));
  scatter(document.getElementById('scatter-chart'), s.points.map((p, i) => ({
    x: p.x, y: p.y, xStd: p.xStd, yStd: p.yStd, label: labels[i], extra: ' (' + p.runs + ' run' + (p.runs === 1 ? '' : 's') + ')'
  })), shortIndicator(s.indicator.label), 'test Δm %');
  const agreement = s.agreement;
  document.getElementById('scatter-caption').textContent = s.indicator.label + ' (' + s.indicator.orientation.toLowerCase()
    .replaceAll('_', ' ') + '): ' + label + ' = ' + fmt(agreement.value, 2)
    + (s.interval ? ' [' + fmt(s.interval.low, 2) + ', ' + fmt(s.interval.high, 2) + ']' : '') + ', n = ' + agreement.n;
  notes(document.getElementById('scatter-notes'), [s.message]);
  document.getElementById('scatter-verdict').textContent = s.verdict || '';
  document.getElementById('scatter-table-caption').textContent = s.indicator.label
    + (agreement.value !== null ? ': ' + label + ' = ' + fmt(agreement.value, 2) + ', n = ' + agreement.n : '');
  document.getElementById('scatter-table-verdict').textContent = [s.verdict, s.message].filter(t => t).join(' ');
  table(document.querySelector('#scatter-table tbody'), pointRows(s.points),
    'No row of this backbone has the indicator and a test Δm.');
  document.getElementById('reading-summary').textContent = view.readingSummary || '';
  table(document.querySelector('#readings-table tbody'), view.readings.map(r => [r.label,
    { text: fmt(r.agreement.value, 2), className: 'num' },
    { text: r.interval ? '[' + fmt(r.interval.low, 2) + ', ' + fmt(r.interval.high, 2) + ']' : '—', className: 'num' },
    { text: String(r.agreement.n), className: 'num' },
    { text: r.text, className: 'reading-' + r.reading }]), 'No indicator is logged for this setting.');
  const c = view.noiseCeiling;
  document.getElementById('noise-ceiling').textContent = c
    ? 'Noise ceiling: ' + label + ' = ' + fmt(c.value, 2)
      + (c.steppedUp
        ? ' (' + fmt(c.low, 2) + ' to ' + fmt(c.high, 2) + ') for test Δm from all seeds, stepped up from '
          + fmt(c.splitHalf.value, 2) + ' between disjoint halves of the seeds (2.5–97.5 % of ' + c.splits
          + ' random splits: ' + fmt(c.splitHalf.low, 2) + ' to ' + fmt(c.splitHalf.high, 2) + '; ' + c.rows
          + ' rows with at least two seeds) — the agreement a perfect predictor would reach with test Δm under this seed noise.'
        : ' between disjoint halves of the seeds (2.5–97.5 % of ' + c.splits + ' random splits: ' + fmt(c.low, 2)
          + ' to ' + fmt(c.high, 2) + '; ' + c.rows + ' rows with at least two seeds); top-k overlap is not stepped up to all seeds.')
      + (c.rows < view.minReliable ? ' With fewer than ' + view.minReliable + ' such rows it cannot be read yet.' : '')
    : 'No noise ceiling: it needs at least two rows with two or more seeds.';

  const indicator = document.getElementById('control-indicator');
  const choices = view.indicators.length ? view.indicators : [s.indicator];
  options(indicator, choices.map(i => ({ value: i.key, label: i.label })), s.indicator.key);
  const backbone = document.getElementById('control-backbone');
  options(backbone, view.backbones.map(b => ({ value: b.id, label: b.name })), view.backbone ? view.backbone.id : '');
  settingOptions(view);
  notes(document.getElementById('messages'), view.notes);
}

bind({
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
    resetSetting(event, form);
  }
});
