// Chart builders of the analysis pages: heatmap, curves over epochs (or severity, or budget),
// scatter and grouped bars. Each draws on a canvas (replacing its chart) and marks it ready.
import { Chart, destroy, ready } from '../chartjs.js';
import { axisGroups, emptyState, errorBars, heatCells, marker, offScale, xyErrorBars } from '../chart-plugins.js';
import { seriesColour, seriesDash, seriesPoint } from '../colours.js';
import { LISTED_LEGEND, axisGroupsOf, colourKey, distinctShortNames, heatLegend, dropListedLegend, errorRange, heightForRows, labelBudget, listLegend, middleCut, onItsSide, outlierRange,
  titleLines, widen, widenForLabels, widthOf } from '../chart-layout.js';

// A heatmap of a Heatmap JSON (axes, cells): Chart.js scatter with one invisible point per cell
// (for tooltips) and the cells drawn by the heatCells plugin. Axes sharing a qualifier are grouped
// (axisGroupsOf): ticks name the measure, the group's label stands over its columns; a key to the
// colours follows the canvas.
export function heatmap(canvas, map, coefficientLabel, shorten) {
  destroy(canvas);
  const names = map.axes.map(a => a.label);
  const grouping = axisGroupsOf(names, shorten);
  const axisNames = distinctShortNames(grouping.ticks, 22);
  // room for group labels over the columns (up to three lines) and, on a wide screen, beside the rows
  const sideRoom = grouping.groups.length && widthOf(canvas) >= 700 ? 110 : 0;
  const data = [];
  map.cells.forEach((row, i) => row.forEach((c, j) => {
    const ci = map.intervals && map.intervals[i] ? map.intervals[i][j] : null;
    // a cell whose seed-bootstrap interval includes 0 is greyed out: seed noise alone can produce it
    // a cell with a coefficient but no interval (its rows have one run each) is outlined dashed:
    // seed noise is not estimated there, so it is not tested against it
    const untested = i !== j && !!map.intervals && !ci && c.value !== null && !c.unreliable;
    data.push({ x: j, y: i, v: c.value, n: c.n, unreliable: c.unreliable, ci: ci, untested: untested,
      noise: i !== j && !!ci && ci.includesZero });
  }));
  const min = coefficientLabel.indexOf('overlap') >= 0 ? 0 : -1;
  const size = Math.max(1, names.length);
  // cells of at most about 90 × 50 px: a heatmap of one or two scorings stays small
  const wrap = canvas.parentElement;
  wrap.style.height = Math.min(grouping.groups.length ? 620 : 560, 90 + size * 52) + 'px';
  wrap.style.maxWidth = (230 + sideRoom + size * 95) + 'px';
  // grouped axes need about 18 px per cell for their group labels: on a narrow screen the box
  // scrolls sideways rather than crowding them
  wrap.style.minWidth = grouping.groups.length ? (160 + sideRoom + size * 18) + 'px' : '';
  const box = canvas.closest('.chart-box');
  if (box) {
    box.classList.toggle('scroll-x', grouping.groups.length > 0);
  }
  const ticks = axis => { axis.ticks = names.map((_, i) => ({ value: i })); };
  const chart = new Chart(canvas, {
    type: 'scatter',
    data: { datasets: [{ data: data, pointRadius: 0, pointHoverRadius: 0, pointHitRadius: 12 }] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: false },
      layout: { padding: { top: grouping.groups.length ? 40 : 0, right: sideRoom } },
      plugins: {
        legend: { display: false },
        mtlHeatCells: { min: min },
        mtlAxisGroups: { groups: grouping.groups, right: sideRoom },
        tooltip: {
          callbacks: {
            title(items) {
              const c = items[0].raw;
              return names[c.y] + ' × ' + names[c.x];
            },
            label(item) {
              const c = item.raw;
              return coefficientLabel + ' = ' + (c.v === null ? 'undefined' : c.v.toFixed(3)) + ' (n = ' + c.n + ')'
                + (c.ci ? ', 95% interval [' + c.ci.low.toFixed(2) + ', ' + c.ci.high.toFixed(2) + ']' : '')
                + (c.ci && c.ci.singleRunRows > 0 ? ' (too narrow: ' + c.ci.singleRunRows + ' of ' + c.ci.rows + ' have one run)' : '')
                + (c.untested ? ' — no seed interval (one run each): not tested against seed noise' : '')
                + (c.unreliable ? ' — n < 5: too few to conclude' : '')
                + (c.noise ? ' — the interval includes 0: seed noise alone can produce this' : '');
            }
          }
        }
      },
      scales: {
        x: { type: 'linear', min: -0.5, max: size - 0.5, afterBuildTicks: ticks, grid: { display: false },
          ticks: { autoSkip: false, maxRotation: 50, minRotation: 30, callback: v => axisNames[v] } },
        y: { type: 'linear', min: -0.5, max: size - 0.5, reverse: true, afterBuildTicks: ticks, grid: { display: false },
          ticks: { autoSkip: false, callback: v => axisNames[v] } }
      }
    },
    plugins: [heatCells, axisGroups]
  });
  heatLegend(canvas, min);
  ready(canvas, data.length);
  canvas.dataset.coefficient = coefficientLabel;
  canvas.dataset.groups = grouping.groups.map(g => g.label).join(' | ');
  return chart;
}

