// The leaderboard table's controls: a column picker (metric and efficiency columns on and off) and row
// selection for the compare page. The search is the server's (q=, over the whole board, in the filter
// form). Columns live in the address (cols=) so that a reload or a shared link keeps them, and they
// ride along with the server-side filters, sort links and pages. The rows chosen for comparison are
// kept for the tab (sessionStorage, per benchmark), so rows of several pages can be compared.
const script = document.getElementById('leaderboard-table-script');
const benchmark = script.dataset.benchmark;
const tools = document.getElementById('board-tools');
const summary = document.getElementById('column-summary');
const status = document.getElementById('board-status');
const compareButton = document.getElementById('compare-button');
const chosenList = document.getElementById('compare-chosen');
const boxes = [...document.querySelectorAll('#column-picker input[data-col]')];
const metricKeys = boxes.filter(b => b.dataset.kind === 'metric').map(b => b.dataset.col);
const defaults = new Set((tools.dataset.defaultColumns || '').split(',').filter(Boolean));
const MIN_COMPARED = 2;
const MAX_COMPARED = 4;
const STORE = 'mtlboard.compare.' + benchmark;

function visibleColumns() {
  return boxes.filter(b => b.checked).map(b => b.dataset.col);
}

function sameAsDefault(cols) {
  return cols.length === defaults.size && cols.every(c => defaults.has(c));
}

// The address with this page's columns, replacing the current entry.
function remember() {
  const url = new URL(window.location.href);
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

// The chosen rows, [{key, label, title}], in the order they were ticked; kept across pages of the board.
function chosen() {
  try {
    const list = JSON.parse(window.sessionStorage.getItem(STORE) || '[]');
    return Array.isArray(list) ? list.filter(c => c && typeof c.key === 'string') : [];
  } catch (e) {
    return [];
  }
}

function store(list) {
  try {
    if (list.length) {
      window.sessionStorage.setItem(STORE, JSON.stringify(list));
    } else {
      window.sessionStorage.removeItem(STORE);
    }
  } catch (e) {
    // storage refused (private mode, quota): the selection then lasts for this page only
  }
  memory = list;
}

let memory = chosen();

function picks() {
  return [...document.querySelectorAll('input.compare-pick')];
}

function showSelection() {
  const list = memory;
  const keys = new Set(list.map(c => c.key));
  picks().forEach(box => {
    box.checked = keys.has(box.value);
  });
  chosenList.replaceChildren();
  list.forEach(c => {
    const item = document.createElement('li');
    item.className = 'chosen';
    item.dataset.key = c.key;
    item.title = c.title || c.key;
    const name = document.createElement('span');
    name.textContent = c.label || c.key;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove secondary';
    remove.textContent = '×';
    remove.setAttribute('aria-label', 'remove ' + (c.label || c.key) + ' from the comparison');
    remove.addEventListener('click', () => {
      store(memory.filter(x => x.key !== c.key));
      showSelection();
    });
    item.append(name, remove);
    chosenList.append(item);
  });
  chosenList.hidden = list.length === 0;
  compareButton.textContent = 'Compare (' + list.length + ')';
  compareButton.disabled = list.length < MIN_COMPARED || list.length > MAX_COMPARED;
  compareButton.title = list.length > MAX_COMPARED
    ? 'at most ' + MAX_COMPARED + ' rows can be compared: remove ' + (list.length - MAX_COMPARED)
    : 'select 2 to 4 rows with the boxes in the Rank column, on any page of the board';
  status.textContent = list.length
    ? list.length + ' row' + (list.length === 1 ? '' : 's') + ' chosen; the choice stays while you move between pages.'
    : 'Tick 2–4 rows to compare them side by side, on any page of the board.';
}

// Start from the address: cols= of a reload or a shared link.
const params = new URLSearchParams(window.location.search);
const asked = params.has('cols') ? new Set(params.get('cols').split(',').filter(Boolean)) : defaults;
boxes.forEach(b => {
  b.checked = asked.has(b.dataset.col);
});
applyColumns();
showSelection();

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
  const box = event.target;
  if (!box.classList || !box.classList.contains('compare-pick')) {
    return;
  }
  const row = box.closest('tr');
  const rest = memory.filter(c => c.key !== box.value);
  store(box.checked
    ? rest.concat([{ key: box.value, label: row.dataset.label || box.value, title: row.dataset.title || box.value }])
    : rest);
  showSelection();
});
compareButton.addEventListener('click', () => {
  const keys = memory.map(c => c.key);
  if (keys.length >= MIN_COMPARED && keys.length <= MAX_COMPARED) {
    window.location.href = '/leaderboards/' + encodeURIComponent(benchmark) + '/compare?rows='
      + keys.map(encodeURIComponent).join(',');
  }
});
// another tab or the back button may have changed the choice
window.addEventListener('pageshow', () => {
  memory = chosen();
  showSelection();
});

// The server-side filters, sort links, pages and setting links keep the columns.
function carry(url) {
  const current = new URLSearchParams(window.location.search);
  if (current.has('cols')) {
    url.searchParams.set('cols', current.get('cols'));
  } else {
    url.searchParams.delete('cols');
  }
  return url;
}

document.getElementById('filters').addEventListener('submit', event => {
  const form = event.target;
  form.querySelectorAll('input.carried').forEach(i => i.remove());
  const current = new URLSearchParams(window.location.search);
  if (current.has('cols')) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'cols';
    input.value = current.get('cols');
    input.className = 'carried';
    form.append(input);
  }
});
document.addEventListener('click', event => {
  const link = event.target.closest && event.target.closest('a[href]');
  if (!link || link.closest('#board-tools')) {
    return;
  }
  const url = new URL(link.href, window.location.href);
  if (url.origin === window.location.origin && url.pathname === window.location.pathname) {
    link.href = carry(url).toString();
  }
});
