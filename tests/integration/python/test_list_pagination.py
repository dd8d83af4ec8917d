"""Pages of ListTrainingJobs and ListHyperParameterTuningJobs with MaxResults=2, through
NextToken by hand and through boto3's paginators (sagemaker-api.md §1.6, §3.13;
emulator/listing.cc, store/sorted_jobs.h, store/pagination.cc).

The account-wide lists are keyset-paged: a token names its query (operation, sort and filters)
and the sort key of the page's last job, so the next page starts right after that job even if
it has been deleted since. Every order is total: Name; CreationTime, then name; Status (as the
wire spells it), then name; Descending is the exact reverse of Ascending.

Each class files jobs of every status (Completed, Failed, Stopped, and InProgress ones created
last) on the manual clock, created in an order that is not their names' order and with two
created at the same instant, then leaves the clock still. The expected order is computed from
DescribeTrainingJob / DescribeHyperParameterTuningJob, not from a List answer.
"""

import unittest

import botocore.exceptions

from emulator_process import EmulatorTestCase
from sagemaker_requests import basic_training_request, blog_tuning_request
from tuning_run import TERMINAL_TRAINING, TERMINAL_TUNING, paginate_all

PAGE = 2
ORDERS = [(by, order) for by in ("Name", "CreationTime", "Status") for order in ("Ascending", "Descending")]
TOKEN_MESSAGE = "Invalid pagination token: it does not belong to this query."
DRY_TYPES = ("ml.c5.xlarge", "ml.c5.2xlarge")
STEP_S, MAX_STEPS = 300, 100
TERMINAL = TERMINAL_TRAINING | TERMINAL_TUNING
# (name, role) in creation order; "+" marks a job created at the same instant as the one before.
PLAN = [("kilo", "complete"), ("bravo", "complete"), ("hotel", "stop"), ("+alpha", "complete"),
        ("juliet", "fail"), ("delta", "complete"), ("oscar", "complete"), ("echo", "stop"),
        ("charlie", "complete"), ("lima", "fail"), ("mike", "complete"), ("+papa", "complete"),
        ("november", "stop"), ("quebec", "complete"), ("romeo", "complete"), ("sierra", "complete"),
        ("golf", "run"), ("foxtrot", "run")]


def expected_order(facts, sort_by, sort_order):
    """Names sorted as the emulator documents it; facts: name -> (status, creation time)."""
    key = {"Name": lambda n: (n,), "CreationTime": lambda n: (facts[n][1], n),
           "Status": lambda n: (facts[n][0], n)}[sort_by]
    names = sorted(facts, key=key)
    return names[::-1] if sort_order == "Descending" else names


class ListFixture:
    """Mixed into a TestCase before a job-kind mixin (TrainingJobs, TuningJobs) and
    EmulatorTestCase: files the jobs of PLAN in a fresh emulator."""

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()
        with emu.showing_log_on_error():
            emu.set_capacity([{"instanceType": t, "capacity": 0} for t in DRY_TYPES])
            cls.names = []
            for i, (name, role) in enumerate(p for p in PLAN if p[1] != "run"):
                if i and not name.startswith("+"):
                    emu.advance(1)
                cls.names.append(cls.prefix + name.lstrip("+"))
                cls.create(cls.names[-1], role)
            emu.advance(30)
            for name, role in PLAN:
                if role == "stop":
                    cls.stop(cls.prefix + name.lstrip("+"))
            for _ in range(MAX_STEPS):
                if all(cls.describe(n)[0] in TERMINAL for n in cls.names):
                    break
                emu.advance(STEP_S)
            for name, role in PLAN:
                if role == "run":  # created last and left running: the clock stands still now
                    cls.names.append(cls.prefix + name.lstrip("+"))
                    cls.create(cls.names[-1], role)

    def facts(self):
        """name -> (status, creation time) of the jobs that exist now."""
        return {n: self.describe(n) for n in self.names}

    def list_page(self, sort_by, sort_order, token=None):
        kwargs = {"MaxResults": PAGE, "SortBy": sort_by, "SortOrder": sort_order}
        if token is not None:
            kwargs["NextToken"] = token
        page = getattr(self.client, self.operation)(**kwargs)
        return [s[self.name_key] for s in page[self.summaries]], page.get("NextToken"), page

    def paginator_pages(self, max_pages, **kwargs):
        return paginate_all(self.client, self.operation, page_size=PAGE, max_pages=max_pages, **kwargs)


