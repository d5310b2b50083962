// Shared helpers of the analysis pages: the form's state in the page URL, fetching the page's JSON
// endpoint, plain-language notes, and Chart.js charts (heatmap, curves, scatter, bars).
(function () {
  'use strict';

  const PALETTE = ['#1f5fa8', '#d1495b', '#2e8b57', '#edae49', '#7a5195', '#00798c', '#b36b00', '#6b7280',
    '#c0392b', '#3d5a80', '#8e44ad', '#16a085', '#d35400', '#2c3e50'];

  function colour(i) {
    return PALETTE[i % PALETTE.length];
  }

  // The query of a form: named, enabled controls with a value; unchecked boxes left out.
  function formQuery(form) {
    const params = new URLSearchParams();
    for (const el of form.elements) {
      if (!el.name || el.disabled || el.value === '' || ((el.type === 'checkbox' || el.type === 'radio') && !el.checked)) {
        continue;
      }
      params.append(el.name, el.value);
    }
    return params;
  }

  function problemText(body, status) {
    if (!body || !body.detail) {
      return 'HTTP ' + status;
    }
    const fields = (body.violations || []).map(v => v.field + ': ' + v.message);
    return body.detail + (fields.length ? ' — ' + fields.join('; ') : '');
  }

  function fetchJson(url, init) {
    return fetch(url, Object.assign({ headers: { Accept: 'application/json' } }, init || {})).then(response =>
      response.json().catch(() => null).then(body => {
        if (!response.ok) {
          throw new Error(problemText(body, response.status));
        }
        return body;
      }));
  }

  // Wires a page: every change of the form updates the URL (deep link), the JSON and permalink
  // links, fetches the endpoint and redraws. Stale responses of earlier changes are ignored.
  function bind(options) {
    const form = document.getElementById(options.form || 'controls');
    const status = document.getElementById('load-status');
    let latest = 0;
    function load(pushState) {
      if (options.beforeLoad) {
        options.beforeLoad(form);
      }
      const params = formQuery(form);
      if (options.adjust) {
        options.adjust(params, form);
      }
      const query = params.toString();
      const suffix = query ? '?' + query : '';
      if (pushState) {
        history.replaceState(null, '', window.location.pathname + suffix + window.location.hash);
      }
      const json = document.getElementById('json-link');
      if (json) {
        json.href = options.api + suffix;
      }
      const permalink = document.getElementById('permalink');
      if (permalink) {
        permalink.href = window.location.pathname + suffix + window.location.hash;
      }
      const request = ++latest;
      if (status) {
        status.textContent = 'loading…';
      }
      return fetchJson(options.api + suffix).then(view => {
        if (request !== latest) {
          return;
        }
        if (status) {
          status.textContent = '';
        }
        options.draw(view);
        document.body.dataset.loaded = String(request);
      }).catch(error => {
        if (request !== latest) {
          return;
        }
        if (status) {
          status.textContent = '';
        }
        notes(document.getElementById('messages'), ['Could not load the analysis: ' + error.message], 'error');
      });
    }
    form.addEventListener('change', event => {
      if (options.onChange) {
        options.onChange(event, form);
      }
      load(true);
    });
    form.addEventListener('submit', event => {
      event.preventDefault();
      load(true);
    });
    load(false);
    return load;
  }

  // Replaces the notes of a container: each non-empty text becomes one paragraph.
  function notes(container, texts, kind) {
    if (!container) {
      return;
    }
    container.replaceChildren();
    texts.filter(t => t).forEach(text => {
      const p = document.createElement('p');
      p.className = 'note ' + (kind || 'warn');
      p.textContent = text;
      container.appendChild(p);
    });
  }

  function fmt(value, digits) {
    if (value === null || value === undefined) {
      return '—';
    }
    return Number(value).toFixed(digits === undefined ? 3 : digits);
  }

  function stat(s, digits) {
    if (!s) {
      return '—';
    }
    return fmt(s.mean, digits) + (s.std !== null && s.std !== undefined ? ' ± ' + fmt(s.std, digits) : '');
  }

  // Labels without the " · " parts every label shares (e.g. the backbone on a one-backbone page).
  function shortLabels(labels) {
    const parts = labels.map(l => l.split(' · '));
    if (parts.length < 2) {
      return labels;
    }
    const common = parts[0].filter(p => parts.every(ps => ps.includes(p)));
    return parts.map(ps => {
      const kept = ps.filter((p, i) => i === 0 || !common.includes(p));
      return kept.join(' · ');
    });
  }

  // Short axis names of indicators; tooltips keep the full label.
  function shortIndicator(label) {
    return label.replace('cosine similarity', 'cosine').replace('magnitude similarity', 'magnitude')
      .replace('coordinate conflict ratio', 'coord. conflicts').replace('conflict ratio', 'conflicts')
      .replace('norm imbalance', 'imbalance').replace('inter-task', 'task').replace('inter-sample', 'sample')
      .replace('feature disentanglement (FD)', 'FD').replace('mean task entropy (nats)', 'FD entropy');
  }

  function destroy(canvas) {
    const existing = Chart.getChart(canvas);
    if (existing) {
      existing.destroy();
    }
  }

  function ready(canvas, points) {
    canvas.dataset.ready = 'true';
    canvas.dataset.points = String(points);
  }

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
  const heatCells = {
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
        const strong = !cell.unreliable && !cell.noise && cell.v !== null && Math.abs(min < 0 ? cell.v : cell.v * 2 - 1) > 0.6;
        ctx.fillStyle = cell.unreliable || cell.noise ? '#6b7280' : strong ? '#fff' : '#1d2330';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        const size = Math.max(9, Math.min(14, Math.floor(Math.min(w, h) / 4)));
        ctx.font = (cell.unreliable ? '' : '600 ') + size + 'px system-ui, sans-serif';
        ctx.fillText(cell.v === null ? '—' : cell.v.toFixed(2), left + w / 2, top + h / 2 - size * 0.45);
        ctx.font = Math.max(8, size - 3) + 'px system-ui, sans-serif';
        ctx.fillText('n=' + cell.n, left + w / 2, top + h / 2 + size * 0.7);
        ctx.restore();
      });
    }
  };

  // Says "no data" inside a chart that has nothing to draw, instead of leaving empty axes.
  const emptyState = {
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
      ctx.fillStyle = '#6b7280';
      ctx.font = '15px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText('no data to show', (area.left + area.right) / 2, (area.top + area.bottom) / 2);
      ctx.restore();
    }
  };

  const errorBars = window.MtlChartPlugins.errorBars;

  // A dashed vertical line at options.plugins.mtlMarker.x, e.g. the selected budget.
  const marker = {
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
      ctx.strokeStyle = '#1d2330';
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(x, area.top);
      ctx.lineTo(x, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#1d2330';
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.fillText(options.label || '', x + 4, area.top + 12);
      ctx.restore();
    }
  };

  // A heatmap of a Heatmap JSON (axes, cells): Chart.js scatter with one invisible point per cell
  // (for tooltips) and the cells drawn by the plugin above.
  function heatmap(canvas, map, coefficientLabel, shorten) {
    destroy(canvas);
    const names = map.axes.map(a => a.label);
    const truncate = n => (n.length > 22 ? n.slice(0, 21) + '…' : n);
    const axisNames = names.map(n => truncate(shorten ? shorten(n) : n));
    const data = [];
    map.cells.forEach((row, i) => row.forEach((c, j) => {
      const ci = map.intervals && map.intervals[i] ? map.intervals[i][j] : null;
      // a cell whose seed-bootstrap interval includes 0 is greyed out: seed noise alone can produce it
      data.push({ x: j, y: i, v: c.value, n: c.n, unreliable: c.unreliable, ci: ci, noise: i !== j && !!ci && ci.includesZero });
    }));
    const min = coefficientLabel.indexOf('overlap') >= 0 ? 0 : -1;
    const size = Math.max(1, names.length);
    // cells of at most about 90 × 50 px: a heatmap of one or two scorings stays small
    const wrap = canvas.parentElement;
    wrap.style.height = Math.min(560, 90 + size * 52) + 'px';
    wrap.style.maxWidth = (230 + size * 95) + 'px';
    const ticks = axis => { axis.ticks = names.map((_, i) => ({ value: i })); };
    const chart = new Chart(canvas, {
      type: 'scatter',
      data: { datasets: [{ data: data, pointRadius: 0, pointHoverRadius: 0, pointHitRadius: 12 }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: false },
        plugins: {
          legend: { display: false },
          mtlHeatCells: { min: min },
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
      plugins: [heatCells]
    });
    ready(canvas, data.length);
    canvas.dataset.coefficient = coefficientLabel;
    return chart;
  }

  // Curves over epochs: one line per series ({label, points: [{epoch, mean, std, n}]}); the legend toggles series.
  function curves(canvas, series, yTitle, yRange, mark) {
    destroy(canvas);
    const datasets = series.map((s, i) => ({
      label: s.label,
      data: s.points.map(p => ({ x: p.epoch, y: p.mean, std: p.std, n: p.n })),
      borderColor: s.colour || colour(i),
      backgroundColor: s.colour || colour(i),
      borderDash: s.dashed ? [6, 4] : undefined,
      pointRadius: 3,
      tension: 0.15
    }));
    new Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: false },
        plugins: {
          mtlMarker: mark || {},
          legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 11 } } },
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
          y: Object.assign({ title: { display: true, text: yTitle } }, yRange || {})
        }
      },
      plugins: [emptyState, marker]
    });
    ready(canvas, datasets.reduce((n, d) => n + d.data.length, 0));
  }

  // A scatter of points ({label, x, y, xStd, yStd}) with an optional diagonal y = x.
  function scatter(canvas, points, xTitle, yTitle, options) {
    destroy(canvas);
    const opts = options || {};
    const datasets = [{
      label: opts.label || yTitle,
      data: points.map(p => ({ x: p.x, y: p.y, label: p.label, xStd: p.xStd, yStd: p.yStd, extra: p.extra })),
      pointRadius: 5,
      pointHoverRadius: 7,
      backgroundColor: points.map((p, i) => p.colour || colour(i)),
      borderColor: points.map((p, i) => p.colour || colour(i))
    }];
    if (opts.diagonal && points.length) {
      const values = points.flatMap(p => [p.x, p.y]);
      const lo = Math.min.apply(null, values);
      const hi = Math.max.apply(null, values);
      datasets.push({ label: 'y = x', type: 'line', data: [{ x: lo, y: lo }, { x: hi, y: hi }], borderColor: '#9ca3af',
        borderDash: [4, 4], pointRadius: 0, pointHitRadius: 0 });
    }
    new Chart(canvas, {
      type: 'scatter',
      data: { datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: !!opts.diagonal, position: 'bottom' },
          tooltip: {
            filter: item => item.datasetIndex === 0,
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
          x: { title: { display: true, text: xTitle }, grace: '5%' },
          y: { title: { display: true, text: yTitle }, grace: '5%' }
        }
      },
      plugins: [emptyState]
    });
    ready(canvas, points.length);
  }

  // Grouped bars: labels along x, one dataset per {label, values, colour}; tooltips add `notes[i]`.
  function bars(canvas, labels, groups, yTitle, notesPerBar) {
    destroy(canvas);
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: labels,
        datasets: groups.map((g, i) => ({ label: g.label, data: g.values, backgroundColor: g.colour || colour(i),
          errors: g.errors }))
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label(item) {
                const e = item.dataset.errors ? item.dataset.errors[item.dataIndex] : null;
                const v = item.parsed.y;
                return item.dataset.label + ': ' + (v == null ? '—' : v.toFixed(3)) + (e != null ? ' ± ' + e.toFixed(3) : '')
                  + (notesPerBar && notesPerBar[item.dataIndex] ? ' · ' + notesPerBar[item.dataIndex] : '');
              }
            }
          }
        },
        scales: {
          x: { ticks: { autoSkip: false, maxRotation: 45, minRotation: 0 } },
          y: { title: { display: true, text: yTitle } }
        }
      },
      plugins: [emptyState, errorBars]
    });
    ready(canvas, groups.reduce((n, g) => n + g.values.filter(v => v !== null && v !== undefined).length, 0));
  }

  // Replaces the body of a table with rows of cells (strings; a cell may be {text, className}).
  function table(tbody, rows, empty) {
    tbody.replaceChildren();
    if (!rows.length) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 20;
      td.className = 'muted';
      td.textContent = empty || 'Nothing to show.';
      tr.appendChild(td);
      tbody.appendChild(tr);
      return;
    }
    rows.forEach(cells => {
      const tr = document.createElement('tr');
      cells.forEach(c => {
        const td = document.createElement('td');
        if (c && typeof c === 'object') {
          td.textContent = c.text;
          td.className = c.className || '';
          if (c.title) {
            td.title = c.title;
          }
        } else {
          td.textContent = c;
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
  }

  // Replaces the options of a select, keeping `selected` chosen.
  function options(select, items, selected) {
    select.replaceChildren();
    items.forEach(item => {
      const o = document.createElement('option');
      o.value = item.value;
      o.textContent = item.label;
      o.selected = item.value === selected;
      select.appendChild(o);
    });
  }

  // One checkbox per method of view.methods in #control-methods, checked when chosen (all when none
  // is); emptyText when there is no method.
  function methodBoxes(view, emptyText) {
    const box = document.getElementById('control-methods');
    const chosen = new Set(view.scope.methods);
    box.querySelectorAll('label.check, span.muted').forEach(e => e.remove());
    view.methods.forEach(m => {
      const label = document.createElement('label');
      label.className = 'check';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.name = 'method';
      input.value = m.id;
      input.checked = chosen.size === 0 || chosen.has(m.id);
      label.append(input, ' ' + m.name);
      box.appendChild(label);
    });
    if (!view.methods.length) {
      const none = document.createElement('span');
      none.className = 'muted';
      none.textContent = emptyText;
      box.appendChild(none);
    }
  }

  window.MtlAnalysis = {
    methodBoxes: methodBoxes,
    bind: bind, fetchJson: fetchJson, formQuery: formQuery, notes: notes, fmt: fmt, stat: stat, colour: colour,
    shortLabels: shortLabels, shortIndicator: shortIndicator, heatmap: heatmap, curves: curves, scatter: scatter,
    bars: bars, table: table, options: options, ready: ready
  };
})();
