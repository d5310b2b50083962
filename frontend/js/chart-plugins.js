// Chart.js plugins shared by every MTLBoard chart page (load after Chart.js, before charts.js or
// analysis-common.js).
(function () {
  'use strict';

  // Draws a vertical error bar (mean ± std) over each bar or point of the datasets that carry an
  // `errors` array (null entries are skipped).
  const errorBars = {
    id: 'mtlErrorBars',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      chart.data.datasets.forEach((dataset, di) => {
        if (!dataset.errors || !chart.isDatasetVisible(di)) {
          return;
        }
        const meta = chart.getDatasetMeta(di);
        const y = chart.scales.y;
        meta.data.forEach((bar, i) => {
          const err = dataset.errors[i];
          const value = dataset.data[i];
          if (err == null || value == null) {
            return;
          }
          const top = y.getPixelForValue(value + err);
          const bottom = y.getPixelForValue(value - err);
          ctx.save();
          ctx.strokeStyle = '#222';
          ctx.lineWidth = 1.2;
          ctx.beginPath();
          ctx.moveTo(bar.x, top);
          ctx.lineTo(bar.x, bottom);
          ctx.moveTo(bar.x - 4, top);
          ctx.lineTo(bar.x + 4, top);
          ctx.moveTo(bar.x - 4, bottom);
          ctx.lineTo(bar.x + 4, bottom);
          ctx.stroke();
          ctx.restore();
        });
      });
    }
  };

  window.MtlChartPlugins = { errorBars: errorBars };
})();