class PageOrderChecks(ListFixture):
    def test_the_jobs_have_every_status(self):
        statuses = {status for status, _ in self.facts().values()}
        self.assertLessEqual({"Completed", "Failed", "Stopped", "InProgress"}, statuses)

    def test_pages_by_next_token_in_every_order(self):
        facts = self.facts()
        for sort_by, sort_order in ORDERS:
            with self.subTest(SortBy=sort_by, SortOrder=sort_order):
                names, tokens, token = [], [], None
                for _ in range(len(facts) + 2):
                    page, token, raw = self.list_page(sort_by, sort_order, token)
                    self.assertLessEqual(len(page), PAGE)
                    for s in raw[self.summaries]:
                        self.assertEqual(s[self.status_key], facts[s[self.name_key]][0], s)
                    names += page
                    tokens.append(token)
                    if token is None:
                        break
                self.assertEqual(names, expected_order(facts, sort_by, sort_order))
                self.assertGreaterEqual(len(tokens), -(-len(facts) // PAGE))
                self.assertEqual(len(set(tokens[:-1])), len(tokens) - 1, "a token repeated")

    def test_paginator_in_every_order(self):
        facts = self.facts()
        for sort_by, sort_order in ORDERS:
            with self.subTest(SortBy=sort_by, SortOrder=sort_order):
                pages = self.paginator_pages(len(facts) + 2, SortBy=sort_by, SortOrder=sort_order)
                self.assertTrue(all(len(p[self.summaries]) <= PAGE for p in pages))
                self.assertGreater(len(pages), 1)
                names = [s[self.name_key] for p in pages for s in p[self.summaries]]
                self.assertEqual(names, expected_order(facts, sort_by, sort_order))


class DeletionChecks(ListFixture):
    """After the first page that ends on a finished job, that job (the one the token points
    after) and the first finished job listed are deleted; the following pages must go on from
    where the last page ended, listing every job exactly once."""

    def walk_deleting(self, pages, facts):
        """pages yields the names of each page in turn; returns (names, deleted, pages read
        after the deletion)."""
        names, deleted, after = [], [], 0
        for page in pages:
            after += bool(deleted)
            names += page
            if not deleted and page and facts[page[-1]][0] in TERMINAL:
                first = next(n for n in names if facts[n][0] in TERMINAL)
                deleted = [page[-1]] + ([first] if first != page[-1] else [])
                for name in deleted:
                    self.delete(name)
                    self.names.remove(name)
        return names, deleted, after

    def assert_gone(self, deleted, max_pages):
        listed = {s[self.name_key] for p in self.paginator_pages(max_pages) for s in p[self.summaries]}
        self.assertFalse(set(deleted) & listed)

    def test_a_job_listed_on_an_earlier_page_deleted_between_pages(self):
        for sort_by, sort_order in ORDERS:
            with self.subTest(SortBy=sort_by, SortOrder=sort_order):
                facts = self.facts()

                def pages():
                    token = None
                    for _ in range(len(facts) + 2):
                        page, token, _ = self.list_page(sort_by, sort_order, token)
                        yield page
                        if token is None:
                            return
                    self.fail("more than %d pages" % (len(facts) + 2))
                names, deleted, after = self.walk_deleting(pages(), facts)
                self.assertTrue(deleted and after, "no page with a successor ended on a finished job")
                self.assertEqual(names, expected_order(facts, sort_by, sort_order))
                self.assert_gone(deleted, len(facts) + 2)

    def test_paginator_goes_on_after_a_deletion(self):
        facts = self.facts()
        paginator = self.client.get_paginator(self.operation)
        pages = ([s[self.name_key] for s in p[self.summaries]] for p in paginator.paginate(
            SortBy="Name", SortOrder="Descending", PaginationConfig={"PageSize": PAGE, "MaxItems": 100}))
        names, deleted, after = self.walk_deleting(pages, facts)
        self.assertTrue(deleted and after, "no page with a successor ended on a finished job")
        self.assertEqual(names, expected_order(facts, "Name", "Descending"))
        self.assert_gone(deleted, len(facts) + 2)


class TrainingJobs:
    prefix, operation = "lt-", "list_training_jobs"
    summaries, name_key, status_key = "TrainingJobSummaries", "TrainingJobName", "TrainingJobStatus"

    @classmethod
    def create(cls, name, role):
        cls.client.create_training_job(**basic_training_request(name, DRY_TYPES[0] if role == "fail"
                                                                else "ml.m5.xlarge"))

    @classmethod
    def stop(cls, name):
        cls.client.stop_training_job(TrainingJobName=name)

    @classmethod
    def describe(cls, name):
        d = cls.client.describe_training_job(TrainingJobName=name)
        return d["TrainingJobStatus"], d["CreationTime"]

    def delete(self, name):
        self.client.delete_training_job(TrainingJobName=name)


class TuningJobs:
    prefix, operation = "lh-", "list_hyper_parameter_tuning_jobs"
    summaries, name_key = "HyperParameterTuningJobSummaries", "HyperParameterTuningJobName"
    status_key = "HyperParameterTuningJobStatus"

    @classmethod
    def create(cls, name, role):
        request = blog_tuning_request(name)
        # Five failed training jobs fail a tuning job (fewer leave it Completed), so the
        # failing ones run five.
        jobs = 5 if role == "fail" else 2
        request["HyperParameterTuningJobConfig"]["ResourceLimits"] = {
            "MaxNumberOfTrainingJobs": jobs, "MaxParallelTrainingJobs": jobs}
        if role == "fail":
            request["TrainingJobDefinition"]["HyperParameterTuningResourceConfig"]["InstanceConfigs"] = [
                {"InstanceType": t, "InstanceCount": 1, "VolumeSizeInGB": 5} for t in DRY_TYPES]
        cls.client.create_hyper_parameter_tuning_job(**request)

    @classmethod
    def stop(cls, name):
        cls.client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)

    @classmethod
    def describe(cls, name):
        d = cls.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        return d["HyperParameterTuningJobStatus"], d["CreationTime"]

    def delete(self, name):
        self.client.delete_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)


