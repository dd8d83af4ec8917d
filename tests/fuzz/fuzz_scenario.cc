// The scenario parser (capacity_model/scenario_json): any bytes as a scenario file, checked
// against the built-in catalog; a scenario it accepts must also start a World.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "world_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parsed = capacity_model::parse_scenario({reinterpret_cast<const char*>(data), size}, fuzz::catalog());
  if (parsed) fuzz::WorldFixture fixture(*parsed);
  return 0;
}
