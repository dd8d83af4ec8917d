// The control façade's snapshot calls (World::save, load and check), apart from control.cc so
// that only snapshot code includes the JSON library.
#include <nlohmann/json.hpp>

#include "emulator/control.h"

namespace emulator {

nlohmann::json Control::snapshot() const { return world_.save(); }

capacity_model::Status<std::string> Control::load_snapshot(const nlohmann::json& state) { return world_.load(state); }

capacity_model::Status<std::string> Control::check_snapshot(const nlohmann::json& state) const {
  return world_.check(state);
}

}  // namespace emulator
