// Shared Chart.js helpers for MTLBoard pages: colours per source badge and ± std error bars.
(function () {
  'use strict';

  const SOURCE_COLOURS = {
    verified: '#1b7f3b',
    reference: '#1f5fa8',
    literature: '#7a5195',
    claimed: '#b36b00'
  };

  const errorBars = window.MtlChartPlugins.errorBars;

  function colour(source) {
    return SOURCE_COLOURS[source] || '#666';
  }

  // Bars from zero suit Δm (a signed gain); metric values get dots with error bars so that the
  // axis need not start at zero.
  function barChart(canvas, labels, values, errors, colours, yTitle, tooltipExtra, dots) {
    const existing = Chart.getChart(canvas);
    if (existing) {
      existing.destroy();
    }
    const dataset = dots
      ? { label: yTitle, data: values, errors: errors, showLine: false, pointRadius: 5, pointHoverRadius: 7,
          pointBackgroundColor: colours, pointBorderColor: colours }
      : { label: yTitle, data: values, errors: errors, backgroundColor: colours };
    const chart = new Chart(canvas, {
      type: dots ? 'line' : 'bar',
      data: {
        labels: labels,
        datasets: [dataset]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label(item) {
                const e = errors[item.dataIndex];
                const v = item.parsed.y;
                let text = (v == null ? '—' : v.toFixed(3)) + (e != null ? ' ± ' + e.toFixed(3) : '');
                if (tooltipExtra) {
                  text += tooltipExtra(item.dataIndex);
                }
                return text;
              }
            }
          }
        },
        scales: {
          x: { ticks: { autoSkip: false, maxRotation: 60, minRotation: 30 } },
          y: { beginAtZero: !dots, grace: dots ? '5%' : 0, title: { display: true, text: yTitle } }
        }
      },
      plugins: [errorBars]
    });
    canvas.dataset.ready = 'true';
    canvas.dataset.points = String(values.filter(v => v != null).length);
    return chart;
  }

  window.MtlCharts = { colour: colour, barChart: barChart };
})();
