#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "emulator/telemetry/logs_error.h"

namespace emulator::telemetry {

// A FilterLogEvents text pattern: every term must appear in the message (case-sensitive),
// a "quoted phrase" is one term, `?a ?b` matches messages with any of them, `-term` excludes.
// An empty pattern matches everything. JSON (`{ $.x = 1 }`) and space-delimited (`[a, b]`)
// patterns are refused rather than misread.
class FilterPattern {
 public:
  static LogsResult<FilterPattern> parse(std::string_view pattern);
  bool matches(std::string_view message) const;

 private:
  std::vector<std::string> required_;
  std::vector<std::string> any_of_;
  std::vector<std::string> excluded_;
};

}  // namespace emulator::telemetry
