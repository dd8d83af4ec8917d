"""What the SageMaker Python SDK's HyperparameterTuner.attach reads back from
DescribeHyperParameterTuningJob (sagemaker/estimator.py _prepare_init_params_from_job_description,
as tuner.py's _prepare_estimator_from_job_description hands it the definition). The SDK always
sends HyperParameterTuningResourceConfig (the flat form without InstanceConfigs) and reads
TrainingJobDefinition.ResourceConfig, so attach raised KeyError: 'ResourceConfig'."""

import copy
import unittest

from emulator_process import EmulatorTestCase
from sagemaker_requests import INSTANCE_CONFIGS, blog_tuning_request


def sdk_attach_reads(definition):
    """The keys the SDK reads without a default, in the SDK's way (KeyError if one is missing)."""
    return {
        "role": definition["RoleArn"],
        "instance_count": definition["ResourceConfig"]["InstanceCount"],
        "instance_type": definition["ResourceConfig"]["InstanceType"],
        "volume_size": definition["ResourceConfig"]["VolumeSizeInGB"],
        "volume_kms_key": definition["ResourceConfig"].get("VolumeKmsKeyId"),
        "max_run": definition["StoppingCondition"]["MaxRuntimeInSeconds"],
        "input_mode": definition["AlgorithmSpecification"]["TrainingInputMode"],
        "output_path": definition["OutputDataConfig"]["S3OutputPath"],
        "image_uri": definition["AlgorithmSpecification"]["TrainingImage"],
    }


class AttachTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = cls.start_emulator("--clock", "manual").client()

    def describe_definition(self, name, resource_config):
        request = blog_tuning_request(name)
        request["TrainingJobDefinition"]["HyperParameterTuningResourceConfig"] = copy.deepcopy(resource_config)
        self.client.create_hyper_parameter_tuning_job(**request)
        return self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)[
            "TrainingJobDefinition"]

    def test_the_flat_form_the_sdk_sends_reads_back_as_resource_config(self):
        flat = {"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30, "VolumeKmsKeyId": "k"}
        definition = self.describe_definition("attach-flat", flat)
        reads = sdk_attach_reads(definition)
        self.assertEqual((reads["instance_type"], reads["instance_count"], reads["volume_size"],
                          reads["volume_kms_key"]), ("ml.m5.xlarge", 2, 30, "k"))
        self.assertEqual(definition["HyperParameterTuningResourceConfig"], flat)  # kept as sent

    def test_instance_configs_read_back_as_the_first_configuration(self):
        definition = self.describe_definition("attach-configs", {"InstanceConfigs": INSTANCE_CONFIGS})
        reads = sdk_attach_reads(definition)
        first = INSTANCE_CONFIGS[0]
        self.assertEqual((reads["instance_type"], reads["instance_count"], reads["volume_size"]),
                         (first["InstanceType"], first["InstanceCount"], first["VolumeSizeInGB"]))
        self.assertEqual(definition["HyperParameterTuningResourceConfig"]["InstanceConfigs"], INSTANCE_CONFIGS)


if __name__ == "__main__":
    unittest.main()
