#include "emulator/timeline/render.h"

#include <cstdio>

#include "capacity_model/decision.h"
#include "capacity_model/quotas.h"

namespace emulator::timeline {
namespace {

// 30 → "30", 12.5 → "12.5": the shortest text that reads back as the same number.
std::string shortest(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

struct Renderer {
  const Timeline& timeline;
  const Event& event;

  std::string text() const { return std::string(timeline.text(event.subject.text)); }
  std::string name(Name n) const { return std::string(timeline.text(n)); }
  std::string instance_type() const { return name(event.subject.instance_type); }

  std::string operator()(const Launched& p) const {
    return "training job " + std::to_string(p.ordinal) + " of " + std::to_string(p.of);
  }
  std::string operator()(const Asked&) const { return {}; }
  std::string operator()(const Granted& p) const { return p.spot ? "spot" : ""; }
  std::string operator()(const Ice& p) const {
    const std::string market = p.spot ? "spot " : "";
    switch (p.cause) {
      case IceCause::InjectedFault: return "InsufficientInstanceCapacity injected by fault " + text();
      case IceCause::Cached: return "every zone is cached as unavailable for " + market + instance_type();
      case IceCause::PoolShort: break;
    }
    return "InsufficientInstanceCapacity: " + std::to_string(p.requested) + " x " + market + instance_type() +
           " requested, at most " + std::to_string(p.largest_free_in_one_zone) + " free in one zone";
  }
  std::string operator()(const FellBack&) const { return text() + " -> " + instance_type(); }
  std::string operator()(const Reused&) const { return "warm pool of " + text(); }
  std::string operator()(const Waiting& p) const {
    return "no instance configuration has capacity; next attempt in " + std::to_string(p.next_attempt_seconds) + " s";
  }
  std::string operator()(const QuotaExceeded& p) const {
    return capacity_model::quota_exceeded_message({instance_type(), p.limit, p.utilization, p.delta});
  }
  std::string operator()(const Released&) const { return {}; }
  std::string operator()(const KeptWarm& p) const {
    return "instances kept for the next training job of " + name(event.subject.tuning_job) + " for " +
           std::to_string(p.seconds) + " s";
  }
  std::string operator()(const WarmPoolReleased&) const { return "the kept-warm instances went back to the pool"; }
  std::string operator()(const CapacityError&) const { return text(); }
  std::string operator()(const Interrupted& p) const {
    return "spot capacity reclaimed after " + std::to_string(p.percent_done) + "% of the work" +
           (p.from_checkpoint ? "; resuming from the checkpoint" : "; restarting from scratch");
  }
  std::string operator()(const TrainingStatus& p) const {
    const auto message = p.message == model::StatusMessage::FailureReason ? text() : std::string(text_of(p.message));
    return std::string(model::to_string(p.status)) + "/" + std::string(model::to_string(p.secondary)) + ": " + message;
  }
  std::string operator()(const TuningStatus& p) const {
    auto message = std::string(model::to_string(p.status));
    if (event.subject.text != kNoName) message += ": " + text();
    return message;
  }
  std::string operator()(const EarlyStopped& p) const {
    const std::string rule = p.rule == StoppingRule::Median
                                 ? "worse than the median of earlier training jobs at epoch "
                                 : "not among the best third at the Hyperband rung of epoch ";
    return text() + " " + std::to_string(double(p.value)) + " " + rule + std::to_string(p.epoch);
  }
  std::string operator()(const CapacityChanged& p) const {
    switch (p.origin) {
      case CapacityOrigin::ScenarioEnded: return "timed capacity change ended by the scenario";
      case CapacityOrigin::ControlPlane:
        return "capacity set to " + std::to_string(p.capacity) + " through the control plane";
      case CapacityOrigin::Scenario: break;
    }
    return "capacity set to " + std::to_string(p.capacity) + " by the scenario" + (p.spot ? " (spot)" : "");
  }
  std::string operator()(const FaultAdded& p) const {
    return "fault " + text() + ": " + shortest(double(p.percentage)) + "% of launches refused";
  }
  std::string operator()(const FaultRemoved&) const { return "fault " + text() + " removed"; }
};

}  // namespace

std::string message_of(const Timeline& timeline, const Event& event) {
  return std::visit(Renderer{timeline, event}, event.payload);
}

RenderedEvent render(const Timeline& timeline, const Event& event) {
  const auto& s = event.subject;
  auto text = [&](Name name) { return std::string(timeline.text(name)); };
  return {event.sequence,          event.time,
          to_string(event.type()), text(s.region),
          text(s.tuning_job),      text(s.training_job),
          text(s.instance_type),   text(s.zone),
          event.instance_count,    message_of(timeline, event)};
}

}  // namespace emulator::timeline
