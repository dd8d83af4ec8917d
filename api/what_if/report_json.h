#pragma once

#include <string>
#include <string_view>

#include "capacity_model/result.h"
#include "emulator/what_if/report.h"

namespace api::what_if {

// The what-if result file: the inputs that must match for shards to merge, and per request
// the run records and the summary recomputed from them. One formatting (2-space indent, members
// in a fixed order, numbers in their shortest round-trip form), so equal reports are equal bytes.
std::string report_json(const emulator::what_if::Report& report);

// A result file back into a report (its summaries are dropped: they are recomputed from the runs).
capacity_model::Result<emulator::what_if::Report, std::string> parse_report_json(std::string_view text);

}  // namespace api::what_if
