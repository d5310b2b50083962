// Text and DOM output of the analysis pages: numbers, labels, notes and table bodies.

export function fmt(value, digits) {
  if (value === null || value === undefined) {
    return '—';
  }
  return Number(value).toFixed(digits === undefined ? 3 : digits);
}

// A {mean, std} as "mean ± std".
export function stat(s, digits) {
  if (!s) {
    return '—';
  }
  return fmt(s.mean, digits) + (s.std !== null && s.std !== undefined ? ' ± ' + fmt(s.std, digits) : '');
}

// Labels without the " · " parts every label shares (e.g. the backbone on a one-backbone page).
export function shortLabels(labels) {
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
export function shortIndicator(label) {
  return label.replace('cosine similarity', 'cosine').replace('magnitude similarity', 'magnitude')
    .replace('coordinate conflict ratio', 'coord. conflicts').replace('conflict ratio', 'conflicts')
    .replace('norm imbalance', 'imbalance').replace('inter-task', 'task').replace('inter-sample', 'sample')
    .replace('feature disentanglement (FD)', 'FD').replace('mean task entropy (nats)', 'FD entropy')
    .replace('training loss (sum over tasks; reference)', 'training loss (sum)')
    .replace('training loss (geometric mean over tasks; reference)', 'training loss (geo. mean)');
}

// Replaces the notes of a container: each non-empty text becomes one paragraph.
export function notes(container, texts, kind) {
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

// Rows of an indicator-against-Δm table: label, indicator ± std, Δm ± std, runs (as the server renders them).
export function pointRows(points) {
  return points.map(p => [p.label,
    { text: fmt(p.x, 3) + (p.xStd !== null && p.xStd !== undefined ? ' ± ' + fmt(p.xStd, 3) : ''), className: 'num' },
    { text: fmt(p.y, 2) + (p.yStd !== null && p.yStd !== undefined ? ' ± ' + fmt(p.yStd, 2) : ''), className: 'num' },
    { text: String(p.runs), className: 'num' }]);
}

// Replaces the body of a table with rows of cells (strings; a cell may be {text, className, title}).
export function table(tbody, rows, empty) {
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
    if (!Array.isArray(cells)) {
      // a heading row over the rows that follow it: { group: text }
      const th = document.createElement('th');
      th.colSpan = 20;
      th.scope = 'colgroup';
      th.textContent = cells.group;
      tr.className = 'group';
      tr.appendChild(th);
      tbody.appendChild(tr);
      return;
    }
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
