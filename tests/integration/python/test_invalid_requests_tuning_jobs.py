"""A table of invalid requests to the tuning-job operations and to the reads and stops of
training jobs (sagemaker-api.md §1.5, §2.1–2.4, 2.6, 2.8–2.10, §3.12, §3.15):
CreateHyperParameterTuningJob against the model's constraints (invalid_tuning_requests.py) and
every semantic rule of §3.15 that applies to it (invalid_tuning_rules.py), and Describe, Stop
and List of tuning and training jobs (below).

Each row is sent as raw bytes and must come back HTTP 400 with the row's error code and a
message that names the member (Coral style, with the member path in lowerCamelCase) or the
rule; none of them may change state (invalid_request_table.py).
"""

import json
import unittest

from emulator_process import EmulatorTestCase
from invalid_request_matchers import (
    ENUM, NOT_NULL, PATTERN, At, Coral, Has, len_max, len_min, val_max, val_min)
from invalid_request_table import EXISTING, Case, InvalidRequestTable, raw_body
from invalid_tuning_requests import TJD, constraint_cases
from invalid_tuning_rules import rule_cases
from sagemaker_requests import blog_tuning_request


def other_cases():
    V, S = "ValidationException", "SerializationException"
    rows = [
        ("DescribeHyperParameterTuningJob", "describe without a name", {}, V,
         Coral("hyperParameterTuningJobName", NOT_NULL)),
        ("DescribeHyperParameterTuningJob", "describe a 33-character name",
         {"HyperParameterTuningJobName": "d" * 33}, V,
         Coral("hyperParameterTuningJobName", len_max(32))),
        ("DescribeHyperParameterTuningJob", "describe a name with an underscore",
         {"HyperParameterTuningJobName": "a_b"}, V, Coral("hyperParameterTuningJobName", PATTERN)),
        ("DescribeHyperParameterTuningJob", "describe with a numeric name",
         '{"HyperParameterTuningJobName": 42}', S, At("hyperParameterTuningJobName")),
        ("StopHyperParameterTuningJob", "stop without a name", {}, V,
         Coral("hyperParameterTuningJobName", NOT_NULL)),
        ("StopHyperParameterTuningJob", "stop a name with an underscore",
         {"HyperParameterTuningJobName": "stop_me"}, V, Coral("hyperParameterTuningJobName", PATTERN)),
        ("ListHyperParameterTuningJobs", "MaxResults 0", {"MaxResults": 0}, V,
         Coral("maxResults", val_min(1))),
        ("ListHyperParameterTuningJobs", "MaxResults 101", {"MaxResults": 101}, V,
         Coral("maxResults", val_max(100))),
        ("ListHyperParameterTuningJobs", "MaxResults as a string", '{"MaxResults": "10"}', S,
         At("maxResults")),
        ("ListHyperParameterTuningJobs", "SortBy FinalObjectiveMetricValue (not for this operation)",
         {"SortBy": "FinalObjectiveMetricValue"}, V, Coral("sortBy", ENUM)),
        ("ListHyperParameterTuningJobs", "StatusEquals Running", {"StatusEquals": "Running"}, V,
         Coral("statusEquals", ENUM)),
        ("ListHyperParameterTuningJobs", "NameContains with an underscore", {"NameContains": "a_b"}, V,
         Coral("nameContains", PATTERN)),
        ("ListHyperParameterTuningJobs", "NameContains of 64 characters", {"NameContains": "n" * 64}, V,
         Coral("nameContains", len_max(63))),
        ("ListHyperParameterTuningJobs", "NextToken of 8193 characters", {"NextToken": "t" * 8193}, V,
         Coral("nextToken", len_max(8192))),
        ("ListHyperParameterTuningJobs", "CreationTimeAfter not a time",
         '{"CreationTimeAfter": "yesterday"}', (S, V), At("creationTimeAfter")),
        ("ListHyperParameterTuningJobs", "CreationTimeBefore as a boolean",
         '{"CreationTimeBefore": true}', S, At("creationTimeBefore")),
        ("ListTrainingJobsForHyperParameterTuningJob", "children without a name", {}, V,
         Coral("hyperParameterTuningJobName", NOT_NULL)),
        ("ListTrainingJobsForHyperParameterTuningJob", "children, MaxResults 101",
         {"HyperParameterTuningJobName": EXISTING, "MaxResults": 101}, V, Coral("maxResults", val_max(100))),
        ("ListTrainingJobsForHyperParameterTuningJob", "children, SortBy Accuracy",
         {"HyperParameterTuningJobName": EXISTING, "SortBy": "Accuracy"}, V, Coral("sortBy", ENUM)),
        ("ListTrainingJobsForHyperParameterTuningJob", "children, SortOrder Up",
         {"HyperParameterTuningJobName": EXISTING, "SortOrder": "Up"}, V, Coral("sortOrder", ENUM)),
        ("ListTrainingJobsForHyperParameterTuningJob", "children, StatusEquals Running",
         {"HyperParameterTuningJobName": EXISTING, "StatusEquals": "Running"}, V,
         Coral("statusEquals", ENUM)),
        ("DescribeTrainingJob", "describe training without a name", {}, V,
         Coral("trainingJobName", NOT_NULL)),
        ("DescribeTrainingJob", "describe a 64-character training name", {"TrainingJobName": "t" * 64}, V,
         Coral("trainingJobName", len_max(63))),
        ("DescribeTrainingJob", "describe a training name with an underscore",
         {"TrainingJobName": "a_b"}, V, Coral("trainingJobName", PATTERN)),
        ("DescribeTrainingJob", "describe training with a list for the name",
         '{"TrainingJobName": ["a"]}', S, At("trainingJobName")),
        ("StopTrainingJob", "stop training without a name", {}, V, Coral("trainingJobName", NOT_NULL)),
        ("StopTrainingJob", "stop an empty training name", {"TrainingJobName": ""}, V,
         Coral("trainingJobName", len_min(1))),
        ("ListTrainingJobs", "training MaxResults 0", {"MaxResults": 0}, V,
         Coral("maxResults", val_min(1))),
        ("ListTrainingJobs", "training SortBy FinalObjectiveMetricValue",
         {"SortBy": "FinalObjectiveMetricValue"}, V, Coral("sortBy", ENUM)),
        ("ListTrainingJobs", "training StatusEquals Running", {"StatusEquals": "Running"}, V,
         Coral("statusEquals", ENUM)),
        ("ListTrainingJobs", "WarmPoolStatusEquals Hot", {"WarmPoolStatusEquals": "Hot"}, V,
         Coral("warmPoolStatusEquals", ENUM)),
        ("ListTrainingJobs", "TrainingPlanArnEquals too short",
         {"TrainingPlanArnEquals": "arn:aws:sagemaker:x:123456789012:training-plan/p"}, V,
         Coral("trainingPlanArnEquals", len_min(50))),
        ("ListTrainingJobs", "training NameContains with a space", {"NameContains": "a b"}, V,
         Coral("nameContains", PATTERN)),
        ("ListTrainingJobs", "training LastModifiedTimeAfter as an object",
         '{"LastModifiedTimeAfter": {}}', S, At("lastModifiedTimeAfter")),
        ("ListTrainingJobs", "a NextToken the emulator never issued", {"NextToken": "not-a-token"}, V,
         Has("token")),
    ]
    return [Case(label, op, body, code, *expect) for op, label, body, code, *expect in rows]


