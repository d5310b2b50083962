// Task-grouping page: the built-in example (GET) or a pasted table (POST) of /api/analysis/task-grouping.
// The budget lives in the query, a pasted table in the URL fragment (#csv=…), so both are deep-linkable.
(function () {
  'use strict';
  const A = window.MtlAnalysis;
  const csv = document.getElementById('control-csv');
  const budget = document.getElementById('control-budget');
  const budgetValue = document.getElementById('budget-value');
  const status = document.getElementById('load-status');
  let pasted = null;
  let latest = 0;

  function pastedFromHash() {
    const m = window.location.hash.match(/^#csv=(.*)$/);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function groupingText(g) {
    return g ? g.networks.map(n => '{' + n.tasks.join(', ') + '} @ ' + n.cost).join(' + ') : 'nothing fits';
  }

  function drawCurve(view) {
    const series = [
      ['exact (branch-and-bound)', 'exactLoss', '#1f5fa8', false],
      ['higher-order approximation, measured', 'approximationLoss', '#2e8b57', false],
      ['higher-order approximation, predicted', 'approximationPredictedLoss', '#2e8b57', true],
      ['all-in-one network', 'allInOneLoss', '#b36b00', false],
      ['independent networks', 'independentLoss', '#7a5195', false]
    ].map(([label, key, colour, dashed]) => ({
      label: label, colour: colour, dashed: dashed,
      points: view.curve.filter(p => p[key] !== null).map(p => ({ epoch: p.budget, mean: p[key], std: null, n: 1 }))
    }));
    series.xTitle = 'inference budget (cost of full-size networks)';
    A.curves(document.getElementById('budget-curve'), series, 'total loss', undefined,
      { x: view.selected.budget, label: 'budget ' + view.selected.budget });
  }

  function drawSelected(view) {
    const s = view.selected;
    document.getElementById('selected-budget').textContent = s.budget;
    const row = (name, grouping, loss) => [name, groupingText(grouping),
      { text: grouping ? A.fmt(grouping.cost, 1) : '—', className: 'num' }, { text: A.fmt(loss, 4), className: 'num' }];
    A.table(document.querySelector('#selected-table tbody'), [
      row('exact', s.exact, s.exactLoss),
      row('higher-order approximation (measured)', s.approximation, s.approximationLoss),
      ['all-in-one network', '', { text: '', className: 'num' }, { text: A.fmt(s.allInOneLoss, 4), className: 'num' }],
      ['independent networks', '', { text: '', className: 'num' }, { text: A.fmt(s.independentLoss, 4), className: 'num' }]
    ]);
  }

  function drawTable(view) {
    const head = document.getElementById('networks-head');
    head.replaceChildren();
    ['Tasks', 'cost'].concat(view.tasks).forEach((t, i) => {
      const th = document.createElement('th');
      th.textContent = i < 2 ? t : 'loss ' + t;
      th.className = i === 0 ? '' : 'num';
      head.appendChild(th);
    });
    A.table(document.querySelector('#networks-table tbody'), view.networks.map(n => ['{' + n.tasks.join(', ') + '}',
      { text: String(n.cost), className: 'num' }].concat(view.tasks.map(t => ({ text: t in n.losses ? A.fmt(n.losses[t], 4) : '',
      className: 'num' })))));
  }

  function draw(view) {
    drawCurve(view);
    drawSelected(view);
    drawTable(view);
    document.getElementById('input-title').textContent = view.title;
    budget.max = String(Math.max(1, view.tasks.length));
    budget.value = String(view.selected.budget);
    budgetValue.textContent = view.selected.budget;
    A.notes(document.getElementById('messages'), view.notes);
    document.body.dataset.input = view.input;
  }

  function load() {
    const query = budget.value ? '?budget=' + encodeURIComponent(budget.value) : '';
    const hash = pasted === null ? '' : '#csv=' + encodeURIComponent(pasted);
    history.replaceState(null, '', window.location.pathname + query + hash);
    document.getElementById('permalink').href = window.location.pathname + query + hash;
    document.getElementById('json-link').href = '/api/analysis/task-grouping' + query;
    const request = ++latest;
    status.textContent = 'computing…';
    const init = pasted === null ? undefined : { method: 'POST', body: pasted,
      headers: { Accept: 'application/json', 'Content-Type': 'text/csv' } };
    A.fetchJson('/api/analysis/task-grouping' + query, init).then(view => {
      if (request === latest) {
        status.textContent = '';
        draw(view);
        document.body.dataset.loaded = String(request);
      }
    }).catch(error => {
      if (request === latest) {
        status.textContent = '';
        A.notes(document.getElementById('messages'), ['The table could not be analysed: ' + error.message], 'error');
      }
    });
  }

  document.getElementById('compute').addEventListener('click', () => {
    pasted = csv.value;
    load();
  });
  document.getElementById('load-example').addEventListener('click', () => {
    pasted = null;
    A.fetchJson('/api/analysis/task-grouping').then(view => {
      csv.value = view.csv;
      load();
    });
  });
  budget.addEventListener('input', () => {
    budgetValue.textContent = budget.value;
  });
  budget.addEventListener('change', load);
  document.getElementById('controls').addEventListener('submit', event => {
    event.preventDefault();
    load();
  });

  pasted = pastedFromHash();
  if (pasted !== null) {
    csv.value = pasted;
  }
  load();
})();
