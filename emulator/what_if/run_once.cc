#include "emulator/what_if/run_once.h"

#include <numeric>
#include <variant>

#include "emulator/control.h"
#include "emulator/model/warm_pool_status.h"
#include "emulator/sagemaker_service.h"

namespace emulator::what_if {
namespace {

double seconds(sim::SimTime time) { return double(time.count()) / 1000.0; }

// What the child's instances cost: the billable time (spot already discounted there) and the
// time its warm pool was kept alive, at the catalog's hourly price, times instance count.
double cost_of(const model::TrainingJob& child, const capacity_model::Catalog& catalog, sim::SimTime now) {
  const auto* spec = catalog.find(child.resource.instance_type);
  if (spec == nullptr) return 0;
  double billed_seconds = child.billable_time_in_seconds.value_or(0);
  if (const auto warm = model::warm_pool_status(child, now)) {
    billed_seconds += warm->resource_retained_billable_time_in_seconds.value_or(0);
  }
  return billed_seconds / 3600.0 * spec->price_per_hour * child.resource.instance_count;
}

void tally_children(const model::TuningJob& job, const capacity_model::Catalog& catalog, sim::SimTime now,
                    RunRecord& record) {
  for (const auto* child : job.children) {
    ++record.children;
    if (child->status == model::TrainingJobStatus::Failed) ++record.failed_children;
    if (child->training_start_time) ++record.children_by_type[child->resource.instance_type];
    record.cost += cost_of(*child, catalog, now);
  }
}

void tally_capacity_answers(const timeline::Timeline& timeline, RunRecord& record) {
  for (const auto* event : timeline.select({}).events) {
    if (std::holds_alternative<timeline::Ice>(event->payload)) {
      ++record.ice_by_type[std::string(timeline.text(event->subject.instance_type))];
    } else if (std::holds_alternative<timeline::FellBack>(event->payload)) {
      ++record.fallbacks_by_type[std::string(timeline.text(event->subject.instance_type))];
    }
  }
}

}  // namespace

int RunRecord::ice_answers() const {
  return std::accumulate(ice_by_type.begin(), ice_by_type.end(), 0,
                         [](int sum, const auto& e) { return sum + e.second; });
}

int RunRecord::fallbacks() const {
  return std::accumulate(fallbacks_by_type.begin(), fallbacks_by_type.end(), 0,
                         [](int sum, const auto& e) { return sum + e.second; });
}

Result<RunRecord> run_once(const RunSetup& setup, std::uint64_t seed) {
  WorldConfig config = setup.world;
  config.seed = seed;
  World world(std::move(config));
  SageMakerService service(world);
  Control control(world);
  if (auto created = service.create_hyper_parameter_tuning_job(setup.scope, setup.request); !created) {
    return created.error();
  }
  const auto* job = *service.find_hyper_parameter_tuning_job(setup.scope, setup.request.name);
  // The instant clock's loop, without a socket: every event in turn while anything runs.
  while (!job->is_terminal() || control.jobs_in_progress()) {
    if (!world.simulator().step()) break;
  }
  const auto now = world.simulator().now();
  RunRecord record;
  record.seed = seed;
  record.status = std::string(model::to_string(job->status));
  record.failure_reason = job->failure_reason;
  record.duration_seconds = seconds(job->end_time.value_or(now) - job->creation_time);
  tally_children(*job, world.catalog(), now, record);
  tally_capacity_answers(world.timeline(), record);
  const auto view = service.view_of(setup.scope, *job);
  if (view.progress.best != nullptr) record.best_objective = view.progress.best->objective_value;
  return record;
}

}  // namespace emulator::what_if