// Curves over epochs: one line per series ({label, points: [{epoch, mean, std, n}]}); the legend
// toggles series. Above LISTED_LEGEND series the legend is a list under the chart (listLegend).
export function curves(canvas, series, yTitle, yRange, mark) {
  destroy(canvas);
  dropListedLegend(canvas);
  const listed = series.length > LISTED_LEGEND;
  widen(canvas, listed);
  // more series than colours: each round of the palette gets its own dash and point shape, so that
  // no two curves look alike
  const datasets = series.map((s, i) => ({
    label: s.label,
    data: s.points.map(p => ({ x: p.epoch, y: p.mean, std: p.std, n: p.n })),
    borderColor: s.colour || seriesColour(i),
    backgroundColor: s.colour || seriesColour(i),
    borderDash: s.dashed ? [6, 4] : seriesDash(i),
    pointStyle: seriesPoint(i),
    pointRadius: 3,
    tension: 0.15
  }));
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: false },
      plugins: {
        mtlMarker: mark || {},
        legend: { display: !listed, position: 'bottom', labels: { boxWidth: 12, font: { size: 11 } } },
        tooltip: {
          callbacks: {
            label(item) {
              const p = item.raw;
              return item.dataset.label + ': ' + p.y.toFixed(4) + (p.std != null ? ' ± ' + p.std.toFixed(4) : '')
                + ' (n = ' + p.n + ')';
            }
          }
        }
      },
      scales: {
        x: { type: 'linear', title: { display: true, text: series.xTitle || 'epoch' }, ticks: { precision: 0 } },
        y: Object.assign({ title: { display: true, text: titleLines(yTitle, 40) } }, yRange || {})
      }
    },
    plugins: [emptyState, marker]
  });
  if (listed) {
    listLegend(chart, canvas);
  }
  ready(canvas, datasets.reduce((n, d) => n + d.data.length, 0));
}

