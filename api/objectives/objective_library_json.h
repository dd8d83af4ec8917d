#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "emulator/objective/objective_library.h"

namespace api::objectives {

// fixtures/objectives/library.json → the library; an error names the member.
std::variant<emulator::objective::ObjectiveLibrary, std::string> parse_objective_library(std::string_view json_text);

// The library compiled into the binary.
const emulator::objective::ObjectiveLibrary& builtin_objective_library();

}  // namespace api::objectives
