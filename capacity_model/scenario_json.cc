#include "capacity_model/scenario_json.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "capacity_model/scenario_json_detail.h"

namespace capacity_model {
namespace scenario_json_detail {

// A billion seconds (~31 years) is far past any simulated run and far from overflowing
// the milliseconds it is converted to.
constexpr double kMaxSeconds = 1e9;
constexpr std::string_view kClockModes[] = {"realtime", "manual", "instant"};
constexpr std::string_view kQuotaActions[] = {"fail-tuning-job", "skip-configuration"};

ParseError fail(const std::string& path, std::string_view problem) {
  return ParseError{(path.empty() ? std::string("(root)") : path) + ": " + std::string(problem)};
}

std::string member(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string element(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::string keyed(const std::string& path, std::string_view key) {
  return path + "[\"" + std::string(key) + "\"]";
}

// Scalars are shown as JSON so the author sees the offending value.
std::string got(const Json& v) {
  return "got " + (v.is_structured() ? std::string(v.type_name()) : v.dump());
}

const Json* find(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

Status expect_object(const Json& v, const std::string& path, Members allowed, Members required) {
  if (!v.is_object()) return fail(path, "must be an object, " + got(v));
  for (const auto& item : v.items()) {
    if (std::ranges::find(allowed, item.key()) == allowed.end()) {
      return fail(member(path, item.key()), "unknown member");
    }
  }
  for (std::string_view key : required) {
    if (!find(v, key)) return fail(member(path, key), "required member is missing");
  }
  return Done{};
}

Status expect_array(const Json& v, const std::string& path) {
  if (!v.is_array()) return fail(path, "must be an array, " + got(v));
  return Done{};
}

Status expect_string(const Json& v, const std::string& path) {
  if (!v.is_string()) return fail(path, "must be a string, " + got(v));
  return Done{};
}

Status read_string(const Json& v, const std::string& path, std::string& out) {
  if (auto checked = expect_string(v, path); !checked) return checked;
  out = v.get<std::string>();
  return Done{};
}

Status read_bool(const Json& v, const std::string& path, bool& out) {
  if (!v.is_boolean()) return fail(path, "must be true or false, " + got(v));
  out = v.get<bool>();
  return Done{};
}

Status read_int(const Json& v, const std::string& path, int min, int& out) {
  if (!v.is_number_integer()) return fail(path, "must be an integer, " + got(v));
  // nlohmann keeps non-negative literals unsigned, so only those can exceed int.
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT_MAX)) {
    return fail(path, "must be at most " + std::to_string(INT_MAX) + ", " + got(v));
  }
  const auto value = v.get<std::int64_t>();
  if (value < min) return fail(path, "must be >= " + std::to_string(min) + ", " + got(v));
  out = static_cast<int>(value);
  return Done{};
}

Status read_number(const Json& v, const std::string& path, Sign sign, double& out) {
  if (!v.is_number()) return fail(path, "must be a number, " + got(v));
  out = v.get<double>();
  if (sign == Sign::kPositive && !(out > 0)) return fail(path, "must be > 0, " + got(v));
  if (sign == Sign::kNonNegative && out < 0) return fail(path, "must be >= 0, " + got(v));
  return Done{};
}

Status read_bounded(const Json& v, const std::string& path, double min, double max, double& out) {
  if (!v.is_number()) return fail(path, "must be a number, " + got(v));
  const double value = v.get<double>();
  if (!(value >= min && value <= max)) {
    auto show = [](double bound) {
      return bound == std::floor(bound) ? std::to_string(static_cast<long long>(bound))
                                        : Json(bound).dump();
    };
    return fail(path, "must be within [" + show(min) + ", " + show(max) + "], " + got(v));
  }
  out = value;
  return Done{};
}

Status read_seconds(const Json& v, const std::string& path, Sign sign, Millis& out) {
  double seconds = 0;
  if (auto checked = read_number(v, path, sign, seconds); !checked) return checked;
  if (seconds > kMaxSeconds) return fail(path, "must be at most 1e9 seconds, " + got(v));
  out = Millis{std::llround(seconds * 1000)};
  if (sign == Sign::kPositive && out <= Millis::zero()) {
    return fail(path, "must be at least 0.001 (one millisecond), " + got(v));
  }
  return Done{};
}

// ---- scenario ------------------------------------------------------------------------

Status read_instance_type(const Json& v, const std::string& path, const Catalog& catalog, std::string& out) {
  if (auto checked = read_string(v, path, out); !checked) return checked;
  if (!catalog.find(out)) return fail(path, "unknown instance type '" + out + "'");
  return Done{};
}

Status read_listed_zone(const Json& v, const std::string& path, const std::vector<std::string>& zones,
                        std::optional<std::string>& out) {
  std::string zone;
  if (auto checked = read_string(v, path, zone); !checked) return checked;
  if (std::ranges::find(zones, zone) == zones.end()) {
    return fail(path, "availability zone '" + zone + "' is not listed in zones");
  }
  out = std::move(zone);
  return Done{};
}

namespace {

Status parse_json(std::string_view text, Json& out) {
  try {
    out = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    return ParseError{std::string("invalid JSON: ") + e.what()};
  }
  return Done{};
}

// ---- scenario ------------------------------------------------------------------------

Status read_identity(const Json& root, Scenario& s) {
  // "$schema" lets editors find the schema; nothing else reads it.
  if (const Json* v = find(root, "$schema")) {
    if (auto checked = expect_string(*v, "$schema"); !checked) return checked;
  }
  if (const Json* v = find(root, "name")) {
    if (auto checked = read_string(*v, "name", s.name); !checked) return checked;
    if (s.name.empty()) return fail("name", "must not be empty");
  }
  if (const Json* v = find(root, "description")) {
    if (auto checked = read_string(*v, "description", s.description); !checked) return checked;
  }
  return Done{};
}

Status read_region_and_zones(const Json& root, Scenario& s) {
  if (const Json* v = find(root, "region")) {
    if (auto checked = read_string(*v, "region", s.region); !checked) return checked;
    if (s.region.empty()) return fail("region", "must not be empty");
  }
  const Json* zones = find(root, "zones");
  if (!zones) {
    // Three zones, as most regions have, named after whatever region the file chose.
    s.zones = {s.region + "a", s.region + "b", s.region + "c"};
    return Done{};
  }
  if (auto checked = expect_array(*zones, "zones"); !checked) return checked;
  if (zones->empty()) return fail("zones", "must list at least one availability zone");
  s.zones.clear();
  for (std::size_t i = 0; i < zones->size(); ++i) {
    const std::string path = element("zones", i);
    std::string zone;
    if (auto checked = read_string((*zones)[i], path, zone); !checked) return checked;
    if (zone.size() <= s.region.size() || !zone.starts_with(s.region)) {
      return fail(path, "'" + zone + "' is not an availability zone of region '" + s.region + "'");
    }
    if (std::ranges::find(s.zones, zone) != s.zones.end()) {
      return fail(path, "duplicate availability zone '" + zone + "'");
    }
    s.zones.push_back(std::move(zone));
  }
  return Done{};
}

Status read_defaults(const Json& v, Scenario& s) {
  if (auto checked = expect_object(v, "defaults", {"capacityPerZone"}, {}); !checked) return checked;
  if (const Json* c = find(v, "capacityPerZone")) {
    return read_int(*c, "defaults.capacityPerZone", 0, s.default_capacity_per_zone);
  }
  return Done{};
}

Status read_step_capacity_type(const Json& v, const std::string& path, CapacityStep& step) {
  std::string text;
  if (auto checked = read_string(v, path, text); !checked) return checked;
  if (text == "all") {
    step.capacity_type = std::nullopt;
  } else if (auto type = capacity_type_from(text)) {
    step.capacity_type = *type;
  } else {
    return fail(path, "must be one of on-demand, spot, all; " + got(v));
  }
  return Done{};
}

Status read_change(const Json& item, const std::string& path, const Catalog& catalog,
                   const std::vector<std::string>& zones, CapacityStep& step) {
  if (auto checked = expect_object(
          item, path, {"atSeconds", "instanceType", "availabilityZone", "capacity", "durationSeconds", "capacityType"},
          {"atSeconds"});
      !checked) {
    return checked;
  }
  if (!find(item, "instanceType") && !find(item, "availabilityZone")) {
    return fail(member(path, "instanceType"),
                "required member is missing (a step for every type names an availabilityZone)");
  }
  if (!find(item, "capacity")) return fail(member(path, "capacity"), "required member is missing");
  if (auto checked = read_seconds(item.at("atSeconds"), member(path, "atSeconds"), Sign::kNonNegative, step.at);
      !checked) {
    return checked;
  }
  if (const Json* type = find(item, "instanceType")) {
    if (auto checked = read_instance_type(*type, member(path, "instanceType"), catalog, step.instance_type); !checked) {
      return checked;
    }
  } else {
    step.capacity_type = std::nullopt;  // a whole-zone step takes spot down too
  }
  if (const Json* zone = find(item, "availabilityZone")) {
    if (auto checked = read_listed_zone(*zone, member(path, "availabilityZone"), zones, step.zone); !checked) {
      return checked;
    }
  }
  if (auto checked = read_int(item.at("capacity"), member(path, "capacity"), 0, step.capacity); !checked) {
    return checked;
  }
  if (const Json* d = find(item, "durationSeconds")) {
    Millis duration{0};
    if (auto checked = read_seconds(*d, member(path, "durationSeconds"), Sign::kPositive, duration); !checked) {
      return checked;
    }
    step.duration = duration;
  }
  if (const Json* c = find(item, "capacityType")) {
    return read_step_capacity_type(*c, member(path, "capacityType"), step);
  }
  return Done{};
}

Status read_changes(const Json& v, const Catalog& catalog, Scenario& s) {
  if (auto checked = expect_array(v, "changes"); !checked) return checked;
  for (std::size_t i = 0; i < v.size(); ++i) {
    CapacityStep step;
    if (auto checked = read_change(v[i], element("changes", i), catalog, s.zones, step); !checked) return checked;
    s.changes.push_back(std::move(step));
  }
  return Done{};
}

Status read_retry(const Json& v, RetryPolicy& retry) {
  if (auto checked = expect_object(v, "retry",
                                   {"backoffSeconds", "windowSeconds", "unavailableOfferingsTtlSeconds",
                                    "retryPreferredFirst", "quotaExceededAction"},
                                   {});
      !checked) {
    return checked;
  }
  if (const Json* b = find(v, "backoffSeconds")) {
    // A zero backoff would re-check capacity forever without virtual time moving.
    if (auto checked = read_seconds(*b, "retry.backoffSeconds", Sign::kPositive, retry.backoff); !checked) {
      return checked;
    }
  }
  if (const Json* w = find(v, "windowSeconds")) {
    if (auto checked = read_seconds(*w, "retry.windowSeconds", Sign::kNonNegative, retry.window); !checked) {
      return checked;
    }
  }
  if (const Json* t = find(v, "unavailableOfferingsTtlSeconds")) {
    if (auto checked = read_seconds(*t, "retry.unavailableOfferingsTtlSeconds", Sign::kNonNegative,
                                    retry.unavailable_offerings_ttl);
        !checked) {
      return checked;
    }
  }
  if (const Json* p = find(v, "retryPreferredFirst")) {
    if (auto checked = read_bool(*p, "retry.retryPreferredFirst", retry.retry_preferred_first); !checked) {
      return checked;
    }
  }
  if (const Json* a = find(v, "quotaExceededAction")) {
    std::string action;
    if (auto checked = read_string(*a, "retry.quotaExceededAction", action); !checked) return checked;
    if (action == kQuotaActions[0]) {
      retry.quota_exceeded_action = QuotaExceededAction::FailTuningJob;
    } else if (action == kQuotaActions[1]) {
      retry.quota_exceeded_action = QuotaExceededAction::SkipConfiguration;
    } else {
      return fail("retry.quotaExceededAction",
                  "must be one of fail-tuning-job, skip-configuration; " + got(*a));
    }
  }
  return Done{};
}

Status read_clock(const Json& v, Scenario& s) {
  if (auto checked = expect_object(v, "clock", {"mode", "timeScale"}, {}); !checked) return checked;
  if (const Json* m = find(v, "mode")) {
    std::string mode;
    if (auto checked = read_string(*m, "clock.mode", mode); !checked) return checked;
    if (std::ranges::find(kClockModes, mode) == std::end(kClockModes)) {
      return fail("clock.mode", "must be one of realtime, manual, instant; " + got(*m));
    }
    s.clock_mode = std::move(mode);
  }
  if (const Json* t = find(v, "timeScale")) {
    double scale = 0;
    if (auto checked = read_number(*t, "clock.timeScale", Sign::kPositive, scale); !checked) return checked;
    s.time_scale = scale;
  }
  return Done{};
}

Status read_seed(const Json& v, Scenario& s) {
  if (!v.is_number_unsigned()) return fail("seed", "must be a non-negative integer, " + got(v));
  s.seed = v.get<std::uint64_t>();
  return Done{};
}

Status read_scenario(const Json& root, const Catalog& catalog, Scenario& s) {
  if (auto checked = expect_object(root, "",
                                   {"$schema", "name", "description", "region", "zones", "defaults", "pools", "changes",
                                    "retry", "spot", "demand", "faults", "quotas", "seed", "clock"},
                                   {});
      !checked) {
    return checked;
  }
  if (auto checked = read_identity(root, s); !checked) return checked;
  // Zones come before pools and changes, which are checked against them.
  if (auto checked = read_region_and_zones(root, s); !checked) return checked;
  if (const Json* v = find(root, "defaults")) {
    if (auto checked = read_defaults(*v, s); !checked) return checked;
  }
  if (const Json* v = find(root, "pools")) {
    if (auto checked = read_pool_list(*v, "pools", catalog, s.zones, CapacityType::OnDemand, s.pools); !checked) {
      return checked;
    }
  }
  if (const Json* v = find(root, "changes")) {
    if (auto checked = read_changes(*v, catalog, s); !checked) return checked;
  }
  if (const Json* v = find(root, "retry")) {
    if (auto checked = read_retry(*v, s.retry); !checked) return checked;
  }
  if (const Json* v = find(root, "spot")) {
    if (auto checked = read_spot(*v, catalog, s); !checked) return checked;
  }
  if (const Json* v = find(root, "demand")) {
    if (auto checked = read_demand(*v, catalog, s); !checked) return checked;
  }
  if (const Json* v = find(root, "faults")) {
    if (auto checked = read_faults(*v, catalog, s); !checked) return checked;
  }
  if (const Json* v = find(root, "quotas")) {
    if (auto checked = read_quotas(*v, catalog, s); !checked) return checked;
  }
  if (const Json* v = find(root, "seed")) {
    if (auto checked = read_seed(*v, s); !checked) return checked;
  }
  if (const Json* v = find(root, "clock")) {
    if (auto checked = read_clock(*v, s); !checked) return checked;
  }
  return Done{};
}

// ---- catalog -------------------------------------------------------------------------

Status read_spec(const Json& v, const std::string& path, InstanceSpec& spec) {
  if (auto checked = expect_object(v, path, {"name", "vcpus", "memoryGiB", "gpus", "pricePerHour", "speed"},
                                   {"name", "vcpus", "memoryGiB", "gpus", "pricePerHour", "speed"});
      !checked) {
    return checked;
  }
  if (auto checked = read_string(v.at("name"), member(path, "name"), spec.name); !checked) return checked;
  spec.family = family_of(spec.name);
  if (spec.family.empty()) {
    return fail(member(path, "name"), "'" + spec.name + "' is not of the form ml.<family>.<size>");
  }
  if (auto checked = read_int(v.at("vcpus"), member(path, "vcpus"), 1, spec.vcpus); !checked) return checked;
  if (auto checked = read_number(v.at("memoryGiB"), member(path, "memoryGiB"), Sign::kPositive, spec.memory_gib);
      !checked) {
    return checked;
  }
  if (auto checked = read_int(v.at("gpus"), member(path, "gpus"), 0, spec.gpus); !checked) return checked;
  if (auto checked =
          read_number(v.at("pricePerHour"), member(path, "pricePerHour"), Sign::kNonNegative, spec.price_per_hour);
      !checked) {
    return checked;
  }
  return read_number(v.at("speed"), member(path, "speed"), Sign::kPositive, spec.speed);
}

Status read_catalog(const Json& root, std::vector<InstanceSpec>& specs) {
  if (auto checked = expect_object(root, "", {"note", "instanceTypes"}, {"instanceTypes"}); !checked) return checked;
  // "note" is provenance for people reading the file.
  if (const Json* v = find(root, "note")) {
    if (auto checked = expect_string(*v, "note"); !checked) return checked;
  }
  const Json& list = root.at("instanceTypes");
  if (auto checked = expect_array(list, "instanceTypes"); !checked) return checked;
  if (list.empty()) return fail("instanceTypes", "must list at least one instance type");
  std::unordered_map<std::string, std::size_t> first_seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = element("instanceTypes", i);
    InstanceSpec spec;
    if (auto checked = read_spec(list[i], path, spec); !checked) return checked;
    const auto [it, fresh] = first_seen.emplace(spec.name, i);
    if (!fresh) {
      return fail(member(path, "name"), "duplicate instance type '" + spec.name + "' (first at " +
                                            element("instanceTypes", it->second) + ")");
    }
    specs.push_back(std::move(spec));
  }
  return Done{};
}

}  // namespace
}  // namespace scenario_json_detail

Result<Scenario, ParseError> parse_scenario(std::string_view json_text, const Catalog& catalog) {
  using namespace scenario_json_detail;
  Json root;
  if (auto checked = parse_json(json_text, root); !checked) return checked.error();
  Scenario scenario;
  if (auto checked = read_scenario(root, catalog, scenario); !checked) return checked.error();
  return scenario;
}

Result<Catalog, ParseError> parse_catalog(std::string_view json_text) {
  using namespace scenario_json_detail;
  Json root;
  if (auto checked = parse_json(json_text, root); !checked) return checked.error();
  std::vector<InstanceSpec> specs;
  if (auto checked = read_catalog(root, specs); !checked) return checked.error();
  return Catalog(std::move(specs));
}

}  // namespace capacity_model
