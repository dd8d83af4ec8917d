#include "emulator/timeline/payload_state.h"

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <utility>

#include "capacity_model/snapshot_error.h"
#include "capacity_model/snapshot_json.h"

namespace emulator::timeline {

using capacity_model::snapshot::value_of;
namespace {

using capacity_model::SnapshotError;
using nlohmann::json;

template <typename E, std::size_t N>
using Spellings = std::array<std::pair<E, std::string_view>, N>;

constexpr Spellings<IceCause, 3> kIceCauses{
    {{IceCause::PoolShort, "pool-short"}, {IceCause::InjectedFault, "injected-fault"}, {IceCause::Cached, "cached"}}};
constexpr Spellings<StoppingRule, 2> kStoppingRules{
    {{StoppingRule::Median, "median"}, {StoppingRule::Hyperband, "hyperband"}}};
constexpr Spellings<CapacityOrigin, 3> kOrigins{{{CapacityOrigin::Scenario, "scenario"},
                                                 {CapacityOrigin::ScenarioEnded, "scenario-ended"},
                                                 {CapacityOrigin::ControlPlane, "control-plane"}}};

template <typename E, std::size_t N>
std::string spell(const Spellings<E, N>& spellings, E value) {
  for (const auto& [v, text] : spellings) {
    if (v == value) return std::string(text);
  }
  throw SnapshotError("an enumerator without a name: " + std::to_string(static_cast<int>(value)));
}

[[noreturn]] void unknown(std::string_view what, const std::string& text) {
  throw SnapshotError("unknown " + std::string(what) + " '" + text + "' in a timeline event");
}

template <typename E, std::size_t N>
E parse(const Spellings<E, N>& spellings, const json& member, std::string_view what) {
  const auto text = member.get<std::string>();
  for (const auto& [v, spelling] : spellings) {
    if (spelling == text) return v;
  }
  unknown(what, text);
}

template <typename E>
E parse_wire(const json& member, std::string_view what) {
  const auto text = member.get<std::string>();
  if (const auto value = model::parse<E>(text)) return *value;
  unknown(what, text);
}

// A StatusMessage as SageMaker's text (FailureReason's is empty: the job's own reason).
model::StatusMessage parse_status_message(const json& member) {
  const auto text = member.get<std::string>();
  for (int i = 0; i <= static_cast<int>(model::StatusMessage::FailureReason); ++i) {
    const auto message = static_cast<model::StatusMessage>(i);
    if (model::text_of(message) == text) return message;
  }
  unknown("status message", text);
}

json save_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return value;
}

double load_number(const json& member) {
  if (!member.is_string()) return member.get<double>();
  const auto text = member.get<std::string>();
  if (text == "NaN") return std::nan("");
  if (text == "Infinity" || text == "-Infinity") return text[0] == '-' ? -INFINITY : INFINITY;
  unknown("number", text);
}

// A payload is an array of its members in the order the struct declares them: an object per
// event would cost several times the memory while a million-event document is built. Arrays
// are spelled out, as a braced pair whose first member is a text would make an object.
struct Writer {
  json operator()(const Launched& p) const { return json::array({p.ordinal, p.of}); }
  json operator()(const Granted& p) const { return json::array({p.spot}); }
  json operator()(const Ice& p) const {
    return json::array({spell(kIceCauses, p.cause), p.requested, p.largest_free_in_one_zone, p.spot});
  }
  json operator()(const Waiting& p) const { return json::array({p.next_attempt_seconds}); }
  json operator()(const QuotaExceeded& p) const { return json::array({p.limit, p.utilization, p.delta}); }
  json operator()(const KeptWarm& p) const { return json::array({p.seconds}); }
  json operator()(const Interrupted& p) const { return json::array({p.percent_done, p.from_checkpoint}); }
  json operator()(const TrainingStatus& p) const {
    return json::array({model::to_string(p.status), model::to_string(p.secondary), model::text_of(p.message)});
  }
  json operator()(const TuningStatus& p) const { return json::array({model::to_string(p.status)}); }
  json operator()(const EarlyStopped& p) const {
    return json::array({save_number(p.value), p.epoch, spell(kStoppingRules, p.rule)});
  }
  json operator()(const CapacityChanged& p) const {
    return json::array({spell(kOrigins, p.origin), p.capacity, p.spot});
  }
  json operator()(const FaultAdded& p) const { return json::array({save_number(p.percentage)}); }
  template <typename Bare>
  json operator()(const Bare&) const {
    static_assert(std::is_empty_v<Bare>, "a payload with members needs its own writer");
    return json::array();
  }
};

template <typename P>
using As = std::type_identity<P>;

Launched load_members(As<Launched>, const json& m) { return {value_of<int>(m.at(0)), value_of<int>(m.at(1))}; }
Granted load_members(As<Granted>, const json& m) { return {m.at(0).get<bool>()}; }
Ice load_members(As<Ice>, const json& m) {
  return {parse(kIceCauses, m.at(0), "ICE cause"), value_of<int>(m.at(1)), value_of<int>(m.at(2)), m.at(3).get<bool>()};
}
Waiting load_members(As<Waiting>, const json& m) { return {value_of<int>(m.at(0))}; }
QuotaExceeded load_members(As<QuotaExceeded>, const json& m) {
  return {value_of<int>(m.at(0)), value_of<int>(m.at(1)), value_of<int>(m.at(2))};
}
KeptWarm load_members(As<KeptWarm>, const json& m) { return {value_of<int>(m.at(0))}; }
Interrupted load_members(As<Interrupted>, const json& m) { return {value_of<int>(m.at(0)), m.at(1).get<bool>()}; }
TrainingStatus load_members(As<TrainingStatus>, const json& m) {
  return {parse_wire<model::TrainingJobStatus>(m.at(0), "training job status"),
          parse_wire<model::SecondaryStatus>(m.at(1), "secondary status"), parse_status_message(m.at(2))};
}
TuningStatus load_members(As<TuningStatus>, const json& m) {
  return {parse_wire<model::HyperParameterTuningJobStatus>(m.at(0), "tuning job status")};
}
EarlyStopped load_members(As<EarlyStopped>, const json& m) {
  return {load_number(m.at(0)), value_of<int>(m.at(1)), parse(kStoppingRules, m.at(2), "stopping rule")};
}
CapacityChanged load_members(As<CapacityChanged>, const json& m) {
  return {parse(kOrigins, m.at(0), "capacity origin"), value_of<int>(m.at(1)), m.at(2).get<bool>()};
}
FaultAdded load_members(As<FaultAdded>, const json& m) { return {load_number(m.at(0))}; }
template <typename Bare>
Bare load_members(As<Bare>, const json&) {
  static_assert(std::is_empty_v<Bare>, "a payload with members needs its own reader");
  return {};
}

// One reader per alternative, indexed like EventType.
template <std::size_t... I>
Payload read_alternative(std::size_t index, const json& members, std::index_sequence<I...>) {
  using Reader = Payload (*)(const json&);
  static constexpr std::array<Reader, sizeof...(I)> kReaders = {
      [](const json& m) -> Payload { return load_members(As<std::variant_alternative_t<I, Payload>>{}, m); }...};
  return kReaders[index](members);
}

}  // namespace

json save_payload(const Payload& payload) { return std::visit(Writer{}, payload); }

Payload load_payload(EventType type, const json& members) {
  if (!members.is_array()) throw SnapshotError("a timeline event's payload is not an array");
  return read_alternative(static_cast<std::size_t>(type), members, std::make_index_sequence<kEventTypes>{});
}

}  // namespace emulator::timeline
