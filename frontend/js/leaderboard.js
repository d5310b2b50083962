// Leaderboard charts: read the same JSON the tables were rendered from (same query string). One Δm
// chart per setting, drawn from the setting's own chart data (ranked rows only: never single-task,
// claimed or unranked cross-protocol rows), and one per-metric chart for the first setting.
import { barChart } from './charts.js';
import { sourceColour } from './colours.js';
import { fetchJson } from './http.js';

const script = document.getElementById('leaderboard-script');
const benchmark = script.dataset.benchmark;
const metricCanvas = document.getElementById('metric-chart');
const metricSelect = document.getElementById('metric-select');

function label(row) {
  const parts = [row.methodLabel];
  // a feature-level row without a name of its own must not read as its parameter-level twin
  if (row.gradientLevel === 'feature' && row.methodLabel === row.method.name) {
    parts.push('feature level');
  }
  if (row.optimizer !== 'unreported') {
    parts.push(row.optimizer);
  }
  return parts.join(' · ');
}

function drawSettings(view) {
  document.querySelectorAll('canvas.setting-chart').forEach(canvas => {
    const setting = view.settings.find(s => s.id === canvas.dataset.setting);
    if (!setting) {
      return;
    }
    const bars = setting.chart;
    barChart(canvas, bars.map(b => b.label), bars.map(b => b.mean), bars.map(b => b.std),
      bars.map(b => sourceColour(b.source)), 'Δm % (' + view.convention.id + ', gain)',
      i => ' · rank ' + bars[i].rank + ' · ' + bars[i].source,
      // one or two bars lie on their side in a short chart rather than fill a tall one
      bars.length < 3 ? { sideways: true, minHeight: 140 } : {});
  });
}

function drawMetric(view, key) {
  if (!metricCanvas || view.settings.length === 0) {
    return;
  }
  const setting = view.settings[0].id;
  const column = view.metrics.find(c => c.key === key);
  const rows = view.rows.filter(r => r.setting.id === setting && r.role !== 'claimed' && r.metrics[key]);
  const arrow = column.higherIsBetter ? '↑' : '↓';
  barChart(metricCanvas, rows.map(label), rows.map(r => r.metrics[key].mean),
    rows.map(r => r.metrics[key].std), rows.map(r => sourceColour(r.source)),
    column.task + ' ' + column.name + ' ' + arrow + (column.unit ? ' (' + column.unit + ')' : ''), null, { dots: true });
  metricCanvas.dataset.metric = key;
  metricCanvas.dataset.setting = setting;
}

// the columns are no part of the data: the same JSON for every choice (the search is: q= narrows the rows)
const query = new URLSearchParams(window.location.search);
query.delete('cols');
const search = query.toString();

fetchJson('/api/leaderboards/' + encodeURIComponent(benchmark) + (search ? '?' + search : '')).then(view => {
  drawSettings(view);
  if (view.metrics.length > 0 && metricSelect) {
    drawMetric(view, metricSelect.value || view.metrics[0].key);
    metricSelect.addEventListener('change', () => drawMetric(view, metricSelect.value));
  }
}).catch(error => {
  document.querySelectorAll('.charts, section.setting').forEach(section => {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = 'Charts unavailable: ' + error.message;
    section.append(p);
  });
});
