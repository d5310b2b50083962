// Feature-disentanglement page: FD curves, final FD against Δm and worker-measured FD, from
// /api/analysis/feature-disentanglement.
import { curves, scatter } from './analysis/charts.js';
import { bind, methodBoxes, methodFilter, options, resetSetting, settingOptions } from './analysis/form.js';
import { fmt, notes, pointRows, shortLabels, stat, table } from './analysis/format.js';

function draw(view) {
  const labels = shortLabels(view.curves.map(c => c.label));
  curves(document.getElementById('fd-curves'), view.curves.map((c, i) => ({ label: labels[i], points: c.points })),
    'FD (0 = entangled, 1 = disentangled)', { suggestedMin: 0, suggestedMax: 1 });
  const finalLabels = shortLabels(view.finals.map(p => p.label));
  scatter(document.getElementById('fd-finals'), view.finals.map((p, i) => ({ x: p.x, y: p.y, xStd: p.xStd, yStd: p.yStd,
    label: finalLabels[i], extra: ' (' + p.runs + ' run' + (p.runs === 1 ? '' : 's') + ')' })), 'final FD', 'test Δm %');
  document.getElementById('finals-caption').textContent = view.coefficient.label + ' = '
    + fmt(view.agreement.value, 2)
    + (view.interval ? ' [' + fmt(view.interval.low, 2) + ', ' + fmt(view.interval.high, 2) + ']' : '')
    + ', n = ' + view.agreement.n;
  notes(document.getElementById('finals-notes'), [view.finalsMessage]);
  table(document.querySelector('#finals-table tbody'), pointRows(view.finals),
    'No row has logged FD and a test Δm here.');
  document.getElementById('measured-source').textContent = 'Source: ' + view.measured.source + '.';
  notes(document.getElementById('measured-notes'), [view.measured.message]);
  table(document.querySelector('#measured-table tbody'), view.measured.rows.map(r => [r.label,
    { text: stat(r.fd, 3), className: 'num' }, { text: stat(r.meanEntropy, 3), className: 'num' },
    { text: stat(r.deltaM, 2), className: 'num' }]), 'No worker-measured FD yet.');
  methodBoxes(view, 'no method logged FD on this backbone');
  options(document.getElementById('control-backbone'), view.backbones.map(b => ({ value: b.id, label: b.name })),
    view.backbone ? view.backbone.id : '');
  settingOptions(view);
  notes(document.getElementById('messages'), view.notes);
}

bind({
  api: '/api/analysis/feature-disentanglement',
  draw: draw,
  beforeLoad(form) {
    form.elements.k.disabled = form.elements.coefficient.value !== 'top-k-overlap';
  },
  adjust: methodFilter.adjust,
  onChange(event, form) {
    methodFilter.onChange(event, form);
    resetSetting(event, form);
  }
});
