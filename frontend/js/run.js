// Run page: while a run waits for or is in evaluation, poll its JSON and show queue position and progress.
import { fetchJson } from './http.js';

const script = document.getElementById('run-script');
const runId = script.dataset.run;
const status = document.getElementById('run-status');
const box = document.getElementById('progress-box');
const bar = document.getElementById('run-progress');
const text = document.getElementById('progress-text');
const pending = s => s === 'queued' || s === 'running';

function poll() {
  fetchJson('/api/runs/' + encodeURIComponent(runId))
    .then(run => {
      if (!pending(run.status)) {
        window.location.reload();
        return;
      }
      box.hidden = false;
      status.textContent = run.status + (run.queuePosition ? ' — position ' + run.queuePosition + ' in the queue' : '');
      if (run.progress && run.progress.total) {
        bar.max = run.progress.total;
        bar.value = run.progress.done;
        text.textContent = run.progress.done + ' / ' + run.progress.total + ' samples';
      } else {
        text.textContent = run.status === 'queued' ? 'waiting for the worker…' : 'loading the model…';
      }
      setTimeout(poll, 1500);
    })
    // a problem answer (the run is gone, say): the reloaded page shows why; no answer or no JSON: try again
    .catch(error => (error.problem ? window.location.reload() : setTimeout(poll, 5000)));
}

if (pending(status.dataset.status)) {
  poll();
}
