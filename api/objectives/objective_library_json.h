#pragma once

#include <string>
#include <string_view>

#include "capacity_model/result.h"
#include "emulator/objective/objective_library.h"

namespace api::objectives {

// fixtures/objectives/library.json → the library; an error names the member.
capacity_model::Result<emulator::objective::ObjectiveLibrary, std::string> parse_objective_library(
    std::string_view json_text);

// The library compiled into the binary.
const emulator::objective::ObjectiveLibrary& builtin_objective_library();

}  // namespace api::objectives
