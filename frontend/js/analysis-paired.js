// Paired pages: parameter- vs feature-level (/api/analysis/levels) and Adam vs SGD (/api/analysis/optimizers).
// Each pair has `first` (param, or SGD) and `second` (feature, or Adam); difference = second − first.
// The optimizer page may span every benchmark (view.scope.benchmark null): each pair names its benchmark.
import { bars } from './analysis/charts.js';
import { bind } from './analysis/form.js';
import { fmt, notes, shortLabels, stat, table } from './analysis/format.js';

// a module has no document.currentScript: its script element is found by id
const kind = document.getElementById('analysis-script').dataset.kind;
const levels = kind === 'levels';

function verdict(p) {
  if (p.difference === null) {
    return { text: 'no Δm', className: 'muted' };
  }
  const better = levels ? 'gains from the feature level' : 'Adam better';
  const worse = levels ? 'loses at the feature level' : (p.first.setting === 'signsgd' ? 'signSGD better' : 'SGD better');
  const direction = p.secondBetter ? better : worse;
  if (p.clear === null) {
    return { text: direction + ' on the means (' + unjudged(p) + ': not conclusive)', className: 'within' };
  }
  // a single-seed side is judged with its setting's pooled seed std, as the leaderboard ranks it
  const pooled = p.pooledStd === null || p.pooledStd === undefined ? ''
    : "; single-seed side with the setting's pooled seed std " + p.pooledStd.toFixed(2);
  if (!p.clear) {
    // a difference inside the seed spread is no gain and no loss: neither green nor red
    return { text: 'within seed spread (' + direction + ' on the means' + pooled + ')', className: 'within' };
  }
  return { text: direction + ' (clear' + pooled + ')', className: p.secondBetter ? 'gain clear' : 'loss clear' };
}

// Why a pair has no verdict: no spread on a side, or a printed std for the other Δm convention only.
function unjudged(p) {
  const other = [p.first, p.second].find(s => s.printedDeltaMStd && !s.printedDeltaMStd.applies);
  return other ? 'std printed for the ' + other.printedDeltaMStd.convention + ' convention only'
    : 'no seed spread on both sides';
}

// The pair's setting (backbone × protocol): one method can be paired once per protocol.
function settingName(p) {
  return p.setting ? p.setting.label : p.backbone.name;
}

function name(p) {
  // the setting's label (backbone · protocol), and the benchmark where the label does not name it
  const setting = settingName(p);
  const benchmark = p.benchmark.name.split(' (')[0];
  return p.methodName + (levels ? '' : ' · ' + p.first.other) + ' · ' + setting
    + (levels || setting.indexOf(benchmark) >= 0 ? '' : ' · ' + benchmark);
}

// Δm of one side: mean ± std over seeds, or ± the std the publication printed, marked.
function deltaCell(side, convention) {
  const d = side.deltaM;
  const printed = side.printedDeltaMStd;
  if (!d || d.std !== null || !printed) {
    return stat(d, 2);
  }
  return fmt(d.mean, 2) + ' ± ' + fmt(printed.std, 2) + ' (printed'
    + (printed.convention === convention ? '' : ', ' + printed.convention) + ')';
}

function draw(view) {
  const names = shortLabels(view.pairs.map(name));
  const firstLabel = levels ? 'parameter level' : 'SGD';
  const secondLabel = levels ? 'feature level' : 'Adam';
  const marks = view.pairs.map(p => (p.secondBetter ? (levels ? '▲ gains' : '▲ Adam better') : ''));
  bars(document.getElementById(levels ? 'levels-deltam' : 'optimizers-deltam'),
    names.map((n, i) => (view.pairs[i].secondBetter ? n + ' ▲' : n)), [
      { label: firstLabel, values: view.pairs.map(p => (p.first.deltaM ? p.first.deltaM.mean : null)),
        errors: view.pairs.map(p => spread(p.first)), colour: '#9ca3af' },
      { label: secondLabel, values: view.pairs.map(p => (p.second.deltaM ? p.second.deltaM.mean : null)),
        errors: view.pairs.map(p => spread(p.second)), colour: '#1f5fa8' }
    ], 'test Δm % (' + view.scope.convention.id + ', gain)', marks, undefined, { clipOutliers: true });
  document.getElementById('deltam-caption').textContent = view.pairs.length + ' pair(s); '
    + (levels ? view.gaining + ' gain from the feature level' : view.adamBetter + ' better with Adam') + ' (▲)';
  if (levels) {
    // one unit-free bar per pair: CPU time per step where measured, logged wall time otherwise
    bars(document.getElementById('levels-time'), names.map((n, i) => n + timeMark(view.pairs[i])), [
      { label: 'feature ÷ parameter level', values: view.pairs.map(p => p.timeRatio),
        colour: view.pairs.map(p => (p.timeBasis === 'step-cost' ? '#1f5fa8' : '#9ca3af')) }
    ], 'time, feature ÷ param', null, [
      { colour: '#1f5fa8', text: 'CPU time per training step (measured)' },
      { colour: '#9ca3af', text: 'logged wall time of the runs' }]);
  } else {
    bars(document.getElementById('optimizers-difference'), names, [
      { label: 'Adam − SGD (Δm points)', values: view.pairs.map(p => p.difference),
        colour: view.pairs.map(p => (p.difference > 0 ? '#1f5fa8' : '#d1495b')) }
    ], 'Δm difference', null, [
      { colour: '#1f5fa8', text: 'better with Adam' },
      { colour: '#d1495b', text: 'better with SGD (or equal)' }]);
    document.getElementById('agreement-caption').textContent = agreementCaption(view);
  }
  pairTable('#pairs-table tbody', view.pairs, undefined, view.scope.convention.id);
  if (levels) {
    document.getElementById('pairs-caption').textContent = view.pairs.length + ' pair(s); ' + view.gaining
      + ' gain from the feature level on the means; beyond the seed spread ' + view.clear.better + ' gain and '
      + view.clear.worse + ' lose';
    const bySetting = document.getElementById('pairs-by-setting');
    bySetting.hidden = view.bySetting.length < 2;
    bySetting.textContent = 'Per setting (a method is paired once in each): '
      + view.bySetting.map(c => c.label + ': ' + c.gaining + ' of ' + c.pairs + ' gain').join('; ');
  } else {
    drawOptimizerExtras(view);
  }
  notes(document.getElementById('messages'), [view.message].concat(view.notes));
}

