// The layout of crowded charts. A bar chart whose category labels would not fit under it (many
// bars, long labels, a narrow screen) lies on its side: one row per bar with its label in full,
// the chart growing with its rows. A chart of many series lists its legend below the canvas, in a
// box that scrolls, instead of letting Chart.js cut it. Long axis titles wrap.

// Whether bars with these labels belong on their side on a canvas about `width` px wide: more bars
// than fit side by side with a readable label each (about 18 px per bar), or several long labels,
// which would be slanted across each other.
export function onItsSide(labels, width) {
  const longest = labels.reduce((m, l) => Math.max(m, String(l == null ? '' : l).length), 0);
  const room = Math.max(200, (width || 800) - 80);
  return labels.length * 18 > room || (labels.length > 4 && longest > 24);
}

// The width a canvas will be drawn at: that of its wrapper, else of its own box.
export function widthOf(canvas) {
  const box = canvas.parentElement;
  return (box && box.clientWidth) || canvas.clientWidth || 800;
}

// Bars on their side with long labels, and curves of many series, need the page's width: their
// chart box (a .chart-box in a grid of two) takes a row of its own; it goes back beside its
// neighbour otherwise.
export function widenForLabels(canvas, sideways, labels) {
  const longest = labels.reduce((m, l) => Math.max(m, String(l == null ? '' : l).length), 0);
  widen(canvas, sideways && longest > 30);
}

export function widen(canvas, wide) {
  const box = canvas.closest('.charts .chart-box');
  if (box) {
    box.classList.toggle('wide-for-labels', wide);
  }
}

// Makes the wrapper of a canvas (a .canvas-wrap, created when the canvas has none) tall enough for
// `rows` rows of `perRow` px beside the axes; `rows` = 0 gives it back its stylesheet height.
export function heightForRows(canvas, rows, perRow, minHeight = 260) {
  const wrap = wrapperOf(canvas);
  wrap.style.height = rows > 0 ? Math.max(minHeight, 90 + rows * perRow) + 'px' : '';
}

function wrapperOf(canvas) {
  const parent = canvas.parentElement;
  if (parent.classList.contains('canvas-wrap')) {
    return parent;
  }
  const wrap = document.createElement('div');
  wrap.className = 'canvas-wrap';
  canvas.removeAttribute('height');
  parent.insertBefore(wrap, canvas);
  wrap.append(canvas);
  return wrap;
}

// Names of at most `max` characters: cut at the end, and where two names would then read alike
// (two protocol versions of one backbone), cut in the middle instead so that both ends show.
export function distinctShortNames(names, max) {
  const end = names.map(n => (n.length > max ? n.slice(0, max - 1) + '…' : n));
  const head = Math.floor((max - 1) / 2);
  return end.map((e, i) => (end.indexOf(e) !== end.lastIndexOf(e) && names[i].length > max
    ? names[i].slice(0, head) + '…' + names[i].slice(names[i].length - (max - 1 - head))
    : e));
}

// A label beside a bar on its side: whole up to `max` characters, else cut in the middle so that
// both its start (benchmark, method) and its end (optimizer, seed) show; the tooltip has it all.
export function middleCut(label, max) {
  const text = String(label == null ? '' : label);
  if (text.length <= max) {
    return text;
  }
  const head = Math.ceil((max - 1) / 2);
  return text.slice(0, head) + '…' + text.slice(text.length - (max - 1 - head));
}

// How many characters a label beside a bar on its side may have on a canvas `width` px wide: Chart.js
// gives the category axis what the labels ask, up to a share of the canvas, and cuts the rest at the
// canvas edge, which would hide the start of a label (the method) on a phone. At most `max`.
export function labelBudget(width, max) {
  return Math.max(14, Math.min(max, Math.floor((width * 0.42) / 6.4)));
}

// An axis title as lines of at most `max` characters, broken at spaces (Chart.js draws an array
// as lines), so that a long title is not cut at the canvas edge.
export function titleLines(text, max) {
  const words = String(text).split(' ');
  const lines = [];
  let line = '';
  words.forEach(w => {
    if (line && (line + ' ' + w).length > max) {
      lines.push(line);
      line = w;
    } else {
      line = line ? line + ' ' + w : w;
    }
  });
  if (line) {
    lines.push(line);
  }
  return lines.length > 1 ? lines : text;
}

