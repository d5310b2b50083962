// Chart.js plugins of the MTLBoard charts: error bars, heatmap cells, an empty-chart notice and a
// vertical marker. A chart uses one by listing it in its `plugins`.
import { cssColour } from './colours.js';

// Draws an error bar (mean ± std) over each bar or point of the datasets that carry an `errors`
// array (null entries are skipped): vertical, or horizontal on a chart whose bars lie on their side.
export const errorBars = {
  id: 'mtlErrorBars',
  afterDatasetsDraw(chart) {
    const ctx = chart.ctx;
    const area = chart.chartArea;
    // an error bar of a bar that runs off a clipped axis (offScale) stops at the axis' end
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    chart.data.datasets.forEach((dataset, di) => {
      if (!dataset.errors || !chart.isDatasetVisible(di)) {
        return;
      }
      const meta = chart.getDatasetMeta(di);
      // bars on their side (indexAxis 'y') have their values along x
      const sideways = chart.options.indexAxis === 'y';
      const scale = sideways ? chart.scales.x : chart.scales.y;
      meta.data.forEach((bar, i) => {
        const err = dataset.errors[i];
        const value = dataset.data[i];
        if (err == null || value == null) {
          return;
        }
        const high = scale.getPixelForValue(value + err);
        const low = scale.getPixelForValue(value - err);
        ctx.save();
        ctx.strokeStyle = '#222';
        ctx.lineWidth = 1.2;
        ctx.beginPath();
        if (sideways) {
          ctx.moveTo(low, bar.y);
          ctx.lineTo(high, bar.y);
          ctx.moveTo(low, bar.y - 4);
          ctx.lineTo(low, bar.y + 4);
          ctx.moveTo(high, bar.y - 4);
          ctx.lineTo(high, bar.y + 4);
        } else {
          ctx.moveTo(bar.x, high);
          ctx.lineTo(bar.x, low);
          ctx.moveTo(bar.x - 4, high);
          ctx.lineTo(bar.x + 4, high);
          ctx.moveTo(bar.x - 4, low);
          ctx.lineTo(bar.x + 4, low);
        }
        ctx.stroke();
        ctx.restore();
      });
    });
    ctx.restore();
  }
};

// Writes the value of every bar that runs off its value axis (an axis clipped by outlierRange) at
// the axis' end, with an arrow pointing the way it goes on: the bar is cut, its number is not.
export const offScale = {
  id: 'mtlOffScale',
  afterDatasetsDraw(chart) {
    const sideways = chart.options.indexAxis === 'y';
    const scale = sideways ? chart.scales.x : chart.scales.y;
    const ctx = chart.ctx;
    chart.data.datasets.forEach((dataset, di) => {
      if (!chart.isDatasetVisible(di)) {
        return;
      }
      chart.getDatasetMeta(di).data.forEach((bar, i) => {
        const v = dataset.data[i];
        if (v == null || (v >= scale.min && v <= scale.max)) {
          return;
        }
        const low = v < scale.min;
        const text = (low ? (sideways ? '◀ ' : '▼ ') : '') + v.toFixed(1).replace('-', '−')
          + (low ? '' : (sideways ? ' ▶' : ' ▲'));
        ctx.save();
        ctx.font = 'bold 11px system-ui, sans-serif';
        const w = ctx.measureText(text).width;
        const edge = scale.getPixelForValue(low ? scale.min : scale.max);
        let x;
        let y;
        if (sideways) {
          x = low ? edge + 3 : edge - w - 3;
          y = bar.y + 4;
        } else {
          // centred on the bar, but inside the plot
          const area = chart.chartArea;
          x = Math.min(Math.max(bar.x - w / 2, area.left + 2), area.right - w - 2);
          y = low ? edge - 6 : edge + 14;
        }
        ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
        ctx.fillRect(x - 2, y - 11, w + 4, 14);
        ctx.fillStyle = cssColour('--ink');
        ctx.fillText(text, x, y);
        ctx.restore();
      });
    });
  }
};

