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

  // Draws horizontal and vertical error bars (mean ± std) around the {x, y} points of scatter
  // datasets that carry `xErrors` and `yErrors` arrays (null entries are skipped).
  const xyErrorBars = {
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

  window.MtlChartPlugins = { errorBars: errorBars, xyErrorBars: xyErrorBars };
})();