// The error bar of a side: its std over seeds, else a printed std that applies to the Δm shown.
function spread(side) {
  if (!side.deltaM) {
    return null;
  }
  if (side.deltaM.std !== null) {
    return side.deltaM.std;
  }
  const printed = side.printedDeltaMStd;
  return printed && printed.applies ? printed.std : null;
}

function agreementText(label, a) {
  return label + ' = ' + fmt(a.value, 2) + ', n = ' + a.n + (a.unreliable ? ' (n < 5: too few)' : '');
}

// The agreement of the rankings: on the benchmark, or per benchmark when the view spans them all.
function agreementCaption(view) {
  if (view.agreement) {
    return 'rankings under Adam and SGD: ' + agreementText(view.coefficient.label, view.agreement);
  }
  if (!view.agreements.length) {
    return 'rankings under Adam and SGD: no benchmark has pairs';
  }
  return 'rankings under Adam and SGD, within each benchmark: '
    + view.agreements.map(b => b.benchmark.name + ' ' + agreementText(view.coefficient.label, b.agreement)).join('; ');
}

// A row's source as a table cell: "literature · Elich et al. 2024, Table A5", the whole citation
// in its tooltip (written out in every row, it made each row a dozen lines tall).
function source(p) {
  if (!p.citation) {
    return p.source;
  }
  const full = p.citation.split(';')[0];
  return { text: p.source + ' · ' + shortCitation(full), title: full, className: 'nowrap' };
}

// "Surname et al. year, Table X" from "Surname, Other, …, Title, Venue year (…), Table X".
function shortCitation(citation) {
  const first = citation.split(',')[0].trim();
  const year = /\b(19|20)\d\d\b/.exec(citation);
  const tables = /\b(Tables?|Fig\.|Figure) [A-Z]?\d+[a-z]?\b/.exec(citation);
  if (!year || first.length > 30) {
    return citation.length > 48 ? citation.slice(0, 47) + '…' : citation;
  }
  return first + ' et al. ' + year[0] + (tables ? ', ' + tables[0] : '');
}

function counts(map) {
  const entries = Object.entries(map || {});
  return entries.length ? entries.map(([m, n]) => m + ' ' + n).join(', ') : '—';
}