// Draws horizontal and vertical error bars (mean ± std) around the {x, y} points of scatter
// datasets that carry `xErrors` and `yErrors` arrays (null entries are skipped).
export const xyErrorBars = {
  id: 'mtlXyErrorBars',
  afterDatasetsDraw(chart) {
    const ctx = chart.ctx;
    chart.data.datasets.forEach((dataset, di) => {
      if (!(dataset.xErrors || dataset.yErrors) || !chart.isDatasetVisible(di)) {
        return;
      }
      const meta = chart.getDatasetMeta(di);
      ctx.save();
      ctx.strokeStyle = dataset.borderColor || '#222';
      ctx.lineWidth = 1;
      meta.data.forEach((point, i) => {
        const p = dataset.data[i];
        const ex = dataset.xErrors ? dataset.xErrors[i] : null;
        const ey = dataset.yErrors ? dataset.yErrors[i] : null;
        ctx.beginPath();
        if (ex != null) {
          ctx.moveTo(chart.scales.x.getPixelForValue(p.x - ex), point.y);
          ctx.lineTo(chart.scales.x.getPixelForValue(p.x + ex), point.y);
        }
        if (ey != null) {
          ctx.moveTo(point.x, chart.scales.y.getPixelForValue(p.y - ey));
          ctx.lineTo(point.x, chart.scales.y.getPixelForValue(p.y + ey));
        }
        ctx.stroke();
      });
      ctx.restore();
    });
  }
};

// Colour of a coefficient: blue for agreement, red for disagreement, white at 0; grey when undefined.
// Cells over too few methods are drawn pale so that no strong colour suggests a finding.
function cellColour(value, min, pale) {
  if (value === null || value === undefined) {
    return '#e5e7eb';
  }
  const t = min < 0 ? value : value * 2 - 1;
  const strength = Math.min(1, Math.abs(t)) * (pale ? 0.3 : 1);
  const base = t >= 0 ? [31, 95, 168] : [209, 73, 91];
  const mix = c => Math.round(255 + (c - 255) * strength);
  return 'rgb(' + mix(base[0]) + ',' + mix(base[1]) + ',' + mix(base[2]) + ')';
}

// Draws the cells of a heatmap chart: coloured squares with the value and n; cells with
// n < 5 are hatched and their text is greyed out.
export const heatCells = {
  id: 'mtlHeatCells',
  beforeDatasetsDraw(chart) {
    const meta = chart.getDatasetMeta(0);
    const data = chart.data.datasets[0].data;
    const x = chart.scales.x;
    const y = chart.scales.y;
    const ctx = chart.ctx;
    const min = chart.options.plugins.mtlHeatCells.min;
    meta.data.forEach((point, i) => {
      const cell = data[i];
      const left = x.getPixelForValue(cell.x - 0.5);
      const right = x.getPixelForValue(cell.x + 0.5);
      const top = y.getPixelForValue(cell.y - 0.5);
      const bottom = y.getPixelForValue(cell.y + 0.5);
      const w = right - left;
      const h = bottom - top;
      ctx.save();
      ctx.fillStyle = cell.noise ? '#eceef1' : cellColour(cell.v, min, cell.unreliable);
      ctx.fillRect(left + 1, top + 1, w - 2, h - 2);
      if (cell.unreliable) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(left + 1, top + 1, w - 2, h - 2);
        ctx.clip();
        ctx.strokeStyle = 'rgba(60, 60, 60, 0.3)';
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let d = -h; d < w; d += 7) {
          ctx.moveTo(left + d, bottom);
          ctx.lineTo(left + d + h, top);
        }
        ctx.stroke();
        ctx.restore();
      }
      if (cell.untested) {
        ctx.save();
        ctx.setLineDash([4, 3]);
        ctx.strokeStyle = cssColour('--muted');
        ctx.lineWidth = 1.2;
        // on the cell's edge, clear of its value and n
        ctx.strokeRect(left + 1.6, top + 1.6, w - 3.2, h - 3.2);
        ctx.restore();
      }
      const strong = !cell.unreliable && !cell.noise && cell.v !== null && Math.abs(min < 0 ? cell.v : cell.v * 2 - 1) > 0.6;
      ctx.fillStyle = cell.unreliable || cell.noise ? cssColour('--muted') : strong ? '#fff' : cssColour('--ink');
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      const size = Math.max(9, Math.min(14, Math.floor(Math.min(w, h) / 4)));
      ctx.font = (cell.unreliable ? '' : '600 ') + size + 'px system-ui, sans-serif';
      const text = cell.v === null ? '—' : cell.v.toFixed(2);
      // a value that does not fit its cell is left to the tooltip rather than overprinted on its
      // neighbours (a heatmap of dozens of indicators); n only where there is room for two lines
      const fitsValue = ctx.measureText(text).width <= w - 4 && h >= size + 2;
      const fitsN = fitsValue && h >= size * 2.4;
      if (fitsValue) {
        ctx.fillText(text, left + w / 2, fitsN ? top + h / 2 - size * 0.45 : top + h / 2);
      }
      if (fitsN) {
        ctx.font = Math.max(8, size - 3) + 'px system-ui, sans-serif';
        ctx.fillText('n=' + cell.n, left + w / 2, top + h / 2 + size * 0.7);
      }
      ctx.restore();
    });
  }
};

