#include "emulator/tuning/request_pool.h"

#include <algorithm>
#include <functional>
#include <string_view>

#include "emulator/telemetry/printed_output.h"

namespace emulator::tuning {
namespace {

std::size_t hash_of(const model::TuningRequestBody& request) {
  return request.description ? std::hash<std::string_view>{}(*request.description) : 0;
}

}  // namespace

std::optional<RequestPool::Shared> RequestPool::lock(const Entry& entry) {
  Shared shared{entry.request.lock(), {}};
  if (!shared.request) return std::nullopt;
  for (const auto& weak : entry.child_specs) {
    auto spec = weak.lock();
    if (!spec) return std::nullopt;
    shared.child_specs.push_back(std::move(spec));
  }
  return shared;
}

RequestPool::Shared RequestPool::share(model::TuningRequestBody request, const ResolvedTuningJob& resolved) {
  if (auto held = find(request)) return std::move(*held);
  Shared shared{std::make_shared<const model::TuningRequestBody>(std::move(request)), {}};
  for (std::size_t d = 0; d < shared.request->definitions.size(); ++d) {
    shared.child_specs.push_back(child_spec(*shared.request, resolved, d));
  }
  insert(shared);
  return shared;
}

void RequestPool::adopt(const Shared& shared) {
  if (!find(*shared.request)) insert(shared);
}

std::optional<RequestPool::Shared> RequestPool::find(const model::TuningRequestBody& request) const {
  auto [first, last] = entries_.equal_range(hash_of(request));
  for (auto it = first; it != last; ++it) {
    auto shared = lock(it->second);
    if (shared && *shared->request == request) return shared;
  }
  return std::nullopt;
}

void RequestPool::insert(const Shared& shared) {
  entries_.emplace(hash_of(*shared.request),
                   Entry{shared.request, {shared.child_specs.begin(), shared.child_specs.end()}});
  if (entries_.size() >= sweep_at_) sweep();
}

void RequestPool::sweep() {
  std::erase_if(entries_, [](const auto& entry) { return entry.second.request.expired(); });
  sweep_at_ = std::max(kFirstSweep, 2 * entries_.size());
}

std::shared_ptr<const model::TrainingJobSpec> child_spec(const model::TuningRequestBody& request,
                                                         const ResolvedTuningJob& resolved, std::size_t definition) {
  const auto& def = request.definitions.at(definition);
  const auto& resolved_def = resolved.definitions.at(definition);
  auto spec = std::make_shared<model::TrainingJobSpec>();
  spec->definition_name = def.definition_name;
  spec->static_hyper_parameters = def.static_hyper_parameters;
  spec->objective_metric = resolved_def.objective.metric_name;
  spec->metric_definitions = def.metric_definitions;
  // Without a definition of the objective (the rules allow it for built-in algorithms), the
  // algorithm's own reads it, as SageMaker's predefined metrics do (§3.7).
  const auto& definitions = spec->metric_definitions;
  if (std::none_of(definitions.begin(), definitions.end(),
                   [&](const model::MetricDefinition& d) { return d.name == spec->objective_metric; })) {
    spec->metric_definitions.push_back(telemetry::built_in_definition(spec->objective_metric));
  }
  for (const auto& dim : resolved_def.space.dimensions()) spec->tuned_names.push_back(dim.name);
  spec->s3_output_path = def.s3_output_path;
  spec->compressed_output = def.compressed_output;
  if (def.tuning_resource_config)
    spec->volume_kms_key_id = def.tuning_resource_config->volume_kms_key_id;
  else if (def.resource_config)
    spec->volume_kms_key_id = def.resource_config->volume_kms_key_id;
  spec->max_runtime_in_seconds = def.max_runtime_in_seconds;
  spec->description = request.description;
  spec->definition_in_request = definition;
  return spec;
}

}  // namespace emulator::tuning
