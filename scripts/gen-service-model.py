#!/usr/bin/env python3
"""Extract the SageMaker AMT subset of botocore's sagemaker 2017-07-24 model.

Writes (relative to the repository root):
  fixtures/service_model/sagemaker-2017-07-24.json             metadata + 15 operations + reachable shapes
  fixtures/service_model/sagemaker-2017-07-24.paginators.json  paginators of those operations
  fixtures/service_model/PROVENANCE.md                         botocore version, date, command, what was stripped

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

SERVICE = "sagemaker"
API_VERSION = "2017-07-24"

OPERATIONS = [
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

# Keys removed wherever they occur (operations, shapes, members).
STRIPPED_KEYS = ("documentation", "documentationUrl")

MODEL_FILE = f"{SERVICE}-{API_VERSION}.json"
PAGINATORS_FILE = f"{SERVICE}-{API_VERSION}.paginators.json"
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


def out_dir_argument(description):
    """The --out-dir the command line names, by default fixtures/service_model."""
    repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out-dir", default=os.path.join(repo_root, "fixtures", "service_model"))
    return parser.parse_args().out_dir


def bundled_loader():
    """A loader of the installed botocore's own data only (never ~/.aws/models)."""
    return botocore.loaders.Loader(include_default_search_paths=False,
                                   extra_search_paths=[botocore.loaders.Loader.BUILTIN_DATA_PATH])


def main():
    out_dir = out_dir_argument(__doc__.splitlines()[0])
    loader = bundled_loader()
    model = loader.load_service_model(SERVICE, "service-2", API_VERSION)
    paginators = loader.load_service_model(SERVICE, "paginators-1", API_VERSION)

    operations = {}
    roots = []
    for name in OPERATIONS:
        if name not in model["operations"]:
            sys.exit(f"error: operation {name} not in the botocore model")
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
    pages = {
        "pagination": {name: paginators["pagination"][name]
                       for name in OPERATIONS if name in paginators["pagination"]}
    }

    model_text = dump(subset)
    pages_text = dump(pages)
    digests = [sha256(model_text), sha256(pages_text)]

    os.makedirs(out_dir, exist_ok=True)
    provenance_path = os.path.join(out_dir, PROVENANCE_FILE)
    date = (previous_date(provenance_path, digests)
            or datetime.datetime.now(datetime.timezone.utc).date().isoformat())

    structures = sum(1 for s in shapes.values() if s.get("type") == "structure")
    provenance = f"""# Provenance of the SageMaker service model subset

- Source: botocore {botocore.__version__}, `botocore/data/{SERVICE}/{API_VERSION}/service-2.json.gz`
  and `paginators-1.json` (the copy bundled with the installed botocore; `~/.aws/models` is not searched)
- Generated: {date}
- Command (from the repository root): `{COMMAND}`
- Operations kept ({len(OPERATIONS)}): {", ".join(OPERATIONS)}
- Shapes kept: {len(shapes)} ({structures} structures): every shape reachable from the input,
  output and error shapes of those operations (through structure members, list `member`,
  map `key`/`value`)
- Also kept: `version`, `metadata` (unchanged)
- Stripped: the top-level `documentation`, every `documentation` and `documentationUrl` key
  (operations, shapes, members), every operation and shape not listed above.
  Nothing else is changed; keys are sorted and the file is indented by 1 space.
- Paginators: the `pagination` entries of `paginators-1.json` for the operations above
  ({", ".join(pages["pagination"])})

| file | sha256 |
|---|---|
| `{MODEL_FILE}` | `{digests[0]}` |
| `{PAGINATORS_FILE}` | `{digests[1]}` |

Do not edit the generated files by hand: upgrade botocore and rerun the command. Fixes to the
model belong in a patch file beside them.
"""

    for name, text in ((MODEL_FILE, model_text), (PAGINATORS_FILE, pages_text),
                       (PROVENANCE_FILE, provenance)):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    print(f"wrote {len(operations)} operations, {len(shapes)} shapes to {out_dir}")


if __name__ == "__main__":
    main()
