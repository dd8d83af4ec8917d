#include "emulator/sagemaker_service.h"

#include <algorithm>
#include <functional>

#include "emulator/listing.h"
#include "emulator/model/warm_pool_status.h"
#include "emulator/sim/rng.h"
#include "emulator/store/job_store.h"
#include "emulator/store/pagination.h"
#include "emulator/store/tagging.h"
#include "emulator/training/lifecycle.h"
#include "emulator/training/training_requests.h"
#include "emulator/tuning/tuning_controller.h"
#include "emulator/tuning/tuning_summary.h"
#include "emulator/tuning/warm_start.h"
#include "emulator/world.h"

namespace emulator {
namespace {

// A warm pool the user asked for with KeepAlivePeriodInSeconds (tuning children have none of
// their own: the clusters they share are the tuning job's).
bool holds_own_warm_pool(const model::TrainingJob& job, sim::SimTime now) {
  return model::holds_available_warm_pool(job, now);
}

std::string tuning_job_not_found(std::string_view name) {
  return "Amazon SageMaker can't find a tuning job called " + std::string(name) + ". Type another name.";
}

}  // namespace

WireClock SageMakerService::clock() const { return {world_.epoch_ms(), world_.simulator().now()}; }

Result<std::string> SageMakerService::create_hyper_parameter_tuning_job(
    const model::Scope& scope, model::CreateHyperParameterTuningJobRequest request) {
  if (auto tags = store::check_new_tags(request.tags); !tags) return tags.error();
  auto created = world_.tuning().create(scope, std::move(request));
  if (!created) return created.error();
  return (*created)->arn;
}

Result<const model::TuningJob*> SageMakerService::find_hyper_parameter_tuning_job(const model::Scope& scope,
                                                                                  std::string_view name) {
  const auto* job = world_.stores().at(scope).find_tuning_job(name);
  if (job == nullptr) return Error{ErrorCode::ResourceNotFound, tuning_job_not_found(name)};
  return job;
}

TuningJobView SageMakerService::view_of(const model::Scope& scope, const model::TuningJob& job) {
  auto progress = tuning::summarize(job);
  const auto* overall = tuning::overall_best(world_.stores().at(scope), job, progress.best);
  return TuningJobView{&job, std::move(progress), overall};
}

Result<TuningJobView> SageMakerService::describe_hyper_parameter_tuning_job(const model::Scope& scope,
                                                                            std::string_view name) {
  auto job = find_hyper_parameter_tuning_job(scope, name);
  if (!job) return job.error();
  return view_of(scope, **job);
}

Result<Page<const model::TuningJob*>> SageMakerService::list_hyper_parameter_tuning_jobs(const model::Scope& scope,
                                                                                         const ListTuningJobsQuery& q) {
  return list_tuning_jobs(world_.stores().at(scope), q, clock());
}

Status SageMakerService::stop_hyper_parameter_tuning_job(const model::Scope& scope, std::string_view name) {
  return world_.tuning().stop(scope, name);
}

Result<Page<const model::TrainingJob*>> SageMakerService::list_training_jobs_for_hyper_parameter_tuning_job(
    const model::Scope& scope, const ListTrainingJobsForTuningJobQuery& q) {
  const auto* tuning_job = world_.stores().at(scope).find_tuning_job(q.tuning_job_name);
  if (tuning_job == nullptr) return Error{ErrorCode::ResourceNotFound, tuning_job_not_found(q.tuning_job_name)};
  return list_tuning_children(*tuning_job, q);
}

Result<const model::TrainingJob*> SageMakerService::describe_training_job(const model::Scope& scope,
                                                                          std::string_view name) {
  const auto* job = world_.stores().at(scope).find_training_job(name);
  // SageMaker answers a missing training job with ValidationException, not the declared
  // ResourceNotFound; boto3's waiter depends on it (§0.4).
  if (job == nullptr) return validation_error("Requested resource not found.");
  return job;
}

Result<Page<const model::TrainingJob*>> SageMakerService::list_training_jobs(const model::Scope& scope,
                                                                             const ListTrainingJobsQuery& q) {
  return emulator::list_training_jobs(world_.stores().at(scope), q, clock());
}

Status SageMakerService::stop_training_job(const model::Scope& scope, std::string_view name) {
  return world_.training().stop(scope, name);
}

Status SageMakerService::delete_hyper_parameter_tuning_job(const model::Scope& scope, std::string_view name) {
  auto& jobs = world_.stores().at(scope);
  const auto* job = jobs.find_tuning_job(name);
  if (job == nullptr) return validation_error(tuning_job_not_found(name));
  if (!job->is_terminal()) {
    return validation_error("Cannot delete a hyperparameter tuning job in status " +
                            std::string(model::to_string(job->status)) + ". Stop the job first.");
  }
  // Only the tuning job's record goes; its training jobs stay, keeping their TuningJobArn.
  world_.timeline().forget_tuning_job(job->name);
  jobs.erase_tuning_job(name);
  return Done{};
}

Result<std::string> SageMakerService::create_training_job(const model::Scope& scope,
                                                          model::CreateTrainingJobRequest request) {
  auto launch = training::resolve_training_request(scope, request, world_.objectives(), world_.seed());
  if (!launch) return launch.error();
  if (auto tags = store::check_new_tags(request.tags); !tags) return tags.error();
  // The instance quota is synchronous (§3.4): ResourceLimitExceeded now, not a failed job later.
  if (const auto over = world_.training().over_quota(scope, launch->plan.candidates); !over.empty()) {
    return Error{ErrorCode::ResourceLimitExceeded, capacity_model::quota_exceeded_message(over.front())};
  }
  if (const auto* existing = world_.stores().at(scope).find_training_job(request.name)) {
    return Error{ErrorCode::ResourceInUse,
                 "Training job names must be unique within an AWS account and region, and a training job with "
                 "this name already exists (" +
                     model::training_job_arn(scope, existing->name) + ")"};
  }
  return model::training_job_arn(scope, world_.training().launch(std::move(*launch)).name);
}

Status SageMakerService::delete_training_job(const model::Scope& scope, std::string_view name) {
  auto& jobs = world_.stores().at(scope);
  const auto* job = jobs.find_training_job(name);
  if (job == nullptr) return Error{ErrorCode::ResourceNotFound, "Requested resource not found."};
  if (!job->is_terminal()) {
    return Error{ErrorCode::ResourceInUse, "Training job " + job->name + " is in status " +
                                               std::string(model::to_string(job->status)) +
                                               "; only a Completed, Failed or Stopped job can be deleted."};
  }
  if (holds_own_warm_pool(*job, world_.simulator().now())) {
    return Error{ErrorCode::ResourceInUse,
                 "Training job " + job->name + " holds an Available warm pool. Terminate it first by setting "
                 "ResourceConfig.KeepAlivePeriodInSeconds to 0 with UpdateTrainingJob."};
  }
  // A deleted child leaves its tuning job's lists, so a later job of the same name is
  // never mistaken for it.
  if (auto* tuning_job = jobs.find_tuning_job(job->tuning_job_name)) {
    std::erase(tuning_job->children, job);
    tuning_job->changed();  // its counters changed
  }
  world_.timeline().forget_training_job(job->name);
  jobs.erase_training_job(name);
  return Done{};
}

Result<std::string> SageMakerService::update_training_job(const model::Scope& scope, std::string_view name,
                                                          model::TrainingJobUpdate update) {
  auto* job = world_.stores().at(scope).find_training_job(name);
  if (job == nullptr) return Error{ErrorCode::ResourceNotFound, "Requested resource not found."};
  // A finished job may still have its warm pool's retention changed, and nothing else.
  const bool warm = holds_own_warm_pool(*job, world_.simulator().now());
  if ((job->is_terminal() && !(warm && update.only_keep_alive())) ||
      job->status == model::TrainingJobStatus::Stopping) {
    return validation_error("The request was rejected because the training job is in status " +
                            std::string(model::to_string(job->status)) + ".");
  }
  if (update.changes_remote_debug && job->secondary_status != model::SecondaryStatus::Downloading &&
      job->secondary_status != model::SecondaryStatus::Training) {
    return validation_error("RemoteDebugConfig can be updated only while the training job is Downloading or Training.");
  }
  if (update.keep_alive_period_in_seconds) {
    job->keep_alive_period_in_seconds = update.keep_alive_period_in_seconds;
    // 0 on an Available pool terminates it now; a longer period extends it from the job's end.
    if (warm && *update.keep_alive_period_in_seconds == 0) {
      job->warm_pool = model::WarmPoolRecord{model::WarmPoolResourceStatus::Terminated, world_.simulator().now()};
    }
  }
  if (update.description) {
    job->updated_description = std::make_shared<const model::RawJson>(std::move(*update.description));
  }
  job->touch(world_.simulator().now());
  return model::training_job_arn(scope, job->name);
}

Result<std::vector<model::Tag>> SageMakerService::add_tags(const model::Scope& scope, std::string_view arn,
                                                           const std::vector<model::Tag>& tags) {
  auto target = store::tags_of(world_.stores().at(scope), scope, arn);
  if (!target) return target.error();
  if (auto added = store::add_tags(**target, tags); !added) return added.error();
  return tags;
}

Result<Page<model::Tag>> SageMakerService::list_tags(const model::Scope& scope, std::string_view arn,
                                                     const PageRequest& request) {
  auto target = store::tags_of(world_.stores().at(scope), scope, arn);
  if (!target) return target.error();
  return page_of(**target, request, "tags|" + store::lower_case(arn));
}

Status SageMakerService::delete_tags(const model::Scope& scope, std::string_view arn,
                                     const std::vector<std::string>& keys) {
  auto target = store::tags_of(world_.stores().at(scope), scope, arn);
  if (!target) return target.error();
  store::delete_tags(**target, keys);
  return Done{};
}

}  // namespace emulator
