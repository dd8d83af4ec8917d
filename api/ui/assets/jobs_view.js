// Every tuning job of the region: status, children by status, best objective, the instance
// types the children ran on and what they have cost so far.

import {instanceTypesUsed, tuningCost} from './cost.js';
import {dollars, h, objective} from './format.js';
import {listTuningJobs, loadTuningJob} from './jobs_data.js';

const COUNTERS = ['Completed', 'InProgress', 'RetryableError', 'NonRetryableError', 'Stopped'];

function countersCell(counters = {}) {
  return h(
      'td', {class: 'counters'},
      COUNTERS.map((name) => h('span', {class: `counter c-${name}`, title: name}, `${name} ${counters[name] ?? 0}`)));
}

function bestObjective(tuning) {
  const best = tuning.BestTrainingJob?.FinalHyperParameterTuningJobObjectiveMetric;
  return best ? `${best.MetricName} ${objective(best.Value)}` : '–';
}

function jobRow(job, ctx) {
  const {tuning, children} = job;
  const name = tuning.HyperParameterTuningJobName;
  const open = (event) => {
    event.preventDefault();
    ctx.openJob(name);
  };
  return h(
      'tr', {dataset: {tuningJob: name}},
      h('td', {}, h('a', {href: `#job/${encodeURIComponent(name)}`, onclick: open}, name)),
      h('td', {class: `status s-${tuning.HyperParameterTuningJobStatus}`}, tuning.HyperParameterTuningJobStatus),
      h('td', {class: 'children'}, String(children.length)), countersCell(tuning.TrainingJobStatusCounters),
      h('td', {class: 'best'}, bestObjective(tuning)),
      h('td', {class: 'types'}, instanceTypesUsed(children).join(', ') || '–'),
      h('td', {class: 'cost'}, dollars(tuningCost(children, ctx.prices, ctx.clock.now))));
}

export function createJobsView(ctx) {
  const body = h('tbody');
  const note = h('p', {class: 'note'});
  const element = h(
      'section', {id: 'view-jobs'}, h('h2', {}, 'Tuning jobs'),
      h('table', {class: 'jobs'},
        h('thead', {},
          h('tr', {},
            [
              'name', 'status', 'children', 'children by status', 'best objective', 'instance types used', 'cost so far'
            ].map((t) => h('th', {}, t)))),
        body),
      note);

  async function refresh() {
    const region = ctx.region();
    const {summaries, more} = await listTuningJobs(region);
    const jobs = await Promise.all(summaries.map((summary) => loadTuningJob(summary, region)));
    body.replaceChildren(...jobs.map((job) => jobRow(job, ctx)));
    note.textContent = summaries.length ? (more ? 'The 100 newest tuning jobs. ' : '') +
            'Cost: billable seconds at the catalog\'s on-demand price (docs/dashboard.md).' :
                                          `No tuning job in ${region} yet.`;
  }

  return {element, refresh};
}
