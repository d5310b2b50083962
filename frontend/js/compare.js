// The compare page's training curves: the validation metric and the training loss per epoch of each
// compared row that has a training log (one run per row, named in the table), overlaid. The rows and
// their runs come from the same JSON the page was rendered from (same query string).
import { Chart, destroy, ready } from './chartjs.js';
import { seriesColour } from './colours.js';
import { fetchJson } from './http.js';

const script = document.getElementById('compare-script');
const benchmark = script.dataset.benchmark;
const metricSelect = document.getElementById('curve-metric');
const lossSelect = document.getElementById('curve-loss-task');
const note = document.getElementById('curves-note');

function label(row) {
  const r = row.row;
  return r.methodLabel + ' · ' + r.optimizer + ' · ' + r.source + ' (run ' + row.curveRun + ')';
}

// One line per row: the value per epoch picked from each epoch entry (null when absent).
function draw(canvas, series, pick, yTitle) {
  destroy(canvas);
  const epochs = [...new Set(series.flatMap(s => s.log.map(e => e.epoch)))].sort((a, b) => a - b);
  let points = 0;
  const datasets = series.map(s => {
    const byEpoch = new Map(s.log.map(e => [e.epoch, pick(e)]));
    const data = epochs.map(ep => {
      const v = byEpoch.get(ep);
      return typeof v === 'number' ? v : null;
    });
    points += data.filter(v => v !== null).length;
    return { label: s.label, data: data, borderColor: s.colour, backgroundColor: s.colour, pointRadius: 2,
      borderWidth: 2, spanGaps: true, tension: 0 };
  });
  new Chart(canvas, {
    type: 'line',
    data: { labels: epochs, datasets: datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { display: true, position: 'bottom' } },
      scales: {
        x: { title: { display: true, text: 'epoch' } },
        y: { title: { display: true, text: yTitle } }
      }
    }
  });
  ready(canvas, points);
}

fetchJson('/api/leaderboards/' + encodeURIComponent(benchmark) + '/compare' + window.location.search)
  .then(async view => {
    const logged = view.rows.map((row, i) => ({ row, i })).filter(x => x.row.hasTrainingLog);
    const series = await Promise.all(logged.map(x =>
      fetchJson('/api/runs/' + x.row.curveRun + '/training-log').then(log => ({
        label: label(x.row), colour: seriesColour(x.i), log: Array.isArray(log) ? log : []
      }))));
    const column = key => view.metrics.find(c => c.key === key);
    const drawMetric = () => {
      const c = column(metricSelect.value);
      draw(document.getElementById('curve-validation'), series,
        e => (e.validation || {})[metricSelect.value],
        c.task + ' ' + c.name + ' ' + (c.higherIsBetter ? '↑' : '↓') + ' (validation)');
    };
    const drawLoss = () => draw(document.getElementById('curve-loss'), series,
      e => (e.losses || {})[lossSelect.value], lossSelect.value + ' training loss');
    drawMetric();
    drawLoss();
    metricSelect.addEventListener('change', drawMetric);
    lossSelect.addEventListener('change', drawLoss);
  })
  .catch(error => {
    note.textContent = 'Training curves unavailable: ' + error.message;
  });