def all_cases():
    return constraint_cases() + rule_cases() + other_cases()


class InvalidRequestsTest(InvalidRequestTable, EmulatorTestCase):
    """The implemented operations (sagemaker-api.md §2.1–2.4, 2.6, 2.8–2.10, §3.15)."""

    @classmethod
    def build_cases(cls):
        return all_cases()

    def test_the_base_request_is_valid(self):
        """Every create row differs from an accepted request only by what it tests."""
        request = blog_tuning_request("inv-base-accepted")
        self.client.create_hyper_parameter_tuning_job(**request)
        self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="inv-base-accepted")


class MatcherSelfTest(unittest.TestCase):
    def test_coral_matcher(self):
        message = ("2 validation errors detected: Value 'a_a' at 'hyperParameterTuningJobName' failed "
                   "to satisfy constraint: Member must satisfy regular expression pattern: ^x; "
                   "Value null at 'trainingJobDefinition.hyperParameterTuningResourceConfig."
                   "instanceConfigs.1.member.instanceType' failed to satisfy constraint: Member "
                   "must not be null")
        self.assertIsNone(Coral("hyperParameterTuningJobName", PATTERN).problem(message))
        self.assertIsNone(Coral(TJD + ".hyperParameterTuningResourceConfig.instanceConfigs.instanceType",
                                NOT_NULL).problem(message))
        self.assertIsNotNone(Coral("hyperParameterTuningJobName", NOT_NULL).problem(message))
        self.assertIsNotNone(Coral("x", NOT_NULL).problem("Value null at 'x' failed to satisfy "
                                                          "constraint: Member must not be null"))

    def test_raw_body(self):
        text = raw_body({"a": {"b": [{"c": "x"}]}}, {"a.b.0.c": "5"})
        self.assertEqual(json.loads(text), {"a": {"b": [{"c": 5}]}})


if __name__ == "__main__":
    unittest.main()