class TrainingJobPagesTest(PageOrderChecks, TrainingJobs, EmulatorTestCase):
    """ListTrainingJobs over standalone training jobs."""


class TrainingJobPagesWithDeletionsTest(DeletionChecks, TrainingJobs, EmulatorTestCase):
    """ListTrainingJobs while training jobs are deleted."""


class TuningJobPagesTest(PageOrderChecks, TuningJobs, EmulatorTestCase):
    """ListHyperParameterTuningJobs."""


class TuningJobPagesWithDeletionsTest(DeletionChecks, TuningJobs, EmulatorTestCase):
    """ListHyperParameterTuningJobs while tuning jobs are deleted."""


class PaginationTokenTest(EmulatorTestCase):
    """A token belongs to its query: another operation, another sort or a garbled token is a
    ValidationException."""

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = client = emu.client()
        for i in range(3):
            client.create_training_job(**basic_training_request("tok-train-%d" % i))
            request = blog_tuning_request("tok-tuning-%d" % i)
            request["HyperParameterTuningJobConfig"]["ResourceLimits"] = {
                "MaxNumberOfTrainingJobs": 3, "MaxParallelTrainingJobs": 3}
            client.create_hyper_parameter_tuning_job(**request)
        emu.advance(60)  # the tuners launch their children; then the clock stands still
        cls.tokens = {
            "ListTrainingJobs": client.list_training_jobs(MaxResults=1)["NextToken"],
            "ListHyperParameterTuningJobs": client.list_hyper_parameter_tuning_jobs(MaxResults=1)["NextToken"],
            "ListTrainingJobsForHyperParameterTuningJob": client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName="tok-tuning-0", MaxResults=1)["NextToken"],
        }
        cls.calls = {
            "ListTrainingJobs": lambda **kw: client.list_training_jobs(MaxResults=1, **kw),
            "ListHyperParameterTuningJobs": lambda **kw: client.list_hyper_parameter_tuning_jobs(MaxResults=1, **kw),
            "ListTrainingJobsForHyperParameterTuningJob": lambda **kw:
                client.list_training_jobs_for_hyper_parameter_tuning_job(
                    HyperParameterTuningJobName="tok-tuning-0", MaxResults=1, **kw),
        }

    def assert_refused(self, call, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            call(**kwargs)
        error = ctx.exception.response["Error"]
        self.assertEqual((error["Code"], error["Message"]), ("ValidationException", TOKEN_MESSAGE))

    def test_tokens_work_where_they_come_from(self):
        for operation, token in self.tokens.items():
            with self.subTest(operation):
                self.calls[operation](NextToken=token)

    def test_a_token_of_another_operation_is_refused(self):
        for source, token in self.tokens.items():
            for operation, call in self.calls.items():
                if operation != source:
                    with self.subTest(token_of=source, given_to=operation):
                        self.assert_refused(call, NextToken=token)

    def test_a_token_of_another_sort_or_filter_is_refused(self):
        token = self.tokens["ListTrainingJobs"]
        for label, kwargs in (("SortBy Name", {"SortBy": "Name"}), ("SortOrder Descending", {"SortOrder": "Descending"}),
                              ("StatusEquals", {"StatusEquals": "InProgress"}), ("NameContains", {"NameContains": "tok"})):
            with self.subTest(label):
                self.assert_refused(self.calls["ListTrainingJobs"], NextToken=token, **kwargs)

    def test_a_garbled_token_is_refused(self):
        for operation, token in self.tokens.items():
            for label, garbled in (("garbage", "not-a-token"), ("cut short", token[:-1]),
                                   ("a field more", token + ".00"), ("prefix changed", "x" + token[1:])):
                with self.subTest(operation=operation, garbled=label):
                    self.assert_refused(self.calls[operation], NextToken=garbled)

    @unittest.expectedFailure  # bug: store/pagination.cc read_position_token parses the fingerprint
    def test_junk_after_the_fingerprint_is_refused(self):  # and time fields with from_chars
        # without checking that the whole field was read, so 'amt2.<fp>zz....' is accepted.
        prefix, fingerprint, rest = self.tokens["ListTrainingJobs"].split(".", 2)
        self.assert_refused(self.calls["ListTrainingJobs"], NextToken=".".join([prefix, fingerprint + "zz", rest]))


if __name__ == "__main__":
    unittest.main()
