"""The shape checker of model_conformance.py checked itself: it rejects what it must (unknown,
missing, mistyped, out-of-range and badly patterned members, bad timestamps, nulls, NaN and
duplicate keys), so that a passing conformance walk means something.
"""

import copy
import json
import unittest

from model_conformance import ConformanceError, ShapeChecker, service_model, strict_json


class ShapeCheckerSelfTest(unittest.TestCase):
    """The checker itself rejects what it must (so a passing walk means something)."""

    @classmethod
    def setUpClass(cls):
        cls.model = service_model()
        cls.checker = ShapeChecker(cls.model)
        cls.summary_shape = cls.model.shape_for("HyperParameterTrainingJobSummary")
        cls.good = {
            "TrainingJobName": "t-001-0123abcd",
            "TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/t-001-0123abcd",
            "CreationTime": 1767225600.5, "TrainingJobStatus": "Completed",
            "TunedHyperParameters": {"eta": "0.1"},
            "FinalHyperParameterTuningJobObjectiveMetric": {"MetricName": "m", "Value": 1},
        }

    def walk(self, doc):
        self.checker.check(strict_json(json.dumps(doc)), self.summary_shape)

    def bad(self, mutate, fragment):
        doc = copy.deepcopy(self.good)
        mutate(doc)
        with self.assertRaises((ConformanceError, ValueError)) as ctx:
            self.checker.check(strict_json(json.dumps(doc) if not isinstance(doc, str) else doc),
                               self.summary_shape)
        self.assertIn(fragment, str(ctx.exception))

    def test_good_document_passes(self):
        self.walk(self.good)

    def test_rejections(self):
        self.bad(lambda d: d.update(Unknown=1), "member unknown")
        self.bad(lambda d: d.pop("CreationTime"), "required member CreationTime")
        self.bad(lambda d: d.update(TrainingJobStatus="Done"), "not a value of enum")
        self.bad(lambda d: d.update(CreationTime="2026-01-01T00:00:00Z"), "JSON number of epoch")
        self.bad(lambda d: d.update(CreationTime=1767225600123), "between 2000 and 2100")
        self.bad(lambda d: d.update(CreationTime=1767225600.1234), "more than 3 decimals")
        self.bad(lambda d: d.update(TrainingJobName="bad_name"), "does not match the pattern")
        self.bad(lambda d: d.update(TrainingJobName="a" * 64), "model maximum 63")
        self.bad(lambda d: d["TunedHyperParameters"].update(eta=0.1), "expected a string")
        self.bad(lambda d: d["FinalHyperParameterTuningJobObjectiveMetric"].update(Value="1"),
                 "expected a JSON number")
        self.bad(lambda d: d.update(FailureReason=None), "null")
        self.bad(lambda d: d.update(TrainingJobDefinitionName=""), "model minimum 1")
        with self.assertRaises(ConformanceError):
            self.checker.check(4.0, self.model.shape_for("HyperParameterTrainingJobSummary")
                               .members["TrainingJobStatus"])
        counters = self.model.shape_for("TrainingJobStatusCounters")
        with self.assertRaises(ConformanceError):
            self.checker.check(strict_json('{"Completed": 1.0}'), counters)
        with self.assertRaises(ConformanceError):
            self.checker.check(strict_json('{"Completed": true}'), counters)
        with self.assertRaises(ValueError):
            strict_json('{"Value": NaN}')
        with self.assertRaises(ValueError):
            strict_json('{"a": 1, "a": 2}')


if __name__ == "__main__":
    unittest.main()
