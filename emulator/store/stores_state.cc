#include "emulator/store/stores_state.h"

#include <optional>
#include <string>

#include "capacity_model/snapshot_error.h"
#include "emulator/model/training_job_state.h"
#include "emulator/model/value_state.h"
#include "emulator/store/shared_tables_state.h"

namespace emulator::store {

using namespace model::snapshot;

namespace {

json save_training_job(const model::TrainingJob& job, SharedTablesWriter& tables) {
  auto out = model::save_training_job(job);
  if (job.spec) out["spec"] = tables.spec(job.spec);
  if (job.updated_description) out["updated_description"] = tables.text(job.updated_description);
  return out;
}

json save_tuning_job(const model::TuningJob& job, SharedTablesWriter& tables) {
  auto completion = json::object();
  put_optional(completion, "jobs_not_improving", job.completion_details.jobs_not_improving);
  put_optional(completion, "convergence_detected_time", job.completion_details.convergence_detected_time, time_to_json);
  json out = {
      {"name", job.name},
      {"arn", job.arn},
      {"status", enum_to_json(job.status)},
      {"failure_reason", job.failure_reason},
      {"creation_time", time_to_json(job.creation_time)},
      {"last_modified_time", time_to_json(job.last_modified_time)},
      {"children", array_of(job.children, [](const model::TrainingJob* child) { return json(child->name); })},
      {"child_specs",
       array_of(job.child_specs, [&](const auto& spec) { return spec ? json(tables.spec(spec)) : json(nullptr); })},
      {"completion_details", std::move(completion)},
      {"tags", tags_to_json(job.tags)},
  };
  if (job.request) out["request"] = tables.request(job.request);
  put_optional(out, "end_time", job.end_time, time_to_json);
  return out;
}

json save_job_store(const model::Scope& scope, const JobStore& jobs, SharedTablesWriter& tables) {
  auto training = json::array();
  jobs.sorted_training_jobs().walk(ListOrder::Name, false, std::nullopt, std::nullopt, [&](const auto& job) {
    training.push_back(save_training_job(job, tables));
    return true;
  });
  auto tuning = json::array();
  jobs.sorted_tuning_jobs().walk(ListOrder::Name, false, std::nullopt, std::nullopt, [&](const auto& job) {
    tuning.push_back(save_tuning_job(job, tables));
    return true;
  });
  return {{"account", scope.account}, {"region", scope.region}, {"training_jobs", training}, {"tuning_jobs", tuning}};
}

void load_training_job(JobStore& jobs, const json& state, const SharedTablesReader& tables) {
  auto job = model::load_training_job(state);
  job.spec = tables.spec(state.at("spec"));  // every job runs a spec: the live world never makes one without
  if (auto it = state.find("updated_description"); it != state.end()) job.updated_description = tables.text(*it);
  if (jobs.find_training_job(job.name)) {
    throw capacity_model::SnapshotError("the snapshot has training job '" + job.name + "' twice");
  }
  jobs.add_training_job(std::move(job));
}

// A tuning job's children are the restored records of its own store, found by name.
void load_tuning_job(JobStore& jobs, const json& state, const SharedTablesReader& tables) {
  model::TuningJob job;
  job.name = state.at("name").get<std::string>();
  job.arn = state.at("arn").get<std::string>();
  job.request = tables.request(state.at("request"));  // the tuner reads it, and pools it again on load
  job.status = enum_from_json<model::HyperParameterTuningJobStatus>(state.at("status"));
  job.failure_reason = state.at("failure_reason").get<std::string>();
  job.creation_time = time_from_json(state.at("creation_time"));
  job.last_modified_time = time_from_json(state.at("last_modified_time"));
  job.end_time = get_optional(state, "end_time", time_from_json);
  job.children = vector_of(state.at("children"), [&](const json& name) -> const model::TrainingJob* {
    const auto* child = jobs.find_training_job(name.get<std::string>());
    if (!child) {
      throw capacity_model::SnapshotError("tuning job '" + job.name + "' of the snapshot has child " + name.dump() +
                                          ", which is not stored");
    }
    return child;
  });
  job.child_specs = vector_of(state.at("child_specs"), [&](const json& index) { return tables.spec(index); });
  if (job.child_specs.size() != job.request->definitions.size()) {
    throw capacity_model::SnapshotError("tuning job '" + job.name + "' of the snapshot has " +
                                        std::to_string(job.child_specs.size()) + " child specs for " +
                                        std::to_string(job.request->definitions.size()) + " definitions");
  }
  const auto& completion = state.at("completion_details");
  job.completion_details.jobs_not_improving = get_optional<int>(completion, "jobs_not_improving");
  job.completion_details.convergence_detected_time =
      get_optional(completion, "convergence_detected_time", time_from_json);
  job.tags = tags_from_json(state.at("tags"));
  if (jobs.find_tuning_job(job.name)) {
    throw capacity_model::SnapshotError("the snapshot has tuning job '" + job.name + "' twice");
  }
  job.changed();
  jobs.add_tuning_job(std::move(job));
}

}  // namespace

json save_stores(const Stores& stores) {
  SharedTablesWriter tables;
  auto scopes = json::array();
  for (const auto& [scope, jobs] : stores.all()) scopes.push_back(save_job_store(scope, jobs, tables));
  json out = {{"scopes", std::move(scopes)}};
  tables.write_into(out);
  return out;
}

void load_stores(Stores& stores, const json& state) {
  if (!stores.all().empty()) throw capacity_model::SnapshotError("the job stores to restore into are not empty");
  const SharedTablesReader tables(state);
  for (const auto& scope_state : state.at("scopes")) {
    const model::Scope scope{scope_state.at("account").get<std::string>(), scope_state.at("region").get<std::string>()};
    if (stores.all().contains(scope)) {
      throw capacity_model::SnapshotError("the snapshot has the jobs of " + scope.account + "/" + scope.region +
                                          " twice");
    }
    auto& jobs = stores.at(scope);
    // Training jobs first: the tuning jobs' children are linked to them.
    for (const auto& job : scope_state.at("training_jobs")) load_training_job(jobs, job, tables);
    for (const auto& job : scope_state.at("tuning_jobs")) load_tuning_job(jobs, job, tables);
  }
}

}  // namespace emulator::store
