// Method page charts: the method's Δm (per task) in each benchmark, one chart per benchmark with an
// axis of its own (Δm is a gain over that benchmark's single-task baseline: not comparable across
// benchmarks), from the leaderboard API.
import { colourKey } from './chart-layout.js';
import { barChart } from './charts.js';
import { sourceColour } from './colours.js';
import { fetchJson } from './http.js';

const SOURCES = {
  verified: 'verified: submitted and re-evaluated by MTLBoard',
  reference: 'reference: trained and evaluated by MTLBoard',
  literature: 'literature: as published'
};

const method = document.getElementById('method-script').dataset.method;

document.querySelectorAll('canvas.method-chart').forEach(canvas => {
  const benchmark = canvas.dataset.benchmark;
  fetchJson('/api/leaderboards/' + encodeURIComponent(benchmark) + '?method=' + encodeURIComponent(method) + '&size=1000')
    .then(view => draw(canvas, view));
});

function draw(canvas, view) {
  // claimed rows are never drawn beside evidence; the label names the setting, whose baseline the Δm is against
  const rows = view.rows.filter(r => r.deltaM && r.role !== 'claimed');
  if (!rows.length) {
    canvas.closest('.chart-box').remove();
    return;
  }
  const labels = rows.map(r => r.setting.label + (r.optimizer !== 'unreported' ? ' · ' + r.optimizer : '')
    + (r.gradientLevel === 'feature' ? ' · feature level' : ''));
  const values = rows.map(r => r.deltaM.perTask.mean);
  // the row's interval as the leaderboard ranks it: its seed std, else the std its publication
  // printed for per-task Δm, else its setting's pooled seed std
  const errors = rows.map(r => r.deltaM.perTask.std ?? r.deltaM.perTaskPrintedStd ?? r.deltaM.perTaskPooledStd ?? null);
  const colours = rows.map(r => sourceColour(r.source));
  barChart(canvas, labels, values, errors, colours, 'Δm % in ' + view.benchmark.name + ' (per task, gain)', null,
    { sideways: true, minHeight: 140 });
  // the bars take their row's source colour, as its badge on the leaderboard does
  colourKey(canvas, Object.entries(SOURCES).map(([source, text]) => ({ colour: sourceColour(source), text: text })), colours);
}
