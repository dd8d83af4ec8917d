#pragma once

#include <gtest/gtest.h>

#include <source_location>

namespace test_support {

// The rows a loop is about to check, failing the test when there are none: otherwise a loop
// of EXPECTs passes without checking anything when a type, zone or region is misspelt.
// Returns by value so a temporary can be the range of a range-for.
template <typename Rows>
Rows nonempty(Rows rows, std::source_location where = std::source_location::current()) {
  if (rows.empty()) ADD_FAILURE_AT(where.file_name(), static_cast<int>(where.line())) << "nothing to check";
  return rows;
}

}  // namespace test_support
