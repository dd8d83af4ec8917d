// One tuning job: a summary line, the Gantt of its children over virtual time, and the
// convergence of its objective. SageMaker data from the API; zones and marks from the
// job's timeline events.

import {convergenceChart} from './convergence_chart.js';
import {instanceTypesUsed, tuningCost} from './cost.js';
import {dollars, duration, h, objective} from './format.js';
import {childRows, ganttChart, ganttLegend} from './gantt_chart.js';
import {JobEvents} from './job_events.js';
import {listTuningJobs, loadTuningJob} from './jobs_data.js';

function summaryLine(tuning, children, rows, ctx) {
  const best = tuning.BestTrainingJob?.FinalHyperParameterTuningJobObjectiveMetric;
  const end = tuning.HyperParameterTuningEndTime ?? ctx.clock.now;
  const ice = rows.reduce((n, r) => n + r.events.filter((e) => e.type === 'ice').length, 0);
  const fellBack = rows.filter((r) => r.events.some((e) => e.type === 'fell-back')).length;
  const facts = [
    ['status', tuning.HyperParameterTuningJobStatus],
    ['children', String(children.length)],
    ['ICE answers', String(ice)],
    ['children that fell back', String(fellBack)],
    ['best', best ? `${best.MetricName} ${objective(best.Value)}` : '–'],
    ['instance types used', instanceTypesUsed(children).join(', ') || '–'],
    ['cost so far', dollars(tuningCost(children, ctx.prices, ctx.clock.now))],
    ['virtual duration', duration(end - tuning.CreationTime)],
  ];
  return h('dl', {class: 'facts'}, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {dataset: {fact: k}}, v)]));
}

export function createJobView(ctx) {
  const picker = h('select', {id: 'job-picker', 'aria-label': 'tuning job', onchange: () => ctx.openJob(picker.value)});
  const content = h('div', {class: 'job-content'});
  const element = h('section', {id: 'view-job'}, h('h2', {}, 'Tuning job ', picker), content);
  let events = null;

  async function refresh() {
    const region = ctx.region();
    const {summaries} = await listTuningJobs(region);
    const chosen = ctx.selectedJob() ?? summaries[0]?.HyperParameterTuningJobName;
    picker.replaceChildren(...summaries.map(
        (s) =>
            h('option', {value: s.HyperParameterTuningJobName, selected: s.HyperParameterTuningJobName === chosen},
              s.HyperParameterTuningJobName)));
    const summary = summaries.find((s) => s.HyperParameterTuningJobName === chosen);
    if (!summary) {
      content.replaceChildren(h(
          'p', {class: 'note'}, chosen ? `No tuning job ${chosen} in ${region}.` : `No tuning job in ${region} yet.`));
      return;
    }
    if (!events || events.tuningJob !== chosen || events.createdAt !== summary.CreationTime) {
      events = new JobEvents(chosen, summary.CreationTime);
    }
    const [{tuning, children}] = await Promise.all([loadTuningJob(summary, region), events.refresh()]);
    const width = Math.max(640, element.clientWidth || 900);
    const rows = childRows(tuning, children, events.byChild(), ctx.clock.now);
    const {svg, types} = ganttChart(tuning, rows, ctx.clock.now, width);
    content.replaceChildren(
        summaryLine(tuning, children, rows, ctx), h('h3', {}, 'Children over virtual time, by instance type and zone'),
        h('div', {class: 'chart-scroll'}, svg), h('div', {class: 'legend'}, ganttLegend(types)),
        h('h3', {}, 'Convergence'), convergenceChart(tuning, children, width));
  }

  return {element, refresh};
}
