#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "capacity_model/capacity_type.h"
#include "capacity_model/catalog.h"
#include "capacity_model/decision.h"
#include "capacity_model/result.h"
#include "capacity_model/scenario.h"
#include "capacity_model/time.h"

namespace capacity_model {

class FaultBook;
class UnavailableOfferings;

struct PoolUsage {
  std::string instance_type{};
  std::string zone{};
  int capacity = 0;
  int in_use = 0;     // held by this emulator's leases
  int available = 0;  // max(0, capacity - in_use - demand)
  int demand = 0;     // other tenants, 0..capacity
  CapacityType capacity_type = CapacityType::OnDemand;
};

// Names one pool: RegionalPool::keys() lists them in the pool's own order.
struct PoolKey {
  std::string instance_type{};
  std::string zone{};
  CapacityType capacity_type = CapacityType::OnDemand;
  bool operator==(const PoolKey&) const = default;
};

struct LeaseInfo {
  std::string instance_type{};
  std::string zone{};
  CapacityType capacity_type = CapacityType::OnDemand;
  int count = 0;
};

// What one allocation may consult besides the pools. The pool keeps no pointer to any of
// it: faults change through the control plane, the cache belongs to the tuner, and time and
// randomness are the caller's, so they come with the call.
struct AllocationContext {
  Millis now{0};
  // Active faults turn a zone away with their percentage. Needs `rng`; the engine is drawn
  // from only for a zone with room that a fault with 0 < percentage < 100 covers.
  const FaultBook* faults = nullptr;
  std::mt19937_64* rng = nullptr;
  // Zones cached as unavailable for (type, capacity type) are not asked at all.
  const UnavailableOfferings* unavailable = nullptr;
};

// Capacity of every catalog type in every availability zone of one region, on-demand and
// spot, the other tenants' demand on it, and the leases this emulator holds against it.
//
// Each pool has its own capacity (set by the constructor, set_capacity and Set steps) and a
// stack of timed steps (Begin / End) covering it: while any covers it, the latest one's
// capacity shows; when the last ends, the pool's own capacity shows again, including any
// Set made in the meantime.
class RegionalPool {
 public:
  // zones are full names; capacity starts at default_capacity_per_zone for every catalog
  // type in every zone, then `overrides` are applied in order. Spot pools start at the same
  // default as on-demand ones.
  RegionalPool(const Catalog& catalog, std::string region, std::vector<std::string> zones,
               int default_capacity_per_zone, const std::vector<PoolCapacity>& overrides);
  // As above, spot pools starting at default_spot_capacity_per_zone; each override acts on
  // its own capacity_type.
  RegionalPool(const Catalog& catalog, std::string region, std::vector<std::string> zones,
               int default_capacity_per_zone, const std::vector<PoolCapacity>& overrides,
               int default_spot_capacity_per_zone);

  // Grants `count` on-demand instances in ONE zone, the one with the most available
  // instances (ties go to the earlier zone); otherwise InsufficientCapacity. count < 1 or a
  // type outside the catalog is InsufficientCapacity with largest_free_in_one_zone 0.
  Decision allocate(std::string_view instance_type, int count);
  // The same in the pools of `capacity_type`.
  Decision allocate(std::string_view instance_type, int count, CapacityType capacity_type);
  // The same, skipping zones the cache marks unavailable, then trying zones with room in
  // order (most available first): a zone an active fault fires on is refused and the next
  // one is tried.
  Decision allocate(std::string_view instance_type, int count, CapacityType capacity_type,
                    const AllocationContext& context);

  // Idempotent; an unknown lease is ignored.
  void release(LeaseId lease);
  std::optional<LeaseInfo> lease(LeaseId lease) const;

