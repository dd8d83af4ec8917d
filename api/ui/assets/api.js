// The dashboard's only ways out: the SageMaker API (AWS JSON 1.1, as any SDK calls it) and the
// control plane (/_emulator/*). Requests go through one small token bucket, so that however
// many views ask, the page stays a light client of the emulator it watches.

const RATE_PER_SECOND = 8;
const BURST = 16;
let tokens = BURST;
let refilledAt = performance.now();
const waiting = [];

function refill() {
  const now = performance.now();
  tokens = Math.min(BURST, tokens + ((now - refilledAt) / 1000) * RATE_PER_SECOND);
  refilledAt = now;
}

function drain() {
  refill();
  while (waiting.length && tokens >= 1) {
    tokens -= 1;
    waiting.shift()();
  }
  if (waiting.length) setTimeout(drain, 1000 / RATE_PER_SECOND);
}

function slot() {
  return new Promise((resolve) => {
    waiting.push(resolve);
    drain();
  });
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(`${code}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

async function send(url, init) {
  await slot();
  const res = await fetch(url, init);
  const text = await res.text();
  const doc = text ? JSON.parse(text) : {};
  if (!res.ok) {
    // AWS JSON errors carry __type and message; the control plane's error and message.
    const code = doc.error || String(doc.__type || 'Error').split('#').pop();
    throw new ApiError(res.status, code, doc.message || doc.Message || text);
  }
  return doc;
}

// An unsigned-looking SigV4 header: the emulator reads the region (and the account) from the
// credential scope and does not check signatures (wire-protocols.md §1.3).
function authorization(region) {
  return `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${region}/sagemaker/aws4_request, ` +
      'SignedHeaders=host;x-amz-target, Signature=0';
}

export function sagemaker(operation, body, region) {
  return send('/', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `SageMaker.${operation}`,
      Authorization: authorization(region),
    },
    body: JSON.stringify(body),
  });
}

export function control(method, path, body) {
  const init = {method};
  if (body !== undefined) {
    init.headers = {'Content-Type': 'application/json'};
    init.body = JSON.stringify(body);
  }
  return send(path, init);
}

// "?a=1&b=2" of the members that are set.
export function query(params) {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? '?' + new URLSearchParams(entries).toString() : '';
}

// Every page of a paged control-plane read, following nextToken (at most `maxPages`).
export async function allPages(path, params, member, maxPages = 20) {
  const items = [];
  let token;
  for (let page = 0; page < maxPages; page++) {
    const doc = await control('GET', path + query({...params, nextToken: token}));
    items.push(...doc[member]);
    token = doc.nextToken;
    if (!token) return {items, complete: true};
  }
  return {items, complete: false};
}
