// The controls form of an analysis page and its state in the page URL: every change updates the
// URL (a deep link), the JSON and permalink links, fetches the page's endpoint and redraws.
import { fetchJson } from '../http.js';
import { notes } from './format.js';

// The query of a form: named, enabled controls with a value; unchecked boxes left out.
export function formQuery(form) {
  const params = new URLSearchParams();
  for (const el of form.elements) {
    if (!el.name || el.disabled || el.value === '' || ((el.type === 'checkbox' || el.type === 'radio') && !el.checked)) {
      continue;
    }
    params.append(el.name, el.value);
  }
  return params;
}

// Wires a page: options.api is the endpoint, options.draw(view) draws its answer; beforeLoad(form),
// adjust(params, form) and onChange(event, form) are optional hooks. Stale responses of earlier
// changes are ignored. Returns the load function (its argument: whether to rewrite the URL).
export function bind(options) {
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

// Replaces the options of a select, keeping `selected` chosen.
export function options(select, items, selected) {
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
export function methodBoxes(view, emptyText) {
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

// Hooks for bind() of a page with method boxes: ticking every box is the same as no method filter
// (the URL stays short), and another benchmark or backbone has other methods (and backbones).
// The setting select (backbone × protocol) of view.settings, the chosen one selected.
export function settingOptions(view) {
  options(document.getElementById('control-setting'),
    view.settings.map(c => ({ value: c.id, label: c.label + ' (' + c.rows + ' rows)' })), view.setting ? view.setting.id : '');
}

// Another benchmark or backbone has other settings: let the server choose the one with the most rows.
export function resetSetting(event, form) {
  if ((event.target.name === 'benchmark' || event.target.name === 'backbone') && form.elements.setting) {
    form.elements.setting.value = '';
    form.elements.setting.replaceChildren();
  }
}

export const methodFilter = {
  adjust(params, form) {
    const boxes = Array.from(form.querySelectorAll('input[name=method]'));
    if (boxes.length > 0 && boxes.every(b => b.checked)) {
      params.delete('method');
    }
  },
  onChange(event, form) {
    if (event.target.name === 'benchmark' || event.target.name === 'backbone') {
      form.querySelectorAll('input[name=method]').forEach(b => b.remove());
      if (event.target.name === 'benchmark') {
        form.elements.backbone.replaceChildren();
      }
    }
  }
};
