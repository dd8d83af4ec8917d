"""Checks raw AWS JSON 1.1 bodies against botocore's own SageMaker service model, and sends
requests whose raw bytes the tests control. Shared by test_conformance_*.py and
test_invalid_requests_*.py; only the standard library and botocore are used.

* ShapeChecker(model).check(value, shape) walks a decoded JSON value against a botocore shape
  and raises ConformanceError at the FIRST problem (unknown member, missing required member,
  wrong JSON type, enum value, length/range/pattern constraint, bad timestamp, null).
* strict_json(body) decodes a body the way the checker needs it: floats as Decimal (so the
  number of decimals and int-vs-float are visible), NaN/Infinity and duplicate keys rejected.
* RawCapture(client) records every HTTP exchange a boto3 client makes (botocore's
  'after-call' event exposes the AWSResponse with .content), so boto3 does the signing and
  serialisation while the tests see the exact bytes the emulator sent back.
* signed_post(url, target, body) POSTs exactly the given body bytes, SigV4-signed the way
  botocore signs (service sagemaker, region us-east-1).
* check_error_body(body, status) checks an error envelope; error_of(exc) reads the code and
  message of a botocore ClientError.
"""

import json
import re
from decimal import Decimal

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from emulator_process import REGION, http_request

try:  # the third-party 'regex' module understands Java's \p{L}; re needs a translation
    import regex as _regex
except ImportError:  # pragma: no cover - depends on the machine
    _regex = None

EPOCH_2000 = 946684800
EPOCH_2100 = 4102444800
MAX_TIMESTAMP_DECIMALS = 3

IMPLEMENTED_OPERATIONS = (
    "CreateHyperParameterTuningJob", "DescribeHyperParameterTuningJob",
    "ListHyperParameterTuningJobs", "StopHyperParameterTuningJob",
    "ListTrainingJobsForHyperParameterTuningJob", "DescribeTrainingJob", "ListTrainingJobs",
    "StopTrainingJob",
)
TRAINING_JOB_AND_TAG_OPERATIONS = (
    "DeleteHyperParameterTuningJob", "CreateTrainingJob", "DeleteTrainingJob",
    "UpdateTrainingJob", "AddTags", "ListTags", "DeleteTags",
)
ERROR_CODES = frozenset({
    "ValidationException", "ResourceNotFound", "ResourceInUse", "ResourceLimitExceeded",
    "SerializationException", "UnknownOperationException",
})

_MODEL = None


def service_model():
    """botocore's SageMaker model (the copy bundled with the installed botocore)."""
    global _MODEL
    if _MODEL is None:
        _MODEL = botocore.session.get_session().get_service_model("sagemaker")
    return _MODEL


class ConformanceError(AssertionError):
    def __init__(self, path, problem):
        super().__init__("%s: %s" % (path, problem))
        self.path = path
        self.problem = problem


def _reject_constant(name):
    raise ValueError("non-JSON number %s" % name)


def _no_duplicates(pairs):
    doc = {}
    for key, value in pairs:
        if key in doc:
            raise ValueError("duplicate key %r in a JSON object" % key)
        doc[key] = value
    return doc


def strict_json(body):
    """Decodes bytes/str; floats become Decimal, ints stay int; NaN/Infinity and duplicate
    object keys raise ValueError."""
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    return json.loads(body, parse_float=Decimal, parse_constant=_reject_constant,
                      object_pairs_hook=_no_duplicates)


_PATTERN_CACHE = {}
_JAVA_CLASSES = {
    r"\p{L}": "a-zA-Z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u1fff"
              "\u3040-\ud7ff\uf900-\ufdcf\ufdf0-\uffef",
    r"\p{Z}": " \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000",
    r"\p{N}": "0-9\u00b2\u00b3\u00b9\u00bc-\u00be\u0660-\u0669\u06f0-\u06f9\u2070-\u2079"
              "\u2080-\u2089\u2150-\u218b\uff10-\uff19",
    r"\p{Alnum}": "a-zA-Z0-9",
}


def compile_model_pattern(pattern):
    """A model pattern (Java syntax) compiled for full matching."""
    if pattern not in _PATTERN_CACHE:
        if _regex is not None:
            compiled = _regex.compile(pattern)
        else:
            translated = pattern
            for java, python in _JAVA_CLASSES.items():
                translated = translated.replace(java, python)
            compiled = re.compile(translated)
        _PATTERN_CACHE[pattern] = compiled
    return _PATTERN_CACHE[pattern]


