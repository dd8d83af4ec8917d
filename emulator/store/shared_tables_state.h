#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "emulator/model/training_job.h"
#include "emulator/model/tuning_request.h"

// The objects many records share (description texts, tuning requests, training-job specs), as
// a snapshot keeps them (docs/persistence.md, "Snapshots"): each written once in a table, in
// the order first met, and named by its index there, so a week of identical tuning jobs does
// not multiply the snapshot, and a restored world shares them as the saved one did.
namespace emulator::store {

class SharedTablesWriter {
 public:
  // The index of each object in its table, adding it (and what it shares) when first met.
  std::size_t text(const std::shared_ptr<const model::RawJson>& text);
  std::size_t request(const std::shared_ptr<const model::TuningRequestBody>& request);
  std::size_t spec(const std::shared_ptr<const model::TrainingJobSpec>& spec);
  // The tables, as members of `out`.
  void write_into(nlohmann::json& out) const;

 private:
  template <typename T>
  struct Table {
    std::map<const T*, std::size_t> index;
    nlohmann::json rows = nlohmann::json::array();
  };
  Table<model::RawJson> texts_;
  Table<model::TuningRequestBody> requests_;
  Table<model::TrainingJobSpec> specs_;
};

class SharedTablesReader {
 public:
  // Reads the tables of a document SharedTablesWriter wrote; throws capacity_model::SnapshotError
  // for a reference to no row.
  explicit SharedTablesReader(const nlohmann::json& document);
  // The shared object an index names; throws capacity_model::SnapshotError for an index of no row.
  std::shared_ptr<const model::RawJson> text(const nlohmann::json& index) const;
  std::shared_ptr<const model::TuningRequestBody> request(const nlohmann::json& index) const;
  std::shared_ptr<const model::TrainingJobSpec> spec(const nlohmann::json& index) const;

 private:
  std::vector<std::shared_ptr<const model::RawJson>> texts_;
  std::vector<std::shared_ptr<const model::TuningRequestBody>> requests_;
  std::vector<std::shared_ptr<const model::TrainingJobSpec>> specs_;
};

}  // namespace emulator::store
