// Feature-disentanglement page: FD curves, final FD against Δm and worker-measured FD, from
// /api/analysis/feature-disentanglement.
(function () {
  'use strict';
  const A = window.MtlAnalysis;

  function draw(view) {
    const labels = A.shortLabels(view.curves.map(c => c.label));
    A.curves(document.getElementById('fd-curves'), view.curves.map((c, i) => ({ label: labels[i], points: c.points })),
      'FD (0 = entangled, 1 = disentangled)', { suggestedMin: 0, suggestedMax: 1 });
    const finalLabels = A.shortLabels(view.finals.map(p => p.label));
    A.scatter(document.getElementById('fd-finals'), view.finals.map((p, i) => ({ x: p.x, y: p.y, xStd: p.xStd, yStd: p.yStd,
      label: finalLabels[i], extra: ' (' + p.runs + ' run' + (p.runs === 1 ? '' : 's') + ')' })), 'final FD', 'test Δm %');
    document.getElementById('finals-caption').textContent = view.coefficient.label + ' = '
      + A.fmt(view.agreement.value, 2) + ', n = ' + view.agreement.n;
    A.notes(document.getElementById('finals-notes'), [view.finalsMessage]);
    document.getElementById('measured-source').textContent = 'Source: ' + view.measured.source + '.';
    A.notes(document.getElementById('measured-notes'), [view.measured.message]);
    A.table(document.querySelector('#measured-table tbody'), view.measured.rows.map(r => [r.label,
      { text: A.stat(r.fd, 3), className: 'num' }, { text: A.stat(r.meanEntropy, 3), className: 'num' },
      { text: A.stat(r.deltaM, 2), className: 'num' }]), 'No worker-measured FD yet.');
    A.methodBoxes(view, 'no method logged FD on this backbone');
    A.options(document.getElementById('control-backbone'), view.backbones.map(b => ({ value: b.id, label: b.name })),
      view.backbone ? view.backbone.id : '');
    A.notes(document.getElementById('messages'), view.notes);
  }

  A.bind({
    api: '/api/analysis/feature-disentanglement',
    draw: draw,
    beforeLoad(form) {
      form.elements.k.disabled = form.elements.coefficient.value !== 'top-k-overlap';
    },
    adjust(params, form) {
      // every box ticked is the same as no method filter: keep the URL short
      const boxes = Array.from(form.querySelectorAll('input[name=method]'));
      if (boxes.length > 0 && boxes.every(b => b.checked)) {
        params.delete('method');
      }
    },
    onChange(event, form) {
      if (event.target.name === 'benchmark' || event.target.name === 'backbone') {
        form.querySelectorAll('input[name=method]').forEach(b => b.remove());
        if (event.target.name === 'benchmark') {
          form.elements.backbone.replaceChildren();
        }
      }
    }
  });
})();