  // Sets the on-demand capacity for the type in one zone or, when zone is nullopt, in every
  // zone. Lowering below in_use does not evict: available becomes max(0, capacity - in_use -
  // demand).
  // Fails with a message on an unknown type or zone, or a negative capacity.
  Status<std::string> set_capacity(std::string_view instance_type, std::optional<std::string_view> zone, int capacity);
  Status<std::string> set_capacity(std::string_view instance_type, std::optional<std::string_view> zone, int capacity,
                                   CapacityType capacity_type);

  // Applies a step from CapacitySchedule::changes_at (or the control plane): Set changes the
  // pools' own capacity, Begin covers them with a timed value, End removes the timed value
  // with that override_id (an unknown id is ignored). Empty instance_type = every type,
  // nullopt zone = every zone, nullopt capacity_type = both. Fails with a message as set_capacity does.
  Status<std::string> apply(const CapacityStep& step);

  // Other tenants' share of each pool, 0..1, one value per keys() entry (extra values are
  // ignored, missing ones keep their value). Demand in instances = round(share * capacity).
  void set_demand_utilization(std::span<const double> utilization);
  Status<std::string> set_demand_utilization(std::string_view instance_type, std::string_view zone,
                                             CapacityType capacity_type, double utilization);

  // Every on-demand (type, zone), catalog order then zone order.
  std::vector<PoolUsage> usage() const;
  // The same for one market.
  std::vector<PoolUsage> usage(CapacityType capacity_type) const;
  // Empty for a type outside the catalog. On-demand unless told.
  std::vector<PoolUsage> usage_of(std::string_view instance_type) const;
  std::vector<PoolUsage> usage_of(std::string_view instance_type, CapacityType capacity_type) const;
  std::optional<PoolUsage> usage_of(std::string_view instance_type, std::string_view zone,
                                    CapacityType capacity_type) const;

  // Every pool: catalog order, then zone order, then on-demand before spot.
  std::vector<PoolKey> keys() const;

  const std::string& region() const { return region_; }
  const std::vector<std::string>& zones() const { return zones_; }

  // The state a snapshot keeps (docs/persistence.md, "Snapshots").
  nlohmann::json save() const;
  // Replaces this object's state with what save() gave; throws capacity_model::SnapshotError
  // (capacity_model/snapshot_error.h) when it does not fit this object.
  void load(const nlohmann::json& state);

 private:
  struct Cell {
    int own = 0;       // capacity without timed steps
    int capacity = 0;  // what shows: the latest covering timed step's value, else own
    int in_use = 0;
    double demand_share = 0;
    int demand() const;
    int available() const;
  };
  struct Lease {
    std::size_t cell = 0;
    int count = 0;
  };
  struct Override {
    std::uint64_t id = 0;
    std::optional<std::size_t> type;
    std::optional<std::size_t> zone;
    std::optional<CapacityType> capacity_type;
    int capacity = 0;
  };
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::size_t cell_index(std::size_t type, std::size_t zone, CapacityType capacity_type) const;
  std::optional<std::size_t> type_index(std::string_view instance_type) const;
  std::optional<std::size_t> zone_index(std::string_view zone) const;
  PoolUsage usage_at(std::size_t cell) const;
  void append_usage(std::size_t type, CapacityType capacity_type,
                    std::vector<PoolUsage>& out) const;
  // Calls f(cell) for every cell of the scope (nullopt = all).
  template <typename F>
  void for_each_cell(std::optional<std::size_t> type, std::optional<std::size_t> zone,
                     std::optional<CapacityType> capacity_type, F&& f);
  void refresh(std::size_t cell);
  // A timed step in force as a snapshot holds it (pool_state.cc).
  Override override_from(const nlohmann::json& saved) const;

  std::string region_;
  std::vector<std::string> zones_;
  std::vector<std::string> types_;  // catalog order
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> type_index_;
  std::vector<Cell> cells_;  // types × zones × 2, row per type, on-demand then spot per zone
  std::vector<Override> overrides_;  // timed steps in force, oldest first
  std::unordered_map<LeaseId, Lease> leases_;
  LeaseId next_lease_ = 1;
};

}  // namespace capacity_model
