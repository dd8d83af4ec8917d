#include "api/sagemaker/codec/list_queries.h"

namespace api::sagemaker::codec {
namespace {

namespace model = emulator::model;

emulator::PageRequest decode_page(const Json& body) {
  emulator::PageRequest page;
  page.next_token = optional_string(body, "NextToken");
  page.max_results = optional_int(body, "MaxResults").value_or(10);
  return page;
}

emulator::SortOrder decode_order(const Json& body) {
  return string_or(body, "SortOrder", "Ascending") == "Descending" ? emulator::SortOrder::Descending
                                                                   : emulator::SortOrder::Ascending;
}

emulator::TimeFilter decode_times(const Json& body) {
  return {optional_timestamp(body, "CreationTimeAfter"), optional_timestamp(body, "CreationTimeBefore"),
          optional_timestamp(body, "LastModifiedTimeAfter"), optional_timestamp(body, "LastModifiedTimeBefore")};
}

template <typename E>
std::optional<E> decode_enum(const Json& body, std::string_view name) {
  auto text = optional_string(body, name);
  return text ? model::parse<E>(*text) : std::nullopt;
}

}  // namespace

emulator::ListTuningJobsQuery decode_list_tuning_jobs(const Json& body) {
  emulator::ListTuningJobsQuery q;
  q.page = decode_page(body);
  q.sort_by = string_or(body, "SortBy", "Name");
  q.sort_order = decode_order(body);
  q.name_contains = optional_string(body, "NameContains");
  q.times = decode_times(body);
  q.status_equals = decode_enum<model::HyperParameterTuningJobStatus>(body, "StatusEquals");
  return q;
}

emulator::ListTrainingJobsForTuningJobQuery decode_list_tuning_children(const Json& body) {
  emulator::ListTrainingJobsForTuningJobQuery q;
  q.tuning_job_name = string_or(body, "HyperParameterTuningJobName");
  q.page = decode_page(body);
  q.sort_by = string_or(body, "SortBy", "Name");
  q.sort_order = decode_order(body);
  q.status_equals = decode_enum<model::TrainingJobStatus>(body, "StatusEquals");
  return q;
}

emulator::ListTrainingJobsQuery decode_list_training_jobs(const Json& body) {
  emulator::ListTrainingJobsQuery q;
  q.page = decode_page(body);
  q.sort_by = string_or(body, "SortBy", "CreationTime");
  q.sort_order = decode_order(body);
  q.name_contains = optional_string(body, "NameContains");
  q.times = decode_times(body);
  q.status_equals = decode_enum<model::TrainingJobStatus>(body, "StatusEquals");
  q.warm_pool_status_equals = decode_enum<model::WarmPoolResourceStatus>(body, "WarmPoolStatusEquals");
  q.training_plan_arn_equals = optional_string(body, "TrainingPlanArnEquals");
  return q;
}

}  // namespace api::sagemaker::codec