// The suggested ends of a value axis that keep every mean ± error on it (an error bar reaching
// beyond the axis would be cut and read as smaller than it is); {} when there are no errors.
export function errorRange(values, errors) {
  let lo = Infinity;
  let hi = -Infinity;
  values.forEach((v, i) => {
    const e = errors ? errors[i] : null;
    if (v == null || e == null) {
      return;
    }
    lo = Math.min(lo, v - e);
    hi = Math.max(hi, v + e);
  });
  return lo === Infinity ? {} : { suggestedMin: lo, suggestedMax: hi };
}

// The value axis of bars where one or two bars dwarf the rest (MoCo's −29 at the feature level
// beside Δm of −1 to −6): the axis ends at 1.4 × the most extreme bar that is not at least three
// times further out than the next (rounded outwards), so that the others stay readable; the bars beyond it run off
// the axis and the offScale plugin writes their values at its edge. Clips at most a quarter of the
// bars (and at most two) on each side; {} when nothing needs clipping. Takes each mean ± error.
export function outlierRange(values, errors) {
  const lows = [];
  const highs = [];
  values.forEach((v, i) => {
    if (v == null) {
      return;
    }
    const e = errors && errors[i] != null ? errors[i] : 0;
    lows.push(Math.min(0, v - e));
    highs.push(Math.max(0, v + e));
  });
  const limit = Math.min(2, Math.floor(lows.length / 4));
  const end = (sorted, sign) => {
    let cut = 0;
    for (let i = 0; i < limit; i++) {
      const out = sign * sorted[i];
      const next = sign * sorted[i + 1];
      if (next > 0 && out > 3 * next) {
        cut = i + 1;
      }
    }
    if (cut === 0) {
      return null;
    }
    // a round end: whole units from 2 on, tenths below
    const far = Math.abs(1.4 * sorted[cut]);
    return sign * (far >= 2 ? Math.ceil(far) : Math.ceil(far * 10) / 10);
  };
  const range = {};
  const min = end(lows.slice().sort((a, b) => a - b), -1);
  const max = end(highs.slice().sort((a, b) => b - a), 1);
  if (min !== null) {
    range.min = min;
  }
  if (max !== null) {
    range.max = max;
  }
  return range;
}

// Above this many series a chart lists its legend under the canvas (listLegend) instead of
// drawing it: Chart.js gives a drawn legend a fixed share of the canvas and cuts what does not fit.
export const LISTED_LEGEND = 10;

// A legend listed under the canvas: one button per dataset with its colour, dash (or marker) and label, which
// shows or hides the series (aria-pressed says which), and "show all" / "hide all". The box
// scrolls when the list is long. Replaces the list of an earlier chart on the same canvas.
export function listLegend(chart, canvas) {
  const box = emptyBoxAfter(wrapperOf(canvas), 'legend-list');
  const all = document.createElement('div');
  all.className = 'legend-all';
  const count = document.createElement('span');
  count.className = 'muted';
  count.textContent = chart.data.datasets.length + ' entries';
  all.append(count);
  const entries = [];
  const setAll = visible => () => {
    chart.data.datasets.forEach((_, i) => chart.setDatasetVisibility(i, visible));
    chart.update();
    entries.forEach(b => b.setAttribute('aria-pressed', String(visible)));
  };
  [['show all', true], ['hide all', false]].forEach(([text, visible]) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link';
    b.textContent = text;
    b.addEventListener('click', setAll(visible));
    all.append(b);
  });
  box.append(all);
  const list = document.createElement('ul');
  chart.data.datasets.forEach((d, i) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.setAttribute('aria-pressed', String(chart.isDatasetVisible(i)));
    const swatch = document.createElement('span');
    // a point of a scatter shows its marker; a curve its line and dash
    const point = chart.config.type === 'scatter' && !d.type;
    swatch.className = point ? 'swatch point ' + (d.pointStyle || 'circle') : 'swatch';
    if (point) {
      swatch.style.backgroundColor = d.backgroundColor;
    } else {
      swatch.style.borderTopColor = d.borderColor;
      swatch.style.borderTopStyle = d.borderDash && d.borderDash.length ? 'dashed' : 'solid';
    }
    b.append(swatch, document.createTextNode(d.label));
    b.title = d.label;
    b.addEventListener('click', () => {
      const visible = !chart.isDatasetVisible(i);
      chart.setDatasetVisibility(i, visible);
      chart.update();
      b.setAttribute('aria-pressed', String(visible));
    });
    entries.push(b);
    li.append(b);
    list.append(li);
  });
  box.append(list);
  return box;
}

