// The dashboard's frame: the region, the tabs, and the poll that keeps the shown view and the
// controls up to date while jobs run (every 2 s, paused while the tab is hidden).

import {control} from './api.js';
import {createCapacityView} from './capacity_view.js';
import {createControlsView} from './controls_view.js';
import {createEventsView} from './events_view.js';
import {h} from './format.js';
import {createJobView} from './job_view.js';
import {forgetAll, knownRequestedTypes, knownTuningJobs} from './jobs_data.js';
import {createJobsView} from './jobs_view.js';
import {installPatterns} from './svg.js';

const POLL_MS = 2000;
const $ = (id) => document.getElementById(id);

const state = {
  ticks: 0,
  regions: [],
  selectedJob: null,
  view: 'jobs',
  timer: null,
  busy: false,
  again: false
};

const ctx = {
  prices: new Map(),
  clock: {now: 0, elapsedSeconds: 0, mode: '', pendingEvents: 0},
  region: () => $('region').value,
  regions: () => state.regions,
  selectedJob: () => state.selectedJob,
  requestedTypes: knownRequestedTypes,
  openJob(name) {
    location.hash = `job/${encodeURIComponent(name)}`;
  },
  forgetAll,
  refreshSoon: () => tick(),
};

const views = {
  jobs: createJobsView(ctx),
  job: createJobView(ctx),
  capacity: createCapacityView(ctx),
  events: createEventsView(ctx),
};
const controls = createControlsView(ctx);

function fillList(id, values) {
  const list = $(id);
  if ([...list.options].map((o) => o.value).join() === values.join()) return;
  list.replaceChildren(...values.map((v) => h('option', {value: v})));
}

function addRegions(regions) {
  const all = [...new Set([...state.regions, ...regions])].sort();
  if (all.join() === state.regions.join()) return;
  state.regions = all;
  const select = $('region');
  const value = select.value;
  select.replaceChildren(...all.map((r) => h('option', {value: r, selected: r === value}, r)));
}

function route() {
  const [view, name] = location.hash.slice(1).split('/');
  state.view = views[view] ? view : 'jobs';
  if (state.view === 'job' && name) state.selectedJob = decodeURIComponent(name);
  for (const [key, v] of Object.entries(views)) v.element.hidden = key !== state.view;
  for (const tab of document.querySelectorAll('nav a')) tab.classList.toggle('active', tab.dataset.view === state.view);
  tick();
}

async function refreshAll() {
  ctx.clock = await control('GET', '/_emulator/clock');
  // Regions appear rarely (a SageMaker call signed for a new one, a PUT that names one).
  if (state.ticks++ % 5 === 0) addRegions((await control('GET', '/_emulator/capacity')).pools.map((p) => p.region));
  await Promise.all([views[state.view].refresh(), controls.refresh()]);
  fillList('tuning-jobs', knownTuningJobs());
  $('clock').textContent = `virtual time ${Math.round(ctx.clock.elapsedSeconds)} s (${ctx.clock.mode})`;
}

// One refresh at a time; a request for another while one runs makes one more afterwards.
async function tick() {
  if (state.busy) {
    state.again = true;
    return;
  }
  state.busy = true;
  try {
    await refreshAll();
    $('status').textContent = `updated ${new Date().toLocaleTimeString()}`;
    $('status').className = 'ok';
  } catch (err) {
    $('status').textContent = `⚠ ${err.message}`;
    $('status').className = 'failed';
  } finally {
    state.busy = false;
    $('main').dataset.ready = 'true';
  }
  if (state.again) {
    state.again = false;
    tick();
  }
}

function schedule() {
  clearInterval(state.timer);
  state.timer = null;
  if ($('live').checked && document.visibilityState === 'visible') state.timer = setInterval(tick, POLL_MS);
}

async function start() {
  installPatterns();
  const [health, catalog] =
      await Promise.all([control('GET', '/_emulator/health'), control('GET', '/_emulator/catalog')]);
  for (const t of catalog.instanceTypes) ctx.prices.set(t.name, t.pricePerHour);
  fillList('instance-types', catalog.instanceTypes.map((t) => t.name));
  addRegions([health.region]);
  $('region').value = health.region;
  $('scenario').textContent = `scenario ${health.scenario.split('/').pop()}`;
  $('main').append(...Object.values(views).map((v) => v.element));
  $('layout').append(controls.element);
  $('region').addEventListener('change', () => {
    forgetAll();
    tick();
  });
  $('live').addEventListener('change', schedule);
  document.addEventListener('visibilitychange', () => {
    schedule();
    if (document.visibilityState === 'visible') tick();
  });
  window.addEventListener('hashchange', route);
  schedule();
  route();
}

start().catch((err) => {
  $('status').textContent = `⚠ could not start: ${err.message}`;
  $('status').className = 'failed';
});