function drawOptimizerExtras(view) {
  pairTable('#sign-pairs-table tbody', view.signSgdPairs, 'No method has both a signSGD and an Adam row here.',
    view.scope.convention.id);
  document.getElementById('sign-caption').textContent = view.signSgdPairs.length + ' pair(s); '
    + view.adamBetterThanSignSgd + ' better with Adam';
  document.getElementById('pairs-caption').textContent = view.pairs.length + ' pair(s); '
    + view.adamBetter + ' better with Adam on the means; beyond the seed spread ' + view.clear.better
    + ' better and ' + view.clear.worse + ' worse with Adam';
  document.getElementById('scope-name').textContent = view.scope.benchmark ? view.scope.benchmark.name : 'all benchmarks';
  document.getElementById('shown').textContent = view.shown;
  const list = document.getElementById('pair-sources');
  list.replaceChildren();
  view.sources.forEach(line => {
    const li = document.createElement('li');
    li.textContent = line;
    list.appendChild(li);
  });
  // method names for the ids the Pareto counts list
  const methodNames = {};
  view.pairs.forEach(p => { methodNames[p.method] = p.methodName; });
  const named = ids => ids.map(id => methodNames[id] || id).join(', ') || '—';
  table(document.querySelector('#pareto-table tbody'), view.pareto.map(s => {
    const pub = s.published;
    const printed = pub ? 'Adam ' + pub.adamFull + ' / ' + pub.adamAgainstSgd + ', SGD ' + pub.sgdFull + ' / '
      + pub.sgdAgainstAdam + ' of 24 runs each; A2 Adam: ' + counts(pub.adamPerMethod) + ' (total ' + pub.adamTotal
      + '), SGD: ' + counts(pub.sgdPerMethod) + ' (total ' + pub.sgdTotal + ')' + (pub.note ? ' — ' + pub.note : '') : '—';
    return [s.benchmark.name + ' · ' + (s.setting ? s.setting.label : s.backboneName) + ' · ' + s.source
      + (s.citation ? ' · ' + s.citation.split(';')[0] : '') + ' · ' + s.gradientLevel,
      { text: s.adam.optimal + ' of ' + s.adam.points, className: 'num' },
      { text: s.adam.optimalAgainstOthers + ' of ' + s.adam.points, className: 'num' },
      { text: s.sgd.optimal + ' of ' + s.sgd.points, className: 'num' },
      { text: s.sgd.optimalAgainstOthers + ' of ' + s.sgd.points, className: 'num' },
      'Adam: ' + named(s.adam.optimalIds) + '; SGD: ' + named(s.sgd.optimalIds), printed];
  }), 'No setting has both Adam and SGD rows of methods here.');
}

// The pairs come sorted by setting: each setting's pairs follow a heading row naming it (and its benchmark on
// the optimizer page, which can span every benchmark), as the server's AnalysisFormat.groupHeading writes it.
function settingKey(p) {
  return p.benchmark.id + '/' + (p.setting ? p.setting.id : p.backbone.id);
}

function withHeadings(pairs, row) {
  const rows = [];
  pairs.forEach((p, i) => {
    if (i === 0 || settingKey(pairs[i - 1]) !== settingKey(p)) {
      let n = 0;
      while (i + n < pairs.length && settingKey(pairs[i + n]) === settingKey(p)) {
        n++;
      }
      rows.push({ group: (levels ? '' : p.benchmark.name + ' · ') + settingName(p) + ' · ' + n + (n === 1 ? ' pair' : ' pairs') });
    }
    rows.push(row(p));
  });
  return rows;
}

function pairTable(selector, pairs, empty, convention) {
  table(document.querySelector(selector), withHeadings(pairs, p => {
    const v = verdict(p);
    const common = levels ? [p.methodName] : [p.methodName, p.benchmark.name];
    common.push(p.first.other);
    common.push(source(p));
    const cells = common.concat([{ text: deltaCell(p.first, convention), className: 'num' },
      { text: deltaCell(p.second, convention), className: 'num' },
      { text: p.difference === null ? '—' : (p.difference > 0 ? '+' : '') + fmt(p.difference, 2), className: 'num' },
      { text: v.text, className: 'verdict ' + v.className },
      { text: seeds(p.first) + ' / ' + seeds(p.second), className: 'num',
        title: 'literature rows: the number of seeds the publication reports for its mean' }]);
    if (levels) {
      cells.push(timeCell(p.first), timeCell(p.second),
        { text: p.timeRatio === null ? '—' : fmt(p.timeRatio, 2) + '×' + (p.timeBasis === 'step-cost' ? ' per step' : ' logged'),
          className: 'num' });
    }
    return cells;
  }), empty || 'No pairs under these filters.');
}

// A side's training time: measured CPU time per step, else logged wall time (the server's AnalysisFormat.time).
function timeCell(side) {
  if (side.stepCpuMs) {
    return { text: fmt(side.stepCpuMs.median, 1) + ' ms/step', className: 'num',
      title: 'CPU time per step, quartiles ' + fmt(side.stepCpuMs.q1, 1) + '–' + fmt(side.stepCpuMs.q3, 1)
        + ' ms over the measured rounds' };
  }
  return { text: side.trainingSeconds ? stat(side.trainingSeconds, 1) + ' s' : '—', className: 'num',
    title: 'logged training wall time, mean ± std over runs' };
}

// The chart label's mark of a ratio of logged wall times.
function timeMark(p) {
  return p.timeBasis === 'logged' ? ' (logged)' : '';
}

function seeds(side) {
  return side.seeds === null || side.seeds === undefined ? '?' : String(side.seeds);
}

bind({
  api: levels ? '/api/analysis/levels' : '/api/analysis/optimizers',
  draw: draw,
  beforeLoad(form) {
    if (form.elements.k) {
      form.elements.k.disabled = form.elements.coefficient.value !== 'top-k-overlap';
    }
  }
});
