"""S3 as the SageMaker Python SDK and training jobs use it: the SDK's default-bucket dance
(STS GetCallerIdentity, ListBuckets, HeadBucket, CreateBucket sagemaker-<region>-<account>,
the upload of sourcedir.tar.gz) with clients configured only through AWS_ENDPOINT_URL, in
us-east-1 and elsewhere; a --training local job whose code and channel were uploaded over S3
and whose model.tar.gz is read back over S3; and CreateTrainingJob refusing, as SageMaker does,
a channel whose prefix in a bucket the store knows holds no object (simulated jobs too)."""

import io
import os
import tarfile
import tempfile
import unittest
from unittest import mock

import boto3
import botocore.exceptions

from emulator_process import ACCOUNT
from local_training_support import (
    OUTPUT_PATH, LocalTrainingTestCase, script, sdk_hyperparameters, training_request, wait_training_terminal)
from s3_support import S3TestCase, source_archive
from sagemaker_requests import ROLE_ARN, XGBOOST_IMAGE

# Reads every file of the train channel and writes their total size into the model.
READS_CHANNEL = script(r'''
total = 0
for root, _, files in os.walk(os.environ["SM_CHANNEL_TRAIN"]):
    for name in files:
        total += os.path.getsize(os.path.join(root, name))
print("bytes=%d" % total)
with open(os.path.join(os.environ["SM_MODEL_DIR"], "size.txt"), "w") as f:
    f.write(str(total))
''')


class DefaultBucketFlowTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_with_store()

    def session(self, region):
        environment = {"AWS_ENDPOINT_URL": self.emu.url, "AWS_ACCESS_KEY_ID": ACCOUNT,
                       "AWS_SECRET_ACCESS_KEY": "secret", "AWS_DEFAULT_REGION": region}
        patcher = mock.patch.dict(os.environ, environment)
        patcher.start()
        self.addCleanup(patcher.stop)
        return boto3.session.Session()

    def default_bucket_dance(self, region):
        """sagemaker.Session.default_bucket() → _create_s3_bucket_if_it_does_not_exist, then the
        estimator's upload of its source folder."""
        session = self.session(region)
        account = session.client("sts").get_caller_identity()["Account"]
        name = "sagemaker-%s-%s" % (region, account)
        s3 = session.resource("s3")
        bucket = s3.Bucket(name=name)
        if bucket.creation_date is None:  # ListBuckets
            try:
                s3.meta.client.head_bucket(Bucket=name)
            except botocore.exceptions.ClientError as error:
                self.assertEqual(error.response["Error"]["Code"], "404")
                if region == "us-east-1":
                    s3.create_bucket(Bucket=name)
                else:
                    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
                bucket.wait_until_exists()
        else:
            s3.meta.client.head_bucket(Bucket=name, ExpectedBucketOwner=account)
        with tempfile.NamedTemporaryFile(suffix=".tar.gz") as archive:
            archive.write(source_archive({"train.py": "print('hi')\n"}))
            archive.flush()
            s3.Object(name, "job/source/sourcedir.tar.gz").upload_file(archive.name)
        return name, s3

    def test_default_bucket_in_us_east_1_and_again(self):
        name, s3 = self.default_bucket_dance("us-east-1")
        self.assertEqual(name, "sagemaker-us-east-1-%s" % ACCOUNT)
        self.assertIsNotNone(s3.Bucket(name).creation_date)
        # The second session finds the bucket and only checks its owner.
        again, _ = self.default_bucket_dance("us-east-1")
        self.assertEqual(again, name)
        listed = [o.key for o in s3.Bucket(name).objects.all()]
        self.assertEqual(listed, ["job/source/sourcedir.tar.gz"])

    def test_default_bucket_in_another_region(self):
        name, s3 = self.default_bucket_dance("eu-west-1")
        self.assertEqual(s3.meta.client.get_bucket_location(Bucket=name)["LocationConstraint"], "eu-west-1")


