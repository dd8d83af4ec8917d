#include "emulator/store/shared_tables_state.h"

#include <string>

#include "capacity_model/snapshot_error.h"
#include "capacity_model/snapshot_json.h"
#include "emulator/model/training_job_state.h"
#include "emulator/model/tuning_request_state.h"
#include "emulator/model/value_state.h"

namespace emulator::store {

using capacity_model::snapshot::value_of;
namespace {

using nlohmann::json;

template <typename T>
const std::shared_ptr<const T>& row_of(const std::vector<std::shared_ptr<const T>>& rows, const json& index,
                                       const char* table) {
  const auto i = value_of<std::size_t>(index);
  if (i >= rows.size()) {
    throw capacity_model::SnapshotError("the snapshot refers to " + std::string(table) + " " + index.dump() +
                                        ", which its table does not have");
  }
  return rows[i];
}

}  // namespace

std::size_t SharedTablesWriter::text(const std::shared_ptr<const model::RawJson>& text) {
  auto [it, added] = texts_.index.try_emplace(text.get(), texts_.rows.size());
  if (added) texts_.rows.push_back(*text);
  return it->second;
}

std::size_t SharedTablesWriter::request(const std::shared_ptr<const model::TuningRequestBody>& request) {
  auto [it, added] = requests_.index.try_emplace(request.get(), requests_.rows.size());
  if (added) {
    auto row = model::save_tuning_request(*request);
    if (request->description) row["description"] = text(request->description);
    requests_.rows.push_back(std::move(row));
  }
  return it->second;
}

std::size_t SharedTablesWriter::spec(const std::shared_ptr<const model::TrainingJobSpec>& spec) {
  auto [it, added] = specs_.index.try_emplace(spec.get(), specs_.rows.size());
  if (added) {
    auto row = model::save_training_job_spec(*spec);
    if (spec->description) row["description"] = text(spec->description);
    specs_.rows.push_back(std::move(row));
  }
  return it->second;
}

void SharedTablesWriter::write_into(json& out) const {
  out["texts"] = texts_.rows;
  out["requests"] = requests_.rows;
  out["specs"] = specs_.rows;
}

SharedTablesReader::SharedTablesReader(const json& document) {
  using model::snapshot::vector_of;
  texts_ = vector_of(document.at("texts"),
                     [](const json& row) { return std::make_shared<const model::RawJson>(row.get<std::string>()); });
  requests_ = vector_of(document.at("requests"), [this](const json& row) {
    auto request = model::load_tuning_request(row);
    if (auto it = row.find("description"); it != row.end()) request.description = text(*it);
    return std::make_shared<const model::TuningRequestBody>(std::move(request));
  });
  specs_ = vector_of(document.at("specs"), [this](const json& row) {
    auto spec = model::load_training_job_spec(row);
    if (auto it = row.find("description"); it != row.end()) spec.description = text(*it);
    return std::make_shared<const model::TrainingJobSpec>(std::move(spec));
  });
}

std::shared_ptr<const model::RawJson> SharedTablesReader::text(const json& index) const {
  return row_of(texts_, index, "text");
}

std::shared_ptr<const model::TuningRequestBody> SharedTablesReader::request(const json& index) const {
  return row_of(requests_, index, "tuning request");
}

std::shared_ptr<const model::TrainingJobSpec> SharedTablesReader::spec(const json& index) const {
  return row_of(specs_, index, "training job spec");
}

}  // namespace emulator::store
