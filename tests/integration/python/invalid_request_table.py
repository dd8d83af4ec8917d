"""The machinery of the tables of invalid requests (test_invalid_requests_*.py): a Case is one
row (operation, body, expected error codes, message expectations from
invalid_request_matchers.py); InvalidRequestTable sends every row as raw bytes (SigV4-signed
like botocore, so the body is exactly what the row says, wrong types included) after creating
the existing jobs, and checks that each came back HTTP 400 with the row's error code and
message and that none of them changed state: ListHyperParameterTuningJobs, ListTrainingJobs
and GET /_emulator/events are identical before and after the whole table (manual clock, so
nothing moves by itself).
"""

import copy
import json

from model_conformance import check_error_body, signed_post, strict_json
from sagemaker_requests import blog_tuning_request

EXISTING = "inv-existing"


class Case:
    def __init__(self, label, operation, body, code, *expect):
        self.label = label
        self.operation = operation
        self.body = body
        self.codes = (code,) if isinstance(code, str) else tuple(code)
        self.expect = expect
        self.result = None


def raw_body(request, replacements):
    """JSON text of request with member values replaced by raw JSON text, for wrong types:
    replacements maps a dotted path (list indices as numbers) to the JSON text to put there."""
    doc = copy.deepcopy(request)
    markers = {}
    for i, (path, text) in enumerate(replacements.items()):
        marker = "__RAW_%d__" % i
        markers[json.dumps(marker)] = text
        node = doc
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        last = parts[-1]
        if last.isdigit():
            node[int(last)] = marker
        else:
            node[last] = marker
    text = json.dumps(doc)
    for marker, raw in markers.items():
        text = text.replace(marker, raw)
    return text


class InvalidRequestTable:
    """Mixed into a TestCase (before EmulatorTestCase): sends build_cases() after
    create_existing() and compares the state before and after. Subclasses define build_cases
    and may override create_existing, extra_state and expected_tuning_jobs."""

    cases = None
    expected_tuning_jobs = (EXISTING,)
    minimum_rows = 60

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()
        with emu.showing_log_on_error():
            cls.create_existing()
            cls.before = cls.state()
            cls.cases = cls.build_cases()
            for case in cls.cases:
                case.result = signed_post(emu.url, "SageMaker." + case.operation, case.body)
            cls.after = cls.state()

    @classmethod
    def create_existing(cls):
        cls.client.create_hyper_parameter_tuning_job(**blog_tuning_request(EXISTING))

    @classmethod
    def build_cases(cls):
        """The rows of the table (a list of Case); every table defines its own."""
        raise NotImplementedError

    @classmethod
    def extra_state(cls):
        return {}

    @classmethod
    def state(cls):
        def every_page(operation, key):
            items, token = [], None
            for _ in range(100):
                body = {"MaxResults": 100}
                if token:
                    body["NextToken"] = token
                res = signed_post(cls.emu.url, "SageMaker." + operation, body)
                assert res.status == 200, res
                page = strict_json(res.body)
                items.extend(page[key])
                token = page.get("NextToken")
                if not token:
                    return items
            raise AssertionError("%s: more than 100 pages" % operation)
        state = {
            "tuning jobs": every_page("ListHyperParameterTuningJobs", "HyperParameterTuningJobSummaries"),
            "training jobs": every_page("ListTrainingJobs", "TrainingJobSummaries"),
            "events": cls.emu.events(),
            "clock": cls.emu.clock(),
        }
        state.update(cls.extra_state())
        return state

    def accepted_names(self):
        """Jobs created by rows that were wrongly accepted (reported by
        test_each_invalid_request_is_rejected); their traces are left out of the state check."""
        names = set()
        for c in self.cases:
            if c.result.status != 200 or not isinstance(c.body, dict):
                continue
            if c.operation == "CreateHyperParameterTuningJob":
                names.add(c.body.get("HyperParameterTuningJobName"))
            elif c.operation == "CreateTrainingJob":
                names.add(c.body.get("TrainingJobName"))
        return {n for n in names if isinstance(n, str)}

    @staticmethod
    def without(state, names):
        def foreign(name):
            return name in names or any(name.startswith(n + "-") for n in names)
        trimmed = dict(state)
        trimmed.update({
            "tuning jobs": [s for s in state["tuning jobs"]
                            if not foreign(s["HyperParameterTuningJobName"])],
            "training jobs": [s for s in state["training jobs"] if not foreign(s["TrainingJobName"])],
            "events": [e for e in state["events"] if not foreign(e.get("tuningJob", ""))
                       and not foreign(e.get("trainingJob", ""))],
        })
        return trimmed

    def test_the_table_is_large_enough(self):
        self.assertGreaterEqual(len(self.cases), self.minimum_rows)
        self.assertEqual(len({c.label for c in self.cases}), len(self.cases), "duplicate labels")

    def test_each_invalid_request_is_rejected(self):
        for case in self.cases:
            with self.subTest(case.label):
                res = case.result
                self.assertEqual(res.status, 400, "%s: %r" % (case.operation, res))
                code, message = check_error_body(res.body, res.status)
                self.assertIn(code, case.codes, "%s: %s" % (case.operation, message))
                problems = [p for p in (e.problem(message) for e in case.expect) if p]
                self.assertFalse(problems, "message %r: %s" % (message, "; ".join(problems)))
                self.assertTrue(res.headers.get("x-amzn-RequestId"))

    def test_no_state_changed(self):
        """The rejected rows left no trace (wrongly accepted rows are failures of
        test_each_invalid_request_is_rejected and are filtered out here)."""
        accepted = self.accepted_names()
        before, after = self.without(self.before, accepted), self.without(self.after, accepted)
        for key in before:
            if key != "clock":
                self.assertEqual(after[key], before[key], "%s changed" % key)
        self.assertEqual(after["clock"]["now"], before["clock"]["now"])
        self.assertEqual([s["HyperParameterTuningJobName"] for s in after["tuning jobs"]],
                         list(self.expected_tuning_jobs))
        self.assertTrue(before["events"], "the existing jobs should have left events")
