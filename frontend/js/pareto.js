// Pareto view of the leaderboard page: two metrics of one setting against each other, from
// GET /api/leaderboards/{id}/pareto. Non-dominated rows are drawn large and joined by the front
// line, dominated rows small, the single-task row as a star; claimed rows are never drawn.
import { Chart, destroy } from './chartjs.js';
import { xyErrorBars } from './chart-plugins.js';
import { fetchJson } from './http.js';

const script = document.getElementById('pareto-script');
const benchmark = script.dataset.benchmark;
const canvas = document.getElementById('pareto-chart');
const controls = ['pareto-setting', 'pareto-x', 'pareto-y'].map(id => document.getElementById(id));
const summary = document.getElementById('pareto-summary');
// the controls redraw in place; the form is never sent (no inline handler: the CSP forbids them)
document.getElementById('pareto-form').addEventListener('submit', e => e.preventDefault());

function points(list) {
  return list.map(p => ({ x: p.x, y: p.y }));
}

function draw(view) {
  const front = view.points.filter(p => p.nonDominated);
  const dominated = view.points.filter(p => !p.nonDominated);
  // the front as a line through its points in x order
  const line = front.slice().sort((a, b) => a.x - b.x);
  const datasets = [
    { label: 'non-dominated', data: points(front), rows: front, pointRadius: 6, pointHoverRadius: 8,
      backgroundColor: '#1f5fa8', borderColor: '#1f5fa8', xErrors: front.map(p => p.xStd),
      yErrors: front.map(p => p.yStd) },
    { label: 'dominated', data: points(dominated), rows: dominated, pointRadius: 3.5, pointHoverRadius: 6,
      backgroundColor: '#9aa5b1', borderColor: '#9aa5b1', xErrors: dominated.map(p => p.xStd),
      yErrors: dominated.map(p => p.yStd) },
    { label: 'front', data: points(line), type: 'line', showLine: true, fill: false, pointRadius: 0,
      borderColor: 'rgba(31, 95, 168, 0.45)', borderWidth: 1.5, rows: line }
  ];
  if (view.baseline) {
    datasets.push({ label: 'single-task baseline', data: [{ x: view.baseline.x, y: view.baseline.y }],
      rows: [view.baseline], pointStyle: 'star', pointRadius: 10, borderColor: '#b36b00', backgroundColor: '#b36b00' });
  }
  destroy(canvas);
  new Chart(canvas, {
    type: 'scatter',
    data: { datasets: datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: true },
        tooltip: {
          callbacks: {
            label(item) {
              const row = item.dataset.rows[item.dataIndex];
              return row.label + ' (' + row.source + '): ' + row.x.toFixed(4) + ', ' + row.y.toFixed(4);
            }
          }
        }
      },
      scales: {
        x: { title: { display: true, text: view.x.label } },
        y: { title: { display: true, text: view.y.label } }
      }
    },
    plugins: [xyErrorBars]
  });
  canvas.dataset.front = String(front.length);
  canvas.dataset.ready = 'true';
  canvas.dataset.points = String(view.points.length);
  summary.textContent = view.points.length === 0
    ? 'No row of this setting has both metrics.'
    : front.length + ' of ' + view.points.length + ' rows are non-dominated on ' + view.x.label + ' and '
      + view.y.label + ': no other row of ' + view.setting.label + ' is at least as good on both and better on one.';
}

function load() {
  const q = new URLSearchParams();
  controls.forEach(c => { if (c.value) { q.set(c.name, c.value); } });
  fetchJson('/api/leaderboards/' + encodeURIComponent(benchmark) + '/pareto?' + q.toString())
    .then(draw)
    .catch(e => { summary.textContent = 'Pareto view unavailable: ' + e.message; });
}

controls.forEach(c => c.addEventListener('change', load));
load();
