#include "emulator/model/autotune.h"

#include <gtest/gtest.h>

#include "emulator/tuning/request_rules.h"
#include "tests/support/tuning_request_builder.h"

namespace emulator::model {
namespace {

using tuning::resolve_tuning_request;
using tuning::TuningQuotas;

// The blog request with its ranges handed to Autotune as hints instead.
CreateHyperParameterTuningJobRequest autotuned(std::vector<AutoParameter> hints) {
  auto request = test_support::blog_request();
  request.autotune = true;
  request.config.parameter_ranges = ParameterRanges{};
  request.config.parameter_ranges->auto_parameters = std::move(hints);
  return request;
}

constexpr auto kLog = HyperParameterScalingType::Logarithmic;
constexpr auto kLinear = HyperParameterScalingType::Linear;

TEST(AutotuneDerives, AnIntegerRangeOneDecadeEachSideOfAnIntegerHint) {
  EXPECT_EQ(derive_auto_parameter({"max_depth", "40"}).integer_range,
            (IntegerParameterRange{"max_depth", "4", "400", kLog}));
  // Logarithmic needs a positive range, so small hints start at 1.
  EXPECT_EQ(derive_auto_parameter({"max_depth", "4"}).integer_range,
            (IntegerParameterRange{"max_depth", "1", "40", kLog}));
  EXPECT_EQ(derive_auto_parameter({"shift", "0"}).integer_range, (IntegerParameterRange{"shift", "0", "10", kLinear}));
  EXPECT_EQ(derive_auto_parameter({"shift", "-5"}).integer_range,
            (IntegerParameterRange{"shift", "-50", "-1", kLinear}));
}

TEST(AutotuneDerives, AContinuousRangeOneDecadeEachSideOfADecimalHint) {
  EXPECT_EQ(derive_auto_parameter({"eta", "0.1"}).continuous_range,
            (ContinuousParameterRange{"eta", "0.01", "1", kLog}));
  EXPECT_EQ(derive_auto_parameter({"alpha", "0.0"}).continuous_range,
            (ContinuousParameterRange{"alpha", "0", "1", kLinear}));
  EXPECT_EQ(derive_auto_parameter({"bias", "-2.5"}).continuous_range,
            (ContinuousParameterRange{"bias", "-25", "-0.25", kLinear}));
}

TEST(AutotuneDerives, AFixedValueForAHintThatIsNoNumber) {
  for (const char* hint : {"gbtree", "true", "", "nan", "1e999"}) {
    auto derived = derive_auto_parameter({"booster", hint});
    EXPECT_FALSE(derived.integer_range) << hint;
    EXPECT_FALSE(derived.continuous_range) << hint;
    ASSERT_TRUE(derived.fixed_value) << hint;
    EXPECT_EQ(*derived.fixed_value, hint);
  }
}

TEST(Autotune, TurnsHintsIntoRangesAndFixedValuesTheRulesAccept) {
  auto request = autotuned({{"eta", "0.1"}, {"max_depth", "4"}, {"booster", "gbtree"}});
  ASSERT_TRUE(apply_autotune(request).ok());
  const auto& ranges = *request.config.parameter_ranges;
  EXPECT_TRUE(ranges.auto_parameters.empty());
  ASSERT_EQ(ranges.continuous_ranges.size(), 1u);
  ASSERT_EQ(ranges.integer_ranges.size(), 1u);
  EXPECT_EQ(request.definitions[0].static_hyper_parameters.at("booster"), "gbtree");
  auto resolved = resolve_tuning_request(request, TuningQuotas{});
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->definitions[0].space.size(), 2u);
}

TEST(Autotune, FillsWhatTheCallerLeftOpenAndKeepsWhatTheCallerSet) {
  auto open = autotuned({{"eta", "0.1"}});
  open.config.resource_limits.max_number_of_training_jobs.reset();
  ASSERT_TRUE(apply_autotune(open).ok());
  EXPECT_EQ(open.config.resource_limits.max_number_of_training_jobs, kAutotuneMaxNumberOfTrainingJobs);
  EXPECT_TRUE(open.config.complete_on_convergence);

  auto set = autotuned({{"eta", "0.1"}});
  set.config.convergence_given = true;  // ConvergenceDetected {CompleteOnConvergence: Disabled}
  ASSERT_TRUE(apply_autotune(set).ok());
  EXPECT_EQ(set.config.resource_limits.max_number_of_training_jobs, 10);
  EXPECT_FALSE(set.config.complete_on_convergence);
}

TEST(Autotune, RefusesAutoParametersWithoutAutotune) {
  auto request = autotuned({{"eta", "0.1"}});
  request.autotune = false;
  auto applied = apply_autotune(request);
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().code, ErrorCode::ValidationException);
  EXPECT_NE(applied.error().message.find("AutoParameters can only be specified when Autotune is enabled"),
            std::string::npos);
}

TEST(Autotune, RefusesAHintForAStaticHyperparameter) {
  auto request = autotuned({{"num_round", "100"}});
  auto applied = apply_autotune(request);
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.error().message.find("Hyperparameter 'num_round' is specified more than once"), std::string::npos);
}

TEST(Autotune, LeavesTheGridRuleToRefuseNumericHints) {
  auto request = autotuned({{"eta", "0.1"}});
  request.config.strategy = HyperParameterTuningJobStrategyType::Grid;
  request.config.resource_limits.max_number_of_training_jobs.reset();
  ASSERT_TRUE(apply_autotune(request).ok());
  auto resolved = resolve_tuning_request(request, TuningQuotas{});
  ASSERT_FALSE(resolved.ok());
  EXPECT_NE(resolved.error().message.find("Grid strategy supports only categorical"), std::string::npos);
}

TEST(Autotune, ResolvesTheHintsOfEachDefinition) {
  auto request = autotuned({});
  request.uses_definition_list = true;
  request.definitions[0].definition_name = "a";
  request.definitions[0].hyper_parameter_ranges = ParameterRanges{};
  request.definitions[0].hyper_parameter_ranges->auto_parameters = {{"eta", "0.3"}};
  ASSERT_TRUE(apply_autotune(request).ok());
  const auto& ranges = *request.definitions[0].hyper_parameter_ranges;
  EXPECT_TRUE(ranges.auto_parameters.empty());
  ASSERT_EQ(ranges.continuous_ranges.size(), 1u);
  EXPECT_EQ(ranges.continuous_ranges[0].min_value, "0.03");
}

}  // namespace
}  // namespace emulator::model
