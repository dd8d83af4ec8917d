#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "emulator/what_if/run_record.h"

namespace emulator::what_if {

// Which runs a process does: run i (seed base + i) belongs to shard i mod count. Interleaved
// rather than in blocks, so shards get equal shares of early and late seeds and finish together.
struct Shard {
  int index = 0;
  int count = 1;

  bool owns(int run) const { return run % count == index; }
  friend bool operator==(const Shard&, const Shard&) = default;
};

// The runs of one request (the main one, or one of --compare's).
struct Section {
  std::string request;              // as named on the command line
  std::string request_fingerprint;  // of its bytes: shards must have run the same request
  std::vector<RunRecord> runs;      // ascending seed
};

// What one what-if process did (a shard) or all of them together (count 1).
struct Report {
  std::string scenario;
  std::string scenario_fingerprint;
  std::uint64_t seed_base = 0;
  int runs = 0;  // of the whole what-if, every shard's
  Shard shard;
  std::vector<Section> sections;
};

// FNV-1a (64 bits) as 16 hex digits: tells two inputs apart, not a secret.
std::string fingerprint(std::string_view bytes);

}  // namespace emulator::what_if