def _json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer number"
    if isinstance(value, (float, Decimal)):
        return "number with a fraction (%s)" % value
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


class ShapeChecker:
    """Walks decoded JSON against botocore shapes. Records what it saw (enum values per shape,
    members per structure) so tests can also assert coverage."""

    def __init__(self, model=None):
        self.model = model or service_model()
        self.seen_members = {}

    def check(self, value, shape, path="$"):
        if value is None:
            raise ConformanceError(path, "null (absent optional members must be omitted)")
        kind = shape.type_name
        handler = getattr(self, "_check_" + kind, None)
        if handler is None:
            raise ConformanceError(path, "shape %s has type %s, which this checker does not know"
                                   % (shape.name, kind))
        handler(value, shape, path)

    # ---- containers ---------------------------------------------------------------------
    def _check_structure(self, value, shape, path):
        if not isinstance(value, dict):
            raise ConformanceError(path, "expected an object for structure %s, got %s"
                                   % (shape.name, _json_type(value)))
        members = shape.members
        for key in value:
            if key not in members:
                raise ConformanceError(
                    "%s.%s" % (path, key),
                    "member unknown to the model of %s (known: %s)"
                    % (shape.name, ", ".join(sorted(members))))
        for key in shape.required_members:
            if key not in value:
                raise ConformanceError(path, "required member %s of %s missing"
                                       % (key, shape.name))
        self.seen_members.setdefault(shape.name, set()).update(value)
        for key, item in value.items():
            self.check(item, members[key], "%s.%s" % (path, key))

    def _check_list(self, value, shape, path):
        if not isinstance(value, list):
            raise ConformanceError(path, "expected an array for list %s, got %s"
                                   % (shape.name, _json_type(value)))
        self._check_size(len(value), shape, path, "items")
        for i, item in enumerate(value):
            self.check(item, shape.member, "%s[%d]" % (path, i))

    def _check_map(self, value, shape, path):
        if not isinstance(value, dict):
            raise ConformanceError(path, "expected an object for map %s, got %s"
                                   % (shape.name, _json_type(value)))
        self._check_size(len(value), shape, path, "entries")
        for key, item in value.items():
            self.check(key, shape.key, "%s{key %r}" % (path, key))
            self.check(item, shape.value, "%s[%r]" % (path, key))

    def _check_size(self, n, shape, path, what):
        lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
        if lo is not None and n < lo:
            raise ConformanceError(path, "%d %s, model minimum %d (%s)" % (n, what, lo, shape.name))
        if hi is not None and n > hi:
            raise ConformanceError(path, "%d %s, model maximum %d (%s)" % (n, what, hi, shape.name))

    # ---- scalars ------------------------------------------------------------------------
    def _check_string(self, value, shape, path):
        if not isinstance(value, str):
            raise ConformanceError(path, "expected a string (%s), got %s"
                                   % (shape.name, _json_type(value)))
        if shape.enum and value not in shape.enum:
            raise ConformanceError(path, "%r is not a value of enum %s %s"
                                   % (value, shape.name, list(shape.enum)))
        self._check_size(len(value), shape, path, "characters")
        pattern = shape.metadata.get("pattern")
        if pattern is not None and not compile_model_pattern(pattern).fullmatch(value):
            raise ConformanceError(path, "%r does not match the pattern %s of %s"
                                   % (value, pattern, shape.name))

    def _check_integer(self, value, shape, path):
        if type(value) is not int:  # bool is a subclass of int; 4.0 arrives as Decimal
            raise ConformanceError(path, "expected a JSON integer (%s %s), got %s"
                                   % (shape.type_name, shape.name, _json_type(value)))
        if shape.type_name == "integer" and not -2**31 <= value < 2**31:
            raise ConformanceError(path, "%d does not fit a 32-bit integer" % value)
        lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
        if lo is not None and value < lo:
            raise ConformanceError(path, "%d below the model minimum %s of %s" % (value, lo, shape.name))
        if hi is not None and value > hi:
            raise ConformanceError(path, "%d above the model maximum %s of %s" % (value, hi, shape.name))

    _check_long = _check_integer

    def _check_float(self, value, shape, path):
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise ConformanceError(path, "expected a JSON number (%s %s), got %s"
                                   % (shape.type_name, shape.name, _json_type(value)))
        if isinstance(value, Decimal) and not value.is_finite():
            raise ConformanceError(path, "non-finite number %s" % value)

    _check_double = _check_float

    def _check_boolean(self, value, shape, path):
        if not isinstance(value, bool):
            raise ConformanceError(path, "expected true/false (%s), got %s"
                                   % (shape.name, _json_type(value)))

    def _check_timestamp(self, value, shape, path):
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise ConformanceError(path, "timestamp must be a JSON number of epoch seconds, got %s"
                                   % _json_type(value))
        if not EPOCH_2000 <= value <= EPOCH_2100:
            raise ConformanceError(path, "timestamp %s is not epoch seconds between 2000 and 2100"
                                   " (milliseconds?)" % value)
        if isinstance(value, Decimal) and value.as_tuple().exponent < -MAX_TIMESTAMP_DECIMALS:
            raise ConformanceError(path, "timestamp %s has more than %d decimals"
                                   % (value, MAX_TIMESTAMP_DECIMALS))

    def _check_blob(self, value, shape, path):
        if not isinstance(value, str):
            raise ConformanceError(path, "expected a base64 string, got %s" % _json_type(value))


