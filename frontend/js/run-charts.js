// Run page charts: the training curves of the run's training log (loss per task, validation metrics,
// task weights and FD where logged) and, from the run's evaluation, the relative drop of a metric
// against corruption severity, one line per corruption. Data from the run's JSON endpoints.
import { fetchJson } from './http.js';
import { curves } from './analysis/charts.js';

const script = document.getElementById('run-charts-script');
const runId = encodeURIComponent(script.dataset.run);

function show(id) {
  const el = document.getElementById(id);
  if (el) {
    el.hidden = false;
  }
}

// One series per key of the per-epoch object at `field` (e.g. losses.left): {label, points}.
function seriesOf(log, field, label) {
  const keys = [];
  log.forEach(e => Object.keys(e[field] || {}).forEach(k => { if (!keys.includes(k)) keys.push(k); }));
  return keys.map(k => ({
    label: label ? label(k) : k,
    points: log.filter(e => e[field] && typeof e[field][k] === 'number')
      .map(e => ({ epoch: e.epoch, mean: e[field][k], std: null, n: 1 }))
  }));
}

function training(log) {
  if (!Array.isArray(log) || log.length === 0) {
    return;
  }
  ['training-heading', 'training-note', 'training-charts'].forEach(show);
  curves(document.getElementById('loss-chart'), seriesOf(log, 'losses', k => k + ' loss'), 'training loss');
  curves(document.getElementById('validation-chart'), seriesOf(log, 'validation'), 'validation metric');
  const weights = seriesOf(log, 'weights', k => k + ' weight');
  if (weights.some(s => s.points.length)) {
    show('weights-box');
    curves(document.getElementById('weights-chart'), weights, 'task weight');
  }
  const fd = log.filter(e => e.fd && typeof e.fd.value === 'number')
    .map(e => ({ epoch: e.epoch, mean: e.fd.value, std: null, n: 1 }));
  if (fd.length) {
    show('fd-box');
    curves(document.getElementById('fd-chart'), [{ label: 'FD (training log)', points: fd }], 'FD', { min: 0, max: 1 });
  }
}

// Relative drop (−1)^h (M_corrupted − M_clean) / M_clean in %, positive = worse, per corruption.
function robustness(run) {
  const canvas = document.getElementById('robustness-chart');
  const select = document.getElementById('robustness-metric');
  if (!canvas || !run.evaluation || !run.evaluation.corrupted) {
    return;
  }
  const draw = () => {
    const key = select.value;
    const value = run.values.find(v => v.key === key);
    if (!value || value.measured == null || value.measured === 0) {
      return;
    }
    const sign = value.higherIsBetter ? -1 : 1;
    const byCorruption = new Map();
    run.evaluation.corrupted.filter(c => c.metric === key).forEach(c => {
      if (!byCorruption.has(c.corruption)) byCorruption.set(c.corruption, []);
      byCorruption.get(c.corruption).push({
        epoch: c.severity, mean: 100 * sign * (c.measured - value.measured) / value.measured, std: null, n: 1
      });
    });
    const series = [...byCorruption.entries()].map(([name, points]) => ({
      label: name.replace(/_/g, ' '), points: points.sort((a, b) => a.epoch - b.epoch)
    }));
    series.xTitle = 'severity';
    curves(canvas, series, 'relative drop, % (positive = worse)');
  };
  select.addEventListener('change', draw);
  draw();
}

fetchJson('/api/runs/' + runId + '/training-log').then(training).catch(() => {});
fetchJson('/api/runs/' + runId).then(robustness).catch(() => {});
