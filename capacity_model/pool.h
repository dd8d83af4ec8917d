#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "capacity_model/catalog.h"
#include "capacity_model/decision.h"
#include "capacity_model/scenario.h"

namespace capacity_model {

struct PoolUsage {
  std::string instance_type;
  std::string zone;
  int capacity = 0;
  int in_use = 0;
  int available = 0;
};

// Capacity of every catalog type in every availability zone of one region, and the
// leases held against it.
class RegionalPool {
 public:
  // zones are full names; capacity starts at default_capacity_per_zone for every catalog
  // type in every zone, then `overrides` are applied in order.
  RegionalPool(const Catalog& catalog, std::string region, std::vector<std::string> zones,
               int default_capacity_per_zone, const std::vector<PoolCapacity>& overrides);

  // Grants `count` instances in ONE zone, the one with the most available instances (ties
  // go to the earlier zone); otherwise InsufficientCapacity. count < 1 or a type outside
  // the catalog is InsufficientCapacity with largest_free_in_one_zone 0.
  Decision allocate(std::string_view instance_type, int count);

  // Idempotent; an unknown lease is ignored.
  void release(LeaseId lease);

  // Sets capacity for the type in one zone or, when zone is nullopt, in every zone.
  // Lowering below in_use does not evict: available becomes max(0, capacity - in_use).
  // Returns an error text (unknown type, unknown zone, negative capacity) or nullopt.
  std::optional<std::string> set_capacity(std::string_view instance_type,
                                          std::optional<std::string_view> zone, int capacity);

  // Every (type, zone), catalog order then zone order.
  std::vector<PoolUsage> usage() const;
  // Empty for a type outside the catalog.
  std::vector<PoolUsage> usage_of(std::string_view instance_type) const;

  const std::string& region() const { return region_; }
  const std::vector<std::string>& zones() const { return zones_; }

 private:
  struct Cell {
    int capacity = 0;
    int in_use = 0;
    int available() const { return capacity > in_use ? capacity - in_use : 0; }
  };
  struct Lease {
    std::size_t cell = 0;
    int count = 0;
  };
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::optional<std::size_t> type_index(std::string_view instance_type) const;
  std::optional<std::size_t> zone_index(std::string_view zone) const;
  void append_usage(std::size_t type, std::vector<PoolUsage>& out) const;

  std::string region_;
  std::vector<std::string> zones_;
  std::vector<std::string> types_;  // catalog order
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> type_index_;
  std::vector<Cell> cells_;  // types_.size() × zones_.size(), row per type
  std::unordered_map<LeaseId, Lease> leases_;
  LeaseId next_lease_ = 1;
};

}  // namespace capacity_model
