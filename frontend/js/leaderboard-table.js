// The leaderboard table's controls: a search over method names and citations (filters the rendered
// rows), a column picker (metric and efficiency columns on and off), and row selection for the compare
// page. Search and columns live in the address (q=, cols=) so that a reload or a shared link keeps
// them, and they ride along with the server-side filters, sort links and pages.
const script = document.getElementById('leaderboard-table-script');
const benchmark = script.dataset.benchmark;
const tools = document.getElementById('board-tools');
const searchBox = document.getElementById('board-search');
const summary = document.getElementById('column-summary');
const status = document.getElementById('board-status');
const compareButton = document.getElementById('compare-button');
const boxes = [...document.querySelectorAll('#column-picker input[data-col]')];
const metricKeys = boxes.filter(b => b.dataset.kind === 'metric').map(b => b.dataset.col);
const defaults = new Set((tools.dataset.defaultColumns || '').split(',').filter(Boolean));
const MIN_COMPARED = 2;
const MAX_COMPARED = 4;

function rows() {
  return [...document.querySelectorAll('table.board tbody tr[data-key]')];
}

function visibleColumns() {
  return boxes.filter(b => b.checked).map(b => b.dataset.col);
}

function sameAsDefault(cols) {
  return cols.length === defaults.size && cols.every(c => defaults.has(c));
}

// The address with this page's search and columns, replacing the current entry.
function remember() {
  const url = new URL(window.location.href);
  const q = searchBox.value.trim();
  if (q) {
    url.searchParams.set('q', q);
  } else {
    url.searchParams.delete('q');
  }
  const cols = visibleColumns();
  if (sameAsDefault(cols)) {
    url.searchParams.delete('cols');
  } else {
    url.searchParams.set('cols', cols.join(','));
  }
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

function applyColumns() {
  const on = new Set(visibleColumns());
  document.querySelectorAll('table.board [data-col]').forEach(cell => {
    cell.classList.toggle('col-off', !on.has(cell.dataset.col));
  });
  const shown = metricKeys.filter(k => on.has(k)).length;
  summary.textContent = shown + ' of ' + metricKeys.length + ' metric columns'
    + (boxes.some(b => b.dataset.kind === 'efficiency' && b.checked) ? ' + efficiency' : '');
}

function applySearch() {
  const terms = searchBox.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  const all = rows();
  all.forEach(tr => {
    const text = (tr.dataset.search || '').toLowerCase();
    const match = terms.every(t => text.includes(t));
    tr.classList.toggle('search-off', !match);
    if (match) {
      shown++;
    }
  });
  document.querySelectorAll('table.board').forEach(table => {
    const any = table.querySelector('tbody tr[data-key]:not(.search-off)');
    table.closest('.table-wrap').classList.toggle('search-empty', !any);
  });
  status.textContent = terms.length
    ? shown + ' of ' + all.length + ' rows on this page match “' + searchBox.value.trim() + '”.'
    : 'Tick 2–4 rows to compare them side by side.';
  status.dataset.shown = String(shown);
}

function selected() {
  return [...document.querySelectorAll('input.compare-pick:checked')].map(b => b.value);
}

function applySelection() {
  const keys = selected();
  compareButton.textContent = 'Compare (' + keys.length + ')';
  compareButton.disabled = keys.length < MIN_COMPARED || keys.length > MAX_COMPARED;
  compareButton.title = keys.length > MAX_COMPARED
    ? 'at most ' + MAX_COMPARED + ' rows can be compared'
    : 'select 2 to 4 rows with the boxes in the Rank column';
}

// Start from the address: q= and cols= of a reload or a shared link.
const params = new URLSearchParams(window.location.search);
searchBox.value = params.get('q') || '';
const asked = params.has('cols') ? new Set(params.get('cols').split(',').filter(Boolean)) : defaults;
boxes.forEach(b => {
  b.checked = asked.has(b.dataset.col);
});
applyColumns();
applySearch();
applySelection();

searchBox.addEventListener('input', () => {
  applySearch();
  remember();
});
boxes.forEach(b => b.addEventListener('change', () => {
  applyColumns();
  remember();
}));
document.getElementById('columns-all').addEventListener('click', () => {
  boxes.forEach(b => {
    b.checked = b.dataset.kind === 'metric' ? true : b.checked;
  });
  applyColumns();
  remember();
});
document.getElementById('columns-default').addEventListener('click', () => {
  boxes.forEach(b => {
    b.checked = defaults.has(b.dataset.col);
  });
  applyColumns();
  remember();
});
document.addEventListener('change', event => {
  if (event.target.classList && event.target.classList.contains('compare-pick')) {
    applySelection();
  }
});
compareButton.addEventListener('click', () => {
  const keys = selected();
  if (keys.length >= MIN_COMPARED && keys.length <= MAX_COMPARED) {
    window.location.href = '/leaderboards/' + encodeURIComponent(benchmark) + '/compare?rows='
      + keys.map(encodeURIComponent).join(',');
  }
});

// The server-side filters, sort links and pages keep the search and the columns.
function carry(url) {
  const current = new URLSearchParams(window.location.search);
  ['q', 'cols'].forEach(name => {
    if (current.has(name)) {
      url.searchParams.set(name, current.get(name));
    } else {
      url.searchParams.delete(name);
    }
  });
  return url;
}

document.getElementById('filters').addEventListener('submit', event => {
  const form = event.target;
  form.querySelectorAll('input.carried').forEach(i => i.remove());
  const current = new URLSearchParams(window.location.search);
  ['q', 'cols'].forEach(name => {
    if (current.has(name)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = current.get(name);
      input.className = 'carried';
      form.append(input);
    }
  });
});
document.addEventListener('click', event => {
  const link = event.target.closest && event.target.closest('a[href]');
  if (!link || !(link.closest('table.board thead') || link.closest('nav.pager'))) {
    return;
  }
  const url = new URL(link.href, window.location.href);
  if (url.pathname === window.location.pathname) {
    link.href = carry(url).toString();
  }
});
