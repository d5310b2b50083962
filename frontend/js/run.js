// Run page: while a run waits for or is in evaluation, or its diagnostics are being measured after
// the verdict, poll its JSON and show queue position and progress; reload when it is done.
import { fetchJson } from './http.js';

const script = document.getElementById('run-script');
const runId = script.dataset.run;
const status = document.getElementById('run-status');
const box = document.getElementById('progress-box');
const bar = document.getElementById('run-progress');
const text = document.getElementById('progress-text');
const waiting = s => s === 'queued' || s === 'running';

function poll() {
  fetchJson('/api/runs/' + encodeURIComponent(runId))
    .then(run => {
      const diagnostics = run.progress && run.progress.phase === 'diagnostics';
      if (!waiting(run.status) && !diagnostics) {
        window.location.reload();
        return;
      }
      box.hidden = false;
      if (!diagnostics) {
        status.textContent = run.status + (run.queuePosition ? ' — position ' + run.queuePosition + ' in the queue' : '');
      }
      if (run.progress && run.progress.total) {
        bar.max = run.progress.total;
        bar.value = run.progress.done;
        text.textContent = run.progress.done + ' / ' + run.progress.total + ' samples'
          + (diagnostics ? ' (clean and corrupted test splits)' : '');
      } else if (diagnostics) {
        text.textContent = 'measuring the diagnostics…';
      } else {
        text.textContent = run.status === 'queued' ? 'waiting for the worker…' : 'loading the model…';
      }
      setTimeout(poll, 1500);
    })
    // a problem answer (the run is gone, say): the reloaded page shows why; no answer or no JSON: try again
    .catch(error => (error.problem ? window.location.reload() : setTimeout(poll, 5000)));
}

if (waiting(status.dataset.status) || status.dataset.phase === 'diagnostics') {
  poll();
}
