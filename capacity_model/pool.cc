#include "capacity_model/pool.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "capacity_model/faults.h"
#include "capacity_model/unavailable_offerings.h"

namespace capacity_model {
namespace {

constexpr std::size_t kMarkets = kCapacityTypes.size();

std::size_t market(CapacityType capacity_type) {
  return capacity_type == CapacityType::Spot ? 1 : 0;
}

CapacityType market_type(std::size_t index) { return kCapacityTypes[index]; }

}  // namespace

int RegionalPool::Cell::demand() const {
  // demand_share is kept in [0, 1], so this stays in [0, capacity].
  return static_cast<int>(std::lround(demand_share * capacity));
}

int RegionalPool::Cell::available() const {
  const int free = capacity - in_use - demand();
  return free > 0 ? free : 0;
}

RegionalPool::RegionalPool(const Catalog& catalog, std::string region,
                           std::vector<std::string> zones, int default_capacity_per_zone,
                           const std::vector<PoolCapacity>& overrides)
    : RegionalPool(catalog, std::move(region), std::move(zones), default_capacity_per_zone,
                   overrides, default_capacity_per_zone) {}

RegionalPool::RegionalPool(const Catalog& catalog, std::string region,
                           std::vector<std::string> zones, int default_capacity_per_zone,
                           const std::vector<PoolCapacity>& overrides,
                           int default_spot_capacity_per_zone)
    : region_(std::move(region)), zones_(std::move(zones)) {
  const auto& specs = catalog.all();
  types_.reserve(specs.size());
  type_index_.reserve(specs.size());
  for (const auto& spec : specs) {
    type_index_.emplace(spec.name, types_.size());
    types_.push_back(spec.name);
  }
  cells_.resize(types_.size() * zones_.size() * kMarkets);
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    const int capacity = i % kMarkets == market(CapacityType::Spot) ? default_spot_capacity_per_zone
                                                                    : default_capacity_per_zone;
    cells_[i].own = cells_[i].capacity = capacity;
  }
  for (const auto& o : overrides) {
    // The scenario parser already rejects these; a hand-built override that slips
    // through must not stop the emulator, but it must not pass unnoticed either.
    if (auto set = set_capacity(o.instance_type, o.zone, o.capacity, o.capacity_type); !set) {
      spdlog::warn("capacity override ignored: {}", set.error());
    }
  }
}

Decision RegionalPool::allocate(std::string_view instance_type, int count) {
  return allocate(instance_type, count, CapacityType::OnDemand, AllocationContext{});
}

Decision RegionalPool::allocate(std::string_view instance_type, int count,
                                CapacityType capacity_type) {
  return allocate(instance_type, count, capacity_type, AllocationContext{});
}

Decision RegionalPool::allocate(std::string_view instance_type, int count,
                                CapacityType capacity_type, const AllocationContext& context) {
  InsufficientCapacity ice{std::string(instance_type), count, 0, capacity_type, {}, {}};
  const auto type = type_index(instance_type);
  if (count < 1 || !type) return ice;

  // Zones to ask, most available first, ties to the earlier zone.
  struct Candidate {
    std::size_t zone;
    int free;
  };
  std::vector<Candidate> candidates;
  candidates.reserve(zones_.size());
  for (std::size_t z = 0; z < zones_.size(); ++z) {
    if (context.unavailable &&
        context.unavailable->is_unavailable(instance_type, zones_[z], capacity_type, context.now)) {
      continue;
    }
    candidates.push_back({z, cells_[cell_index(*type, z, capacity_type)].available()});
  }
  std::ranges::stable_sort(candidates, std::ranges::greater{}, &Candidate::free);
  if (!candidates.empty()) ice.largest_free_in_one_zone = candidates.front().free;

  for (const Candidate& c : candidates) {
    if (c.free >= count && context.faults && context.rng) {
      if (const Fault* fault =
              context.faults->inject_fault(region_, instance_type, zones_[c.zone], context.now, *context.rng)) {
        if (ice.fault_id.empty()) ice.fault_id = fault->id;
        ice.refused_zones.push_back(zones_[c.zone]);
        continue;
      }
    }
    if (c.free < count) {
      ice.refused_zones.push_back(zones_[c.zone]);
      continue;
    }
    const std::size_t cell = cell_index(*type, c.zone, capacity_type);
    cells_[cell].in_use += count;
    const LeaseId lease = next_lease_++;
    leases_.emplace(lease, Lease{cell, count});
    return Granted{zones_[c.zone], lease};
  }
  return ice;
}

