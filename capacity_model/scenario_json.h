#pragma once

#include <string>
#include <string_view>

#include "capacity_model/catalog.h"
#include "capacity_model/result.h"
#include "capacity_model/scenario.h"

namespace capacity_model {

// The message starts with the JSON path of the offending member, e.g.
// "pools[2].instanceType: unknown instance type 'ml.foo'".
struct ParseError {
  std::string message;
};

// A scenario file (fixtures/scenarios/scenario.schema.json). Instance types are checked
// against `catalog`, zones against the file's own region and zones.
Result<Scenario, ParseError> parse_scenario(std::string_view json_text, const Catalog& catalog);

// The instance catalog file (fixtures/catalog/instance-types.json).
Result<Catalog, ParseError> parse_catalog(std::string_view json_text);

}  // namespace capacity_model
