// The timeline events of one tuning job (GET /_emulator/events?tuningJob=…), kept up to date
// without reading them all again: each poll asks only from the last event's time on
// (sinceSeconds) and drops the events already held, by sequence number.

import {allPages} from './api.js';

export class JobEvents {
  constructor(tuningJob, createdAt) {
    this.tuningJob = tuningJob;
    this.createdAt = createdAt;
    this.events = [];
    this.sequences = new Set();
  }

  async refresh() {
    const since = this.events.length ? this.events[this.events.length - 1].elapsedSeconds : undefined;
    const {items} = await allPages(
        '/_emulator/events', {tuningJob: this.tuningJob, sinceSeconds: since, maxResults: 1000}, 'events');
    for (const event of items) {
      if (this.sequences.has(event.sequence)) continue;
      this.sequences.add(event.sequence);
      this.events.push(event);
    }
    return this.events;
  }

  // trainingJob → its events, in order.
  byChild() {
    const map = new Map();
    for (const event of this.events) {
      if (!event.trainingJob) continue;
      if (!map.has(event.trainingJob)) map.set(event.trainingJob, []);
      map.get(event.trainingJob).push(event);
    }
    return map;
  }
}