// Says "no data" inside a chart that has nothing to draw, instead of leaving empty axes.
export const emptyState = {
  id: 'mtlEmpty',
  afterDraw(chart) {
    const points = chart.data.datasets.reduce((n, d) => n + d.data.filter(v => v !== null && v !== undefined).length, 0);
    if (points > 0) {
      return;
    }
    const area = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = 'rgba(250, 251, 252, 0.85)';
    ctx.fillRect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.fillStyle = cssColour('--muted');
    ctx.font = '15px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText('no data to show', (area.left + area.right) / 2, (area.top + area.bottom) / 2);
    ctx.restore();
  }
};

// A dashed vertical line at options.plugins.mtlMarker.x, e.g. the selected budget.
export const marker = {
  id: 'mtlMarker',
  afterDatasetsDraw(chart) {
    const options = chart.options.plugins.mtlMarker;
    if (!options || options.x === undefined || options.x === null) {
      return;
    }
    const x = chart.scales.x.getPixelForValue(options.x);
    const area = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = cssColour('--ink');
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(x, area.top);
    ctx.lineTo(x, area.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = cssColour('--ink');
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.fillText(options.label || '', x + 4, area.top + 12);
    ctx.restore();
  }
};

// Groups of heatmap axes (options.plugins.mtlAxisGroups.groups: [{from, to, label}], index ranges
// of consecutive axes sharing a qualifier such as "param, inter-task, batch"): a line between
// groups across the grid, each group's label over its columns, and beside its rows on the right
// where the layout left room (options.plugins.mtlAxisGroups.right > 0). Tick labels then name only
// the measure; the tooltip keeps the whole label.
export const axisGroups = {
  id: 'mtlAxisGroups',
  afterDatasetsDraw(chart) {
    const options = chart.options.plugins.mtlAxisGroups;
    if (!options || !options.groups || !options.groups.length) {
      return;
    }
    const x = chart.scales.x;
    const y = chart.scales.y;
    const area = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = cssColour('--ink');
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    const edges = new Set();
    options.groups.forEach(g => {
      edges.add(g.from - 0.5);
      edges.add(g.to + 0.5);
    });
    edges.forEach(e => {
      if (e <= x.min || e >= x.max) {
        return;
      }
      ctx.moveTo(x.getPixelForValue(e), area.top);
      ctx.lineTo(x.getPixelForValue(e), area.bottom);
      ctx.moveTo(area.left, y.getPixelForValue(e));
      ctx.lineTo(area.right, y.getPixelForValue(e));
    });
    ctx.stroke();
    ctx.fillStyle = cssColour('--ink');
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    options.groups.forEach(g => {
      const left = x.getPixelForValue(g.from - 0.5);
      const right = x.getPixelForValue(g.to + 0.5);
      const lines = wrapWords(ctx, g.label, right - left - 4);
      lines.forEach((line, i) => ctx.fillText(line, (left + right) / 2, area.top - 3 - (lines.length - 1 - i) * 12));
      if (options.right > 0) {
        const top = y.getPixelForValue(g.from - 0.5);
        const bottom = y.getPixelForValue(g.to + 0.5);
        const side = wrapWords(ctx, g.label, options.right - 8);
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        side.forEach((line, i) => ctx.fillText(line, area.right + 6, (top + bottom) / 2 + (i - (side.length - 1) / 2) * 12));
        ctx.textAlign = 'center';
        ctx.textBaseline = 'bottom';
      }
    });
    ctx.restore();
  }
};

// Words of `text` in lines no wider than `width` px (a word longer than that stands alone).
function wrapWords(ctx, text, width) {
  const lines = [];
  text.split(' ').forEach(word => {
    const last = lines.length ? lines[lines.length - 1] + ' ' + word : null;
    if (last !== null && ctx.measureText(last).width <= width) {
      lines[lines.length - 1] = last;
    } else {
      lines.push(word);
    }
  });
  return lines;
}
