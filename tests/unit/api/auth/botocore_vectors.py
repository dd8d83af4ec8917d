# The fixed vectors of signature_vectors_test.cc, as botocore 1.43 signs them (run: python3
# botocore_vectors.py). The clock is pinned to 2026-12-03T08:02:36Z; the key pair is fictional.
import datetime
from unittest import mock
import botocore.auth as A
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

creds = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
now = datetime.datetime(2026, 12, 3, 8, 2, 36)

def sign(auth, method, url, headers, body=b""):
    req = AWSRequest(method=method, url=url, headers=headers, data=body)
    with mock.patch.object(A, "get_current_datetime", return_value=now), mock.patch("time.time", return_value=now.replace(tzinfo=datetime.timezone.utc).timestamp()):
        auth.add_auth(req)
    return req.prepare()

cases = [
  ("json", A.SigV4Auth(creds, "sagemaker", "us-west-2"), "POST", "http://127.0.0.1:4599/",
   {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "SageMaker.ListTrainingJobs"}, b"{}"),
  ("query", A.SigV4Auth(creds, "sts", "us-east-1"), "POST", "http://127.0.0.1:4599/",
   {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}, b"Action=GetCallerIdentity&Version=2011-06-15"),
  ("s3", A.S3SigV4Auth(creds, "s3", "us-east-1"), "PUT", "http://127.0.0.1:4599/alpha/a%20b/c~d%2Be%3Df.txt",
   {"Content-Type": "text/plain"}, b"hello world\n"),
  ("s3list", A.S3SigV4Auth(creds, "s3", "us-east-1"), "GET", "http://127.0.0.1:4599/alpha?list-type=2&prefix=a%20b%2F&encoding-type=url", {}, b""),
  ("presign4", A.S3SigV4QueryAuth(creds, "s3", "us-east-1", expires=3600), "GET", "http://127.0.0.1:4599/alpha/dir/hello%20world.txt", {}, b""),
  ("presign2", A.HmacV1QueryAuth(creds, expires=3600), "GET", "http://127.0.0.1:4599/alpha/dir/hello%20world.txt", {}, b""),
]
for name, auth, method, url, headers, body in cases:
    p = sign(auth, method, url, headers, body)
    print("==", name)
    print(p.method, p.url)
    for k, v in p.headers.items(): print(f"  {k}: {v}")
    print("  body:", body)
