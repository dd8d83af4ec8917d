// The levers a tester reaches for, each exactly one control-plane call of docs/control-plane.md:
// advance the clock, set a pool's capacity, inject or remove a fault, reset. The answer (or
// the error) of the last call is shown as it came back.

import {control} from './api.js';
import {duration, h, offerRegions, regionSelect} from './format.js';

const list = (text) => text.split(/[\s,]+/).filter(Boolean);

export function createControlsView(ctx) {
  const log = h('p', {id: 'call-log', role: 'status'});
  const clockText = h('p', {id: 'clock-state'});
  const faultList = h('ul', {id: 'fault-list'});

  async function call(method, path, body, after) {
    const label = `${method} ${path}`;
    try {
      const doc = await control(method, path, body);
      log.className = 'ok';
      log.textContent = `${label} → OK ${JSON.stringify(doc).slice(0, 300)}`;
      if (after) after();
      ctx.refreshSoon();
    } catch (err) {
      log.className = 'failed';
      log.textContent = `${label} → failed (${err.status}) ${err.message}`;
    }
  }

  const advance =
      h('input', {id: 'advance-seconds', type: 'number', min: 0, value: 600, 'aria-label': 'seconds to advance'});
  const capType =
      h('input', {id: 'cap-type', list: 'instance-types', placeholder: 'ml.m5.xlarge', 'aria-label': 'instance type'});
  const capZone = h('input', {id: 'cap-zone', placeholder: 'every zone', 'aria-label': 'zone', size: 12});
  const capRegion = regionSelect('cap-region');
  const capValue = h('input', {id: 'cap-value', type: 'number', min: 0, value: 0, 'aria-label': 'capacity'});
  const faultTypes = h(
      'input', {id: 'fault-types', placeholder: 'every type', list: 'instance-types', 'aria-label': 'instance types'});
  const faultZones = h('input', {id: 'fault-zones', placeholder: 'every zone', 'aria-label': 'zones', size: 12});
  const faultRegion = regionSelect('fault-region');
  const faultPercent =
      h('input', {id: 'fault-percentage', type: 'number', min: 1, max: 100, value: 100, 'aria-label': 'percentage'});
  const faultDuration =
      h('input',
        {id: 'fault-duration', type: 'number', min: 1, placeholder: 'until removed', 'aria-label': 'duration seconds'});
  const seed =
      h('input', {id: 'reset-seed', type: 'number', min: 0, placeholder: 'start-up seed', 'aria-label': 'seed'});

  const setCapacity = () => {
    const pool = {instanceType: capType.value.trim(), capacity: Number(capValue.value)};
    if (capZone.value.trim()) pool.availabilityZone = capZone.value.trim();
    if (capRegion.value) pool.region = capRegion.value;
    call('PUT', '/_emulator/capacity', {pools: [pool]});
  };
  const injectFault = () => {
    const fault = {
      instanceTypes: list(faultTypes.value),
      availabilityZones: list(faultZones.value),
      percentage: Number(faultPercent.value)
    };
    if (faultDuration.value) fault.durationSeconds = Number(faultDuration.value);
    if (faultRegion.value) fault.region = faultRegion.value;
    call('POST', '/_emulator/faults', fault);
  };
  // Reset drops every job: the first click arms it, a second within 4 s does it.
  const resetButton = h('button', {id: 'reset', class: 'danger'}, 'Reset');
  let armed = null;
  resetButton.addEventListener('click', () => {
    if (!armed) {
      resetButton.textContent = 'Click again to reset';
      armed = setTimeout(() => {
        armed = null;
        resetButton.textContent = 'Reset';
      }, 4000);
      return;
    }
    clearTimeout(armed);
    armed = null;
    resetButton.textContent = 'Reset';
    call('POST', '/_emulator/reset', seed.value === '' ? {} : {seed: Number(seed.value)}, ctx.forgetAll);
  });

  const element =
      h('aside', {id: 'controls'}, h('h2', {}, 'Controls'),
        h('fieldset', {}, h('legend', {}, 'Clock'), clockText, h('label', {}, 'seconds ', advance),
          h('button',
            {id: 'advance', onclick: () => call('POST', '/_emulator/clock', {advanceSeconds: Number(advance.value)})},
            'Advance')),
        h('fieldset', {}, h('legend', {}, 'Pool capacity'), h('label', {}, 'type ', capType),
          h('label', {}, 'zone ', capZone), h('label', {}, 'region ', capRegion), h('label', {}, 'capacity ', capValue),
          h('button', {id: 'set-capacity', onclick: setCapacity}, 'Set capacity')),
        h('fieldset', {}, h('legend', {}, 'Faults (ICE on launches)'), h('label', {}, 'types ', faultTypes),
          h('label', {}, 'zones ', faultZones), h('label', {}, 'region ', faultRegion),
          h('label', {}, '% ', faultPercent), h('label', {}, 'for s ', faultDuration),
          h('button', {id: 'inject-fault', onclick: injectFault}, 'Inject fault'), faultList,
          h('button', {id: 'remove-all-faults', onclick: () => call('DELETE', '/_emulator/faults')},
            'Remove all faults')),
        h('fieldset', {}, h('legend', {}, 'Reset'), h('label', {}, 'seed ', seed), resetButton), log);

  function faultItem(fault) {
    const what = `${fault.id}: ${fault.percentage}% of ${fault.instanceTypes?.join(', ') || 'every type'} in ` +
        `${fault.availabilityZones?.join(', ') || 'every zone'}${fault.region ? ' (' + fault.region + ')' : ''}` +
        `${fault.active ? ' · active' : ' · not active'}`;
    return h(
        'li', {dataset: {fault: fault.id}}, what, ' ',
        h('button', {
          class: 'remove-fault',
          dataset: {fault: fault.id},
          onclick: () => call('DELETE', `/_emulator/faults/${encodeURIComponent(fault.id)}`)
        },
          'Remove'));
  }

  async function refresh() {
    const c = ctx.clock;
    clockText.textContent =
        `${c.mode} clock · virtual ${duration(c.elapsedSeconds)} · ${c.pendingEvents} events pending` +
        (c.nextEventSeconds === undefined ? '' : ` · next at ${duration(c.nextEventSeconds)}`);
    for (const select of [capRegion, faultRegion]) offerRegions(select, ctx.regions());
    const {faults} = await control('GET', '/_emulator/faults');
    faultList.replaceChildren(...faults.map(faultItem));
  }

  return {element, refresh};
}
