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

Error expect_object(const Json& v, const std::string& path, Members allowed, Members required) {
  if (!v.is_object()) return fail(path, "must be an object, " + got(v));
  for (const auto& item : v.items()) {
    if (std::ranges::find(allowed, item.key()) == allowed.end()) {
      return fail(member(path, item.key()), "unknown member");
    }
  }
  for (std::string_view key : required) {
    if (!find(v, key)) return fail(member(path, key), "required member is missing");
  }
  return std::nullopt;
}

Error expect_array(const Json& v, const std::string& path) {
  if (!v.is_array()) return fail(path, "must be an array, " + got(v));
  return std::nullopt;
}

Error expect_string(const Json& v, const std::string& path) {
  if (!v.is_string()) return fail(path, "must be a string, " + got(v));
  return std::nullopt;
}

Error read_string(const Json& v, const std::string& path, std::string& out) {
  if (auto e = expect_string(v, path)) return e;
  out = v.get<std::string>();
  return std::nullopt;
}

Error read_bool(const Json& v, const std::string& path, bool& out) {
  if (!v.is_boolean()) return fail(path, "must be true or false, " + got(v));
  out = v.get<bool>();
  return std::nullopt;
}

Error read_int(const Json& v, const std::string& path, int min, int& out) {
  if (!v.is_number_integer()) return fail(path, "must be an integer, " + got(v));
  // nlohmann keeps non-negative literals unsigned, so only those can exceed int.
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT_MAX)) {
    return fail(path, "must be at most " + std::to_string(INT_MAX) + ", " + got(v));
  }
  const auto value = v.get<std::int64_t>();
  if (value < min) return fail(path, "must be >= " + std::to_string(min) + ", " + got(v));
  out = static_cast<int>(value);
  return std::nullopt;
}

Error read_number(const Json& v, const std::string& path, Sign sign, double& out) {
  if (!v.is_number()) return fail(path, "must be a number, " + got(v));
  out = v.get<double>();
  if (sign == Sign::kPositive && !(out > 0)) return fail(path, "must be > 0, " + got(v));
  if (sign == Sign::kNonNegative && out < 0) return fail(path, "must be >= 0, " + got(v));
  return std::nullopt;
}

Error read_bounded(const Json& v, const std::string& path, double min, double max, double& out) {
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
  return std::nullopt;
}

Error read_seconds(const Json& v, const std::string& path, Sign sign, Millis& out) {
  double seconds = 0;
  if (auto e = read_number(v, path, sign, seconds)) return e;
  if (seconds > kMaxSeconds) return fail(path, "must be at most 1e9 seconds, " + got(v));
  out = Millis{std::llround(seconds * 1000)};
  if (sign == Sign::kPositive && out <= Millis::zero()) {
    return fail(path, "must be at least 0.001 (one millisecond), " + got(v));
  }
  return std::nullopt;
}

// ---- scenario ------------------------------------------------------------------------

Error read_instance_type(const Json& v, const std::string& path, const Catalog& catalog,
                         std::string& out) {
  if (auto e = read_string(v, path, out)) return e;
  if (!catalog.find(out)) return fail(path, "unknown instance type '" + out + "'");
  return std::nullopt;
}

Error read_listed_zone(const Json& v, const std::string& path,
                       const std::vector<std::string>& zones, std::optional<std::string>& out) {
  std::string zone;
  if (auto e = read_string(v, path, zone)) return e;
  if (std::ranges::find(zones, zone) == zones.end()) {
    return fail(path, "availability zone '" + zone + "' is not listed in zones");
  }
  out = std::move(zone);
  return std::nullopt;
}

