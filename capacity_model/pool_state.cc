// RegionalPool's snapshot (docs/persistence.md, "Snapshots"): every cell's own and shown
// capacity, use and demand share, the timed steps in force and the leases. The shown capacity
// is kept rather than worked out again: a Begin reusing an id in force refreshes only its new
// scope, so a cell may show a step that has gone. The region, its
// zones and the catalog come from the scenario, so they are saved only to check that the pool
// loading the state is laid out the same way.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "capacity_model/pool.h"
#include "capacity_model/snapshot_json.h"

namespace capacity_model {
namespace {

template <typename T>
void expect_same(const nlohmann::json& state, const char* member, const T& expected) {
  if (snapshot::value_of<T>(state.at(member)) != expected) {
    throw SnapshotError(std::string("the pool's ") + member + " differ: the snapshot has " + state.at(member).dump() +
                        ", this pool " + nlohmann::json(expected).dump());
  }
}

}  // namespace

nlohmann::json RegionalPool::save() const {
  auto cells = nlohmann::json::array();
  for (const Cell& c : cells_) cells.push_back({c.own, c.capacity, c.in_use, c.demand_share});
  auto overrides = nlohmann::json::array();
  for (const Override& o : overrides_) {
    nlohmann::json saved{{"id", o.id}, {"capacity", o.capacity}};
    if (o.type) saved["instance_type"] = types_[*o.type];
    if (o.zone) saved["zone"] = zones_[*o.zone];
    if (o.capacity_type) saved["capacity_type"] = to_string(*o.capacity_type);
    overrides.push_back(std::move(saved));
  }
  std::vector<std::pair<LeaseId, Lease>> sorted(leases_.begin(), leases_.end());
  std::ranges::sort(sorted, {}, &std::pair<LeaseId, Lease>::first);
  auto leases = nlohmann::json::array();
  for (const auto& [id, lease] : sorted) leases.push_back({{"id", id}, {"cell", lease.cell}, {"count", lease.count}});
  return {{"region", region_},         {"zones", zones_},        {"instance_types", types_},
          {"cells", std::move(cells)}, {"overrides", overrides}, {"leases", std::move(leases)},
          {"next_lease", next_lease_}};
}

RegionalPool::Override RegionalPool::override_from(const nlohmann::json& saved) const {
  Override loaded{snapshot::value_of<std::uint64_t>(saved.at("id")), std::nullopt, std::nullopt, std::nullopt,
                  snapshot::value_of<int>(saved.at("capacity"))};
  if (const auto type = snapshot::optional_member<std::string>(saved, "instance_type")) {
    loaded.type = type_index(*type);
    if (!loaded.type) throw SnapshotError("a timed step of unknown instance type '" + *type + "'");
  }
  if (const auto zone = snapshot::optional_member<std::string>(saved, "zone")) {
    loaded.zone = zone_index(*zone);
    if (!loaded.zone) throw SnapshotError("a timed step of unknown zone '" + *zone + "'");
  }
  if (saved.contains("capacity_type"))
    loaded.capacity_type = snapshot::capacity_type_from_json(saved.at("capacity_type"));
  return loaded;
}

void RegionalPool::load(const nlohmann::json& state) {
  expect_same(state, "region", region_);
  expect_same(state, "zones", zones_);
  expect_same(state, "instance_types", types_);

  const auto& saved_cells = snapshot::list_at(state, "cells");
  if (saved_cells.size() != cells_.size()) {
    throw SnapshotError("the pool has " + std::to_string(cells_.size()) + " cells, the snapshot " +
                        std::to_string(saved_cells.size()));
  }
  std::vector<Cell> cells;
  cells.reserve(cells_.size());
  for (const auto& c : saved_cells) {
    Cell cell{snapshot::value_of<int>(c.at(0)), snapshot::value_of<int>(c.at(1)), snapshot::value_of<int>(c.at(2)),
              c.at(3).get<double>()};
    if (!(cell.demand_share >= 0 && cell.demand_share <= 1)) {
      throw SnapshotError("a demand share outside [0, 1]: " + c.dump());
    }
    cells.push_back(cell);
  }

  std::vector<Override> overrides;
  for (const auto& o : snapshot::list_at(state, "overrides")) overrides.push_back(override_from(o));

  std::unordered_map<LeaseId, Lease> leases;
  for (const auto& l : snapshot::list_at(state, "leases")) {
    const Lease lease{snapshot::value_of<std::size_t>(l.at("cell")), snapshot::value_of<int>(l.at("count"))};
    if (lease.cell >= cells.size()) throw SnapshotError("a lease of a cell past the pool's: " + l.dump());
    if (!leases.emplace(snapshot::value_of<LeaseId>(l.at("id")), lease).second) {
      throw SnapshotError("two leases with id " + l.at("id").dump());
    }
  }

  const auto next_lease = snapshot::value_of<LeaseId>(state.at("next_lease"));
  for (const auto& [id, _] : leases) {
    // The next allocation would hand out a lease id still held.
    if (id >= next_lease) throw SnapshotError("lease " + std::to_string(id) + " is not below next_lease");
  }

  cells_ = std::move(cells);
  overrides_ = std::move(overrides);
  leases_ = std::move(leases);
  next_lease_ = next_lease;
}

}  // namespace capacity_model
