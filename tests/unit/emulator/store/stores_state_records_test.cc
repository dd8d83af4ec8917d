// Each member of each record survives a save and a load (the round trip of the document alone
// would not notice a member neither written nor read).
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "emulator/store/stores_state.h"
#include "tests/unit/emulator/store/rich_stores.h"

namespace emulator::store {
namespace {

// Doubles alike, NaN included.
void expect_same(double restored, double original) {
  if (std::isnan(original)) {
    EXPECT_TRUE(std::isnan(restored));
  } else {
    EXPECT_EQ(restored, original);
  }
}

void expect_same(const std::vector<model::MetricData>& restored, const std::vector<model::MetricData>& original) {
  ASSERT_EQ(restored.size(), original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    EXPECT_EQ(restored[i].metric_name, original[i].metric_name);
    expect_same(restored[i].value, original[i].value);
    EXPECT_EQ(restored[i].timestamp, original[i].timestamp);
  }
}

void expect_same(const std::vector<model::Tag>& restored, const std::vector<model::Tag>& original) {
  ASSERT_EQ(restored.size(), original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    EXPECT_EQ(restored[i].key, original[i].key);
    EXPECT_EQ(restored[i].value, original[i].value);
  }
}

void expect_same(const model::TrainingOutput& restored, const model::TrainingOutput& original) {
  EXPECT_EQ(restored.first_printed, original.first_printed);
  EXPECT_EQ(restored.cut, original.cut);
  ASSERT_EQ(restored.planned.has_value(), original.planned.has_value());
  if (original.planned) {
    const auto &plan = *restored.planned, &was = *original.planned;
    EXPECT_EQ(plan.begins, was.begins);
    EXPECT_EQ(plan.ends, was.ends);
    EXPECT_EQ(plan.epochs, was.epochs);
    EXPECT_EQ(plan.higher_is_better, was.higher_is_better);
    expect_same(*plan.final_metrics, *was.final_metrics);
    ASSERT_EQ(plan.objective_curve == nullptr, was.objective_curve == nullptr);
    if (was.objective_curve) {
      EXPECT_EQ(*plan.objective_curve, *was.objective_curve);
    }
  }
  ASSERT_EQ(restored.lines.size(), original.lines.size());
  for (std::size_t i = 0; i < original.lines.size(); ++i) {
    EXPECT_EQ(restored.lines[i].at, original.lines[i].at);
    EXPECT_EQ(restored.lines[i].text, original.lines[i].text);
  }
  ASSERT_EQ(restored.values.size(), original.values.size());
  for (std::size_t i = 0; i < original.values.size(); ++i) {
    EXPECT_EQ(restored.values[i].at, original.values[i].at);
    EXPECT_EQ(restored.values[i].metric, original.values[i].metric);
    expect_same(restored.values[i].value, original.values[i].value);
  }
  EXPECT_EQ(restored.latest, original.latest);
}

void expect_same(const model::TrainingJobSpec& restored, const model::TrainingJobSpec& original) {
  EXPECT_EQ(restored.definition_name, original.definition_name);
  EXPECT_EQ(restored.static_hyper_parameters, original.static_hyper_parameters);
  EXPECT_EQ(restored.objective_metric, original.objective_metric);
  EXPECT_EQ(restored.tuned_names, original.tuned_names);
  EXPECT_EQ(restored.metric_definitions, original.metric_definitions);
  EXPECT_EQ(restored.s3_output_path, original.s3_output_path);
  EXPECT_EQ(restored.compressed_output, original.compressed_output);
  EXPECT_EQ(restored.volume_kms_key_id, original.volume_kms_key_id);
  EXPECT_EQ(restored.max_runtime_in_seconds, original.max_runtime_in_seconds);
  EXPECT_EQ(*restored.description, *original.description);
  EXPECT_EQ(restored.definition_in_request, original.definition_in_request);
}

void expect_same(const model::TrainingJob& restored, const model::TrainingJob& original) {
  SCOPED_TRACE(original.name);
  EXPECT_EQ(restored.name, original.name);
  EXPECT_EQ(restored.tuning_job_name, original.tuning_job_name);
  expect_same(*restored.spec, *original.spec);
  EXPECT_EQ(restored.launch_ordinal, original.launch_ordinal);
  EXPECT_EQ(restored.tuned_values, original.tuned_values);
  EXPECT_EQ(restored.resource, original.resource);
  EXPECT_EQ(restored.keep_alive_period_in_seconds, original.keep_alive_period_in_seconds);
  ASSERT_EQ(restored.warm_pool.has_value(), original.warm_pool.has_value());
  if (original.warm_pool) {
    EXPECT_EQ(restored.warm_pool->status, original.warm_pool->status);
    EXPECT_EQ(restored.warm_pool->ended, original.warm_pool->ended);
  }
  ASSERT_EQ(restored.updated_description == nullptr, original.updated_description == nullptr);
  if (original.updated_description) {
    EXPECT_EQ(*restored.updated_description, *original.updated_description);
  }
  expect_same(restored.tags, original.tags);
  EXPECT_EQ(restored.status, original.status);
  EXPECT_EQ(restored.secondary_status, original.secondary_status);
  ASSERT_EQ(restored.transitions.size(), original.transitions.size());
  for (std::size_t i = 0; i < original.transitions.size(); ++i) {
    EXPECT_EQ(restored.transitions[i].status, original.transitions[i].status);
    EXPECT_EQ(restored.transitions[i].message, original.transitions[i].message);
    EXPECT_EQ(restored.transitions[i].start_time, original.transitions[i].start_time);
    EXPECT_EQ(restored.transitions[i].end_time, original.transitions[i].end_time);
  }
  EXPECT_EQ(restored.failure_reason, original.failure_reason);
  EXPECT_EQ(restored.creation_time, original.creation_time);
  EXPECT_EQ(restored.last_modified_time, original.last_modified_time);
  EXPECT_EQ(restored.training_start_time, original.training_start_time);
  EXPECT_EQ(restored.training_end_time, original.training_end_time);
  EXPECT_EQ(restored.training_time_in_seconds, original.training_time_in_seconds);
  EXPECT_EQ(restored.billable_time_in_seconds, original.billable_time_in_seconds);
  expect_same(restored.final_metrics, original.final_metrics);
  ASSERT_EQ(restored.output == nullptr, original.output == nullptr);
  if (original.output) expect_same(*restored.output, *original.output);
  EXPECT_EQ(restored.objective_status, original.objective_status);
  EXPECT_EQ(restored.objective_value, original.objective_value);
}

void expect_same(const model::TuningJob& restored, const model::TuningJob& original) {
  SCOPED_TRACE(original.name);
  EXPECT_EQ(restored.name, original.name);
  EXPECT_EQ(restored.arn, original.arn);
  EXPECT_TRUE(*restored.request == *original.request);
  EXPECT_EQ(restored.status, original.status);
  EXPECT_EQ(restored.failure_reason, original.failure_reason);
  EXPECT_EQ(restored.creation_time, original.creation_time);
  EXPECT_EQ(restored.last_modified_time, original.last_modified_time);
  EXPECT_EQ(restored.end_time, original.end_time);
  ASSERT_EQ(restored.children.size(), original.children.size());
  for (std::size_t i = 0; i < original.children.size(); ++i) {
    EXPECT_EQ(restored.children[i]->name, original.children[i]->name);
  }
  ASSERT_EQ(restored.child_specs.size(), original.child_specs.size());
  for (std::size_t i = 0; i < original.child_specs.size(); ++i) {
    expect_same(*restored.child_specs[i], *original.child_specs[i]);
  }
  EXPECT_EQ(restored.completion_details.jobs_not_improving, original.completion_details.jobs_not_improving);
  EXPECT_EQ(restored.completion_details.convergence_detected_time,
            original.completion_details.convergence_detected_time);
  expect_same(restored.tags, original.tags);
}

TEST(StoresStateRecords, EveryMemberOfEveryRecordSurvives) {
  Stores original;
  rich::fill(original);
  Stores restored;
  load_stores(restored, save_stores(original));
  std::size_t training = 0, tuning = 0;
  for (const auto& [scope, jobs] : original.all()) {
    auto& again = restored.at(scope);
    jobs.sorted_training_jobs().walk(ListOrder::Name, false, std::nullopt, std::nullopt, [&](const auto& job) {
      const auto* found = again.find_training_job(job.name);
      EXPECT_NE(found, nullptr) << job.name;
      if (found) expect_same(*found, job);
      return ++training > 0;
    });
    jobs.sorted_tuning_jobs().walk(ListOrder::Name, false, std::nullopt, std::nullopt, [&](const auto& job) {
      const auto* found = again.find_tuning_job(job.name);
      EXPECT_NE(found, nullptr) << job.name;
      if (found) expect_same(*found, job);
      return ++tuning > 0;
    });
  }
  EXPECT_EQ(training, 8u);
  EXPECT_EQ(tuning, 2u);
}

}  // namespace
}  // namespace emulator::store
