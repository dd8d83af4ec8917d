// One tuning job's children over virtual time, a row each, grouped by instance type and zone:
// the wait for capacity (hatched), the run (the instance type's pattern), and a mark for each
// ICE answer, fallback, wait, warm-pool reuse, spot interruption, early stop and failure.

import {duration} from './format.js';
import {requestedTypes} from './jobs_data.js';
import {fillFor, mark, MARKS, s, scale, timeLabel, timeTicks, title, xAxis} from './svg.js';

const ROW = 22;
const GROUP_GAP = 18;
const LEFT = 200;
const TOP = 20;
const MARK_TYPES = ['ice', 'fell-back', 'waiting', 'quota-exceeded', 'reused', 'interrupted', 'early-stopped'];

function zoneOf(events) {
  const placed = events.filter((e) => e.availabilityZone && (e.type === 'granted' || e.type === 'reused'));
  return placed.length ? placed[placed.length - 1].availabilityZone : 'no zone';
}

export function childRows(tuning, children, eventsByChild, now) {
  return children.map((child) => {
    const events = eventsByChild.get(child.TrainingJobName) || [];
    const running = child.TrainingJobStatus === 'InProgress' || child.TrainingJobStatus === 'Stopping';
    const end = child.TrainingEndTime ?? (running ? now : child.LastModifiedTime);
    return {
      child,
      events,
      type: child.ResourceConfig?.InstanceType ?? '?',
      zone: zoneOf(events),
      start: child.CreationTime,
      trainStart: child.TrainingStartTime,
      end: Math.max(end, child.CreationTime),
    };
  });
}

function groupRows(rows, types) {
  const order = (row) => [types.indexOf(row.type) < 0 ? 99 : types.indexOf(row.type), row.zone];
  const sorted = [...rows].sort((a, b) => {
    const [ta, za] = order(a);
    const [tb, zb] = order(b);
    return ta - tb || za.localeCompare(zb) || a.start - b.start;
  });
  const groups = [];
  for (const row of sorted) {
    const last = groups[groups.length - 1];
    if (last && last.type === row.type && last.zone === row.zone)
      last.rows.push(row);
    else
      groups.push({type: row.type, zone: row.zone, rows: [row]});
  }
  return groups;
}

const childLabel = (name) => (name.match(/-(\d{3})-[0-9a-f]{8}$/) || [null, name])[1];

function rowMarks(row, x, y) {
  const marks = [];
  let lastX = -Infinity;
  const place = (type, time, detail) => {
    let at = x(time);
    if (at - lastX < 9) at = lastX + 9;  // marks of one instant side by side, not on top
    lastX = at;
    const shape = mark(type, at, y, {dataset: {trainingJob: row.child.TrainingJobName}});
    shape.append(title(`${MARKS[type].label}${detail ? ': ' + detail : ''}`));
    marks.push(shape);
  };
  for (const event of row.events) {
    if (MARK_TYPES.includes(event.type)) place(event.type, event.time, event.message || event.instanceType);
  }
  if (row.child.TrainingJobStatus === 'Failed') place('failed', row.end, row.child.FailureReason);
  return marks;
}

function rowBars(row, x, y, fill) {
  const waitEnd = row.trainStart ?? row.end;
  const bars = [s('rect', {
    x: x(row.start),
    y: y - 7,
    width: Math.max(1, x(waitEnd) - x(row.start)),
    height: 14,
    fill: 'url(#pat-wait)',
    class: 'wait',
    stroke: '#888'
  })];
  if (row.trainStart !== undefined) {
    bars.push(s('rect', {
      x: x(row.trainStart),
      y: y - 7,
      width: Math.max(2, x(row.end) - x(row.trainStart)),
      height: 14,
      fill: fill.fill,
      stroke: fill.colour,
      class: 'run'
    }));
  }
  return bars;
}

// One child: its label, its wait and run, its marks; hovering shows what it did.
function ganttRow(row, x, centre, fill) {
  const c = row.child;
  const ran = row.trainStart ? row.end - row.trainStart : 0;
  return s(
      'g', {
        class: 'gantt-row',
        dataset: {trainingJob: c.TrainingJobName, instanceType: row.type, zone: row.zone, status: c.TrainingJobStatus},
      },
      title(
          `${c.TrainingJobName}\n${c.TrainingJobStatus} on ${row.type} in ${row.zone}\n` +
          `waited ${duration((row.trainStart ?? row.end) - row.start)}, ran ${duration(ran)}`),
      s('text', {x: 14, y: centre + 4, class: 'row-label'}, `${childLabel(c.TrainingJobName)} ${c.TrainingJobStatus}`),
      rowBars(row, x, centre, fill), rowMarks(row, x, centre));
}

export function ganttChart(tuning, rows, now, width) {
  const types = requestedTypes(tuning);
  for (const row of rows)
    if (!types.includes(row.type)) types.push(row.type);
  const groups = groupRows(rows, types);
  const height = TOP + groups.length * GROUP_GAP + rows.length * ROW + 24;
  const t0 = tuning.CreationTime;
  // A running job's axis reaches the clock's now; a finished one's its last child's end.
  const finished = tuning.HyperParameterTuningEndTime !== undefined;
  const t1 = Math.max(t0 + 60, finished ? t0 : now, ...rows.map((r) => r.end));
  const x = scale(t0, t1, LEFT, width - 16);
  const svg = s(
      'svg',
      {width, height, class: 'gantt', role: 'img', 'aria-label': `children of ${tuning.HyperParameterTuningJobName}`});
  svg.append(xAxis(timeTicks(0, t1 - t0), (v) => x(t0 + v), height - 22, TOP - 6, timeLabel));
  let y = TOP;
  for (const group of groups) {
    y += GROUP_GAP;
    svg.append(
        s('text', {x: 4, y: y - 4, class: 'group-label'}, `${group.type} · ${group.zone} (${group.rows.length})`));
    for (const row of group.rows) {
      svg.append(ganttRow(row, x, y + ROW / 2, fillFor(types.indexOf(row.type))));
      y += ROW;
    }
  }
  return {svg, types};
}

// What the patterns and marks mean, drawn with the same shapes.
export function ganttLegend(types) {
  const item = (swatch, text) => s(
      'svg', {width: 30 + text.length * 7, height: 18, class: 'legend-item'}, swatch, s('text', {x: 24, y: 13}, text));
  const items = types.map((type, i) => {
    const fill = fillFor(i);
    return item(
        s('rect', {x: 2, y: 3, width: 18, height: 12, fill: fill.fill, stroke: fill.colour}),
        `${type}${i === 0 ? ' (preferred)' : ''}`);
  });
  items.push(
      item(s('rect', {x: 2, y: 3, width: 18, height: 12, fill: 'url(#pat-wait)', stroke: '#888'}), 'waiting to start'));
  for (const type of [...MARK_TYPES, 'failed']) items.push(item(mark(type, 11, 9), MARKS[type].label));
  return items;
}
