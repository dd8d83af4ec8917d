#pragma once

#include <compare>
#include <string>

namespace emulator::model {

// Every resource lives in one (account, region): two clients that differ in either never
// see each other's jobs.
struct Scope {
  std::string account;
  std::string region;
  auto operator<=>(const Scope&) const = default;
};

}  // namespace emulator::model
