#pragma once

// Internal to scenario_json*.cc: the readers every section uses. The message of each
// ParseError starts with the JSON path of the offending member.

#include <cstddef>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "capacity_model/catalog.h"
#include "capacity_model/scenario.h"
#include "capacity_model/scenario_json.h"
#include "capacity_model/time.h"

namespace capacity_model::scenario_json_detail {

using Json = nlohmann::json;
// The first problem found, or nothing. Reading stops at the first problem so that the
// message points at one member the author can fix.
using Status = capacity_model::Status<ParseError>;
using Members = std::initializer_list<std::string_view>;

enum class Sign { kNonNegative, kPositive };

ParseError fail(const std::string& path, std::string_view problem);
std::string member(const std::string& path, std::string_view key);
std::string element(const std::string& path, std::size_t index);
// A key of a map object (instance type → settings): path["key"], since keys hold dots.
std::string keyed(const std::string& path, std::string_view key);
std::string got(const Json& v);
const Json* find(const Json& object, std::string_view key);

Status expect_object(const Json& v, const std::string& path, Members allowed, Members required);
Status expect_array(const Json& v, const std::string& path);
Status expect_string(const Json& v, const std::string& path);
Status read_string(const Json& v, const std::string& path, std::string& out);
Status read_bool(const Json& v, const std::string& path, bool& out);
Status read_int(const Json& v, const std::string& path, int min, int& out);
Status read_number(const Json& v, const std::string& path, Sign sign, double& out);
// A number within [min, max].
Status read_bounded(const Json& v, const std::string& path, double min, double max, double& out);
Status read_seconds(const Json& v, const std::string& path, Sign sign, Millis& out);
Status read_instance_type(const Json& v, const std::string& path, const Catalog& catalog, std::string& out);
Status read_listed_zone(const Json& v, const std::string& path, const std::vector<std::string>& zones,
                        std::optional<std::string>& out);
// An array of catalog types / listed zones (empty allowed).
Status read_instance_types(const Json& v, const std::string& path, const Catalog& catalog,
                           std::vector<std::string>& out);
Status read_listed_zones(const Json& v, const std::string& path, const std::vector<std::string>& zones,
                         std::vector<std::string>& out);
// A list of capacity overrides (top-level pools, spot.pools).
Status read_pool_list(const Json& v, const std::string& path, const Catalog& catalog,
                      const std::vector<std::string>& zones, CapacityType capacity_type,
                      std::vector<PoolCapacity>& out);

// Sections kept in scenario_json_sections.cc.
Status read_spot(const Json& v, const Catalog& catalog, Scenario& s);
Status read_demand(const Json& v, const Catalog& catalog, Scenario& s);
Status read_faults(const Json& v, const Catalog& catalog, Scenario& s);
Status read_quotas(const Json& v, const Catalog& catalog, Scenario& s);

}  // namespace capacity_model::scenario_json_detail
