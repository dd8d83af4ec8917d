"""S3 buckets and accounts (README "Accounts and regions", docs/services.md S3): bucket names are
global as in S3, ListBuckets shows the caller's buckets (and the ownerless ones a person or a
training job made), CreateBucket of another account's name is BucketAlreadyExists, only the
owner deletes a bucket or passes ExpectedBucketOwner, an AssumeRole key acts in its role's
account, the owner survives a restart, and objects stay open to every account so a training
job's channel can sit in a bucket made with another key."""

import unittest
from pathlib import Path

import boto3

from emulator_process import REGION
from local_training_support import training_request
from s3_support import S3TestCase, s3_client
from sagemaker_requests import XGBOOST_IMAGE

ALICE, BOB = "111122223333", "444455556666"


class S3AccountsTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_with_store()
        cls.alice = s3_client(cls.emu.url, key=ALICE)
        cls.bob = s3_client(cls.emu.url, key=BOB)

    def names(self, client):
        return [b["Name"] for b in client.list_buckets()["Buckets"]]

    def test_names_are_global_and_listings_per_account(self):
        self.alice.create_bucket(Bucket="alices-bucket")
        self.assertIn("alices-bucket", self.names(self.alice))
        self.assertNotIn("alices-bucket", self.names(self.bob))
        self.assertNotIn("alices-bucket", self.names(self.s3))  # the default account's key
        with self.assertRaises(self.bob.exceptions.BucketAlreadyExists) as taken:
            self.bob.create_bucket(Bucket="alices-bucket")
        error = taken.exception.response
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 409)
        self.assertIn("The bucket namespace is shared by all users of the system", error["Error"]["Message"])
        with self.assertRaises(self.alice.exceptions.BucketAlreadyOwnedByYou):
            self.alice.create_bucket(Bucket="alices-bucket")

    def test_objects_stay_open_but_the_bucket_is_the_owners(self):
        self.alice.create_bucket(Bucket="shared-data")
        self.bob.put_object(Bucket="shared-data", Key="train/data.csv", Body=b"1,2\n")
        self.assertEqual(self.alice.get_object(Bucket="shared-data", Key="train/data.csv")["Body"].read(), b"1,2\n")
        self.assertEqual(self.bob.head_bucket(Bucket="shared-data")["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.alice.head_bucket(Bucket="shared-data", ExpectedBucketOwner=ALICE)
        self.assert_error("403", self.bob.head_bucket, Bucket="shared-data", ExpectedBucketOwner=BOB)
        self.bob.delete_object(Bucket="shared-data", Key="train/data.csv")
        self.assert_error("AccessDenied", self.bob.delete_bucket, Bucket="shared-data")
        self.alice.delete_bucket(Bucket="shared-data")
        self.bob.create_bucket(Bucket="shared-data")  # a deleted name is free again
        self.assertIn("shared-data", self.names(self.bob))

    def test_a_training_job_reads_its_channel_from_another_accounts_bucket(self):
        self.alice.create_bucket(Bucket="alices-data")
        self.alice.put_object(Bucket="alices-data", Key="train/a.csv", Body=b"1,2\n")
        sagemaker = self.emu.client()  # the default account

        def create(name, uri):
            channel = {"ChannelName": "train",
                       "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": uri}}}
            request = training_request(name, {"epochs": "1"}, image=XGBOOST_IMAGE, InputDataConfig=[channel])
            return sagemaker.create_training_job(**request)

        self.assertIn("TrainingJobArn", create("from-alices-bucket", "s3://alices-data/train/"))
        with self.assertRaises(sagemaker.exceptions.ClientError) as empty:
            create("from-an-empty-prefix", "s3://alices-data/validation/")
        self.assertEqual(empty.exception.response["Error"]["Code"], "ValidationException")

    def test_folders_without_an_owner_belong_to_every_account(self):
        (Path(self.folder.name) / "made-by-hand").mkdir()
        self.assertIn("made-by-hand", self.names(self.alice))
        self.assertIn("made-by-hand", self.names(self.bob))
        with self.assertRaises(self.bob.exceptions.BucketAlreadyOwnedByYou):
            self.bob.create_bucket(Bucket="made-by-hand")

    def test_an_assumed_role_key_acts_in_its_roles_account(self):
        sts = boto3.session.Session().client("sts", endpoint_url=self.emu.url, region_name=REGION,
                                             aws_access_key_id="AKIDCALLER", aws_secret_access_key="x")
        issued = sts.assume_role(RoleArn="arn:aws:iam::%s:role/demo" % BOB, RoleSessionName="s3-test")["Credentials"]
        role = boto3.session.Session().client(
            "s3", endpoint_url=self.emu.url, region_name=REGION, aws_access_key_id=issued["AccessKeyId"],
            aws_secret_access_key=issued["SecretAccessKey"], aws_session_token=issued["SessionToken"])
        role.create_bucket(Bucket="made-by-a-role")
        self.assertIn("made-by-a-role", self.names(self.bob))
        self.assertNotIn("made-by-a-role", self.names(self.alice))

    def test_owners_survive_a_restart(self):
        self.alice.create_bucket(Bucket="kept-owner")
        # Another process on the same folder reads the owner from disk.
        second = self.emu.twin()
        self.addCleanup(second.cleanup)
        second.start()
        alice, bob = s3_client(second.url, key=ALICE), s3_client(second.url, key=BOB)
        self.assertIn("kept-owner", self.names(alice))
        self.assertNotIn("kept-owner", self.names(bob))
        self.assert_error("BucketAlreadyExists", bob.create_bucket, Bucket="kept-owner")


if __name__ == "__main__":
    unittest.main()
