"""docker/what-if-job.yaml (issue 13): the Kubernetes Indexed Job that runs what-if shards and
the Job that merges them. The manifest must parse, its parts must agree (shard count, file
names, volumes), its request must be the fixture's, and its command lines must be the CLI's: they
are run here as the pods would run them (index substituted, mounts mapped to a scratch folder,
the image's working directory holding its scenarios), and the merge must equal one process."""

import json
import os
import re
import subprocess
from pathlib import Path

from emulator_process import REPO_ROOT, emulator_binary
from what_if_support import BLOG_REQUEST, WhatIfTestCase

try:
    import yaml
except ImportError as missing:  # a failure, not a skip: scripts/install-deps.sh --with-tests installs it
    raise SystemExit("test_what_if_kubernetes needs PyYAML (Debian: python3-yaml): %s" % missing)

MANIFEST = REPO_ROOT / "docker" / "what-if-job.yaml"
DOCKERFILE = REPO_ROOT / "docker" / "Dockerfile"
INDEX = "$(JOB_COMPLETION_INDEX)"


def pod_spec(job):
    return job["spec"]["template"]["spec"]


class KubernetesManifest(WhatIfTestCase):
    def setUp(self):
        super().setUp()
        documents = list(yaml.safe_load_all(MANIFEST.read_text()))
        self.by_name = {d["metadata"]["name"]: d for d in documents}
        self.assertEqual(sorted(d["kind"] for d in documents), ["ConfigMap", "Job", "Job", "PersistentVolumeClaim"])
        self.shards = self.by_name["amt-what-if-shards"]
        self.merge = self.by_name["amt-what-if-merge"]
        self.count = self.shards["spec"]["completions"]

    def test_the_shards_are_an_indexed_job_of_one_pod_per_shard(self):
        spec = self.shards["spec"]
        self.assertEqual(spec["completionMode"], "Indexed")
        self.assertEqual(spec["parallelism"], self.count)
        args = pod_spec(self.shards)["containers"][0]["args"]
        self.assertEqual(args[0], "what-if")
        self.assertEqual(args[args.index("--shard") + 1], "%s/%d" % (INDEX, self.count))
        self.assertIn(INDEX, args[args.index("--json") + 1])
        env = {e["name"]: e for e in pod_spec(self.shards)["containers"][0]["env"]}
        self.assertEqual(env["JOB_COMPLETION_INDEX"]["valueFrom"]["fieldRef"]["fieldPath"],
                         "metadata.annotations['batch.kubernetes.io/job-completion-index']")

    def test_both_jobs_use_the_image_and_share_the_results_volume(self):
        claim = self.by_name["amt-what-if-results"]["metadata"]["name"]
        for job in (self.shards, self.merge):
            spec = pod_spec(job)
            for container in spec["containers"] + spec.get("initContainers", []):
                self.assertEqual(container["image"], "amt-emulator:latest")
            volumes = {v["name"]: v for v in spec["volumes"]}
            self.assertEqual(volumes["results"]["persistentVolumeClaim"]["claimName"], claim)

    def test_the_request_is_the_fixtures(self):
        data = self.by_name["amt-what-if-request"]["data"]["request.json"]
        self.assertEqual(json.loads(data), json.loads(Path(BLOG_REQUEST).read_text()))

    def test_the_image_has_the_scenarios_in_its_working_directory(self):
        text = DOCKERFILE.read_text()
        self.assertIn("COPY fixtures/scenarios /opt/amt-emulator/scenarios", text)
        self.assertIn("WORKDIR /opt/amt-emulator", text)
        self.assertIn('ENTRYPOINT ["/usr/local/bin/amt-emulator"]', text)

    def test_the_command_lines_run_and_merge_into_the_unsharded_result(self):
        image_dir = self.dir / "opt-amt-emulator"
        image_dir.mkdir()
        os.symlink(REPO_ROOT / "fixtures" / "scenarios", image_dir / "scenarios")
        mounts = self.mount_folders(self.shards)
        for index in range(self.count):
            self.run_container(pod_spec(self.shards)["containers"][0], mounts, image_dir, index)
        merge_spec = pod_spec(self.merge)
        mounts.update(self.mount_folders(self.merge, existing=mounts))
        waiting = merge_spec["initContainers"][0]["command"]
        done = subprocess.run([self.mapped(a, mounts) for a in waiting], timeout=30)
        self.assertEqual(done.returncode, 0, "the wait for shard files did not end")
        self.run_container(merge_spec["containers"][0], mounts, image_dir, None)

        whole_args = [a for a in pod_spec(self.shards)["containers"][0]["args"]]
        cut = whole_args.index("--shard")
        del whole_args[cut:cut + 2]
        whole_args[whole_args.index("--json") + 1] = str(self.dir / "whole.json")
        self.run_container({"args": whole_args}, mounts, image_dir, None)
        merge_args = merge_spec["containers"][0]["args"]
        merged = self.mapped(merge_args[merge_args.index("--json") + 1], mounts)
        self.assertEqual(Path(merged).read_bytes(), (self.dir / "whole.json").read_bytes())
        self.assertTrue(Path(self.mapped(merge_args[merge_args.index("--html") + 1], mounts)).exists())

    def mount_folders(self, job, existing=None):
        """mountPath → a scratch folder; a ConfigMap's data written into its folder."""
        spec = pod_spec(job)
        volumes = {v["name"]: v for v in spec["volumes"]}
        mounts = dict(existing or {})
        for container in spec["containers"]:
            for mount in container.get("volumeMounts", []):
                if mount["mountPath"] in mounts:
                    continue
                folder = self.dir / ("mount-" + mount["name"])
                folder.mkdir(exist_ok=True)
                mounts[mount["mountPath"]] = folder
                source = volumes[mount["name"]]
                if "configMap" in source:
                    data = self.by_name[source["configMap"]["name"]]["data"]
                    for name, text in data.items():
                        (folder / name).write_text(text)
        return mounts

    @staticmethod
    def mapped(arg, mounts):
        for path, folder in mounts.items():
            arg = re.sub(re.escape(path) + r"(?=/|$)", str(folder), arg)
        return arg

    def run_container(self, container, mounts, workdir, index):
        args = [self.mapped(a.replace(INDEX, str(index)) if index is not None else a, mounts)
                for a in container["args"]]
        self.assertNotIn(INDEX, " ".join(args))
        done = subprocess.run([str(emulator_binary()), *args], capture_output=True, text=True, cwd=workdir,
                              timeout=120)
        self.assertEqual(done.returncode, 0, "%s: %s" % (args, done.stderr))


if __name__ == "__main__":
    import unittest
    unittest.main()
