// The bar chart of the leaderboard and method pages: one bar (or dot) per row, coloured by source.
import { Chart, destroy, ready } from './chartjs.js';
import { errorBars } from './chart-plugins.js';
import { errorRange, heightForRows, labelBudget, middleCut, onItsSide, titleLines, widthOf } from './chart-layout.js';

// Bars from zero suit Δm (a signed gain); metric values get dots with error bars so that the
// axis need not start at zero. Bars whose labels would not fit under them lie on their side, one
// row per bar with its label in full (onItsSide); the value axis always holds every mean ± std.
// options: dots (a dot per value instead of a bar), sideways (bars on their side whatever their
// labels), minHeight (of a chart on its side; 260 px unless given).
export function barChart(canvas, labels, values, errors, colours, yTitle, tooltipExtra, options = {}) {
  const dots = options.dots;
  destroy(canvas);
  const sideways = options.sideways || onItsSide(labels, widthOf(canvas));
  heightForRows(canvas, sideways ? labels.length : 0, 20, options.minHeight);
  const dataset = dots
    ? { label: yTitle, data: values, errors: errors, showLine: false, pointRadius: 5, pointHoverRadius: 7,
        pointBackgroundColor: colours, pointBorderColor: colours }
    : { label: yTitle, data: values, errors: errors, backgroundColor: colours };
  const valueAxis = Object.assign({ beginAtZero: !dots, grace: dots ? '5%' : 0,
    title: { display: true, text: titleLines(yTitle, 40) } }, errorRange(values, errors));
  // offset: half a category of room at both ends, as bars have, so that the first and last dots and
  // their error bars are not cut by the chart's edge
  const categoryAxis = sideways
    ? { offset: true, ticks: { autoSkip: false, callback: i => middleCut(labels[i], labelBudget(widthOf(canvas), 64)) } }
    : { offset: true, ticks: { autoSkip: false, maxRotation: 60, minRotation: 30 } };
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
      indexAxis: sideways ? 'y' : 'x',
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label(item) {
              const e = errors[item.dataIndex];
              const v = sideways ? item.parsed.x : item.parsed.y;
              let text = (v == null ? '—' : v.toFixed(3)) + (e != null ? ' ± ' + e.toFixed(3) : '');
              if (tooltipExtra) {
                text += tooltipExtra(item.dataIndex);
              }
              return text;
            }
          }
        }
      },
      scales: sideways ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis }
    },
    plugins: [errorBars]
  });
  ready(canvas, values.filter(v => v != null).length);
  return chart;
}