// A scatter of points ({label, x, y, xStd, yStd}) with an optional diagonal y = x. Each point is a
// series of its own, so that the legend names it (listed under the canvas above LISTED_LEGEND
// points) and hiding one lets the axes close in on the rest; a point's seed std is drawn as error
// bars, and the axes hold them.
export function scatter(canvas, points, xTitle, yTitle, options) {
  destroy(canvas);
  dropListedLegend(canvas);
  const opts = options || {};
  const listed = points.length > LISTED_LEGEND;
  // a listed legend needs the page's width, as for curves
  widen(canvas, listed);
  const datasets = points.map((p, i) => {
    const colour = p.colour || seriesColour(i);
    return {
      label: p.label,
      data: [{ x: p.x, y: p.y, label: p.label, xStd: p.xStd, yStd: p.yStd, extra: p.extra }],
      xErrors: [p.xStd == null ? null : p.xStd],
      yErrors: [p.yStd == null ? null : p.yStd],
      pointRadius: 5,
      pointHoverRadius: 7,
      backgroundColor: colour,
      borderColor: colour,
      pointStyle: p.colour ? 'circle' : seriesPoint(i)
    };
  });
  if (opts.diagonal && points.length) {
    const values = points.flatMap(p => [p.x, p.y]);
    const lo = Math.min.apply(null, values);
    const hi = Math.max.apply(null, values);
    datasets.push({ label: 'y = x', type: 'line', diagonal: true, data: [{ x: lo, y: lo }, { x: hi, y: hi }],
      borderColor: '#9ca3af', borderDash: [4, 4], pointRadius: 0, pointHitRadius: 0 });
  }
  const range = (values, errors) => Object.assign({ grace: '5%' }, errorRange(values, errors));
  const chart = new Chart(canvas, {
    type: 'scatter',
    data: { datasets: datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: !listed, position: 'bottom', labels: { usePointStyle: true, boxWidth: 8, font: { size: 11 } } },
        tooltip: {
          filter: item => !item.dataset.diagonal,
          callbacks: {
            label(item) {
              const p = item.raw;
              const x = p.x.toFixed(4) + (p.xStd != null ? ' ± ' + p.xStd.toFixed(4) : '');
              const y = p.y.toFixed(3) + (p.yStd != null ? ' ± ' + p.yStd.toFixed(3) : '');
              return p.label + ': ' + xTitle + ' ' + x + ', ' + yTitle + ' ' + y + (p.extra || '');
            }
          }
        }
      },
      scales: {
        x: Object.assign({ title: { display: true, text: xTitle } },
          range(points.map(p => p.x), points.map(p => (p.xStd == null ? 0 : p.xStd)))),
        y: Object.assign({ title: { display: true, text: titleLines(yTitle, 40) } },
          range(points.map(p => p.y), points.map(p => (p.yStd == null ? 0 : p.yStd))))
      }
    },
    plugins: [emptyState, xyErrorBars]
  });
  if (listed) {
    listLegend(chart, canvas);
  }
  ready(canvas, points.length);
}

// Grouped bars: labels along x, one dataset per {label, values, colour, errors}; tooltips add
// `notesPerBar[i]`. Bars whose labels would not fit under them lie on their side (onItsSide).
// `key` ([{colour, text}]) explains colours that vary from bar to bar, under the canvas; a single
// group's own legend entry is then left out (its one swatch could not show them all).
// options.clipOutliers: where one or two bars dwarf the others, the value axis ends short of them
// (outlierRange) and their values are written at its edge.
export function bars(canvas, labels, groups, yTitle, notesPerBar, key, options = {}) {
  destroy(canvas);
  let sideways = onItsSide(labels, widthOf(canvas));
  widenForLabels(canvas, sideways, labels);
  // a widened box may hold the labels under the bars after all
  sideways = onItsSide(labels, widthOf(canvas));
  heightForRows(canvas, sideways ? labels.length : 0, 8 + 12 * groups.length);
  // every group's mean ± error on the value axis: one range over all of them
  const allValues = groups.flatMap(g => g.values);
  const allErrors = groups.flatMap(g => g.errors || g.values.map(() => null));
  const valueAxis = Object.assign({ title: { display: true, text: titleLines(yTitle, 40) } },
    errorRange(allValues, allErrors), options.clipOutliers ? outlierRange(allValues, allErrors) : {});
  const categoryAxis = sideways
    ? { ticks: { autoSkip: false, callback: i => middleCut(labels[i], labelBudget(widthOf(canvas), 64)) } }
    : { ticks: { autoSkip: false, maxRotation: 45, minRotation: 0 } };
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: labels,
      datasets: groups.map((g, i) => ({ label: g.label, data: g.values, backgroundColor: g.colour || seriesColour(i),
        errors: g.errors }))
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: sideways ? 'y' : 'x',
      plugins: {
        legend: { display: !(key && groups.length === 1), position: sideways ? 'top' : 'bottom' },
        tooltip: {
          callbacks: {
            label(item) {
              const e = item.dataset.errors ? item.dataset.errors[item.dataIndex] : null;
              const v = sideways ? item.parsed.x : item.parsed.y;
              return item.dataset.label + ': ' + (v == null ? '—' : v.toFixed(3)) + (e != null ? ' ± ' + e.toFixed(3) : '')
                + (notesPerBar && notesPerBar[item.dataIndex] ? ' · ' + notesPerBar[item.dataIndex] : '');
            }
          }
        }
      },
      scales: sideways ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis }
    },
    plugins: [emptyState, errorBars, offScale]
  });
  colourKey(canvas, key || [], groups.flatMap(g => (Array.isArray(g.colour) ? g.colour : [g.colour])));
  ready(canvas, groups.reduce((n, g) => n + g.values.filter(v => v !== null && v !== undefined).length, 0));
}
