#include "capacity_model/steps_state.h"

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "capacity_model/snapshot_json.h"

namespace capacity_model {
namespace {

constexpr std::array<std::string_view, 3> kPhaseNames = {"set", "begin", "end"};  // StepPhase order

StepPhase phase_from(const nlohmann::json& value) {
  const auto text = value.get<std::string>();
  for (std::size_t i = 0; i < kPhaseNames.size(); ++i) {
    if (kPhaseNames[i] == text) return static_cast<StepPhase>(i);
  }
  throw SnapshotError("unknown capacity step phase '" + text + "'");
}

nlohmann::json save_step(const CapacityStep& step) {
  nlohmann::json saved{{"at_ms", step.at.count()},
                       {"instance_type", step.instance_type},
                       {"capacity", step.capacity},
                       {"phase", kPhaseNames[static_cast<std::size_t>(step.phase)]},
                       {"override_id", step.override_id}};
  if (step.zone) saved["zone"] = *step.zone;
  if (step.duration) saved["duration_ms"] = step.duration->count();
  // Left out: both markets.
  if (step.capacity_type) saved["capacity_type"] = to_string(*step.capacity_type);
  return saved;
}

CapacityStep load_step(const nlohmann::json& saved) {
  CapacityStep step;
  step.at = snapshot::millis_from(saved.at("at_ms"));
  step.instance_type = saved.at("instance_type").get<std::string>();
  step.zone = snapshot::optional_member<std::string>(saved, "zone");
  step.capacity = snapshot::value_of<int>(saved.at("capacity"));
  if (saved.contains("duration_ms")) step.duration = snapshot::millis_from(saved.at("duration_ms"));
  step.capacity_type = std::nullopt;
  if (saved.contains("capacity_type"))
    step.capacity_type = snapshot::capacity_type_from_json(saved.at("capacity_type"));
  step.phase = phase_from(saved.at("phase"));
  step.override_id = snapshot::value_of<std::uint64_t>(saved.at("override_id"));
  return step;
}

}  // namespace

nlohmann::json save_steps(const std::vector<CapacityStep>& steps) {
  auto saved = nlohmann::json::array();
  for (const auto& step : steps) saved.push_back(save_step(step));
  return saved;
}

std::vector<CapacityStep> load_steps(const nlohmann::json& state) {
  std::vector<CapacityStep> steps;
  for (const auto& saved : state.get_ref<const nlohmann::json::array_t&>()) steps.push_back(load_step(saved));
  return steps;
}

}  // namespace capacity_model
