#pragma once

#include <stdexcept>

namespace capacity_model {

// A snapshot's state (docs/persistence.md, "Snapshots") that does not fit the object asked to
// load it: another zone list, an unknown enum text, a reference to nothing. The load()
// functions throw it, or nlohmann's exceptions for a member of the wrong type, instead of
// returning a Result at every level of a deep document: World::load is their one caller and
// turns either into the error that refuses the snapshot.
class SnapshotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace capacity_model
