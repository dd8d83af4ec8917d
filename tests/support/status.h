#pragma once

#include <string>

#include "capacity_model/result.h"

namespace test_support {

// The message of a failed Status<std::string>, or "(ok)": EXPECT_EQ on it says which.
inline std::string error_text(const capacity_model::Status<std::string>& status) {
  return status ? "(ok)" : status.error();
}

}  // namespace test_support
