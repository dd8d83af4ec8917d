// Capacity per pool: the pools of the chosen instance types now (GET /_emulator/capacity) and
// over the run (GET /_emulator/capacity?history=json), with outages and injected faults marked.
// Without a region filter the control plane reports every region, and so does this view.

import {allPages, control, query} from './api.js';
import {capacityChart, capacityLegend} from './capacity_chart.js';
import {h, offerRegions, regionSelect} from './format.js';

function poolsTable(rows) {
  return h(
      'table', {class: 'pools'},
      h('thead', {},
        h('tr', {}, ['region', 'instance type', 'zone', 'capacity', 'in use', 'available'].map((t) => h('th', {}, t)))),
      h('tbody', {},
        rows.map(
            (p) =>
                h('tr', {dataset: {pool: `${p.region}/${p.instanceType}/${p.availabilityZone}`}}, h('td', {}, p.region),
                  h('td', {}, p.instanceType), h('td', {}, p.availabilityZone),
                  h('td', {class: 'capacity'}, String(p.capacity)), h('td', {class: 'in-use'}, String(p.inUse)),
                  h('td', {class: 'available'}, String(p.available))))));
}

// A history read in pages lists a series on every page that holds some of its samples.
function mergeSeries(pages) {
  const byKey = new Map();
  for (const series of pages) {
    const key = [series.region, series.instanceType, series.availabilityZone, series.capacityType].join('/');
    if (byKey.has(key))
      byKey.get(key).samples.push(...series.samples);
    else
      byKey.set(key, {...series, samples: [...series.samples]});
  }
  return [...byKey.values()];
}

// The types worth showing before the user picks: those the page's tuning jobs asked for, those
// with instances in use, those with an outage, and those a fault names.
function defaultTypes(ctx, pools, faults) {
  const types = new Set(ctx.requestedTypes());
  for (const p of pools)
    if (p.inUse > 0 || p.capacity === 0) types.add(p.instanceType);
  for (const f of faults)
    for (const t of f.instanceTypes || []) types.add(t);
  return types.size ? [...types].slice(0, 4) : ['ml.m5.xlarge'];
}

export function createCapacityView(ctx) {
  let chosen = null;  // the user's own list, once typed
  const typesInput = h('input', {
    id: 'capacity-types',
    size: 40,
    list: 'instance-types',
    'aria-label': 'instance types',
    onchange: () => {
      chosen = typesInput.value.split(/[\s,]+/).filter(Boolean);
      ctx.refreshSoon();
    }
  });
  const regionChoice = regionSelect('capacity-region', () => ctx.refreshSoon());
  const kindSelect =
      h('select', {id: 'capacity-kind', 'aria-label': 'capacity type', onchange: () => ctx.refreshSoon()},
        h('option', {value: 'on-demand'}, 'on-demand'), h('option', {value: 'spot'}, 'spot'));
  const content = h('div');
  const element =
      h('section', {id: 'view-capacity'}, h('h2', {}, 'Capacity'),
        h('div', {class: 'filters'}, h('label', {}, 'instance types ', typesInput),
          h('label', {}, 'region ', regionChoice), h('label', {}, 'capacity type ', kindSelect)),
        h('div', {class: 'legend'}, capacityLegend()), content);

  async function refresh() {
    const region = regionChoice.value || undefined;
    const [all, faultsDoc] =
        await Promise.all([control('GET', '/_emulator/capacity'), control('GET', '/_emulator/faults')]);
    offerRegions(regionChoice, ctx.regions());
    const types = chosen ?? defaultTypes(ctx, all.pools, faultsDoc.faults);
    if (document.activeElement !== typesInput) typesInput.value = types.join(', ');
    const capacityType = kindSelect.value;
    const sections = await Promise.all(types.map(async (instanceType) => {
      const [pools, history] = await Promise.all([
        control('GET', '/_emulator/capacity' + query({instanceType, region})),
        allPages(
            '/_emulator/capacity', {history: 'json', instanceType, region, capacityType, maxResults: 10000}, 'history'),
      ]);
      const width = Math.max(600, (content.clientWidth || 900) - 4);
      return h(
          'div', {class: 'capacity-type', dataset: {instanceType}}, h('h3', {}, instanceType), poolsTable(pools.pools),
          mergeSeries(history.items)
              .map((series) => capacityChart(series, faultsDoc.faults, ctx.clock.elapsedSeconds, width)));
    }));
    content.replaceChildren(...sections);
  }

  return {element, refresh};
}
