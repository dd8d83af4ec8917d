#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace capacity_model {

using LeaseId = std::uint64_t;

// The whole cluster runs in `zone`; hand `lease` back to release it.
struct Granted {
  std::string zone;
  LeaseId lease = 0;
};

// No single zone could hold the request (a cluster never spans zones).
struct InsufficientCapacity {
  std::string instance_type;
  int requested = 0;
  int largest_free_in_one_zone = 0;
};

using Decision = std::variant<Granted, InsufficientCapacity>;

}  // namespace capacity_model
