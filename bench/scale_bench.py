"""Request rates as the stores grow (issue 9: "flat from 1k to 100k stored jobs"). Starts
build/amt-emulator (or AMT_EMULATOR_BIN) with --clock manual and a copy of the default scenario
whose concurrent-tuning-job quota is raised, so one account holds every job; fills it with
tuning jobs of one child each (all InProgress; the clock never moves) and, at each level, times
over one keep-alive connection:

  Create          CreateHyperParameterTuningJob, timed last: its 500 jobs count toward the
                  next level
  Describe        DescribeHyperParameterTuningJob of jobs spread over the store
  DescribeTJ      DescribeTrainingJob of children spread over the store
  List            ListHyperParameterTuningJobs, MaxResults 100, newest first (first page)
  List deep       the same, following NextToken from the middle of the store
  List by status  ListHyperParameterTuningJobs StatusEquals=InProgress, MaxResults 100
  List by name    NameContains matching the oldest 100 jobs, newest first: every job is
                  looked at (linear by design)
  ListTJ          ListTrainingJobs, MaxResults 100, first page

  scale_bench.py [LEVEL ...]      default 1000 10000 100000

Prints calls per second per level and the ratio of the last level to the first. The client is
Python's http.client (about 10k calls/s on one core here), so small differences are hidden;
what the table shows is whether a rate falls as the store grows. Every loop is bounded; the
emulator is stopped by its PID.
"""
import json
import sys
import tempfile
import time

from emulator_under_test import ROOT, Client, rss_mib, start, stop
from sagemaker_requests import blog_tuning_request

CALLS = {"Create": 500, "Describe": 3000, "DescribeTJ": 3000, "List": 1000, "List deep": 1000,
         "List by status": 1000, "List by name": 50, "ListTJ": 1000}


def one_child_request(i):
    body = blog_tuning_request("scale-%06d" % i)
    body["HyperParameterTuningJobConfig"]["ResourceLimits"] = {"MaxNumberOfTrainingJobs": 1,
                                                               "MaxParallelTrainingJobs": 1}
    return body


def scenario_file(directory, name="default"):
    """A fixture scenario (by name) with the concurrent-tuning-job quota raised."""
    scenario = json.loads((ROOT / "fixtures" / "scenarios" / (name + ".json")).read_text())
    scenario.setdefault("quotas", {})["tuning"] = {"maxConcurrentTuningJobs": 1000000}
    path = "%s/scale.json" % directory
    with open(path, "w") as f:
        json.dump(scenario, f)
    return path


def rate(calls, make_call):
    began = time.perf_counter()
    for i in range(calls):
        make_call(i)
    return calls / (time.perf_counter() - began)


class Store:
    def __init__(self, client):
        self.client, self.jobs, self.children = client, 0, []

    def create(self, n):
        for _ in range(n):
            self.client.call("CreateHyperParameterTuningJob", one_child_request(self.jobs))
            self.jobs += 1

    def learn_children(self):
        """One child name per job, read once per level by paging ListTrainingJobs (bounded)."""
        self.children, token = [], None
        for _ in range(self.jobs // 100 + 2):
            page = self.client.call("ListTrainingJobs", dict({"MaxResults": 100}, **({"NextToken": token} if token else {})))
            self.children.extend(s["TrainingJobName"] for s in page["TrainingJobSummaries"])
            token = page.get("NextToken")
            if not token:
                return
        raise SystemExit("ListTrainingJobs did not end")

    def middle_token(self):
        """The token after half the store, newest first."""
        token = None
        for _ in range(self.jobs // 200):
            page = self.client.call("ListHyperParameterTuningJobs",
                                    dict({"MaxResults": 100}, **({"NextToken": token} if token else {})))
            token = page["NextToken"]
        return token

    def rates(self):
        c, n = self.client, self.jobs
        spread = lambda i: "scale-%06d" % (i * 7919 % n)
        token = self.middle_token()
        deep = {"MaxResults": 100, **({"NextToken": token} if token else {})}
        out = {}
        out["Describe"] = rate(CALLS["Describe"], lambda i: c.call("DescribeHyperParameterTuningJob",
                                                                   {"HyperParameterTuningJobName": spread(i)}))
        out["DescribeTJ"] = rate(CALLS["DescribeTJ"], lambda i: c.call(
            "DescribeTrainingJob", {"TrainingJobName": self.children[i * 7919 % len(self.children)]}))
        out["List"] = rate(CALLS["List"], lambda i: c.call("ListHyperParameterTuningJobs", {"MaxResults": 100}))
        out["List deep"] = rate(CALLS["List deep"], lambda i: c.call("ListHyperParameterTuningJobs", deep))
        out["List by status"] = rate(CALLS["List by status"], lambda i: c.call(
            "ListHyperParameterTuningJobs", {"MaxResults": 100, "StatusEquals": "InProgress"}))
        out["List by name"] = rate(CALLS["List by name"], lambda i: c.call(
            "ListHyperParameterTuningJobs", {"MaxResults": 100, "NameContains": "scale-0000"}))
        out["ListTJ"] = rate(CALLS["ListTJ"], lambda i: c.call("ListTrainingJobs", {"MaxResults": 100}))
        out["Create"] = rate(CALLS["Create"], lambda i: self.create(1))
        return out


def main(levels):
    with tempfile.TemporaryDirectory() as directory:
        proc, port = start("manual", "--scenario", scenario_file(directory))
        try:
            store = Store(Client(port))
            table = {}
            for level in levels:
                store.create(max(0, level - store.jobs))
                store.learn_children()
                table[level] = store.rates()
                print("level %d: %d jobs, RSS %.1f MiB" % (level, store.jobs, rss_mib(proc.pid)), file=sys.stderr)
        finally:
            stop(proc)
    first, last = levels[0], levels[-1]
    print("calls/s\t" + "\t".join("%d jobs" % level for level in levels) + "\t%d / %d" % (last, first))
    for op in CALLS:
        row = [table[level][op] for level in levels]
        print("%s\t%s\t%.2f" % (op, "\t".join("%.0f" % r for r in row), row[-1] / row[0]))


if __name__ == "__main__":
    levels = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]
    if levels != sorted(levels) or levels[0] < 1000:
        raise SystemExit(__doc__)
    main(levels)
