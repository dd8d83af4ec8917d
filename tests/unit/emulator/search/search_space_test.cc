#include "emulator/search/search_space.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>
#include <set>

#include <gtest/gtest.h>

namespace emulator::search {
namespace {

using model::HyperParameterScalingType;

double as_double(const std::string& text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  EXPECT_EQ(ec, std::errc()) << text;
  EXPECT_EQ(end, text.data() + text.size()) << text;
  return v;
}

model::ParameterRanges continuous(std::string min, std::string max, HyperParameterScalingType scaling) {
  model::ParameterRanges r;
  r.continuous_ranges.push_back({"x", std::move(min), std::move(max), scaling});
  return r;
}

model::ParameterRanges integer(std::string min, std::string max, HyperParameterScalingType scaling) {
  model::ParameterRanges r;
  r.integer_ranges.push_back({"n", std::move(min), std::move(max), scaling});
  return r;
}

std::vector<double> samples(const SearchSpace& space, int count) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<double> values;
  for (int i = 0; i < count; ++i) values.push_back(as_double(space.value_at(0, unit(rng))));
  return values;
}

TEST(SearchSpace, ContinuousLinearValuesStayInRange) {
  auto space = SearchSpace::from_ranges(continuous("0", "1", HyperParameterScalingType::Linear));
  ASSERT_TRUE(space.ok());
  for (double v : samples(*space, 2000)) {
    EXPECT_GE(v, 0.0);
    EXPECT_LE(v, 1.0);
  }
  EXPECT_EQ(space->value_at(0, 0.0), "0");
  EXPECT_EQ(space->value_at(0, 1.0), "1");
  EXPECT_EQ(space->value_at(0, 0.25), "0.25");
}

TEST(SearchSpace, IntegersAreIntegralAndCoverEveryValueEvenly) {
  auto space = SearchSpace::from_ranges(integer("2", "6", HyperParameterScalingType::Linear));
  ASSERT_TRUE(space.ok());
  std::map<int, int> counts;
  for (double v : samples(*space, 5000)) {
    EXPECT_EQ(v, std::floor(v));
    counts[int(v)]++;
  }
  ASSERT_EQ(counts.size(), 5u);
  EXPECT_EQ(counts.begin()->first, 2);
  EXPECT_EQ(counts.rbegin()->first, 6);
  for (auto [value, count] : counts) EXPECT_NEAR(count, 1000, 150) << value;
}

TEST(SearchSpace, LogarithmicScalingIsUniformInTheLogarithm) {
  auto space = SearchSpace::from_ranges(continuous("0.0001", "1", HyperParameterScalingType::Logarithmic));
  ASSERT_TRUE(space.ok());
  auto values = samples(*space, 4000);
  // Each decade of [1e-4, 1] gets a quarter of the draws; a linear search would put 90% in the top one.
  int per_decade[4] = {0, 0, 0, 0};
  for (double v : values) {
    ASSERT_GE(v, 0.0001);
    ASSERT_LE(v, 1.0);
    per_decade[std::clamp(int(std::floor(std::log10(v))) + 4, 0, 3)]++;
  }
  for (int count : per_decade) EXPECT_NEAR(count, 1000, 120);
  EXPECT_NEAR(as_double(space->value_at(0, 0.5)), 0.01, 1e-9);
}

TEST(SearchSpace, ReverseLogarithmicCrowdsTowardsTheTop) {
  auto space = SearchSpace::from_ranges(continuous("0", "0.999", HyperParameterScalingType::ReverseLogarithmic));
  ASSERT_TRUE(space.ok());
  auto values = samples(*space, 3000);
  const auto above_09 = std::count_if(values.begin(), values.end(), [](double v) { return v >= 0.9; });
  EXPECT_NEAR(double(above_09) / values.size(), 2.0 / 3.0, 0.05);
  for (double v : values) {
    EXPECT_GE(v, 0.0);
    EXPECT_LE(v, 0.999);
  }
}

TEST(SearchSpace, AutoPicksLogarithmicForRangesSpanningTwoDecades) {
  auto wide = SearchSpace::from_ranges(continuous("0.001", "1", HyperParameterScalingType::Auto));
  auto narrow = SearchSpace::from_ranges(continuous("0", "1", HyperParameterScalingType::Auto));
  ASSERT_TRUE(wide.ok());
  ASSERT_TRUE(narrow.ok());
  EXPECT_EQ(wide->dimensions()[0].scale, Scale::Logarithmic);
  EXPECT_EQ(narrow->dimensions()[0].scale, Scale::Linear);
}

TEST(SearchSpace, UnitRoundTripsThroughValues) {
  for (auto scaling : {HyperParameterScalingType::Linear, HyperParameterScalingType::Logarithmic}) {
    auto space = SearchSpace::from_ranges(continuous("0.01", "10", scaling));
    ASSERT_TRUE(space.ok());
    for (double u : {0.0, 0.1, 0.37, 0.5, 0.9, 1.0}) {
      EXPECT_NEAR(space->to_unit(0, space->value_at(0, u)), u, 1e-9);
    }
  }
  auto ints = SearchSpace::from_ranges(integer("1", "100", HyperParameterScalingType::Logarithmic));
  ASSERT_TRUE(ints.ok());
  for (int v : {1, 7, 50, 100}) {
    EXPECT_EQ(ints->value_at(0, ints->to_unit(0, std::to_string(v))), std::to_string(v));
  }
}

TEST(SearchSpace, CategoricalValuesAreVerbatim) {
  model::ParameterRanges r;
  r.categorical_ranges.push_back({"booster", {"gbtree", "dart", "gblinear"}});
  auto space = SearchSpace::from_ranges(r);
  ASSERT_TRUE(space.ok());
  std::set<std::string> seen;
  for (double u : {0.0, 0.2, 0.4, 0.6, 0.99, 1.0}) seen.insert(space->value_at(0, u));
  EXPECT_EQ(seen, (std::set<std::string>{"gbtree", "dart", "gblinear"}));
  EXPECT_EQ(space->combinations(), 3u);
}

TEST(SearchSpace, CombinationsMultiplyDiscreteRangesOnly) {
  model::ParameterRanges r;
  r.categorical_ranges.push_back({"a", {"x", "y"}});
  r.integer_ranges.push_back({"n", "1", "3", HyperParameterScalingType::Linear});
  auto space = SearchSpace::from_ranges(r);
  ASSERT_TRUE(space.ok());
  EXPECT_EQ(space->combinations(), 6u);
  r.continuous_ranges.push_back({"c", "0", "1", HyperParameterScalingType::Linear});
  EXPECT_FALSE(SearchSpace::from_ranges(r)->combinations().has_value());
}

TEST(SearchSpace, TheWidestRangesNeitherOverflowNorCollapse) {
  auto wide = SearchSpace::from_ranges(continuous("-1.7e308", "1.7e308", HyperParameterScalingType::Linear));
  ASSERT_TRUE(wide.ok());
  std::set<std::string> distinct;
  for (double v : samples(*wide, 50)) {
    EXPECT_TRUE(std::isfinite(v));
    distinct.insert(std::to_string(v));
  }
  EXPECT_GT(distinct.size(), 40u);
  EXPECT_NEAR(wide->to_unit(0, "0"), 0.5, 1e-9);

  auto widest = SearchSpace::from_ranges(
      integer("-9223372036854775807", "9223372036854775807", HyperParameterScalingType::Linear));
  ASSERT_TRUE(widest.ok());
  EXPECT_EQ(widest->combinations(), UINT64_MAX);
  EXPECT_EQ(widest->value_at(0, 1.0), "9223372036854775807");
  EXPECT_EQ(widest->value_at(0, 0.0), "-9223372036854775807");

  model::ParameterRanges grid;
  for (int i = 0; i < 30; ++i) {
    grid.categorical_ranges.push_back({"c" + std::to_string(i), std::vector<std::string>(30, "v")});
  }
  for (auto& range : grid.categorical_ranges) {
    for (int v = 0; v < 30; ++v) range.values[v] = std::to_string(v);
  }
  EXPECT_EQ(SearchSpace::from_ranges(grid)->combinations(), UINT64_MAX);  // 30^30 saturates
}

struct BadRange {
  model::ParameterRanges ranges;
  std::string message_part;
};

void PrintTo(const BadRange& r, std::ostream* os) { *os << r.message_part; }

class SearchSpaceRejects : public testing::TestWithParam<BadRange> {};

TEST_P(SearchSpaceRejects, WithAValidationExceptionNamingTheProblem) {
  auto space = SearchSpace::from_ranges(GetParam().ranges);
  ASSERT_FALSE(space.ok());
  EXPECT_EQ(space.error().code, ErrorCode::ValidationException);
  EXPECT_NE(space.error().message.find(GetParam().message_part), std::string::npos) << space.error().message;
}

model::ParameterRanges duplicated() {
  auto r = continuous("0", "1", HyperParameterScalingType::Linear);
  r.integer_ranges.push_back({"x", "1", "2", HyperParameterScalingType::Linear});
  return r;
}

model::ParameterRanges too_many() {
  model::ParameterRanges r;
  for (int i = 0; i < 31; ++i) r.continuous_ranges.push_back({"p" + std::to_string(i), "0", "1", HyperParameterScalingType::Linear});
  return r;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, SearchSpaceRejects,
    testing::Values(
        BadRange{continuous("2", "1", HyperParameterScalingType::Linear), "MinValue (2) of hyperparameter 'x' must be less than or equal to its MaxValue (1)"},
        BadRange{integer("1.5", "3", HyperParameterScalingType::Linear), "'1.5' of hyperparameter 'n' is not a valid integer"},
        // Equal as doubles, yet min > max.
        BadRange{integer("9007199254740993", "9007199254740992", HyperParameterScalingType::Linear), "MinValue (9007199254740993) of hyperparameter 'n' must be less than or equal"},
        BadRange{continuous("abc", "3", HyperParameterScalingType::Linear), "'abc' of hyperparameter 'x' is not a valid number"},
        BadRange{continuous("0", "3", HyperParameterScalingType::Logarithmic), "Logarithmic scaling for hyperparameter 'x' requires MinValue greater than 0"},
        BadRange{integer("1", "3", HyperParameterScalingType::ReverseLogarithmic), "ReverseLogarithmic scaling is supported only"},
        BadRange{continuous("0", "1", HyperParameterScalingType::ReverseLogarithmic), "ReverseLogarithmic scaling is supported only"},
        BadRange{duplicated(), "Hyperparameter 'x' is specified more than once"},
        BadRange{too_many(), "(31) exceeds the maximum of 30"}));

}  // namespace
}  // namespace emulator::search
