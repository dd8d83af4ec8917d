#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

// The steps every snapshot test of the capacity model takes (docs/persistence.md, "Snapshots").
namespace capacity_model::snapshot_test {

// The document load() is given goes through text first, as a snapshot file does, so a value
// that would not survive being written (a double, a large integer) shows.
inline nlohmann::json through_text(const nlohmann::json& state) { return nlohmann::json::parse(state.dump()); }

// Loads original's state into `fresh` (built as original was) and checks that saving again
// gives the same bytes.
template <typename T>
void restore_into(const T& original, T& fresh) {
  const auto state = original.save();
  fresh.load(through_text(state));
  EXPECT_EQ(fresh.save().dump(), state.dump());
}

// `state` with the member at a JSON pointer (RFC 6901; "/list/-" appends) set to `value`: a
// document that does not fit.
inline nlohmann::json with(nlohmann::json state, const std::string& pointer, nlohmann::json value) {
  state[nlohmann::json::json_pointer(pointer)] = std::move(value);
  return state;
}

}  // namespace capacity_model::snapshot_test
