#include "emulator/model/training_job_state.h"

#include <array>
#include <utility>

#include "capacity_model/snapshot_json.h"
#include "emulator/model/training_output_state.h"
#include "emulator/model/value_state.h"

namespace emulator::model {

using capacity_model::snapshot::value_of;

using namespace snapshot;

namespace {

// StatusMessage is the emulator's own, not a wire enum: its names are spelled here.
constexpr std::array<std::pair<StatusMessage, std::string_view>, 16> kStatusMessages{{
    {StatusMessage::LaunchingInstances, "LaunchingInstances"},
    {StatusMessage::PreparingInstances, "PreparingInstances"},
    {StatusMessage::InsufficientCapacity, "InsufficientCapacity"},
    {StatusMessage::DownloadingInput, "DownloadingInput"},
    {StatusMessage::Training, "Training"},
    {StatusMessage::Uploading, "Uploading"},
    {StatusMessage::Completed, "Completed"},
    {StatusMessage::Stopping, "Stopping"},
    {StatusMessage::StoppingAtMaxRuntime, "StoppingAtMaxRuntime"},
    {StatusMessage::StoppingAtMaxWait, "StoppingAtMaxWait"},
    {StatusMessage::StoppingEarly, "StoppingEarly"},
    {StatusMessage::Stopped, "Stopped"},
    {StatusMessage::StoppedAtMaxRuntime, "StoppedAtMaxRuntime"},
    {StatusMessage::StoppedAtMaxWait, "StoppedAtMaxWait"},
    {StatusMessage::Interrupted, "Interrupted"},
    {StatusMessage::FailureReason, "FailureReason"},
}};
static_assert(kStatusMessages.size() == static_cast<std::size_t>(StatusMessage::FailureReason) + 1,
              "every StatusMessage needs a name in snapshots");

json message_to_json(StatusMessage message) {
  return std::string(kStatusMessages[static_cast<std::size_t>(message)].second);
}

StatusMessage message_from_json(const json& value) {
  const auto& text = value.get_ref<const std::string&>();
  for (const auto& [message, name] : kStatusMessages) {
    if (name == text) return message;
  }
  throw capacity_model::SnapshotError("unknown status message '" + text + "' in the snapshot");
}

json transition_to_json(const SecondaryStatusTransition& t) {
  json out = {{"status", enum_to_json(t.status)},
              {"message", message_to_json(t.message)},
              {"start_time", time_to_json(t.start_time)}};
  put_optional(out, "end_time", t.end_time, time_to_json);
  return out;
}

SecondaryStatusTransition transition_from_json(const json& in) {
  return {enum_from_json<SecondaryStatus>(in.at("status")), message_from_json(in.at("message")),
          time_from_json(in.at("start_time")), get_optional(in, "end_time", time_from_json)};
}

json warm_pool_to_json(const WarmPoolRecord& record) {
  json out = {{"status", enum_to_json(record.status)}};
  put_optional(out, "ended", record.ended, time_to_json);
  return out;
}

WarmPoolRecord warm_pool_from_json(const json& in) {
  return {enum_from_json<WarmPoolResourceStatus>(in.at("status")), get_optional(in, "ended", time_from_json)};
}
}  // namespace

json save_training_job(const TrainingJob& job) {
  json out = {{"name", job.name},
              {"tuning_job_name", job.tuning_job_name},
              {"launch_ordinal", job.launch_ordinal},
              {"tuned_values", job.tuned_values},
              {"resource", instance_config_to_json(job.resource)},
              {"tags", tags_to_json(job.tags)},
              {"status", enum_to_json(job.status)},
              {"secondary_status", enum_to_json(job.secondary_status)},
              {"transitions", array_of(job.transitions, transition_to_json)},
              {"failure_reason", job.failure_reason},
              {"creation_time", time_to_json(job.creation_time)},
              {"last_modified_time", time_to_json(job.last_modified_time)},
              {"final_metrics", array_of(job.final_metrics, metric_data_to_json)},
              {"objective_status", enum_to_json(job.objective_status)}};
  put_optional(out, "keep_alive_period_in_seconds", job.keep_alive_period_in_seconds);
  put_optional(out, "warm_pool", job.warm_pool, warm_pool_to_json);
  put_optional(out, "training_start_time", job.training_start_time, time_to_json);
  put_optional(out, "training_end_time", job.training_end_time, time_to_json);
  put_optional(out, "training_time_in_seconds", job.training_time_in_seconds);
  put_optional(out, "billable_time_in_seconds", job.billable_time_in_seconds);
  put_optional(out, "objective_value", job.objective_value, number_to_json);
  if (job.output) out["output"] = save_training_output(*job.output);
  return out;
}

TrainingJob load_training_job(const json& state) {
  TrainingJob job;
  job.name = state.at("name").get<std::string>();
  job.tuning_job_name = state.at("tuning_job_name").get<std::string>();
  job.launch_ordinal = value_of<int>(state.at("launch_ordinal"));
  job.tuned_values = state.at("tuned_values").get<std::vector<std::string>>();
  job.resource = instance_config_from_json(state.at("resource"));
  job.keep_alive_period_in_seconds = get_optional<int>(state, "keep_alive_period_in_seconds");
  job.warm_pool = get_optional(state, "warm_pool", warm_pool_from_json);
  job.tags = tags_from_json(state.at("tags"));
  job.status = enum_from_json<TrainingJobStatus>(state.at("status"));
  job.secondary_status = enum_from_json<SecondaryStatus>(state.at("secondary_status"));
  job.transitions = vector_of(state.at("transitions"), transition_from_json);
  job.failure_reason = state.at("failure_reason").get<std::string>();
  job.creation_time = time_from_json(state.at("creation_time"));
  job.last_modified_time = time_from_json(state.at("last_modified_time"));
  job.training_start_time = get_optional(state, "training_start_time", time_from_json);
  job.training_end_time = get_optional(state, "training_end_time", time_from_json);
  job.training_time_in_seconds = get_optional<int>(state, "training_time_in_seconds");
  job.billable_time_in_seconds = get_optional<int>(state, "billable_time_in_seconds");
  job.final_metrics = vector_of(state.at("final_metrics"), metric_data_from_json);
  if (auto output = get_optional(state, "output", load_training_output)) {
    job.output = std::make_shared<TrainingOutput>(std::move(*output));
  }
  job.objective_status = enum_from_json<ObjectiveStatus>(state.at("objective_status"));
  job.objective_value = get_optional(state, "objective_value", number_from_json);
  job.changed();
  return job;
}

json save_training_job_spec(const TrainingJobSpec& spec) {
  json out = {{"static_hyper_parameters", spec.static_hyper_parameters},
              {"objective_metric", spec.objective_metric},
              {"tuned_names", spec.tuned_names},
              {"metric_definitions", metric_definitions_to_json(spec.metric_definitions)},
              {"s3_output_path", spec.s3_output_path},
              {"compressed_output", spec.compressed_output},
              {"max_runtime_in_seconds", spec.max_runtime_in_seconds}};
  put_optional(out, "definition_name", spec.definition_name);
  put_optional(out, "volume_kms_key_id", spec.volume_kms_key_id);
  put_optional(out, "definition_in_request", spec.definition_in_request);
  return out;
}

TrainingJobSpec load_training_job_spec(const json& state) {
  TrainingJobSpec spec;
  spec.definition_name = get_optional<std::string>(state, "definition_name");
  spec.static_hyper_parameters = state.at("static_hyper_parameters").get<HyperParameters>();
  spec.objective_metric = state.at("objective_metric").get<std::string>();
  spec.tuned_names = state.at("tuned_names").get<std::vector<std::string>>();
  spec.metric_definitions = metric_definitions_from_json(state.at("metric_definitions"));
  spec.s3_output_path = state.at("s3_output_path").get<std::string>();
  spec.compressed_output = state.at("compressed_output").get<bool>();
  spec.volume_kms_key_id = get_optional<std::string>(state, "volume_kms_key_id");
  spec.max_runtime_in_seconds = value_of<int>(state.at("max_runtime_in_seconds"));
  spec.definition_in_request = get_optional<std::size_t>(state, "definition_in_request");
  return spec;
}

}  // namespace emulator::model
