"""Runs `amt-emulator what-if` as a process for the what-if tests: a scratch folder per test,
the request fixtures (fixtures/what-if/), and a scenario in which both of the blog request's
instance types are dry."""

import json
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from emulator_process import REPO_ROOT, emulator_binary, scenario_path

REQUESTS = REPO_ROOT / "fixtures" / "what-if"
BLOG_REQUEST = str(REQUESTS / "blog-request.json")
NO_FALLBACK_REQUEST = str(REQUESTS / "blog-request-no-fallback.json")


def what_if(*args, cwd=None):
    """Runs the binary's what-if subcommand; returns the CompletedProcess (text mode)."""
    return subprocess.run([str(emulator_binary()), "what-if", *map(str, args)], capture_output=True,
                          text=True, timeout=120, cwd=cwd)


class WhatIfTestCase(unittest.TestCase):
    """A scratch folder (self.dir) per test, and helpers that run what-if and read its output."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="what-if-test-"))
        self.addCleanup(shutil.rmtree, self.dir, True)

    def path(self, name):
        return str(self.dir / name)

    def run_ok(self, *args):
        done = what_if(*args)
        self.assertEqual(done.returncode, 0, "what-if %s failed: %s" % (args, done.stderr))
        return done

    def run_report(self, scenario, runs, *more, name="out"):
        """what-if on `scenario` (a shipped name or a path) with the blog request → the JSON."""
        out = self.path(name + ".json")
        if "/" not in scenario:
            scenario = scenario_path(scenario)
        self.run_ok("--scenario", scenario, "--request", BLOG_REQUEST, "--runs", runs, "--json", out, *more)
        return json.loads(Path(out).read_text())

    def both_types_dry_scenario(self):
        path = self.path("both-dry.json")
        Path(path).write_text(json.dumps({
            "name": "both-dry", "region": "us-east-1",
            "zones": ["us-east-1a", "us-east-1b", "us-east-1c"],
            "defaults": {"capacityPerZone": 16},
            "pools": [{"instanceType": "ml.m4.xlarge", "capacity": 0},
                      {"instanceType": "ml.m5.4xlarge", "capacity": 0}],
        }))
        return path
