#include "emulator/training/lifecycle.h"

#include <utility>

namespace emulator::training {
namespace {

using std::chrono::milliseconds;

// How long a finished tuning child's cluster waits for the next child (emulator choice;
// SageMaker does not document AMT's warm-pool period).
constexpr milliseconds kTuningWarmPoolKeepAlive{std::chrono::minutes(5)};

}  // namespace

TrainingLifecycle::TrainingLifecycle(sim::Simulator& simulator, timeline::Timeline& timeline, store::Stores& stores,
                                     SupplyLookup supply, execution::TrainingExecutor& executor,
                                     capacity_model::RetryPolicy retry, std::uint64_t seed)
    : simulator_(simulator),
      timeline_(timeline),
      stores_(stores),
      supply_(supply),
      executor_(executor),
      retry_(retry),
      seed_(seed),
      ledger_(std::move(supply), simulator) {}

// The runs go first: they hold reservations, which go back through the ledger.
TrainingLifecycle::~TrainingLifecycle() {
  runs_.clear();
  warm_pools_.clear();
}

model::TrainingJob& TrainingLifecycle::launch(LaunchRequest request) {
  const auto& scope = stores_.kept(request.scope);
  // Filed in the stores by creation time and status, so both are set before it goes in.
  request.job.status = model::TrainingJobStatus::InProgress;
  request.job.creation_time = simulator_.now();
  request.job.touch(request.job.creation_time);
  auto& job = stores_.at(scope).add_training_job(std::move(request.job));
  auto& run =
      *runs_.emplace(&job, std::make_unique<TrainingRun>(*this, scope, job, std::move(request.plan))).first->second;
  run.start();
  return job;
}

std::vector<capacity_model::QuotaExceeded> TrainingLifecycle::over_quota(
    const model::Scope& scope, const std::vector<model::InstanceConfig>& configs, const std::string& tuning_job,
    capacity_model::CapacityType capacity_type) {
  std::vector<capacity_model::QuotaExceeded> over;
  auto& quotas = supply_(scope.region).quotas;
  const auto warm_key = tuning_key({scope.account, scope.region, tuning_job, ""});
  for (const auto& config : configs) {
    if (!tuning_job.empty() && warm_pools_.holds(warm_key, config, capacity_type)) continue;
    if (auto exceeded = quotas.check(scope.account, config.instance_type, config.instance_count)) {
      over.push_back(*exceeded);
    }
  }
  return over;
}

Status TrainingLifecycle::stop(const model::Scope& scope, std::string_view name) {
  auto* job = stores_.at(scope).find_training_job(name);
  if (job == nullptr) return Error{ErrorCode::ResourceNotFound, "Requested resource not found."};
  if (job->status != model::TrainingJobStatus::InProgress) {
    return validation_error("The request was rejected because the training job is in status " +
                            std::string(model::to_string(job->status)) + ".");
  }
  runs_.at(job)->stop(StopReason::Requested);  // a job in progress always has its run
  return Done{};
}

bool TrainingLifecycle::may_go_on(const model::Scope& scope, const model::TrainingJob& job, int epoch, double value) {
  return !progress_listener_ || progress_listener_(scope, job, epoch, value);
}

void TrainingLifecycle::finished(TrainingRun& run) {
  const auto scope = run.scope();
  auto& job = run.job();
  runs_.erase(&job);
  if (terminal_listener_) terminal_listener_(scope, job);
}

void TrainingLifecycle::record(const model::Scope& scope, const model::TrainingJob& job, timeline::Payload payload,
                               std::string_view text) {
  timeline_.append(
      simulator_.now(),
      {scope.region, job.tuning_job_name, job.name, job.resource.instance_type, {}, job.resource.instance_count, text},
      std::move(payload));
}

// ---- warm pools ---------------------------------------------------------------------------

void TrainingLifecycle::park_warm(const model::Scope& scope, const model::TrainingJob& owner,
                                  capacity_model::CapacityType capacity_type, Reservation reservation) {
  WarmCluster cluster;
  cluster.tuning_key = tuning_key({scope.account, scope.region, owner.tuning_job_name, owner.name});
  cluster.config = owner.resource;
  cluster.capacity_type = capacity_type;
  cluster.zone = reservation.zone();
  cluster.owner = owner.name;
  const auto lease = reservation.lease();
  cluster.reservation = std::move(reservation);
  cluster.expiry = simulator_.schedule_after(
      kTuningWarmPoolKeepAlive, [this, scope, key = cluster.tuning_key, lease] { expire_warm(scope, key, lease); });
  warm_pools_.park(std::move(cluster));
  // The tuning job's, not the child's: the child configured no warm pool, so it shows no
  // WarmPoolStatus and is billed no retention (§3.3); the timeline tells the story.
  record(scope, owner, timeline::KeptWarm{int(kTuningWarmPoolKeepAlive.count() / 1000)});
}

void TrainingLifecycle::expire_warm(const model::Scope& scope, const std::string& tuning_key,
                                    capacity_model::LeaseId lease) {
  if (auto cluster = warm_pools_.expire(tuning_key, lease)) retire_warm(scope, std::move(*cluster));
}

std::size_t TrainingLifecycle::release_warm_pools(const model::Scope& scope, const std::string& tuning_job) {
  auto clusters = warm_pools_.take_all(tuning_key({scope.account, scope.region, tuning_job, ""}));
  const auto released = clusters.size();
  for (auto& cluster : clusters) retire_warm(scope, std::move(cluster));
  return released;
}

void TrainingLifecycle::retire_warm(const model::Scope& scope, WarmCluster cluster) {
  cluster.expiry.cancel();
  cluster.reservation.give_back();
  // The owner may have been deleted since: the cluster is the tuning job's, not its own.
  if (const auto* owner = stores_.at(scope).find_training_job(cluster.owner)) {
    record(scope, *owner, timeline::WarmPoolReleased{});
  }
}

}  // namespace emulator::training