namespace {

Error parse_json(std::string_view text, Json& out) {
  try {
    out = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    return ParseError{std::string("invalid JSON: ") + e.what()};
  }
  return std::nullopt;
}

// ---- scenario ------------------------------------------------------------------------

Error read_identity(const Json& root, Scenario& s) {
  // "$schema" lets editors find the schema; nothing else reads it.
  if (const Json* v = find(root, "$schema")) {
    if (auto e = expect_string(*v, "$schema")) return e;
  }
  if (const Json* v = find(root, "name")) {
    if (auto e = read_string(*v, "name", s.name)) return e;
    if (s.name.empty()) return fail("name", "must not be empty");
  }
  if (const Json* v = find(root, "description")) {
    if (auto e = read_string(*v, "description", s.description)) return e;
  }
  return std::nullopt;
}

Error read_region_and_zones(const Json& root, Scenario& s) {
  if (const Json* v = find(root, "region")) {
    if (auto e = read_string(*v, "region", s.region)) return e;
    if (s.region.empty()) return fail("region", "must not be empty");
  }
  const Json* zones = find(root, "zones");
  if (!zones) {
    // Three zones, as most regions have, named after whatever region the file chose.
    s.zones = {s.region + "a", s.region + "b", s.region + "c"};
    return std::nullopt;
  }
  if (auto e = expect_array(*zones, "zones")) return e;
  if (zones->empty()) return fail("zones", "must list at least one availability zone");
  s.zones.clear();
  for (std::size_t i = 0; i < zones->size(); ++i) {
    const std::string path = element("zones", i);
    std::string zone;
    if (auto e = read_string((*zones)[i], path, zone)) return e;
    if (zone.size() <= s.region.size() || !zone.starts_with(s.region)) {
      return fail(path, "'" + zone + "' is not an availability zone of region '" + s.region + "'");
    }
    if (std::ranges::find(s.zones, zone) != s.zones.end()) {
      return fail(path, "duplicate availability zone '" + zone + "'");
    }
    s.zones.push_back(std::move(zone));
  }
  return std::nullopt;
}

Error read_defaults(const Json& v, Scenario& s) {
  if (auto e = expect_object(v, "defaults", {"capacityPerZone"}, {})) return e;
  if (const Json* c = find(v, "capacityPerZone")) {
    return read_int(*c, "defaults.capacityPerZone", 0, s.default_capacity_per_zone);
  }
  return std::nullopt;
}

Error read_step_capacity_type(const Json& v, const std::string& path, CapacityStep& step) {
  std::string text;
  if (auto e = read_string(v, path, text)) return e;
  if (text == "all") {
    step.capacity_type = std::nullopt;
  } else if (auto type = capacity_type_from(text)) {
    step.capacity_type = *type;
  } else {
    return fail(path, "must be one of on-demand, spot, all; " + got(v));
  }
  return std::nullopt;
}

Error read_change(const Json& item, const std::string& path, const Catalog& catalog,
                  const std::vector<std::string>& zones, CapacityStep& step) {
  if (auto e = expect_object(item, path,
                             {"atSeconds", "instanceType", "availabilityZone", "capacity",
                              "durationSeconds", "capacityType"},
                             {"atSeconds"})) {
    return e;
  }
  if (!find(item, "instanceType") && !find(item, "availabilityZone")) {
    return fail(member(path, "instanceType"),
                "required member is missing (a step for every type names an availabilityZone)");
  }
  if (!find(item, "capacity")) return fail(member(path, "capacity"), "required member is missing");
  if (auto e = read_seconds(item.at("atSeconds"), member(path, "atSeconds"), Sign::kNonNegative,
                            step.at)) {
    return e;
  }
  if (const Json* type = find(item, "instanceType")) {
    if (auto e =
            read_instance_type(*type, member(path, "instanceType"), catalog, step.instance_type)) {
      return e;
    }
  } else {
    step.capacity_type = std::nullopt;  // a whole-zone step takes spot down too
  }
  if (const Json* zone = find(item, "availabilityZone")) {
    if (auto e = read_listed_zone(*zone, member(path, "availabilityZone"), zones, step.zone)) {
      return e;
    }
  }
  if (auto e = read_int(item.at("capacity"), member(path, "capacity"), 0, step.capacity)) {
    return e;
  }
  if (const Json* d = find(item, "durationSeconds")) {
    Millis duration{0};
    if (auto e = read_seconds(*d, member(path, "durationSeconds"), Sign::kPositive, duration)) {
      return e;
    }
    step.duration = duration;
  }
  if (const Json* c = find(item, "capacityType")) {
    return read_step_capacity_type(*c, member(path, "capacityType"), step);
  }
  return std::nullopt;
}

Error read_changes(const Json& v, const Catalog& catalog, Scenario& s) {
  if (auto e = expect_array(v, "changes")) return e;
  for (std::size_t i = 0; i < v.size(); ++i) {
    CapacityStep step;
    if (auto e = read_change(v[i], element("changes", i), catalog, s.zones, step)) return e;
    s.changes.push_back(std::move(step));
  }
  return std::nullopt;
}

Error read_retry(const Json& v, RetryPolicy& retry) {
  if (auto e = expect_object(v, "retry",
                             {"backoffSeconds", "windowSeconds", "unavailableOfferingsTtlSeconds",
                              "retryPreferredFirst", "quotaExceededAction"},
                             {})) {
    return e;
  }
  if (const Json* b = find(v, "backoffSeconds")) {
    // A zero backoff would re-check capacity forever without virtual time moving.
    if (auto e = read_seconds(*b, "retry.backoffSeconds", Sign::kPositive, retry.backoff)) {
      return e;
    }
  }
  if (const Json* w = find(v, "windowSeconds")) {
    if (auto e = read_seconds(*w, "retry.windowSeconds", Sign::kNonNegative, retry.window)) {
      return e;
    }
  }
  if (const Json* t = find(v, "unavailableOfferingsTtlSeconds")) {
    if (auto e = read_seconds(*t, "retry.unavailableOfferingsTtlSeconds", Sign::kNonNegative,
                              retry.unavailable_offerings_ttl)) {
      return e;
    }
  }
  if (const Json* p = find(v, "retryPreferredFirst")) {
    if (auto e = read_bool(*p, "retry.retryPreferredFirst", retry.retry_preferred_first)) {
      return e;
    }
  }
  if (const Json* a = find(v, "quotaExceededAction")) {
    std::string action;
    if (auto e = read_string(*a, "retry.quotaExceededAction", action)) return e;
    if (action == kQuotaActions[0]) {
      retry.quota_exceeded_action = QuotaExceededAction::FailTuningJob;
    } else if (action == kQuotaActions[1]) {
      retry.quota_exceeded_action = QuotaExceededAction::SkipConfiguration;
    } else {
      return fail("retry.quotaExceededAction",
                  "must be one of fail-tuning-job, skip-configuration; " + got(*a));
    }
  }
  return std::nullopt;
}

Error read_clock(const Json& v, Scenario& s) {
  if (auto e = expect_object(v, "clock", {"mode", "timeScale"}, {})) return e;
  if (const Json* m = find(v, "mode")) {
    std::string mode;
    if (auto e = read_string(*m, "clock.mode", mode)) return e;
    if (std::ranges::find(kClockModes, mode) == std::end(kClockModes)) {
      return fail("clock.mode", "must be one of realtime, manual, instant; " + got(*m));
    }
    s.clock_mode = std::move(mode);
  }
  if (const Json* t = find(v, "timeScale")) {
    double scale = 0;
    if (auto e = read_number(*t, "clock.timeScale", Sign::kPositive, scale)) return e;
    s.time_scale = scale;
  }
  return std::nullopt;
}

Error read_seed(const Json& v, Scenario& s) {
  if (!v.is_number_unsigned()) return fail("seed", "must be a non-negative integer, " + got(v));
  s.seed = v.get<std::uint64_t>();
  return std::nullopt;
}

Error read_scenario(const Json& root, const Catalog& catalog, Scenario& s) {
  if (auto e =
          expect_object(root, "",
                        {"$schema", "name", "description", "region", "zones", "defaults", "pools",
                         "changes", "retry", "spot", "demand", "faults", "quotas", "seed", "clock"},
                        {})) {
    return e;
  }
  if (auto e = read_identity(root, s)) return e;
  // Zones come before pools and changes, which are checked against them.
  if (auto e = read_region_and_zones(root, s)) return e;
  if (const Json* v = find(root, "defaults")) {
    if (auto e = read_defaults(*v, s)) return e;
  }
  if (const Json* v = find(root, "pools")) {
    if (auto e = read_pool_list(*v, "pools", catalog, s.zones, CapacityType::OnDemand, s.pools)) {
      return e;
    }
  }
  if (const Json* v = find(root, "changes")) {
    if (auto e = read_changes(*v, catalog, s)) return e;
  }
  if (const Json* v = find(root, "retry")) {
    if (auto e = read_retry(*v, s.retry)) return e;
  }
  if (const Json* v = find(root, "spot")) {
    if (auto e = read_spot(*v, catalog, s)) return e;
  }
  if (const Json* v = find(root, "demand")) {
    if (auto e = read_demand(*v, catalog, s)) return e;
  }
  if (const Json* v = find(root, "faults")) {
    if (auto e = read_faults(*v, catalog, s)) return e;
  }
  if (const Json* v = find(root, "quotas")) {
    if (auto e = read_quotas(*v, catalog, s)) return e;
  }
  if (const Json* v = find(root, "seed")) {
    if (auto e = read_seed(*v, s)) return e;
  }
  if (const Json* v = find(root, "clock")) {
    if (auto e = read_clock(*v, s)) return e;
  }
  return std::nullopt;
}

// ---- catalog -------------------------------------------------------------------------

Error read_spec(const Json& v, const std::string& path, InstanceSpec& spec) {
  if (auto e =
          expect_object(v, path, {"name", "vcpus", "memoryGiB", "gpus", "pricePerHour", "speed"},
                        {"name", "vcpus", "memoryGiB", "gpus", "pricePerHour", "speed"})) {
    return e;
  }
  if (auto e = read_string(v.at("name"), member(path, "name"), spec.name)) return e;
  spec.family = family_of(spec.name);
  if (spec.family.empty()) {
    return fail(member(path, "name"), "'" + spec.name + "' is not of the form ml.<family>.<size>");
  }
  if (auto e = read_int(v.at("vcpus"), member(path, "vcpus"), 1, spec.vcpus)) return e;
  if (auto e = read_number(v.at("memoryGiB"), member(path, "memoryGiB"), Sign::kPositive,
                           spec.memory_gib)) {
    return e;
  }
  if (auto e = read_int(v.at("gpus"), member(path, "gpus"), 0, spec.gpus)) return e;
  if (auto e = read_number(v.at("pricePerHour"), member(path, "pricePerHour"), Sign::kNonNegative,
                           spec.price_per_hour)) {
    return e;
  }
  return read_number(v.at("speed"), member(path, "speed"), Sign::kPositive, spec.speed);
}

Error read_catalog(const Json& root, std::vector<InstanceSpec>& specs) {
  if (auto e = expect_object(root, "", {"note", "instanceTypes"}, {"instanceTypes"})) return e;
  // "note" is provenance for people reading the file.
  if (const Json* v = find(root, "note")) {
    if (auto e = expect_string(*v, "note")) return e;
  }
  const Json& list = root.at("instanceTypes");
  if (auto e = expect_array(list, "instanceTypes")) return e;
  if (list.empty()) return fail("instanceTypes", "must list at least one instance type");
  std::unordered_map<std::string, std::size_t> first_seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = element("instanceTypes", i);
    InstanceSpec spec;
    if (auto e = read_spec(list[i], path, spec)) return e;
    const auto [it, fresh] = first_seen.emplace(spec.name, i);
    if (!fresh) {
      return fail(member(path, "name"), "duplicate instance type '" + spec.name + "' (first at " +
                                            element("instanceTypes", it->second) + ")");
    }
    specs.push_back(std::move(spec));
  }
  return std::nullopt;
}

}  // namespace
}  // namespace scenario_json_detail

std::variant<Scenario, ParseError> parse_scenario(std::string_view json_text,
                                                  const Catalog& catalog) {
  using namespace scenario_json_detail;
  Json root;
  if (auto e = parse_json(json_text, root)) return *e;
  Scenario scenario;
  if (auto e = read_scenario(root, catalog, scenario)) return *e;
  return scenario;
}

std::variant<Catalog, ParseError> parse_catalog(std::string_view json_text) {
  using namespace scenario_json_detail;
  Json root;
  if (auto e = parse_json(json_text, root)) return *e;
  std::vector<InstanceSpec> specs;
  if (auto e = read_catalog(root, specs)) return *e;
  return Catalog(std::move(specs));
}

}  // namespace capacity_model
