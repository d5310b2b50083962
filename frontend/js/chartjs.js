// Chart.js for the modules that draw: the vendored UMD build, evaluated as a module (it then defines
// the global Chart, which the browser tests also use), and the steps every chart shares. The ESM
// build of the webjar is not usable without an import map: it imports the bare name '@kurkle/color'.
import '/webjars/chart.js/dist/chart.umd.js';

export const Chart = globalThis.Chart;

// Removes the chart already drawn on a canvas, so that it can be drawn again.
export function destroy(canvas) {
  const existing = Chart.getChart(canvas);
  if (existing) {
    existing.destroy();
  }
}

// Marks a canvas as drawn with its number of data points (read by the browser tests).
export function ready(canvas, points) {
  canvas.dataset.ready = 'true';
  canvas.dataset.points = String(points);
}