class TrainingThroughS3Test(LocalTrainingTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_local()
        cls.s3 = boto3.session.Session().client(
            "s3", endpoint_url=cls.emu.url, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="secret")
        cls.s3.create_bucket(Bucket="bucket")
        cls.s3.put_object(Bucket="bucket", Key="code/sourcedir.tar.gz",
                          Body=source_archive({"train.py": READS_CHANNEL}))

    def run_job(self, name, channel_uri):
        hp = sdk_hyperparameters("s3://bucket/code/sourcedir.tar.gz")
        channels = [{"ChannelName": "train",
                     "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": channel_uri}}}]
        self.client.create_training_job(**training_request(name, hp, InputDataConfig=channels))
        return wait_training_terminal(self.client, name)

    def test_channels_in_and_model_out_through_the_s3_api(self):
        self.s3.put_object(Bucket="bucket", Key="data/train/a.csv", Body=b"1,2,3\n")
        self.s3.put_object(Bucket="bucket", Key="data/train/part two.csv", Body=b"4,5\n")
        job = self.run_job("through-s3", "s3://bucket/data/train/")
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        key = "%s/through-s3/output/model.tar.gz" % OUTPUT_PATH[len("s3://bucket/"):]
        model = self.s3.get_object(Bucket="bucket", Key=key)
        self.assertEqual(job["ModelArtifacts"]["S3ModelArtifacts"], "s3://bucket/" + key)
        with tarfile.open(fileobj=io.BytesIO(model["Body"].read()), mode="r:gz") as tar:
            self.assertEqual(tar.extractfile("size.txt").read(), b"10")
        self.assertIn(key, [o["Key"] for o in self.s3.list_objects_v2(Bucket="bucket", Prefix="output/")["Contents"]])

    def test_an_empty_prefix_in_a_bucket_made_over_s3_is_refused(self):
        self.s3.create_bucket(Bucket="empty-bucket")
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            self.run_job("empty-channel", "s3://empty-bucket/train/")
        self.assertEqual(ctx.exception.response["Error"]["Code"], "ValidationException")


class SimulatedChannelsTest(S3TestCase):
    """Simulated jobs never read their channels, but SageMaker checks them at CreateTrainingJob."""

    @classmethod
    def setUpClass(cls):
        cls.start_with_store("--clock", "instant")
        cls.sagemaker = cls.emu.client()
        cls.s3.create_bucket(Bucket="known-bucket")
        cls.s3.put_object(Bucket="known-bucket", Key="data/train/a.csv", Body=b"1,2\n")

    def create(self, name, uri):
        request = training_request(name, {"epochs": "1"}, image=XGBOOST_IMAGE, InputDataConfig=[
            {"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": uri}}}])
        return self.sagemaker.create_training_job(**request)

    def test_an_empty_prefix_in_a_known_bucket_is_a_validation_exception(self):
        with self.assertRaises(self.sagemaker.exceptions.ClientError) as ctx:
            self.create("empty-prefix", "s3://known-bucket/data/validation/")
        error = ctx.exception.response["Error"]
        self.assertEqual(error["Code"], "ValidationException")
        self.assertEqual(
            error["Message"],
            'No S3 objects found under S3 URL "s3://known-bucket/data/validation/" given in input data source. '
            'Please ensure that the bucket exists in the selected region (us-east-1), that objects exist under '
            'that S3 prefix, and that the role "%s" has "s3:ListBucket" permissions on bucket "known-bucket".'
            % ROLE_ARN)

    def test_filled_prefixes_and_unknown_buckets_are_accepted(self):
        self.assertIn("TrainingJobArn", self.create("filled-prefix", "s3://known-bucket/data/train/"))
        self.assertIn("TrainingJobArn", self.create("exact-key", "s3://known-bucket/data/train/a.csv"))
        self.assertIn("TrainingJobArn", self.create("unknown-bucket", "s3://never-seen-bucket/train/"))

if __name__ == "__main__":
    unittest.main()