// The box of class `className` that follows `wrap` (created there when there is none), emptied.
function emptyBoxAfter(wrap, className) {
  let box = wrap.nextElementSibling;
  if (!box || !box.classList.contains(className)) {
    box = document.createElement('div');
    box.className = className;
    wrap.after(box);
  }
  box.replaceChildren();
  return box;
}

// Removes a listed legend left by an earlier chart on the canvas (the new one draws its own).
export function dropListedLegend(canvas) {
  const wrap = canvas.parentElement;
  const next = wrap && wrap.nextElementSibling;
  if (next && next.classList.contains('legend-list')) {
    next.remove();
  }
}

// Axis names of a heatmap whose labels end in a qualifier, "cosine similarity (param, inter-task,
// batch)": runs of two or more consecutive labels with the same qualifier form a group
// ({from, to, label}) and their ticks keep only what precedes it, so that 40 indicators read as
// 8 groups of five measures rather than 40 names cut to the same first characters. `shorten`
// abbreviates a name (optional).
export function axisGroupsOf(labels, shorten) {
  const cut = s => (shorten ? shorten(s) : s);
  const parts = labels.map(l => {
    const m = /^(.+) \(([^()]+)\)$/.exec(l);
    return m ? { name: m[1], qualifier: m[2] } : { name: l, qualifier: null };
  });
  const groups = [];
  let from = 0;
  for (let i = 1; i <= parts.length; i++) {
    if (i === parts.length || parts[i].qualifier === null || parts[i].qualifier !== parts[from].qualifier) {
      if (parts[from].qualifier !== null && i - from >= 2) {
        groups.push({ from: from, to: i - 1, label: parts[from].qualifier });
      }
      from = i;
    }
  }
  const grouped = i => groups.some(g => g.from <= i && i <= g.to);
  return { ticks: labels.map((l, i) => cut(grouped(i) ? parts[i].name : l)), groups: groups };
}

// The key to a heatmap's colours under its canvas: the coefficient's scale from `min` (−1, or 0 for
// top-k overlap) to 1, and the three ways a cell says it cannot be read as a finding.
export function heatLegend(canvas, min) {
  const legend = emptyBoxAfter(canvas.parentElement, 'heat-legend');
  const scale = document.createElement('span');
  scale.className = 'heat-scale' + (min < 0 ? '' : ' from-zero');
  scale.setAttribute('role', 'img');
  scale.setAttribute('aria-label', min < 0
    ? 'colour scale: red for −1 (opposite rankings), white for 0, blue for 1 (the same ranking)'
    : 'colour scale: red for 0 (no overlap), white for 0.5, blue for 1 (the same top k)');
  const ends = min < 0 ? ['−1 opposite', '0', '1 same ranking'] : ['0 no overlap', '0.5', '1 same top k'];
  ends.forEach(t => {
    const s = document.createElement('span');
    s.textContent = t;
    scale.append(s);
  });
  legend.append(scale);
  [['grey', 'interval includes 0 (seed noise)'], ['hatched', 'n < 5: too few to conclude'],
    ['dashed', 'no seed interval (one run each)']].forEach(([kind, text]) => legend.append(keyItem('heat-swatch ' + kind, text)));
}

// A key to colours that carry meaning (a bar red where the difference goes one way, a source's
// colour), under the canvas: one swatch and text per entry ({colour, text}) whose colour the chart
// uses (all when `used` is not given). Replaces the key of an earlier chart on the same canvas and
// removes it when no entry is left.
export function colourKey(canvas, entries, used) {
  const wrap = wrapperOf(canvas);
  const listed = wrap.nextElementSibling;
  const key = emptyBoxAfter(listed && listed.classList.contains('legend-list') ? listed : wrap, 'chart-key');
  const shown = entries.filter(e => !used || used.includes(e.colour));
  if (!shown.length) {
    key.remove();
    return null;
  }
  shown.forEach(e => key.append(keyItem('heat-swatch', e.text, e.colour)));
  return key;
}

// One entry of a key: a swatch (its class, and a colour when given) and its text.
function keyItem(swatchClass, text, colour) {
  const item = document.createElement('span');
  item.className = 'heat-key';
  const swatch = document.createElement('span');
  swatch.className = swatchClass;
  if (colour) {
    swatch.style.background = colour;
  }
  item.append(swatch, text);
  return item;
}
