"""Shared helpers of the S3 integration tests: boto3 S3 clients on the emulator (path style,
or virtual-host style through a resolver that sends every *.localhost name to 127.0.0.1, since
this machine's resolver does not), the error code and message of a ClientError, a test case
whose emulator has a fresh store folder, and a sourcedir.tar.gz as the SageMaker SDK packs one."""

import io
import socket
import tarfile
import tempfile

import boto3
import botocore.config
import botocore.exceptions

from emulator_process import REGION, EmulatorTestCase

_real_getaddrinfo = socket.getaddrinfo


def _loopback_for_localhost(host, *args, **kwargs):
    if isinstance(host, str) and (host == "localhost" or host.endswith(".localhost")):
        host = "127.0.0.1"
    return _real_getaddrinfo(host, *args, **kwargs)


def resolve_localhost_names():
    """Make <anything>.localhost resolve to 127.0.0.1 in this process (RFC 6761 says it
    should; glibc's resolver here does not)."""
    socket.getaddrinfo = _loopback_for_localhost


def source_archive(files):
    """A sourcedir.tar.gz as the SDK packs one: {name: text}."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def s3_client(endpoint_url, region=REGION, key="AKIAIOSFODNN7EXAMPLE", **config):
    return boto3.session.Session().client(
        "s3", endpoint_url=endpoint_url, region_name=region, aws_access_key_id=key,
        aws_secret_access_key="secret",
        config=botocore.config.Config(retries={"max_attempts": 1}, **config))


def error_of(exc):
    return exc.response["Error"]["Code"], exc.response["Error"].get("Message")


class S3TestCase(EmulatorTestCase):
    """An emulator whose --s3-dir is a fresh folder (cls.folder), and its S3 client (cls.s3)."""

    @classmethod
    def start_with_store(cls, *args):
        cls.folder = tempfile.TemporaryDirectory(prefix="amt-s3-store-")
        cls.addClassCleanup(cls.folder.cleanup)
        cls.start_emulator("--s3-dir", cls.folder.name, *args)
        cls.s3 = s3_client(cls.emu.url)

    def assert_error(self, code, call, **kwargs):
        """Calls call(**kwargs), which must raise a ClientError with this code; its response."""
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            call(**kwargs)
        self.assertEqual(error_of(ctx.exception)[0], code, ctx.exception.response)
        return ctx.exception.response