void RegionalPool::release(LeaseId lease) {
  const auto it = leases_.find(lease);
  if (it == leases_.end()) return;
  cells_[it->second.cell].in_use -= it->second.count;
  leases_.erase(it);
}

std::optional<LeaseInfo> RegionalPool::lease(LeaseId lease) const {
  const auto it = leases_.find(lease);
  if (it == leases_.end()) return std::nullopt;
  const PoolUsage u = usage_at(it->second.cell);
  return LeaseInfo{u.instance_type, u.zone, u.capacity_type, it->second.count};
}

Status<std::string> RegionalPool::set_capacity(std::string_view instance_type, std::optional<std::string_view> zone,
                                               int capacity) {
  return set_capacity(instance_type, zone, capacity, CapacityType::OnDemand);
}

Status<std::string> RegionalPool::set_capacity(std::string_view instance_type, std::optional<std::string_view> zone,
                                               int capacity, CapacityType capacity_type) {
  CapacityStep step;
  step.instance_type = std::string(instance_type);
  if (zone) step.zone = std::string(*zone);
  step.capacity = capacity;
  step.capacity_type = capacity_type;
  if (instance_type.empty()) return std::string("unknown instance type ''");
  return apply(step);
}

Status<std::string> RegionalPool::apply(const CapacityStep& step) {
  std::optional<std::size_t> type;
  if (!step.instance_type.empty()) {
    type = type_index(step.instance_type);
    if (!type) return "unknown instance type '" + step.instance_type + "'";
  }
  if (step.capacity < 0) return "capacity must be >= 0, got " + std::to_string(step.capacity);
  std::optional<std::size_t> zone;
  if (step.zone) {
    zone = zone_index(*step.zone);
    if (!zone) {
      return "unknown availability zone '" + *step.zone + "' in region '" + region_ + "'";
    }
  }

  switch (step.phase) {
    case StepPhase::Set:
      for_each_cell(type, zone, step.capacity_type, [&](std::size_t cell) {
        cells_[cell].own = step.capacity;
        refresh(cell);
      });
      break;
    case StepPhase::Begin:
      std::erase_if(overrides_, [&](const Override& o) { return o.id == step.override_id; });
      overrides_.push_back(
          Override{step.override_id, type, zone, step.capacity_type, step.capacity});
      for_each_cell(type, zone, step.capacity_type, [&](std::size_t cell) { refresh(cell); });
      break;
    case StepPhase::End: {
      const auto it = std::ranges::find(overrides_, step.override_id, &Override::id);
      if (it == overrides_.end()) break;
      const Override ended = *it;
      overrides_.erase(it);
      for_each_cell(ended.type, ended.zone, ended.capacity_type,
                    [&](std::size_t cell) { refresh(cell); });
      break;
    }
  }
  return Done{};
}

void RegionalPool::set_demand_utilization(std::span<const double> utilization) {
  const std::size_t n = std::min(utilization.size(), cells_.size());
  for (std::size_t i = 0; i < n; ++i) {
    cells_[i].demand_share = std::clamp(utilization[i], 0.0, 1.0);
  }
}

Status<std::string> RegionalPool::set_demand_utilization(std::string_view instance_type, std::string_view zone,
                                                         CapacityType capacity_type, double utilization) {
  const auto type = type_index(instance_type);
  if (!type) return "unknown instance type '" + std::string(instance_type) + "'";
  const auto z = zone_index(zone);
  if (!z) {
    return "unknown availability zone '" + std::string(zone) + "' in region '" + region_ + "'";
  }
  if (!(utilization >= 0 && utilization <= 1)) return std::string("utilization must be within [0, 1]");
  cells_[cell_index(*type, *z, capacity_type)].demand_share = utilization;
  return Done{};
}

std::vector<PoolUsage> RegionalPool::usage() const { return usage(CapacityType::OnDemand); }

