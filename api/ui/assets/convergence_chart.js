// The objective of each child in the order the children finished, and the running best: how
// fast the search converged. Shapes tell completed (circle) from early-stopped (square) apart.

import {objective as formatObjective} from './format.js';
import {s, scale, ticks, title, xAxis, yAxis} from './svg.js';

const LEFT = 70;
const TOP = 12;

export function objectiveOf(child, metricName) {
  const metric = (child.FinalMetricDataList || []).find((m) => m.MetricName === metricName);
  return metric?.Value;
}

// [{child, value, best}] in finishing order, for the children with an objective value.
export function convergence(tuning, children) {
  const spec = tuning.HyperParameterTuningJobConfig?.HyperParameterTuningJobObjective || {};
  const better = spec.Type === 'Maximize' ? (a, b) => a > b : (a, b) => a < b;
  const points = children.map((child) => ({child, value: objectiveOf(child, spec.MetricName)}))
                     .filter((p) => p.value !== undefined && p.child.TrainingEndTime !== undefined)
                     .sort((a, b) => a.child.TrainingEndTime - b.child.TrainingEndTime);
  let best;
  for (const point of points) {
    if (best === undefined || better(point.value, best)) best = point.value;
    point.best = best;
  }
  return {points, metric: spec.MetricName, type: spec.Type};
}

export function convergenceChart(tuning, children, width, height = 220) {
  const {points, metric, type} = convergence(tuning, children);
  const svg = s(
      'svg', {width, height, class: 'convergence', role: 'img', 'aria-label': `${metric} per child and running best`});
  if (!points.length) {
    svg.append(s('text', {x: LEFT, y: height / 2}, 'No child has reported its objective yet.'));
    return svg;
  }
  const values = points.map((p) => p.value);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const x = scale(0, Math.max(1, points.length - 1), LEFT + 10, width - 20);
  const y = scale(lo, hi, height - 30, TOP);
  svg.append(yAxis(ticks(lo, hi, 4), y, LEFT, width - 10, formatObjective));
  svg.append(xAxis(points.map((_, i) => i), x, height - 30, TOP, (i) => String(i + 1)));
  const stepPath = points.map((p, i) => (i === 0 ? `M${x(0)},${y(p.best)}` : `H${x(i)} V${y(p.best)}`)).join(' ');
  svg.append(s('path', {d: stepPath, class: 'best-line'}, title(`running best ${metric} (${type})`)));
  points.forEach((p, i) => {
    const stopped = p.child.TrainingJobStatus === 'Stopped';
    const attrs = {
      class: `objective-point${stopped ? ' stopped' : ''}`,
      dataset: {trainingJob: p.child.TrainingJobName, value: p.value}
    };
    const shape = stopped ? s('rect', {x: x(i) - 4, y: y(p.value) - 4, width: 8, height: 8, ...attrs}) :
                            s('circle', {cx: x(i), cy: y(p.value), r: 4.5, ...attrs});
    shape.append(title(`${p.child.TrainingJobName}: ${metric} = ${p.value}${stopped ? ' (early-stopped)' : ''}`));
    svg.append(shape);
  });
  svg.append(
      s('text', {x: LEFT, y: height - 4, class: 'axis-title'},
        `children in finishing order · ${metric} (${
            type}) · line: running best · square: early-stopped, circle: completed`));
  return svg;
}
