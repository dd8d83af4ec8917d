// The event timeline (GET /_emulator/events), paged as the API pages it. Tuning job, type and
// region are the API's own filters; instance type and zone, which the API does not filter on, narrow
// the page that came back (so a page may show fewer rows than its size).

import {control, query} from './api.js';
import {h, offerRegions, regionSelect} from './format.js';

export const EVENT_TYPES = [
  'launched', 'asked', 'ice', 'fell-back', 'granted', 'reused', 'kept-warm', 'warm-pool-released', 'waiting',
  'quota-exceeded', 'released', 'capacity-error', 'training-status', 'interrupted', 'tuning-status', 'early-stopped',
  'capacity-changed', 'fault-added', 'fault-removed'
];

const COLUMNS = [
  'sequence', 'elapsedSeconds', 'type', 'region', 'tuningJob', 'trainingJob', 'instanceType', 'availabilityZone',
  'message'
];

function eventRow(event) {
  return h(
      'tr', {dataset: {sequence: event.sequence, type: event.type}},
      COLUMNS.map((c) => h('td', {class: `col-${c}${c === 'type' ? ' ev-' + event.type : ''}`}, event[c] ?? '')));
}

export function createEventsView(ctx) {
  const field = (id, label, attrs = {}) =>
      h('input', {id, 'aria-label': label, placeholder: label, size: 16, ...attrs});
  const job = field('events-job', 'tuning job', {list: 'tuning-jobs'});
  const type =
      h('select', {id: 'events-type', 'aria-label': 'event type'}, h('option', {value: ''}, 'every type'),
        EVENT_TYPES.map((t) => h('option', {value: t}, t)));
  const instanceType = field('events-instance-type', 'instance type', {list: 'instance-types'});
  const zone = field('events-zone', 'zone');
  // A region's events and those of no region (a fault of every region), as the API filters.
  const region = regionSelect('events-region');
  const size =
      h('select', {id: 'events-page-size', 'aria-label': 'page size'},
        [50, 100, 500, 1000].map((n) => h('option', {value: n, selected: n === 100}, `${n} a page`)));
  const position = h('span', {class: 'page-position'});
  const body = h('tbody');
  // The tokens of the pages before the one shown: the API pages forward only, so "previous"
  // replays the token that led to it.
  let tokens = [undefined];

  const restart = () => {
    tokens = [undefined];
    ctx.refreshSoon();
  };
  for (const input of [job, type, region, size]) input.addEventListener('change', restart);
  for (const input of [instanceType, zone]) input.addEventListener('change', () => ctx.refreshSoon());
  const next =
      h('button', {
        id: 'events-next',
        onclick: () => {
          tokens.push(next.dataset.token);
          ctx.refreshSoon();
        }
      },
        'Next page');
  const previous =
      h('button', {
        id: 'events-previous',
        onclick: () => {
          tokens.pop();
          ctx.refreshSoon();
        }
      },
        'Previous page');
  const first = h('button', {id: 'events-first', onclick: restart}, 'First page');

  const element =
      h('section', {id: 'view-events'}, h('h2', {}, 'Events'),
        h('div', {class: 'filters'}, job, type, region, instanceType, zone, size, first, previous, next, position),
        h('table', {class: 'events'}, h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', {}, c)))), body));

  async function refresh() {
    offerRegions(region, ctx.regions());
    const doc = await control('GET', '/_emulator/events' + query({
                                       tuningJob: job.value.trim(),
                                       type: type.value,
                                       region: region.value,
                                       maxResults: size.value,
                                       nextToken: tokens[tokens.length - 1]
                                     }));
    const wantType = instanceType.value.trim();
    const wantZone = zone.value.trim();
    const shown = doc.events.filter(
        (e) => (!wantType || e.instanceType === wantType) && (!wantZone || e.availabilityZone === wantZone));
    body.replaceChildren(...shown.map(eventRow));
    next.dataset.token = doc.nextToken ?? '';
    next.disabled = !doc.nextToken;
    previous.disabled = tokens.length < 2;
    position.textContent = `page ${tokens.length} · ${shown.length} of ${doc.events.length} events on it`;
  }

  return {element, refresh};
}
