#include "emulator/what_if/shards.h"

#include <gtest/gtest.h>

namespace emulator::what_if {
namespace {

TEST(ParseShard, AcceptsIndexOverCount) {
  const auto shard = parse_shard("2/4");
  ASSERT_TRUE(shard);
  EXPECT_EQ(*shard, (Shard{2, 4}));
}

TEST(ParseShard, RefusesWhatIsNotIOverN) {
  for (const char* bad : {"4/4", "-1/4", "1/0", "1", "/4", "1/", "a/4", "1/4x", ""}) {
    const auto shard = parse_shard(bad);
    ASSERT_FALSE(shard) << bad;
    EXPECT_EQ(shard.error(), std::string("--shard must be I/N with 0 <= I < N, e.g. 0/4; got '") + bad + "'");
  }
}

TEST(RunsOf, InterleavesAndCoversEveryRunOnce) {
  EXPECT_EQ(runs_of(10, {1, 4}), (std::vector<int>{1, 5, 9}));
  EXPECT_EQ(runs_of(3, {0, 1}), (std::vector<int>{0, 1, 2}));
  EXPECT_TRUE(runs_of(2, {3, 4}).empty());
}

RunRecord record(std::uint64_t seed) {
  RunRecord r;
  r.seed = seed;
  r.status = "Completed";
  r.cost = double(seed) / 10;
  return r;
}

// A shard of a what-if of `runs` runs from seed 100, one request.
Report shard_report(Shard shard, int runs = 10) {
  Report report{"plenty.json", fingerprint("scenario"), 100, runs, shard, {}};
  Section section{"r.json", fingerprint("request"), {}};
  for (const int i : runs_of(runs, shard)) section.runs.push_back(record(100 + std::uint64_t(i)));
  report.sections.push_back(section);
  return report;
}

TEST(Merge, GivesTheUnshardedReport) {
  auto merged = merge({shard_report({2, 3}), shard_report({0, 3}), shard_report({1, 3})});
  ASSERT_TRUE(merged) << merged.error();
  const auto whole = shard_report({0, 1});
  EXPECT_EQ(merged->shard, whole.shard);
  EXPECT_EQ(merged->sections[0].runs, whole.sections[0].runs);
}

TEST(Merge, RefusesAMissingShard) {
  const auto merged = merge({shard_report({0, 3}), shard_report({2, 3})});
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error(), "shard 1/3 is missing");
}

TEST(Merge, RefusesAShardGivenTwice) {
  const auto merged = merge({shard_report({0, 2}), shard_report({1, 2}), shard_report({1, 2})});
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error(), "shard 1/2 is given 2 times");
}

TEST(Merge, RefusesShardsOfAnotherWhatIf) {
  auto other_seed = shard_report({1, 2});
  other_seed.seed_base = 7;
  EXPECT_EQ(merge({shard_report({0, 2}), other_seed}).error(),
            "shard 1/2 has another seed base (--seed) than shard 0/2");
  auto other_scenario = shard_report({1, 2});
  other_scenario.scenario_fingerprint = fingerprint("another scenario");
  EXPECT_EQ(merge({shard_report({0, 2}), other_scenario}).error(), "shard 1/2 has another scenario than shard 0/2");
  auto other_request = shard_report({1, 2});
  other_request.sections[0].request_fingerprint = fingerprint("another request");
  EXPECT_EQ(merge({shard_report({0, 2}), other_request}).error(),
            "shard 1/2 has another request 1 (r.json) than shard 0/2");
  EXPECT_EQ(merge({shard_report({0, 2}), shard_report({1, 3})}).error(),
            "shard 1/3 has another shard count than shard 0/2");
  EXPECT_EQ(merge({shard_report({0, 2}), shard_report({1, 2}, 12)}).error(),
            "shard 1/2 has another number of runs (--runs) than shard 0/2");
}

TEST(Merge, RefusesAShardMissingSomeOfItsRuns) {
  auto cut = shard_report({1, 2});
  cut.sections[0].runs.pop_back();
  const auto merged = merge({shard_report({0, 2}), cut});
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error(),
            "shard 1/2 does not hold the runs it owns for request r.json (5 runs, seeds 100 + i with i mod 2 = 1)");
}

TEST(Fingerprint, IsFnv1a64InHex) {
  EXPECT_EQ(fingerprint(""), "cbf29ce484222325");
  EXPECT_EQ(fingerprint("a"), "af63dc4c8601ec8c");
}

}  // namespace
}  // namespace emulator::what_if
