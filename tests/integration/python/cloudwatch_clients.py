"""CloudWatch clients that speak a chosen protocol (wire-protocols.md §4).

botocore 1.43 picks the first protocol of its own order that the model lists, so plain boto3
sends AWS JSON 1.0. To make it send the query protocol or Smithy RPC v2 CBOR, a copy of the
bundled cloudwatch/2010-08-01/service-2.json with `metadata.protocols` narrowed to one is put in
a folder that a fresh botocore session searches first (its `data_path`, the setting
AWS_DATA_PATH feeds): nothing leaks into other sessions or tests.
"""

import datetime
import json
import os
import tempfile
import unittest

import boto3
import botocore
import botocore.config
import botocore.loaders
import botocore.session

from emulator_process import ACCOUNT, REGION

JSON, QUERY, CBOR = "json", "query", "smithy-rpc-v2-cbor"


def model_folder(protocol, parent):
    """A data folder whose CloudWatch model lists only `protocol`."""
    model = botocore.loaders.Loader().load_service_model("cloudwatch", "service-2", "2010-08-01")
    model["metadata"]["protocols"] = [protocol]
    model["metadata"]["protocol"] = protocol
    folder = os.path.join(parent, protocol)
    os.makedirs(os.path.join(folder, "cloudwatch", "2010-08-01"), exist_ok=True)
    with open(os.path.join(folder, "cloudwatch", "2010-08-01", "service-2.json"), "w") as f:
        json.dump(model, f)
    return folder


class CloudWatchClients:
    """Makes clients of one protocol for an emulator; `close()` removes the model copy."""

    def __init__(self, protocol):
        self.protocol = protocol
        self._temp = tempfile.TemporaryDirectory(prefix="amt-cw-model-")
        self._folder = None if protocol == JSON else model_folder(protocol, self._temp.name)

    def client(self, url, key=ACCOUNT, validate=True, secret="x"):
        session = botocore.session.Session()
        if self._folder:
            session.set_config_variable("data_path", self._folder)
        config = botocore.config.Config(retries={"max_attempts": 1}, parameter_validation=validate)
        client = boto3.session.Session(botocore_session=session).client(
            "cloudwatch", endpoint_url=url, region_name=REGION, aws_access_key_id=key,
            aws_secret_access_key=secret, config=config)
        model = client.meta.service_model
        picked = getattr(model, "resolved_protocol", model.protocol)
        if picked != self.protocol:
            if not hasattr(model, "resolved_protocol"):  # botocore < 1.36 (Debian 12's 1.29) speaks query only
                raise unittest.SkipTest("botocore %s cannot speak %s" % (botocore.__version__, self.protocol))
            raise AssertionError("botocore picked %s, not %s" % (picked, self.protocol))
        return client

    def close(self):
        self._temp.cleanup()


def wall_time(epoch_seconds):
    return datetime.datetime.fromtimestamp(epoch_seconds, tz=datetime.timezone.utc)
