// A snapshot's world (World::load), as a hand-edited state folder or an imported document may
// hold it: whatever the JSON, load() takes it or refuses it, and never crashes; a world it took
// saves a document that a fresh world loads and saves again unchanged. Input: JSON text.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "world_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto document = nlohmann::json::parse(data, data + size, nullptr, false);
  if (document.is_discarded()) return 0;
  fuzz::WorldFixture fixture;
  if (!fixture.world.load(document)) return 0;
  const auto saved = fixture.world.save();
  fuzz::WorldFixture again;
  if (!again.world.load(saved) || again.world.save() != saved) __builtin_trap();
  return 0;
}
