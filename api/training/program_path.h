#pragma once

#include <optional>
#include <string>

namespace api::training {

// The full path of `program` on `path` (a PATH value), if it is there and executable; a
// program named with a slash is taken as it is, if executable.
std::optional<std::string> find_on_path(const std::string& program, const std::string& path);

}  // namespace api::training
