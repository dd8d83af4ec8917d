#include "api/what_if/what_if_options.h"

#include <gtest/gtest.h>

namespace api::what_if {
namespace {

TEST(WhatIfOptions, ARunWithEveryFlag) {
  const auto parsed =
      parse_what_if({"--scenario", "s.json", "--request", "r.json", "--runs", "100", "--seed", "7", "--shard", "1/4",
                     "--json", "o.json", "--html", "o.html", "--compare", "r2.json", "r3.json"});
  ASSERT_TRUE(parsed) << parsed.error();
  const auto& run = std::get<RunCommand>(*parsed);
  EXPECT_EQ(run.scenario, "s.json");
  EXPECT_EQ(run.requests, (std::vector<std::string>{"r.json", "r2.json", "r3.json"}));
  EXPECT_EQ(run.runs, 100);
  EXPECT_EQ(run.seed_base, 7u);
  EXPECT_EQ(run.shard, (emulator::what_if::Shard{1, 4}));
  EXPECT_EQ(run.json_out, "o.json");
  EXPECT_EQ(*run.html_out, "o.html");
}

TEST(WhatIfOptions, DefaultsToSeedZeroAndOneShard) {
  const auto parsed = parse_what_if({"--scenario", "s", "--request", "r", "--runs", "1", "--json", "o"});
  ASSERT_TRUE(parsed);
  const auto& run = std::get<RunCommand>(*parsed);
  EXPECT_EQ(run.seed_base, 0u);
  EXPECT_EQ(run.shard, (emulator::what_if::Shard{0, 1}));
  EXPECT_FALSE(run.html_out);
}

TEST(WhatIfOptions, NamesTheBadArgument) {
  const std::vector<std::string> base{"--scenario", "s", "--request", "r", "--json", "o"};
  const auto with = [&](std::vector<std::string> more) {
    auto args = base;
    args.insert(args.end(), more.begin(), more.end());
    return parse_what_if(args).error();
  };
  EXPECT_EQ(with({}), "--runs is required");
  EXPECT_EQ(with({"--runs", "0"}), "--runs must be a whole number of at least 1; got '0'");
  EXPECT_EQ(with({"--runs", "ten"}), "--runs must be a whole number of at least 1; got 'ten'");
  EXPECT_EQ(with({"--runs", "1", "--seed", "-3"}), "--seed must be a whole number of at least 0; got '-3'");
  EXPECT_EQ(with({"--runs", "1", "--shard", "4/4"}), "--shard must be I/N with 0 <= I < N, e.g. 0/4; got '4/4'");
  EXPECT_EQ(with({"--runs", "1", "--compare"}), "--compare needs at least one request file");
  EXPECT_EQ(with({"--runs", "1", "--bogus", "x"}), "unknown argument '--bogus'");
  EXPECT_EQ(with({"--runs"}), "--runs needs a value");
  EXPECT_EQ(with({"--runs", "2", "--seed", "18446744073709551615"}),
            "--seed 18446744073709551615 with --runs 2 would go past the largest seed, 18446744073709551615");
  EXPECT_TRUE(parse_what_if(
      {"--scenario", "s", "--request", "r", "--json", "o", "--runs", "2", "--seed", "18446744073709551614"}));
  EXPECT_EQ(parse_what_if({"--request", "r", "--runs", "1", "--json", "o"}).error(), "--scenario is required");
}

TEST(WhatIfOptions, Merge) {
  const auto parsed = parse_what_if({"merge", "a.json", "b.json", "--json", "all.json", "--html", "all.html"});
  ASSERT_TRUE(parsed);
  const auto& merge = std::get<MergeCommand>(*parsed);
  EXPECT_EQ(merge.inputs, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_EQ(merge.json_out, "all.json");
  EXPECT_EQ(*merge.html_out, "all.html");
  EXPECT_EQ(parse_what_if({"merge", "--json", "o"}).error(), "merge needs the shard files to merge");
  EXPECT_EQ(parse_what_if({"merge", "a.json"}).error(), "--json is required");
}

}  // namespace
}  // namespace api::what_if
