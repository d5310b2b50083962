// Robustness page: drop against severity and δ_t, from /api/analysis/robustness.
import { bars, curves } from './analysis/charts.js';
import { bind, options, resetSetting, settingOptions } from './analysis/form.js';
import { fmt, notes, shortLabels, table } from './analysis/format.js';
import { cssColour } from './colours.js';

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) {
    e.textContent = text;
  }
  if (className) {
    e.className = className;
  }
  return e;
}

// The paper's own tables (Elich et al. Tables A8–A11) for this benchmark, with their protocol.
function drawPublished(view) {
  const metricLabel = key => (view.metrics.find(m => m.key === key) || { label: key }).label;
  const section = document.getElementById('published');
  section.replaceChildren();
  if (!view.published.length) {
    const p = el('p', 'No published robustness tables for this benchmark', 'muted');
    p.id = 'published-none';
    view.publishedBenchmarks.forEach((b, i) => {
      p.append(i === 0 ? "; the paper's tables are on " : ', ');
      const a = el('a', b);
      a.href = '/analysis/robustness?benchmark=' + encodeURIComponent(b);
      p.append(a);
    });
    p.append('.');
    section.append(p);
    return;
  }
  const first = view.published[0];
  section.append(el('h2', 'Published: ' + first.citation));
  const line = el('p', undefined, 'source-line');
  const paper = el('a', first.citation);
  paper.href = first.paper;
  line.append(el('strong', 'Published results'), ' · ', paper, ' · protocol: ' + first.protocol + '. Sign: '
    + first.signConvention + ". Not comparable with MTLBoard's own numbers above, which use another protocol.");
  section.append(line);
  view.published.forEach(t => {
    section.append(el('h3', t.table + ': ' + (t.quantity === 'delta' ? 'δt per metric (negative = MTL degrades less)'
      : 'absolute scores on the corrupted test split')));
    const wrap = el('div', undefined, 'table-wrap');
    const board = el('table', undefined, 'board published-table');
    const head = el('tr');
    ['Network', 'Method'].concat(t.metrics.map(metricLabel)).concat(t.quantity === 'delta' ? ['mean'] : [])
      .forEach((h, i) => head.append(el('th', h, i > 1 ? 'num' : '')));
    board.append(el('thead'));
    board.tHead.append(head);
    const body = el('tbody');
    t.rows.forEach(r => {
      const tr = el('tr');
      tr.append(el('td', r.networkLabel), el('td', r.method));
      t.metrics.forEach(m => tr.append(el('td', String(r.values[m]), 'num')));
      if (t.quantity === 'delta') {
        tr.append(el('td', String(r.mean), 'num'));
      }
      body.append(tr);
    });
    board.append(body);
    wrap.append(board);
    section.append(wrap);
  });
}

// The colours of the δ_t bars: which way the difference goes, and whether seed noise was ruled out.
const DELTA_COLOURS = { less: '#2e8b57', more: '#d1495b', noise: '#b8bec6', lessOneRun: '#9cc9ae', moreOneRun: '#eba4ad' };

function draw(view) {
  drawPublished(view);
  document.getElementById('own-protocol').lastChild.textContent = ' · ' + view.protocol + '.';
  const labels = shortLabels(view.series.map(s => s.label));
  const lines = view.series.map((s, i) => ({
    label: labels[i] + (s.singleTask && !labels[i].startsWith('Single-task') ? ' (single-task)' : ''),
    points: s.points.map(p => ({ epoch: p.severity, mean: p.mean, std: p.std, n: p.n })),
    dashed: s.singleTask,
    colour: s.singleTask ? cssColour('--ink') : undefined
  }));
  lines.xTitle = 'severity';
  const corruptionLabel = c => view.corruptionLabels[c] || c;
  curves(document.getElementById('drop-chart'), lines, 'relative drop of ' + view.metric.label + ' (positive = worse)');
  document.getElementById('drop-caption').textContent = corruptionLabel(view.corruption) + ', ' + view.metric.label
    + (view.metric.higherIsBetter ? ' ↑' : ' ↓') + '; mean over runs (± std in the tooltip)';
  const deltaLabels = shortLabels(view.deltas.map(d => d.label));
  bars(document.getElementById('delta-chart'), deltaLabels, [{
    label: 'δ_t of ' + view.metric.label,
    values: view.deltas.map(d => d.delta),
    // grey where seed noise alone can produce δ_t; pale where there is one run on each side
    colour: view.deltas.map(d => d.reading === 'noise' ? DELTA_COLOURS.noise
      : d.delta !== null && d.delta < 0 ? (d.reading === 'one-seed' ? DELTA_COLOURS.lessOneRun : DELTA_COLOURS.less)
        : (d.reading === 'one-seed' ? DELTA_COLOURS.moreOneRun : DELTA_COLOURS.more))
  }], 'δ_t (mean drop difference)', view.deltas.map(d => d.conditions + ' condition(s)'
    + (d.low !== null ? ', 95 % interval [' + fmt(d.low, 4) + ', ' + fmt(d.high, 4) + ']' : '')), [
    { colour: DELTA_COLOURS.less, text: 'MTL degrades less, beyond seed noise' },
    { colour: DELTA_COLOURS.more, text: 'MTL degrades more, beyond seed noise' },
    { colour: DELTA_COLOURS.noise, text: 'within seed noise' },
    { colour: DELTA_COLOURS.lessOneRun, text: 'less, one run a side (untested)' },
    { colour: DELTA_COLOURS.moreOneRun, text: 'more, one run a side (untested)' }]);
  document.getElementById('delta-summary').textContent = view.deltaSummary || '';
  const byKey = {};
  view.series.forEach(s => { byKey[s.key] = s.label; });
  table(document.querySelector('#delta-table tbody'), view.deltas.map((d, i) => [deltaLabels[i],
    byKey[d.baseline] || d.baseline, { text: fmt(d.delta, 4), className: 'num' },
    { text: d.low !== null ? '[' + fmt(d.low, 4) + ', ' + fmt(d.high, 4) + ']' : '—', className: 'num' },
    { text: d.text || '—', className: 'reading-' + d.reading },
    { text: String(d.conditions), className: 'num' }]), 'No multi-task row with a single-task row to compare with.');
  options(document.getElementById('control-metric'), view.metrics.map(m => ({ value: m.key,
    label: m.label + (m.higherIsBetter ? ' ↑' : ' ↓') })), view.metric.key);
  options(document.getElementById('control-corruption'), view.corruptions.map(c => ({ value: c, label: corruptionLabel(c) })),
    view.corruption);
  options(document.getElementById('control-backbone'), view.backbones.map(b => ({ value: b.id, label: b.name })),
    view.backbone ? view.backbone.id : '');
  settingOptions(view);
  document.getElementById('robustness-source').textContent = 'Source: ' + view.source + '.';
  notes(document.getElementById('messages'), [view.message].concat(view.notes));
}

bind({
  api: '/api/analysis/robustness',
  draw: draw,
  onChange(event, form) {
    if (event.target.name === 'benchmark') {
      form.elements.metric.replaceChildren();
      form.elements.corruption.replaceChildren();
    }
    resetSetting(event, form);
  }
});
