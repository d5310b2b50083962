// Task-grouping page: a built-in data set (GET, ?dataset=) or a pasted table (POST) of /api/analysis/task-grouping.
// The data set and budget live in the query, a pasted table in the URL fragment (#csv=…), so all are deep-linkable.
import { curves } from './analysis/charts.js';
import { fmt, notes, table } from './analysis/format.js';
import { fetchJson } from './http.js';

const csv = document.getElementById('control-csv');
const dataset = document.getElementById('control-dataset');
const budget = document.getElementById('control-budget');
const budgetValue = document.getElementById('budget-value');
const status = document.getElementById('load-status');
let pasted = null;
let latest = 0;

const STRATEGIES = [
  ['optimal', 'optimal (exact)', 'exact', 'exactLoss', '#1f5fa8'],
  ['hoa', 'higher-order approximation', 'approximation', 'approximationLoss', '#2e8b57'],
  ['esa', 'early-stopping approximation', 'earlyStopping', 'earlyStoppingLoss', '#d1495b'],
  ['all_in_one', 'all-in-one network', 'allInOne', 'allInOneLoss', '#b36b00'],
  ['independent', 'independent networks', 'independent', 'independentLoss', '#7a5195']
];
const PUBLISHED_COLOURS = { random: '#6b7280', worst: '#2c3e50', sener_et_al: '#00798c', gradnorm: '#edae49' };

