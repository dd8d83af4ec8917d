#!/usr/bin/env python3
"""Extract the subsets of botocore's service models that amt-emulator serves.

Writes (relative to the repository root), for each service in SERVICES:
  fixtures/service_model/<service>-<version>.json             metadata + the served operations + reachable shapes
  fixtures/service_model/<service>-<version>.paginators.json  paginators of those operations
and fixtures/service_model/PROVENANCE.md (botocore version, date, command, what was stripped).

Uses only the installed botocore, reading its bundled data directory (never ~/.aws/models).
Deterministic: keys are sorted, documentation is stripped, and PROVENANCE.md keeps its recorded
date when the generated files are byte-identical to the ones it describes.

Usage: python3 scripts/gen-service-model.py [--out-dir DIR]
"""

import argparse
import datetime
import hashlib
import json
import os
import re
import sys

import botocore
import botocore.loaders

SAGEMAKER_OPERATIONS = [
    "CreateHyperParameterTuningJob",
    "DescribeHyperParameterTuningJob",
    "ListHyperParameterTuningJobs",
    "StopHyperParameterTuningJob",
    "DeleteHyperParameterTuningJob",
    "ListTrainingJobsForHyperParameterTuningJob",
    "CreateTrainingJob",
    "DescribeTrainingJob",
    "ListTrainingJobs",
    "StopTrainingJob",
    "DeleteTrainingJob",
    "UpdateTrainingJob",
    "AddTags",
    "ListTags",
    "DeleteTags",
]

# CloudWatch Logs as the SageMaker Python SDK, `aws logs` and log shippers call it.
LOGS_OPERATIONS = [
    "CreateLogGroup",
    "DeleteLogGroup",
    "DescribeLogGroups",
    "PutRetentionPolicy",
    "CreateLogStream",
    "DeleteLogStream",
    "DescribeLogStreams",
    "PutLogEvents",
    "GetLogEvents",
    "FilterLogEvents",
]

# CloudWatch metrics as TrainingJobAnalytics, the tuner's charts and `aws cloudwatch` call them.
CLOUDWATCH_OPERATIONS = ["PutMetricData", "GetMetricData", "GetMetricStatistics", "ListMetrics"]

# service → (API version, operations kept)
SERVICES = {
    "sagemaker": ("2017-07-24", SAGEMAKER_OPERATIONS),
    "logs": ("2014-03-28", LOGS_OPERATIONS),
    "cloudwatch": ("2010-08-01", CLOUDWATCH_OPERATIONS),
}

# Keys removed wherever they occur (operations, shapes, members).
STRIPPED_KEYS = ("documentation", "documentationUrl")

PROVENANCE_FILE = "PROVENANCE.md"
COMMAND = "python3 scripts/gen-service-model.py"


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in STRIPPED_KEYS}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def referenced_shapes(shape):
    """Names of the shapes a shape refers to directly."""
    refs = []
    for member in shape.get("members", {}).values():
        refs.append(member["shape"])
    for key in ("member", "key", "value"):
        if key in shape:
            refs.append(shape[key]["shape"])
    return refs


def reachable(shapes, roots):
    seen = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        if name not in shapes:
            sys.exit(f"error: shape {name} is referenced but not defined")
        seen.add(name)
        stack.extend(referenced_shapes(shapes[name]))
    return seen


def dump(data):
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def previous_date(provenance_path, digests):
    """The date recorded in an existing PROVENANCE.md if it describes these exact files."""
    try:
        with open(provenance_path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return None
    if not all(d in text for d in digests):
        return None
    match = re.search(r"^- Generated: (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    return match.group(1) if match else None


def subset_of(loader, service, api_version, operation_names):
    """The model and paginator subsets of one service, as dicts."""
    model = loader.load_service_model(service, "service-2", api_version)
    paginators = loader.load_service_model(service, "paginators-1", api_version)
    operations = {}
    roots = []
    for name in operation_names:
        if name not in model["operations"]:
            sys.exit(f"error: operation {name} not in the botocore {service} model")
        op = model["operations"][name]
        operations[name] = strip(op)
        for key in ("input", "output"):
            if key in op:
                roots.append(op[key]["shape"])
        roots.extend(e["shape"] for e in op.get("errors", []))
    shape_names = reachable(model["shapes"], roots)
    shapes = {name: strip(model["shapes"][name]) for name in shape_names}
    subset = {
        "version": model.get("version", "2.0"),
        "metadata": strip(model["metadata"]),
        "operations": operations,
        "shapes": shapes,
    }
    pages = {"pagination": {name: paginators["pagination"][name]
                            for name in operation_names if name in paginators["pagination"]}}
    return subset, pages


def provenance_section(service, api_version, operation_names, subset, pages, digests):
    shapes = subset["shapes"]
    structures = sum(1 for s in shapes.values() if s.get("type") == "structure")
    return f"""## {service} {api_version}

- Source: `botocore/data/{service}/{api_version}/service-2.json.gz` and `paginators-1.json`
- Operations kept ({len(operation_names)}): {", ".join(operation_names)}
- Shapes kept: {len(shapes)} ({structures} structures)
- Paginators: {", ".join(pages["pagination"]) or "none"}

| file | sha256 |
|---|---|
| `{service}-{api_version}.json` | `{digests[0]}` |
| `{service}-{api_version}.paginators.json` | `{digests[1]}` |
"""


def main():
    repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default=os.path.join(repo_root, "fixtures", "service_model"))
    args = parser.parse_args()

    loader = botocore.loaders.Loader(include_default_search_paths=False,
                                     extra_search_paths=[botocore.loaders.Loader.BUILTIN_DATA_PATH])
    files = {}
    sections = []
    all_digests = []
    for service, (api_version, operation_names) in SERVICES.items():
        subset, pages = subset_of(loader, service, api_version, operation_names)
        model_text, pages_text = dump(subset), dump(pages)
        digests = [sha256(model_text), sha256(pages_text)]
        all_digests.extend(digests)
        files[f"{service}-{api_version}.json"] = model_text
        files[f"{service}-{api_version}.paginators.json"] = pages_text
        sections.append(provenance_section(service, api_version, operation_names, subset, pages, digests))

    os.makedirs(args.out_dir, exist_ok=True)
    provenance_path = os.path.join(args.out_dir, PROVENANCE_FILE)
    date = (previous_date(provenance_path, all_digests)
            or datetime.datetime.now(datetime.timezone.utc).date().isoformat())
    files[PROVENANCE_FILE] = f"""# Provenance of the service model subsets

- Source: botocore {botocore.__version__}, the copy bundled with the installed botocore
  (`~/.aws/models` is not searched)
- Generated: {date}
- Command (from the repository root): `{COMMAND}`
- Kept per service: the operations listed below and every shape reachable from their input,
  output and error shapes (through structure members, list `member`, map `key`/`value`),
  `version` and `metadata` unchanged, and the `pagination` entries of those operations.
- Stripped: the top-level `documentation`, every `documentation` and `documentationUrl` key
  (operations, shapes, members), every operation and shape not listed. Nothing else is
  changed; keys are sorted and the files are indented by 1 space.

Do not edit the generated files by hand: upgrade botocore and rerun the command. Fixes to a
model belong in a patch file beside it.

""" + "\n".join(sections)
    for name, text in files.items():
        with open(os.path.join(args.out_dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    print(f"wrote {len(SERVICES)} service models to {args.out_dir}")


if __name__ == "__main__":
    main()
