// What a tuning job has cost so far, priced from what the API gives: BillableTimeInSeconds
// (already net of the spot saving, as SageMaker bills it) plus the warm pool's retained
// billable time, at the catalog's on-demand price (GET /_emulator/catalog) times the instance
// count. A child still training has no BillableTimeInSeconds yet: it is priced from its
// TrainingStartTime to the virtual clock's now.

export function childCost(child, prices, nowEpochSeconds) {
  const config = child.ResourceConfig || {};
  const price = prices.get(config.InstanceType);
  if (price === undefined) return 0;
  let seconds = child.BillableTimeInSeconds;
  if (seconds === undefined) {
    const running = child.TrainingJobStatus === 'InProgress' && child.TrainingStartTime !== undefined;
    seconds = running ? Math.max(0, nowEpochSeconds - child.TrainingStartTime) : 0;
  }
  seconds += child.WarmPoolStatus?.ResourceRetainedBillableTimeInSeconds ?? 0;
  return (seconds / 3600) * price * (config.InstanceCount ?? 1);
}

export function tuningCost(children, prices, nowEpochSeconds) {
  return children.reduce((sum, child) => sum + childCost(child, prices, nowEpochSeconds), 0);
}

// The instance types the children ran on (those that started), in first-use order.
export function instanceTypesUsed(children) {
  const types = [];
  for (const child of children) {
    const type = child.ResourceConfig?.InstanceType;
    if (child.TrainingStartTime !== undefined && type && !types.includes(type)) types.push(type);
  }
  return types;
}