function pastedFromHash() {
  const m = window.location.hash.match(/^#csv=(.*)$/);
  return m ? decodeURIComponent(m[1]) : null;
}

function networksText(g) {
  return g ? g.networks.map(n => '{' + n.tasks.join(', ') + '} @ ' + n.cost).join(' + ') : 'nothing fits';
}

function drawCurve(view) {
  const series = [];
  STRATEGIES.forEach(([, label, , key, colour]) => {
    const points = view.curve.filter(p => p[key] !== null).map(p => ({ epoch: p.budget, mean: p[key], std: null, n: 1 }));
    if (points.length) {
      series.push({ label: label + (view.source ? ' (recomputed)' : ''), colour: colour, dashed: false, points: points });
    }
  });
  const colours = Object.fromEntries(STRATEGIES.map(s => [s[0], s[4]]));
  view.published.forEach(c => {
    series.push({ label: c.label + ' (published)', colour: colours[c.strategy] || PUBLISHED_COLOURS[c.strategy], dashed: true,
      points: c.values.map((v, i) => ({ epoch: view.curve[i].budget, mean: v, std: null, n: 1 })).filter(p => p.mean !== null) });
  });
  series.xTitle = 'inference budget (cost of full-size networks)';
  curves(document.getElementById('budget-curve'), series, 'total test loss', undefined,
    { x: view.selected.budget, label: 'budget ' + view.selected.budget });
}

function drawSelected(view) {
  const s = view.selected;
  document.getElementById('selected-budget').textContent = s.budget;
  table(document.querySelector('#selected-table tbody'), STRATEGIES.filter(([, , field]) => s[field] !== null
    || field !== 'earlyStopping').map(([, label, field]) => {
    const g = s[field];
    return [label, networksText(g), { text: g ? fmt(g.cost, 1) : '—', className: 'num' },
      { text: g ? fmt(g.selectionLoss, 5) : '—', className: 'num' },
      { text: g ? fmt(g.totalLoss, 5) : '—', className: 'num' }];
  }));
}

function drawChoices(view) {
  table(document.querySelector('#choices-table tbody'), view.curve.map(p => [{ text: String(p.budget), className: 'num' }]
    .concat(STRATEGIES.map(([, , field]) => p[field] ? networksText(p[field]) + ' (' + fmt(p[field].totalLoss, 5) + ')' : '—'))));
}

function drawComparison(view) {
  document.getElementById('published-section').hidden = !view.comparison.length;
  const names = Object.fromEntries(STRATEGIES.map(s => [s[0], s[1]]));
  table(document.querySelector('#comparison-table tbody'), view.comparison.map(c => [names[c.strategy] || c.strategy,
    { text: String(c.budget), className: 'num' }, { text: fmt(c.published, 5), className: 'num' },
    { text: fmt(c.recomputed, 5), className: 'num' }, c.agrees ? 'yes' : 'no', c.agrees ? '' : (c.note || '')]));
}

function matrix(id, view, rows, extraColumn, extraRow, overall) {
  const label = t => (view.taskLabels && view.taskLabels[t]) || t;
  const thead = document.querySelector('#' + id + ' thead');
  thead.replaceChildren();
  const tr = document.createElement('tr');
  [''].concat(view.tasks.map(label)).concat(extraColumn ? ['Average'] : []).forEach(text => {
    const th = document.createElement('th');
    th.textContent = text;
    tr.appendChild(th);
  });
  thead.appendChild(tr);
  const pct = v => ({ text: v === null || v === undefined ? '–' : fmt(v, 2) + '%', className: 'num' });
  const body = rows.map((row, i) => [label(view.tasks[i])].concat(row.map(pct)).concat(extraColumn ? [pct(extraColumn[i])] : []));
  if (extraRow) {
    body.push(['Average'].concat(extraRow.map(pct)).concat([pct(overall)]));
  }
  table(document.querySelector('#' + id + ' tbody'), body);
}

function drawAffinity(view) {
  const a = view.affinity;
  matrix('pairwise-table', view, a.change, a.partnerAverage, a.taskAverage, a.overall);
  matrix('affinity-table', view, a.affinity.map((row, i) => row.map((v, j) => j > i ? v : null)));
}

function drawTable(view) {
  const head = document.getElementById('networks-head');
  head.replaceChildren();
  const splits = [['losses', view.source ? 'val' : 'loss'], ['evaluationLosses', 'test'], ['earlyStoppingLosses', '20 %']]
    .filter(([key]) => view.networks.some(n => n[key]));
  const columns = [['Tasks', ''], ['cost', 'num']];
  splits.forEach(([, name]) => view.tasks.forEach(t => columns.push([name + ' ' + t, 'num'])));
  columns.forEach(([text, cls]) => {
    const th = document.createElement('th');
    th.textContent = text;
    th.className = cls;
    head.appendChild(th);
  });
  table(document.querySelector('#networks-table tbody'), view.networks.map(n => ['{' + n.tasks.join(', ') + '}',
    { text: String(n.cost), className: 'num' }].concat(...splits.map(([key]) => view.tasks.map(t => ({
    text: n[key] && t in n[key] ? fmt(n[key][t], 5) : '', className: 'num' }))))));
}

function drawSource(view) {
  const line = document.getElementById('source-line');
  line.replaceChildren();
  const strong = document.createElement('strong');
  if (!view.source) {
    strong.textContent = 'Your table';
    line.append(strong, ' · networks are chosen and scored on the same pasted losses.');
    return;
  }
  if (!view.source.publishedSource) {
    strong.textContent = 'Measured by MTLBoard';
    const tables = document.createElement('code');
    tables.textContent = view.source.source;
    line.append(strong, ' · ' + view.title + ' · protocol: ' + view.source.protocol + ' · tables: ', tables,
      ' · no published curves: the paper did not train these networks.');
    return;
  }
  strong.textContent = 'Published results';
  const paper = document.createElement('a');
  paper.href = view.source.paper;
  paper.textContent = view.title;
  const repo = document.createElement('a');
  repo.href = view.source.source;
  repo.textContent = "the authors' repository";
  line.append(strong, ' · ', paper, ' · protocol: ' + view.source.protocol + ' · tables: ', repo,
    ' (MIT) · published curves: ' + view.source.publishedSource + '.');
}

function draw(view) {
  drawSource(view);
  drawCurve(view);
  drawSelected(view);
  drawChoices(view);
  drawComparison(view);
  drawAffinity(view);
  drawTable(view);
  document.getElementById('input-title').textContent = view.title;
  budget.max = String(Math.max(1, view.tasks.length));
  budget.value = String(view.selected.budget);
  budgetValue.textContent = view.selected.budget;
  notes(document.getElementById('messages'), view.notes);
  document.body.dataset.input = view.input;
}

function load() {
  const params = new URLSearchParams();
  if (pasted === null && dataset.value && dataset.value !== 'pasted') {
    params.set('dataset', dataset.value);
  }
  if (budget.value) {
    params.set('budget', budget.value);
  }
  const query = params.toString() ? '?' + params.toString() : '';
  const hash = pasted === null ? '' : '#csv=' + encodeURIComponent(pasted);
  history.replaceState(null, '', window.location.pathname + query + hash);
  document.getElementById('permalink').href = window.location.pathname + query + hash;
  document.getElementById('json-link').href = '/api/analysis/task-grouping' + query;
  const request = ++latest;
  status.textContent = 'computing…';
  const init = pasted === null ? undefined : { method: 'POST', body: pasted,
    headers: { Accept: 'application/json', 'Content-Type': 'text/csv' } };
  fetchJson('/api/analysis/task-grouping' + query, init).then(view => {
    if (request === latest) {
      status.textContent = '';
      draw(view);
      document.body.dataset.loaded = String(request);
    }
  }).catch(error => {
    if (request === latest) {
      status.textContent = '';
      notes(document.getElementById('messages'), ['The table could not be analysed: ' + error.message], 'error');
    }
  });
}

document.getElementById('compute').addEventListener('click', () => {
  pasted = csv.value;
  dataset.value = 'pasted';
  load();
});
dataset.addEventListener('change', () => {
  if (dataset.value === 'pasted') {
    pasted = csv.value;
    load();
    return;
  }
  pasted = null;
  fetchJson('/api/analysis/task-grouping?dataset=' + encodeURIComponent(dataset.value)).then(view => {
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
  dataset.value = 'pasted';
}
load();
