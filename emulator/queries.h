#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulator/model/wire_enums.h"

// The List* requests as the service sees them: filters, sort and page size, with defaults
// as SageMaker documents them (§3.13). Times are epoch seconds as the caller sent them.
namespace emulator {

enum class SortOrder { Ascending, Descending };

struct TimeFilter {
  std::optional<double> creation_after;
  std::optional<double> creation_before;
  std::optional<double> last_modified_after;
  std::optional<double> last_modified_before;
};

struct PageRequest {
  std::optional<std::string> next_token;
  int max_results = 10;
};

struct ListTuningJobsQuery {
  PageRequest page;
  std::string sort_by = "Name";  // Name | Status | CreationTime
  SortOrder sort_order = SortOrder::Ascending;
  std::optional<std::string> name_contains;
  TimeFilter times;
  std::optional<model::HyperParameterTuningJobStatus> status_equals;
};

struct ListTrainingJobsForTuningJobQuery {
  std::string tuning_job_name;
  PageRequest page;
  std::string sort_by = "Name";  // Name | CreationTime | Status | FinalObjectiveMetricValue
  SortOrder sort_order = SortOrder::Ascending;
  std::optional<model::TrainingJobStatus> status_equals;
};

struct ListTrainingJobsQuery {
  PageRequest page;
  std::string sort_by = "CreationTime";  // Name | CreationTime | Status
  SortOrder sort_order = SortOrder::Ascending;
  std::optional<std::string> name_contains;
  TimeFilter times;
  std::optional<model::TrainingJobStatus> status_equals;
  std::optional<model::WarmPoolResourceStatus> warm_pool_status_equals;
  std::optional<std::string> training_plan_arn_equals;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_token;
};

}  // namespace emulator
