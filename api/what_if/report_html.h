#pragma once

#include <string>

#include "emulator/what_if/report.h"

namespace api::what_if {

// The report as one self-contained HTML page (inline CSS and SVG, nothing fetched): the
// requests side by side in a table, and charts of completion with its interval, the CDFs and
// histograms of duration and cost, and the children per instance type.
std::string report_html(const emulator::what_if::Report& report);

}  // namespace api::what_if
