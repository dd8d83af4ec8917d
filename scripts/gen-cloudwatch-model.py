#!/usr/bin/env python3
"""Extract the CloudWatch metrics subset of botocore's cloudwatch 2010-08-01 model.

Writes fixtures/service_model/cloudwatch-2010-08-01.json (metadata, the operations amt-emulator
serves and every shape they reach, documentation stripped) and PROVENANCE-cloudwatch.md, with
the same reachability and stripping rules as gen-service-model.py (whose helpers it uses).

Usage: python3 scripts/gen-cloudwatch-model.py [--out-dir DIR]
"""

import datetime
import importlib.util
import os

import botocore

SERVICE = "cloudwatch"
API_VERSION = "2010-08-01"
OPERATIONS = ["PutMetricData", "GetMetricData", "GetMetricStatistics", "ListMetrics"]
MODEL_FILE = f"{SERVICE}-{API_VERSION}.json"
PROVENANCE_FILE = "PROVENANCE-cloudwatch.md"


def sagemaker_generator():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("gen_service_model", os.path.join(here, "gen-service-model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    gen = sagemaker_generator()
    out_dir = gen.out_dir_argument(__doc__.splitlines()[0])
    model = gen.bundled_loader().load_service_model(SERVICE, "service-2", API_VERSION)
    operations = {name: gen.strip(model["operations"][name]) for name in OPERATIONS}
    roots = []
    for op in operations.values():
        roots += [op[key]["shape"] for key in ("input", "output") if key in op]
        roots += [e["shape"] for e in op.get("errors", [])]
    shapes = {name: gen.strip(model["shapes"][name]) for name in gen.reachable(model["shapes"], roots)}
    text = gen.dump({"version": model.get("version", "2.0"), "metadata": gen.strip(model["metadata"]),
                     "operations": operations, "shapes": shapes})
    digest = gen.sha256(text)
    provenance_path = os.path.join(out_dir, PROVENANCE_FILE)
    date = (gen.previous_date(provenance_path, [digest])
            or datetime.datetime.now(datetime.timezone.utc).date().isoformat())
    provenance = f"""# Provenance of the CloudWatch metrics service model subset

- Source: botocore {botocore.__version__}, `botocore/data/{SERVICE}/{API_VERSION}/service-2.json.gz`
- Generated: {date}
- Command (from the repository root): `python3 scripts/gen-cloudwatch-model.py`
- Operations kept ({len(OPERATIONS)}): {", ".join(OPERATIONS)}
- Shapes kept: {len(shapes)}: every shape reachable from those operations' input, output and
  error shapes; documentation stripped, as in PROVENANCE.md

| file | sha256 |
|---|---|
| `{MODEL_FILE}` | `{digest}` |

Do not edit the generated file by hand: upgrade botocore and rerun the command.
"""
    for name, content in ((MODEL_FILE, text), (PROVENANCE_FILE, provenance)):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
    print(f"wrote {len(operations)} operations, {len(shapes)} shapes to {out_dir}")


if __name__ == "__main__":
    main()