std::vector<PoolUsage> RegionalPool::usage(CapacityType capacity_type) const {
  std::vector<PoolUsage> out;
  out.reserve(types_.size() * zones_.size());
  for (std::size_t t = 0; t < types_.size(); ++t) append_usage(t, capacity_type, out);
  return out;
}

std::vector<PoolUsage> RegionalPool::usage_of(std::string_view instance_type) const {
  return usage_of(instance_type, CapacityType::OnDemand);
}

std::vector<PoolUsage> RegionalPool::usage_of(std::string_view instance_type,
                                              CapacityType capacity_type) const {
  std::vector<PoolUsage> out;
  if (const auto type = type_index(instance_type)) append_usage(*type, capacity_type, out);
  return out;
}

std::optional<PoolUsage> RegionalPool::usage_of(std::string_view instance_type,
                                                std::string_view zone,
                                                CapacityType capacity_type) const {
  const auto type = type_index(instance_type);
  const auto z = zone_index(zone);
  if (!type || !z) return std::nullopt;
  return usage_at(cell_index(*type, *z, capacity_type));
}

std::vector<PoolKey> RegionalPool::keys() const {
  std::vector<PoolKey> out;
  out.reserve(cells_.size());
  for (std::size_t cell = 0; cell < cells_.size(); ++cell) {
    PoolUsage u = usage_at(cell);
    out.push_back(PoolKey{std::move(u.instance_type), std::move(u.zone), u.capacity_type});
  }
  return out;
}

std::size_t RegionalPool::cell_index(std::size_t type, std::size_t zone,
                                     CapacityType capacity_type) const {
  return (type * zones_.size() + zone) * kMarkets + market(capacity_type);
}

std::optional<std::size_t> RegionalPool::type_index(std::string_view instance_type) const {
  const auto it = type_index_.find(instance_type);
  if (it == type_index_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> RegionalPool::zone_index(std::string_view zone) const {
  // A region has a handful of zones; a scan beats hashing.
  for (std::size_t z = 0; z < zones_.size(); ++z) {
    if (zones_[z] == zone) return z;
  }
  return std::nullopt;
}

PoolUsage RegionalPool::usage_at(std::size_t cell) const {
  const std::size_t type = cell / kMarkets / zones_.size();
  const std::size_t zone = cell / kMarkets % zones_.size();
  const Cell& c = cells_[cell];
  return PoolUsage{types_[type],
                   zones_[zone],
                   c.capacity,
                   c.in_use,
                   c.available(),
                   c.demand(),
                   market_type(cell % kMarkets)};
}

void RegionalPool::append_usage(std::size_t type, CapacityType capacity_type,
                                std::vector<PoolUsage>& out) const {
  for (std::size_t z = 0; z < zones_.size(); ++z) {
    out.push_back(usage_at(cell_index(type, z, capacity_type)));
  }
}

template <typename F>
void RegionalPool::for_each_cell(std::optional<std::size_t> type, std::optional<std::size_t> zone,
                                 std::optional<CapacityType> capacity_type, F&& f) {
  const std::size_t t0 = type.value_or(0), t1 = type ? *type + 1 : types_.size();
  const std::size_t z0 = zone.value_or(0), z1 = zone ? *zone + 1 : zones_.size();
  for (std::size_t t = t0; t < t1; ++t) {
    for (std::size_t z = z0; z < z1; ++z) {
      for (CapacityType m : kCapacityTypes) {
        if (!capacity_type || *capacity_type == m) f(cell_index(t, z, m));
      }
    }
  }
}

void RegionalPool::refresh(std::size_t cell) {
  const std::size_t type = cell / kMarkets / zones_.size();
  const std::size_t zone = cell / kMarkets % zones_.size();
  const CapacityType capacity_type = market_type(cell % kMarkets);
  Cell& c = cells_[cell];
  c.capacity = c.own;
  for (auto it = overrides_.rbegin(); it != overrides_.rend(); ++it) {
    if ((!it->type || *it->type == type) && (!it->zone || *it->zone == zone) &&
        (!it->capacity_type || *it->capacity_type == capacity_type)) {
      c.capacity = it->capacity;
      break;
    }
  }
}

}  // namespace capacity_model