def check_error_body(body, status):
    """The JSON 1.1 error envelope of sagemaker-api.md §1.5; returns (code, message)."""
    if status != 400:
        raise ConformanceError("$", "client errors must be HTTP 400, got %d" % status)
    doc = strict_json(body)
    if not isinstance(doc, dict):
        raise ConformanceError("$", "error body is %s, not an object" % _json_type(doc))
    extra = set(doc) - {"__type", "message", "Message"}
    if extra:
        raise ConformanceError("$", "error body has members beyond __type/message: %s" % sorted(extra))
    code = doc.get("__type")
    if not isinstance(code, str):
        raise ConformanceError("$.__type", "missing or not a string: %r" % (code,))
    code = code.rsplit("#", 1)[-1]
    if code not in ERROR_CODES:
        raise ConformanceError("$.__type", "unexpected error code %r" % code)
    messages = [doc[k] for k in ("message", "Message") if k in doc]
    if len(messages) != 1 or not isinstance(messages[0], str) or not messages[0]:
        raise ConformanceError("$", "exactly one non-empty message/Message expected: %r" % doc)
    return code, messages[0]


def error_of(exc):
    """(code, message) of a botocore ClientError."""
    return exc.response["Error"]["Code"], exc.response["Error"]["Message"]


class Exchange:
    """One recorded HTTP exchange of a boto3 client."""

    def __init__(self, operation, params, status, headers, body, note=""):
        self.operation = operation
        self.params = params
        self.status = status
        self.headers = headers
        self.body = body
        self.note = note

    def describe(self):
        return "%s %s %s -> HTTP %d %s" % (self.operation, json.dumps(self.params, default=str)[:300],
                                          self.note, self.status, self.body[:300])


class RawCapture:
    """Registers on a boto3 client's event system and keeps every raw response."""

    def __init__(self, client):
        self.exchanges = []
        self._params = {}
        self.note = ""
        client.meta.events.register("provide-client-params.sagemaker", self._on_params)
        client.meta.events.register("after-call.sagemaker", self._on_after_call)

    def _on_params(self, params, model, **_):
        self._params[model.name] = dict(params)

    def _on_after_call(self, http_response, model, **_):
        self.exchanges.append(Exchange(
            model.name, self._params.pop(model.name, {}), http_response.status_code,
            dict(http_response.headers), http_response.content, self.note))


def signed_post(url, target, body, region=REGION, access_key="AKIDEXAMPLE", headers=None):
    """POST body (bytes/str, or a dict serialised with json.dumps) with X-Amz-Target target
    ('SageMaker.<Op>'), SigV4-signed like botocore. Returns emulator_process.HttpResult."""
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode("utf-8")
    hdrs = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target}
    hdrs.update(headers or {})
    request = AWSRequest(method="POST", url=url + "/", data=body, headers=hdrs)
    SigV4Auth(Credentials(access_key, "amt-emulator-dummy-secret"), "sagemaker",
              region).add_auth(request)
    signed = {k: v for k, v in request.headers.items()}
    return http_request(url + "/", method="POST", body=body, headers=signed)
