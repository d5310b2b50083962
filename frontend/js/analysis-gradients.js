// Gradients page: inter-task curves and the inter-task/inter-sample comparison, from /api/analysis/gradients.
import { bars, curves, scatter } from './analysis/charts.js';
import { bind, methodBoxes, methodFilter, options, resetSetting, settingOptions } from './analysis/form.js';
import { notes, shortLabels, stat, table } from './analysis/format.js';

function histogram(view) {
  const c = view.comparison;
  const edges = c.interTask.histogram.edges;
  // the bins are fitted to the values (round widths such as 0.002): as many decimals as the width has
  const width = edges.length > 1 ? edges[1] - edges[0] : 1;
  let digits = 0;
  while (digits < 6 && Math.abs(Math.round(width * 10 ** digits) - width * 10 ** digits) > 1e-6) {
    digits++;
  }
  const labels = edges.slice(0, -1).map((e, i) => e.toFixed(digits) + '…' + edges[i + 1].toFixed(digits));
  const share = (h, n) => h.counts.map(k => (n ? k / n : null));
  bars(document.getElementById('scope-histogram'), labels, [
    { label: 'inter-task (' + c.interTask.histogram.n + ' epoch values, ' + c.interTask.runs + ' runs)',
      values: share(c.interTask.histogram, c.interTask.histogram.n), colour: 'rgba(31, 95, 168, 0.75)' },
    { label: 'inter-sample (' + c.interSample.histogram.n + ' epoch values, ' + c.interSample.runs + ' runs)',
      values: share(c.interSample.histogram, c.interSample.histogram.n), colour: 'rgba(209, 73, 91, 0.6)' }
  ], 'share of logged epoch values');
  document.getElementById('histogram-caption').textContent = c.label + ': inter-task ' + stat(c.interTask.values, 3)
    + ', inter-sample ' + stat(c.interSample.values, 3);
  notes(document.getElementById('comparison-notes'), [c.message]);
  const labelsPerRow = shortLabels(c.rows.map(r => r.label));
  scatter(document.getElementById('scope-pairs'), c.rows.map((r, i) => ({ x: r.interTask.mean, y: r.interSample.mean,
    xStd: r.interTask.std, yStd: r.interSample.std, label: labelsPerRow[i] })), 'inter-task ' + c.label,
    'inter-sample ' + c.label, { diagonal: true });
  document.getElementById('scope-table-caption').textContent = c.label + ', ' + view.granularity
    + '; run means, mean ± std over seeds';
  table(document.querySelector('#scope-table tbody'), c.rows.map(r => [r.label,
    { text: stat(r.interTask, 3), className: 'num' }, { text: stat(r.interSample, 3), className: 'num' }]),
  c.message || 'No row logged both inter-task and inter-sample indicators here.');
}

function draw(view) {
  const labels = shortLabels(view.curves.map(c => c.label));
  curves(document.getElementById('cosine-curves'), view.curves.map((c, i) => ({ label: labels[i], points: c.cosine })),
    'cosine similarity (' + view.level + ', ' + view.granularity + ')', { beginAtZero: true });
  curves(document.getElementById('magnitude-curves'), view.curves.map((c, i) => ({ label: labels[i],
    points: c.magnitudeSimilarity })), 'magnitude similarity (' + view.level + ', ' + view.granularity + ')', { suggestedMin: 0, suggestedMax: 1 });
  histogram(view);
  document.getElementById('granularity-name').textContent = view.granularity;
  document.getElementById('granularity-definition').textContent = view.definition;
  document.getElementById('control-granularity').value = view.granularity;
  methodBoxes(view, 'no method has a training log on this backbone');
  options(document.getElementById('control-backbone'), view.backbones.map(b => ({ value: b.id, label: b.name })),
    view.backbone ? view.backbone.id : '');
  settingOptions(view);
  const levels = view.levels.length ? view.levels : [view.level];
  notes(document.getElementById('messages'), view.notes.concat(levels.includes(view.level) ? []
    : ['No run logged ' + view.level + '-level indicators on this backbone.']));
}

bind({
  api: '/api/analysis/gradients',
  draw: draw,
  adjust: methodFilter.adjust,
  onChange(event, form) {
    methodFilter.onChange(event, form);
    resetSetting(event, form);
  }
});
