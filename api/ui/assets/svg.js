// Small SVG drawing helpers shared by the charts: elements, linear scales, axes, the patterns
// that tell series apart without colour, and the mark shapes of timeline events.

const NS = 'http://www.w3.org/2000/svg';

export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (name === 'dataset')
      Object.assign(node.dataset, value);
    else
      node.setAttribute(name, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function title(text) {
  return s('title', {}, text);
}

// Maps [d0, d1] onto [r0, r1]; a flat domain maps to r0.
export function scale(d0, d1, r0, r1) {
  const span = d1 - d0;
  return (v) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0));
}

// About `count` round tick values over [lo, hi].
export function ticks(lo, hi, count = 6) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((m) => m >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

// Round tick values for a time axis in seconds (minute and hour steps read better).
export function timeTicks(lo, hi, count = 6) {
  const span = hi - lo;
  const steps = [1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400];
  const step = steps.find((m) => span / m <= count) ?? Math.ceil(span / count / 86400) * 86400;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
  return out;
}

export function timeLabel(seconds) {
  if (seconds % 3600 === 0 && seconds) return `${seconds / 3600} h`;
  if (seconds % 60 === 0 && seconds) return `${seconds / 60} min`;
  return `${seconds} s`;
}

// A horizontal axis along y with labels below; `label` formats a value.
export function xAxis(values, x, y, top, label) {
  return s(
      'g', {class: 'axis'},
      values.map(
          (v) =>
              s('g', {}, s('line', {x1: x(v), x2: x(v), y1: top, y2: y, class: 'grid'}),
                s('text', {x: x(v), y: y + 14, 'text-anchor': 'middle'}, label(v)))));
}

export function yAxis(values, y, x, right, label) {
  return s(
      'g', {class: 'axis'},
      values.map(
          (v) =>
              s('g', {}, s('line', {x1: x, x2: right, y1: y(v), y2: y(v), class: 'grid'}),
                s('text', {x: x - 4, y: y(v) + 4, 'text-anchor': 'end'}, label(v)))));
}

// Fill patterns, told apart by shape: instance types in the Gantt, bands in the capacity charts.
export const PATTERNS = ['solid', 'diagonal', 'dots', 'cross', 'vertical', 'horizontal'];
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];  // Okabe–Ito

export function fillFor(index) {
  const i = index % PATTERNS.length;
  return {pattern: PATTERNS[i], fill: i === 0 ? PALETTE[0] : `url(#pat-${PATTERNS[i]}-${i})`, colour: PALETTE[i]};
}

function patternDef(name, i) {
  const colour = PALETTE[i];
  const shapes = {
    diagonal: [s('path', {d: 'M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2', stroke: colour, 'stroke-width': 2.5})],
    dots: [s('circle', {cx: 4, cy: 4, r: 2.2, fill: colour})],
    cross: [s('path', {d: 'M0,4 h8 M4,0 v8', stroke: colour, 'stroke-width': 2})],
    vertical: [s('path', {d: 'M4,0 v8', stroke: colour, 'stroke-width': 3})],
    horizontal: [s('path', {d: 'M0,4 h8', stroke: colour, 'stroke-width': 3})],
  }[name];
  return s(
      'pattern', {id: `pat-${name}-${i}`, width: 8, height: 8, patternUnits: 'userSpaceOnUse'},
      s('rect', {width: 8, height: 8, fill: '#fff'}), shapes);
}

// Once per page: the pattern definitions every chart refers to by url(#…).
export function installPatterns() {
  const defs =
      s('defs', {}, PATTERNS.slice(1).map((name, k) => patternDef(name, k + 1)),
        s('pattern',
          {id: 'pat-wait', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)'},
          s('rect', {width: 6, height: 6, fill: '#fff'}),
          s('line', {x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#888', 'stroke-width': 2})),
        s('pattern', {id: 'pat-fault', width: 8, height: 8, patternUnits: 'userSpaceOnUse'},
          s('path', {d: 'M0,0 l8,8 M8,0 l-8,8', stroke: '#D55E00', 'stroke-width': 1.2, opacity: 0.6})),
        s('pattern',
          {id: 'pat-outage', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(-45)'},
          s('line', {x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#555', 'stroke-width': 1.5, opacity: 0.5})));
  document.body.append(s('svg', {width: 0, height: 0, class: 'defs', 'aria-hidden': 'true'}, defs));
}

// The shape of each timeline mark: a path around (0, 0), about 10 px across.
export const MARKS = {
  ice: {d: 'M-4,-4 L4,4 M4,-4 L-4,4', stroke: true, label: 'ICE (insufficient capacity)'},
  'fell-back': {d: 'M-4,-5 L5,0 L-4,5 Z', label: 'fell back to the next instance type'},
  waiting: {d: 'M-4,-5 h8 L-4,5 h8 Z', stroke: true, label: 'waiting: no configuration had room'},
  'quota-exceeded': {d: 'M-4,-4 h8 v8 h-8 Z', stroke: true, label: 'quota exceeded'},
  reused: {d: 'M0,-5 A5,5 0 1 1 -0.1,-5 Z M0,-2 A2,2 0 1 0 0.1,-2 Z', label: 'warm pool reused'},
  interrupted: {d: 'M3,-8 L-4,1 H1 L-3,8 L5,-1 H0 Z', label: 'spot interruption'},
  'early-stopped': {d: 'M-4,-4 h8 v8 h-8 Z', label: 'early stop'},
  failed: {d: 'M0,-6 L6,0 L0,6 L-6,0 Z', label: 'failed'},
};

export function mark(type, x, y, attrs = {}) {
  const shape = MARKS[type];
  return s('path', {
    d: shape.d,
    transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`,
    class: `mark mark-${type}${shape.stroke ? ' stroked' : ''}`,
    ...attrs,
  });
}
