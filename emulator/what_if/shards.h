#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "capacity_model/result.h"
#include "emulator/what_if/report.h"

namespace emulator::what_if {

// "I/N" with 0 <= I < N.
capacity_model::Result<Shard, std::string> parse_shard(std::string_view text);

// The run indices (0-based) of `runs` that `shard` does.
std::vector<int> runs_of(int runs, Shard shard);

// Every shard of one what-if → the report the unsharded process would have made: the same
// scenario, request(s), seed base and run count, each shard index 0..N-1 exactly once.
// Otherwise a message naming what does not fit.
capacity_model::Result<Report, std::string> merge(std::vector<Report> parts);

}  // namespace emulator::what_if
