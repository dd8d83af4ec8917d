// One pool over virtual time: capacity, other tenants' demand, in use and available as step
// lines told apart by dash pattern and point shape, outages (capacity 0) and the injected
// faults that cover the pool as hatched bands.

import {s, scale, ticks, timeLabel, timeTicks, title, xAxis, yAxis} from './svg.js';

const LEFT = 44;
const TOP = 22;

export const SERIES = [
  {key: 'capacity', label: 'capacity', dash: '', shape: 'circle'},
  {key: 'demand', label: 'other tenants\' demand', dash: '7 4', shape: 'triangle'},
  {key: 'inUse', label: 'in use', dash: '2 3', shape: 'square'},
  {key: 'available', label: 'available', dash: '10 3 2 3', shape: 'diamond'},
];
const MAX_POINT_MARKERS = 40;

export function pointShape(shape, x, y) {
  const d = {
    circle: `M${x - 3.5},${y} a3.5,3.5 0 1 0 7,0 a3.5,3.5 0 1 0 -7,0`,
    triangle: `M${x},${y - 4} L${x + 4},${y + 3} L${x - 4},${y + 3} Z`,
    square: `M${x - 3},${y - 3} h6 v6 h-6 Z`,
    diamond: `M${x},${y - 4} L${x + 4},${y} L${x},${y + 4} L${x - 4},${y} Z`,
  }[shape];
  return s('path', {d, class: `point point-${shape}`});
}

function stepPath(samples, key, x, y, end) {
  let d = '';
  samples.forEach((sample, i) => {
    d +=
        i === 0 ? `M${x(sample.elapsedSeconds)},${y(sample[key])}` : ` H${x(sample.elapsedSeconds)} V${y(sample[key])}`;
  });
  return d + ` H${x(end)}`;
}

// [start, end] spans (elapsed seconds) where the pool had no capacity at all.
function outages(samples, end) {
  const spans = [];
  samples.forEach((sample, i) => {
    const until = i + 1 < samples.length ? samples[i + 1].elapsedSeconds : end;
    if (sample.capacity !== 0) return;
    const last = spans[spans.length - 1];
    if (last && last[1] === sample.elapsedSeconds)
      last[1] = until;
    else
      spans.push([sample.elapsedSeconds, until]);
  });
  return spans;
}

export function faultCovers(fault, series) {
  return (!fault.region || fault.region === series.region) &&
      (!fault.instanceTypes?.length || fault.instanceTypes.includes(series.instanceType)) &&
      (!fault.availabilityZones?.length || fault.availabilityZones.includes(series.availabilityZone));
}

function bands(series, faults, x, end, top, bottom) {
  const out = [];
  for (const [a, b] of outages(series.samples, end)) {
    out.push(
        s('rect', {
          x: x(a),
          y: top,
          width: Math.max(2, x(b) - x(a)),
          height: bottom - top,
          fill: 'url(#pat-outage)',
          class: 'outage'
        },
          title(`outage: capacity 0 from ${timeLabel(Math.round(a))}`)));
  }
  faults.filter((f) => faultCovers(f, series)).forEach((fault) => {
    const from = Math.min(fault.startSeconds, end);
    const to = fault.durationSeconds == null ? end : Math.min(end, fault.startSeconds + fault.durationSeconds);
    out.push(
        s('rect', {
          x: x(from),
          y: top,
          width: Math.max(3, x(to) - x(from)),
          height: bottom - top,
          fill: 'url(#pat-fault)',
          stroke: '#D55E00',
          'stroke-dasharray': '3 2',
          class: 'fault-band',
          dataset: {fault: fault.id}
        },
          title(`fault ${fault.id}: ICE on ${fault.percentage}% of launches`)));
    out.push(s('text', {x: x(from) + 3, y: top + 10, class: 'band-label'}, `fault ${fault.id} ${fault.percentage}%`));
  });
  return out;
}

export function capacityChart(series, faults, now, width, height = 150) {
  const end = Math.max(now, ...series.samples.map((p) => p.elapsedSeconds), 1);
  const hi = Math.max(1, ...series.samples.flatMap((p) => SERIES.map((k) => p[k.key])));
  const x = scale(0, end, LEFT, width - 10);
  const y = scale(0, hi * 1.08, height - 22, TOP);
  const name = `${series.region} ${series.instanceType} ${series.availabilityZone} (${series.capacityType})`;
  const svg = s('svg', {
    width,
    height,
    class: 'capacity-chart',
    role: 'img',
    'aria-label': name,
    dataset: {region: series.region, instanceType: series.instanceType, zone: series.availabilityZone}
  });
  svg.append(s('text', {x: LEFT, y: 13, class: 'chart-title'}, name));
  svg.append(...bands(series, faults, x, end, TOP, height - 22));
  svg.append(yAxis(ticks(0, hi, 3).filter(Number.isInteger), y, LEFT, width - 10, String));
  svg.append(xAxis(timeTicks(0, end), x, height - 22, TOP, timeLabel));
  for (const line of SERIES) {
    svg.append(s('path', {
      d: stepPath(series.samples, line.key, x, y, end),
      class: `line line-${line.key}`,
      'stroke-dasharray': line.dash || null
    }));
    if (series.samples.length <= MAX_POINT_MARKERS) {
      svg.append(
          s('g', {class: `points points-${line.key}`},
            series.samples.map((p) => pointShape(line.shape, x(p.elapsedSeconds), y(p[line.key])))));
    }
  }
  return svg;
}

export function capacityLegend() {
  return SERIES
      .map(
          (line) =>
              s('svg', {width: 40 + line.label.length * 7, height: 18, class: 'legend-item'},
                s('path', {d: 'M2,9 H30', class: `line line-${line.key}`, 'stroke-dasharray': line.dash || null}),
                pointShape(line.shape, 16, 9), s('text', {x: 36, y: 13}, line.label)))
      .concat([
        s('svg', {width: 170, height: 18, class: 'legend-item'},
          s('rect', {x: 2, y: 3, width: 26, height: 12, fill: 'url(#pat-outage)', stroke: '#555'}),
          s('text', {x: 36, y: 13}, 'outage (capacity 0)')),
        s('svg', {width: 150, height: 18, class: 'legend-item'},
          s('rect', {x: 2, y: 3, width: 26, height: 12, fill: 'url(#pat-fault)', stroke: '#D55E00'}),
          s('text', {x: 36, y: 13}, 'injected fault')),
      ]);
}
