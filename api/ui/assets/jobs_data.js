// Tuning jobs and their children as the SageMaker API gives them, with the little caching that
// keeps polling light: a finished job or child is described once (keyed by name and creation
// time, so a reset that reuses a name is not served stale data).

import {sagemaker} from './api.js';

const TUNING_DONE = new Set(['Completed', 'Failed', 'Stopped', 'Deleted']);
const TRAINING_DONE = new Set(['Completed', 'Failed', 'Stopped']);
// A finished child whose warm pool is still held keeps changing (retained billable time).
const WARM_POOL_OPEN = new Set(['Available', 'InUse']);

const tuningCache = new Map();   // key → DescribeHyperParameterTuningJob answer
const childCache = new Map();    // key → DescribeTrainingJob answer
const finishedJobs = new Map();  // key → {tuning, children} of a job that can no longer change

const keyOf = (name, created) => `${name}@${created}`;

export function forgetAll() {
  tuningCache.clear();
  childCache.clear();
  finishedJobs.clear();
}

// Up to 100 tuning jobs of the region, newest first (ListHyperParameterTuningJobs).
export async function listTuningJobs(region) {
  const doc = await sagemaker(
      'ListHyperParameterTuningJobs', {MaxResults: 100, SortBy: 'CreationTime', SortOrder: 'Descending'}, region);
  return {summaries: doc.HyperParameterTuningJobSummaries, more: Boolean(doc.NextToken)};
}

export async function describeTuningJob(name, created, region) {
  const key = keyOf(name, created);
  const cached = tuningCache.get(key);
  if (cached && TUNING_DONE.has(cached.HyperParameterTuningJobStatus)) return cached;
  const doc = await sagemaker('DescribeHyperParameterTuningJob', {HyperParameterTuningJobName: name}, region);
  tuningCache.set(key, doc);
  return doc;
}

// Every child summary of a tuning job (ListTrainingJobsForHyperParameterTuningJob, 100 a page).
export async function listChildren(name, region) {
  const children = [];
  let token;
  do {
    const body = {HyperParameterTuningJobName: name, MaxResults: 100};
    if (token) body.NextToken = token;
    const doc = await sagemaker('ListTrainingJobsForHyperParameterTuningJob', body, region);
    children.push(...doc.TrainingJobSummaries);
    token = doc.NextToken;
  } while (token);
  return children;
}

function settled(doc) {
  return TRAINING_DONE.has(doc.TrainingJobStatus) && !WARM_POOL_OPEN.has(doc.WarmPoolStatus?.Status);
}

export async function describeChild(summary, region) {
  const key = keyOf(summary.TrainingJobName, summary.CreationTime);
  const cached = childCache.get(key);
  if (cached && settled(cached)) return cached;
  const doc = await sagemaker('DescribeTrainingJob', {TrainingJobName: summary.TrainingJobName}, region);
  childCache.set(key, doc);
  return doc;
}

// A tuning job with its description and every child described, in creation order.
export async function loadTuningJob(summary, region) {
  const name = summary.HyperParameterTuningJobName;
  const key = keyOf(name, summary.CreationTime);
  if (finishedJobs.has(key)) return finishedJobs.get(key);
  const [tuning, summaries] = await Promise.all([
    describeTuningJob(name, summary.CreationTime, region),
    listChildren(name, region),
  ]);
  const children = await Promise.all(summaries.map((s) => describeChild(s, region)));
  children.sort((a, b) => a.CreationTime - b.CreationTime || a.TrainingJobName.localeCompare(b.TrainingJobName));
  const job = {tuning, children};
  if (TUNING_DONE.has(tuning.HyperParameterTuningJobStatus) && children.every(settled)) finishedJobs.set(key, job);
  return job;
}

// The instance types of the request, in preference order (the first is the preferred one).
export function requestedTypes(tuning) {
  const definition = tuning.TrainingJobDefinition || {};
  const configs = definition.HyperParameterTuningResourceConfig?.InstanceConfigs;
  if (configs?.length) return configs.map((c) => c.InstanceType);
  const single = definition.HyperParameterTuningResourceConfig?.InstanceType || definition.ResourceConfig?.InstanceType;
  return single ? [single] : [];
}

// What the page has seen so far: the tuning jobs described and the instance types they asked for.
export function knownTuningJobs() {
  return [...new Set([...tuningCache.values()].map((t) => t.HyperParameterTuningJobName))];
}

export function knownRequestedTypes() {
  return [...new Set([...tuningCache.values()].flatMap(requestedTypes))];
}
