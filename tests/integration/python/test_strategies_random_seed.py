"""RandomSeed through boto3 (sagemaker-api.md §3.8): the same configuration with the same seed in
fresh emulators proposes the same hyperparameters for every strategy, whatever the emulator's
--seed or the job's name; another RandomSeed proposes others.
"""

import unittest

from emulator_process import EmulatorProcess
from strategy_support import (
    GRID_RANGES, XGB_RANGES, hyperband_definition, run_to_end, tuned_by_ordinal, tuning_request)


class RandomSeedTest(unittest.TestCase):
    """The same configuration with the same RandomSeed in fresh emulators proposes the same
    hyperparameters (§3.8: exact for Random and Hyperband, the emulator's Bayesian is
    deterministic as well)."""

    configs = {
        "seed-random": dict(strategy="Random", ranges=XGB_RANGES, max_jobs=12, parallel=3),
        "seed-grid": dict(strategy="Grid", ranges=GRID_RANGES, max_jobs=None, parallel=3),
        "seed-bayes": dict(strategy="Bayesian", ranges=XGB_RANGES, max_jobs=12, parallel=2),
        "seed-bayes-seq": dict(strategy="Bayesian", ranges=XGB_RANGES, max_jobs=10, parallel=1),
        "seed-hyperband": dict(strategy="Hyperband", ranges=XGB_RANGES, max_jobs=12, parallel=3),
    }

    @classmethod
    def run_all(cls, emu_seed, names, seed=42, rename=None):
        with EmulatorProcess("--clock", "instant", "--seed", emu_seed) as emu:
            client = emu.client()
            out = {}
            for name in names:
                c = cls.configs[name]
                job_name = rename(name) if rename else name
                definition = hyperband_definition("27") if c["strategy"] == "Hyperband" else None
                d = run_to_end(client, tuning_request(job_name, c["strategy"], c["ranges"], c["max_jobs"], c["parallel"],
                                                      seed=seed, definition=definition))
                if d["HyperParameterTuningJobStatus"] != "Completed":
                    raise AssertionError("%s ended %s" % (job_name, d["HyperParameterTuningJobStatus"]))
                out[name] = tuned_by_ordinal(client, job_name)
            return out

    @classmethod
    def setUpClass(cls):
        every = list(cls.configs)
        cls.first = cls.run_all(1, every)
        cls.second = cls.run_all(1, every)
        # A fresh emulator with another --seed: RandomSeed alone decides the search.
        cls.other_emulator_seed = cls.run_all(2, ["seed-random", "seed-grid", "seed-bayes-seq", "seed-hyperband"])
        # Other job names (the README: RandomSeed makes a search reproducible across names).
        cls.renamed = cls.run_all(1, ["seed-random", "seed-hyperband"], rename=lambda n: n + "-renamed")
        cls.other_seed = cls.run_all(1, ["seed-random", "seed-bayes"], seed=43)

    def test_same_config_same_seed_same_hyperparameters(self):
        for name in self.configs:
            with self.subTest(name):
                self.assertTrue(self.first[name])
                self.assertEqual(self.first[name], self.second[name])

    def test_emulator_seed_does_not_change_a_seeded_search(self):
        for name, tuned in self.other_emulator_seed.items():
            with self.subTest(name):
                self.assertEqual(self.first[name], tuned)

    def test_job_name_does_not_change_a_seeded_random_search(self):
        for name, tuned in self.renamed.items():
            with self.subTest(name):
                self.assertEqual(self.first[name], tuned)

    def test_another_random_seed_gives_other_hyperparameters(self):
        for name, tuned in self.other_seed.items():
            with self.subTest(name):
                self.assertNotEqual(self.first[name], tuned)


if __name__ == "__main__":
    unittest.main()
