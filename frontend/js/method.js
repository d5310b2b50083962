// Method page chart: the method's Δm (per task) in every benchmark and setting, from the leaderboard API.
import { colourKey } from './chart-layout.js';
import { barChart } from './charts.js';
import { sourceColour } from './colours.js';
import { fetchJson } from './http.js';

const script = document.getElementById('method-script');
const method = script.dataset.method;
const benchmarks = script.dataset.benchmarks ? script.dataset.benchmarks.split(',') : [];
const canvas = document.getElementById('method-chart');

Promise.all(benchmarks.map(b =>
  fetchJson('/api/leaderboards/' + encodeURIComponent(b) + '?method=' + encodeURIComponent(method) + '&size=1000')
)).then(views => {
  const labels = [];
  const values = [];
  const errors = [];
  const colours = [];
  // claimed rows are never drawn beside evidence; the label names the setting, whose baseline the Δm is against
  views.forEach(view => view.rows.filter(r => r.deltaM && r.role !== 'claimed').forEach(r => {
    labels.push(view.benchmark.name + ' · ' + r.setting.label + (r.optimizer !== 'unreported' ? ' · ' + r.optimizer : '')
      + (r.gradientLevel === 'feature' ? ' · feature level' : ''));
    values.push(r.deltaM.perTask.mean);
    // the row's interval as the leaderboard ranks it: its seed std, else the std its publication
    // printed for per-task Δm, else its setting's pooled seed std
    errors.push(r.deltaM.perTask.std ?? r.deltaM.perTaskPrintedStd ?? r.deltaM.perTaskPooledStd ?? null);
    colours.push(sourceColour(r.source));
  }));
  barChart(canvas, labels, values, errors, colours, 'Δm % (per task, gain)', null);
  // the bars take their row's source colour, as its badge on the leaderboard does
  colourKey(canvas, Object.entries(SOURCES).map(([source, text]) => ({ colour: sourceColour(source), text: text })), colours);
});

const SOURCES = {
  verified: 'verified: submitted and re-evaluated by MTLBoard',
  reference: 'reference: trained and evaluated by MTLBoard',
  literature: 'literature: as published'
};
