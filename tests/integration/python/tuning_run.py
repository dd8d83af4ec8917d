"""Driving a tuning job to its end and reading what it did: bounded waits (instant or
realtime clock) and clock advances (manual clock), pages of the List operations followed by
hand and through botocore's paginators, and the timeline grouped by child (TuningRun holds
all of it for one finished tuning job).
"""

import re
import time

from emulator_process import POLL_SLEEP_S

TERMINAL_TUNING = frozenset({"Completed", "Failed", "Stopped"})
TERMINAL_TRAINING = frozenset({"Completed", "Failed", "Stopped"})


def strip_metadata(response):
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def child_name_pattern(tuning_name):
    return re.compile("^%s-(\\d{3})-[0-9a-f]{8}$" % re.escape(tuning_name))


def wait_until_tuning_terminal(client, name, timeout_s=20.0):
    """Polls DescribeHyperParameterTuningJob (instant/realtime clock) until a terminal status."""
    deadline = time.monotonic() + timeout_s
    while True:
        desc = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        if desc["HyperParameterTuningJobStatus"] in TERMINAL_TUNING:
            return desc
        if time.monotonic() > deadline:
            raise AssertionError("tuning job %s still %s after %.0f s of polling"
                                 % (name, desc["HyperParameterTuningJobStatus"], timeout_s))
        time.sleep(POLL_SLEEP_S)


def advance_until_tuning_terminal(emu, client, name, step_s=300, max_steps=1000):
    """Manual clock: advances step_s virtual seconds at a time until the tuning job is terminal."""
    for _ in range(max_steps):
        desc = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        if desc["HyperParameterTuningJobStatus"] in TERMINAL_TUNING:
            return desc
        emu.advance(step_s)
    raise AssertionError("tuning job %s not terminal after %d x %d virtual seconds"
                         % (name, max_steps, step_s))


def list_children_by_pages(client, tuning_name, page_size=3, max_pages=100):
    """ListTrainingJobsForHyperParameterTuningJob followed through NextToken by hand.
    Returns (summaries, pages) where pages is a list of (number of items, NextToken)."""
    return _training_summaries_by_pages(client.list_training_jobs_for_hyper_parameter_tuning_job, max_pages,
                                        HyperParameterTuningJobName=tuning_name, MaxResults=page_size)


def list_training_jobs_by_pages(client, page_size=3, max_pages=100, **filters):
    return _training_summaries_by_pages(client.list_training_jobs, max_pages, MaxResults=page_size, **filters)


def _training_summaries_by_pages(operation, max_pages, **request):
    summaries, pages, token = [], [], None
    for _ in range(max_pages):
        kwargs = dict(request) if token is None else dict(request, NextToken=token)
        page = operation(**kwargs)
        items = page["TrainingJobSummaries"]
        token = page.get("NextToken")
        pages.append((len(items), token))
        summaries.extend(items)
        if not token:
            return summaries, pages
    raise AssertionError("more than %d pages of %s" % (max_pages, request))


def paginate_all(client, operation, page_size=3, max_pages=100, **kwargs):
    """Runs botocore's paginator; returns the list of pages (bounded)."""
    paginator = client.get_paginator(operation)
    pages = []
    for page in paginator.paginate(PaginationConfig={"PageSize": page_size}, **kwargs):
        pages.append(page)
        if len(pages) > max_pages:
            raise AssertionError("paginator for %s produced more than %d pages"
                                 % (operation, max_pages))
    return pages


# A child holds instances from the moment it is granted them (or takes a warm cluster of its
# tuning job) until it releases them (or keeps them warm for the next child).
ACQUIRED = ("granted", "reused")
LET_GO = ("released", "kept-warm")


def held_instances_profile(events):
    """Walks acquire (+1) and let-go (-1) events of children in sequence order; returns the
    list of running totals after each such event."""
    held, profile = 0, []
    for event in sorted(events, key=lambda e: e["sequence"]):
        if event["type"] in ACQUIRED:
            held += 1
        elif event["type"] in LET_GO:
            held -= 1
        else:
            continue
        profile.append(held)
    return profile


def events_by_training_job(events):
    grouped = {}
    for event in events:
        if "trainingJob" in event:
            grouped.setdefault(event["trainingJob"], []).append(event)
    return grouped


def first_index(events, predicate, start=0):
    for i in range(start, len(events)):
        if predicate(events[i]):
            return i
    return None


class TuningRun:
    """Everything the tests read about one finished (or failed) tuning job."""

    def __init__(self, emu, client, name):
        self.name = name
        self.tuning = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        self.summaries, self.pages = list_children_by_pages(client, name, page_size=3)
        self.children = sorted(s["TrainingJobName"] for s in self.summaries)
        self.describes = {n: client.describe_training_job(TrainingJobName=n)
                          for n in self.children}
        self.events = emu.events(tuningJob=name)
        self.by_child = events_by_training_job(self.events)

    def summary(self, child):
        return next(s for s in self.summaries if s["TrainingJobName"] == child)
