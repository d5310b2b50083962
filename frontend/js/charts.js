// The bar chart of the leaderboard and method pages: one bar (or dot) per row, coloured by source.
import { Chart, destroy, ready } from './chartjs.js';
import { errorBars } from './chart-plugins.js';

// Bars from zero suit Δm (a signed gain); metric values get dots with error bars so that the
// axis need not start at zero.
export function barChart(canvas, labels, values, errors, colours, yTitle, tooltipExtra, dots) {
  destroy(canvas);
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
  ready(canvas, values.filter(v => v != null).length);
  return chart;
}
