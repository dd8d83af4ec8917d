#include "capacity_model/pool.h"

#include <spdlog/spdlog.h>

#include <utility>

namespace capacity_model {

RegionalPool::RegionalPool(const Catalog& catalog, std::string region,
                           std::vector<std::string> zones, int default_capacity_per_zone,
                           const std::vector<PoolCapacity>& overrides)
    : region_(std::move(region)), zones_(std::move(zones)) {
  const auto& specs = catalog.all();
  types_.reserve(specs.size());
  type_index_.reserve(specs.size());
  for (const auto& spec : specs) {
    type_index_.emplace(spec.name, types_.size());
    types_.push_back(spec.name);
  }
  cells_.assign(types_.size() * zones_.size(), Cell{default_capacity_per_zone, 0});
  for (const auto& o : overrides) {
    // The scenario parser already rejects these; a hand-built override that slips
    // through must not stop the emulator, but it must not pass unnoticed either.
    if (auto error = set_capacity(o.instance_type, o.zone, o.capacity)) {
      spdlog::warn("capacity override ignored: {}", *error);
    }
  }
}

Decision RegionalPool::allocate(std::string_view instance_type, int count) {
  const auto type = type_index(instance_type);
  if (count < 1 || !type) return InsufficientCapacity{std::string(instance_type), count, 0};

  const std::size_t row = *type * zones_.size();
  std::optional<std::size_t> best;
  int best_free = 0;
  for (std::size_t z = 0; z < zones_.size(); ++z) {
    const int free = cells_[row + z].available();
    if (!best || free > best_free) {
      best = z;
      best_free = free;
    }
  }
  if (!best || best_free < count) {
    return InsufficientCapacity{std::string(instance_type), count, best_free};
  }

  cells_[row + *best].in_use += count;
  const LeaseId lease = next_lease_++;
  leases_.emplace(lease, Lease{row + *best, count});
  return Granted{zones_[*best], lease};
}

void RegionalPool::release(LeaseId lease) {
  const auto it = leases_.find(lease);
  if (it == leases_.end()) return;
  cells_[it->second.cell].in_use -= it->second.count;
  leases_.erase(it);
}

std::optional<std::string> RegionalPool::set_capacity(std::string_view instance_type,
                                                      std::optional<std::string_view> zone,
                                                      int capacity) {
  const auto type = type_index(instance_type);
  if (!type) return "unknown instance type '" + std::string(instance_type) + "'";
  if (capacity < 0) return "capacity must be >= 0, got " + std::to_string(capacity);

  const std::size_t row = *type * zones_.size();
  if (!zone) {
    for (std::size_t z = 0; z < zones_.size(); ++z) cells_[row + z].capacity = capacity;
    return std::nullopt;
  }
  const auto z = zone_index(*zone);
  if (!z) {
    return "unknown availability zone '" + std::string(*zone) + "' in region '" + region_ + "'";
  }
  cells_[row + *z].capacity = capacity;
  return std::nullopt;
}

std::vector<PoolUsage> RegionalPool::usage() const {
  std::vector<PoolUsage> out;
  out.reserve(cells_.size());
  for (std::size_t t = 0; t < types_.size(); ++t) append_usage(t, out);
  return out;
}

std::vector<PoolUsage> RegionalPool::usage_of(std::string_view instance_type) const {
  std::vector<PoolUsage> out;
  if (const auto type = type_index(instance_type)) append_usage(*type, out);
  return out;
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

void RegionalPool::append_usage(std::size_t type, std::vector<PoolUsage>& out) const {
  const std::size_t row = type * zones_.size();
  for (std::size_t z = 0; z < zones_.size(); ++z) {
    const Cell& cell = cells_[row + z];
    out.push_back(PoolUsage{types_[type], zones_[z], cell.capacity, cell.in_use, cell.available()});
  }
}

}  // namespace capacity_model
