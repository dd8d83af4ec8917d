#include "emulator/tuning/request_rules.h"

#include <functional>

#include <gtest/gtest.h>

#include "tests/support/tuning_request_builder.h"

namespace emulator::tuning {
namespace {

using model::CreateHyperParameterTuningJobRequest;
using model::HyperParameterTuningJobStrategyType;

struct Case {
  std::string name;
  std::function<void(CreateHyperParameterTuningJobRequest&)> change;
  ErrorCode code;
  std::string message_part;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class RequestRules : public testing::TestWithParam<Case> {};

TEST_P(RequestRules, RejectWithTheDocumentedError) {
  auto request = test_support::blog_request();
  GetParam().change(request);
  auto resolved = resolve_tuning_request(request, TuningQuotas{});
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().code, GetParam().code);
  EXPECT_NE(resolved.error().message.find(GetParam().message_part), std::string::npos) << resolved.error().message;
}

model::HyperParameterTrainingJobDefinition& def(CreateHyperParameterTuningJobRequest& r) { return r.definitions[0]; }

void grid_only_categorical(CreateHyperParameterTuningJobRequest& r) {
  r.config.strategy = HyperParameterTuningJobStrategyType::Grid;
}

void grid_wrong_count(CreateHyperParameterTuningJobRequest& r) {
  r.config.strategy = HyperParameterTuningJobStrategyType::Grid;
  r.config.parameter_ranges = model::ParameterRanges{{}, {}, {{"booster", {"gbtree", "dart"}}}, {}};
  r.config.resource_limits.max_number_of_training_jobs = 3;
  r.config.resource_limits.max_parallel_training_jobs = 1;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, RequestRules,
    testing::Values(
        Case{"both_resource_configs",
             [](auto& r) {
               def(r).resource_config = model::ResourceConfig{.instance_type = "ml.m5.large",
                                                              .instance_count = 1,
                                                              .volume_size_in_gb = 5,
                                                              .volume_kms_key_id = std::nullopt,
                                                              .keep_alive_period_in_seconds = std::nullopt};
             },
             ErrorCode::ValidationException, "either ResourceConfig or HyperParameterTuningResourceConfig"},
        Case{"neither_resource_config", [](auto& r) { def(r).tuning_resource_config.reset(); },
             ErrorCode::ValidationException, "either ResourceConfig or HyperParameterTuningResourceConfig"},
        Case{"configs_with_flat_type", [](auto& r) { def(r).tuning_resource_config->instance_type = "ml.m5.large"; },
             ErrorCode::ValidationException, "When InstanceConfigs is specified"},
        Case{"duplicate_instance_type",
             [](auto& r) { def(r).tuning_resource_config->instance_configs[1].instance_type = "ml.m4.xlarge"; },
             ErrorCode::ValidationException, "duplicate instance types"},
        Case{"zero_instances", [](auto& r) { def(r).tuning_resource_config->instance_configs[0].instance_count = 0; },
             ErrorCode::ValidationException, "must be at least 1"},
        Case{"keep_alive",
             [](auto& r) {
               def(r).tuning_resource_config.reset();
               def(r).resource_config = model::ResourceConfig{.instance_type = "ml.m5.large", .instance_count = 1, .volume_size_in_gb = 5, .volume_kms_key_id = std::nullopt, .keep_alive_period_in_seconds = 60};
             },
             ErrorCode::ValidationException, "KeepAlivePeriodInSeconds is not supported"},
        Case{"image_and_algorithm", [](auto& r) { def(r).algorithm_name = "my-algo"; }, ErrorCode::ValidationException,
             "either TrainingImage or AlgorithmName"},
        Case{"custom_image_without_metric",
             [](auto& r) { def(r).training_image = "1.dkr.ecr.us-east-1.amazonaws.com/mine:1"; },
             ErrorCode::ValidationException, "A metric is required for this hyperparameter tuning job objective"},
        Case{"static_and_tuned", [](auto& r) { def(r).static_hyper_parameters["eta"] = "0.1"; },
             ErrorCode::ValidationException, "Hyperparameter 'eta' is specified more than once"},
        Case{"no_objective", [](auto& r) { r.config.objective.reset(); }, ErrorCode::ValidationException,
             "hyperParameterTuningJobObjective"},
        Case{"no_ranges", [](auto& r) { r.config.parameter_ranges.reset(); }, ErrorCode::ValidationException,
             "No hyperparameters to tune were specified in ParameterRanges"},
        Case{"empty_ranges", [](auto& r) { r.config.parameter_ranges = model::ParameterRanges{}; },
             ErrorCode::ValidationException, "No hyperparameters to tune were specified in ParameterRanges"},
        Case{"definition_without_objective",
             [](auto& r) {
               r.uses_definition_list = true;
               r.definitions.push_back(r.definitions[0]);
               for (auto& d : r.definitions) d.hyper_parameter_ranges = r.config.parameter_ranges;
               r.definitions[0].definition_name = "a";
               r.definitions[0].tuning_objective = r.config.objective;
               r.definitions[1].definition_name = "b";
               r.config.objective.reset();
             },
             ErrorCode::ValidationException, "Value null at 'trainingJobDefinitions.2.member.tuningObjective'"},
        Case{"no_max_jobs", [](auto& r) { r.config.resource_limits.max_number_of_training_jobs.reset(); },
             ErrorCode::ValidationException, "MaxNumberOfTrainingJobs is required for the Random strategy"},
        Case{"parallel_above_number", [](auto& r) { r.config.resource_limits.max_number_of_training_jobs = 3; },
             ErrorCode::ValidationException,
             "MaxParallelTrainingJobs (5) must be less than or equal to MaxNumberOfTrainingJobs (3)"},
        Case{"grid_with_continuous", grid_only_categorical, ErrorCode::ValidationException,
             "Grid strategy supports only categorical"},
        Case{"grid_wrong_count", grid_wrong_count, ErrorCode::ValidationException,
             "number of hyperparameter combinations (2)"},
        Case{"too_few_combinations",
             [](auto& r) {
               r.config.parameter_ranges = model::ParameterRanges{
                   {{"max_depth", "2", "4", model::HyperParameterScalingType::Linear}}, {}, {}, {}};
             },
             ErrorCode::ValidationException, "You don't have enough combinations of hyperparameter ranges"},
        Case{"hyperband_with_early_stopping",
             [](auto& r) {
               r.config.strategy = HyperParameterTuningJobStrategyType::Hyperband;
               r.config.early_stopping = model::TrainingJobEarlyStoppingType::Auto;
             },
             ErrorCode::ValidationException, "must be Off when the Hyperband strategy"},
        Case{"strategy_config_not_hyperband", [](auto& r) { r.config.has_strategy_config = true; },
             ErrorCode::ValidationException, "HyperbandStrategyConfig is only supported"},
        Case{"too_many_jobs", [](auto& r) { r.config.resource_limits.max_number_of_training_jobs = 751; },
             ErrorCode::ResourceLimitExceeded, "'Maximum number of training jobs per tuning job' is 750"},
        Case{"too_parallel",
             [](auto& r) {
               r.config.resource_limits.max_parallel_training_jobs = 11;
               r.config.resource_limits.max_number_of_training_jobs = 50;
             },
             ErrorCode::ResourceLimitExceeded, "parallel training jobs"}),
    [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(RequestRulesAccepts, TheBlogRequestWithCandidatesInOrder) {
  auto resolved = resolve_tuning_request(test_support::blog_request(), TuningQuotas{});
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  ASSERT_EQ(resolved->definitions.size(), 1u);
  const auto& configs = resolved->definitions[0].instance_configs;
  ASSERT_EQ(configs.size(), 2u);
  EXPECT_EQ(configs[0].instance_type, "ml.m4.xlarge");
  EXPECT_EQ(configs[1].instance_type, "ml.m5.4xlarge");
  EXPECT_EQ(resolved->max_number_of_training_jobs, 10);
}

TEST(RequestRulesAccepts, GridWithoutMaxJobsComputesTheCombinations) {
  auto request = test_support::blog_request();
  request.config.strategy = HyperParameterTuningJobStrategyType::Grid;
  request.config.parameter_ranges = model::ParameterRanges{{}, {}, {{"a", {"x", "y", "z"}}, {"b", {"1", "2"}}}, {}};
  request.config.resource_limits.max_number_of_training_jobs.reset();
  auto resolved = resolve_tuning_request(request, TuningQuotas{});
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->max_number_of_training_jobs, 6);
}

}  // namespace
}  // namespace emulator::tuning
