#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace api::what_if {

// `amt-emulator what-if ...` (the arguments after "what-if"): runs or merges, writes the
// result files, and answers the exit code: 0, or 2 with one line on `err` for a bad argument,
// an unreadable or invalid input, or files that do not merge; 1 when an output cannot be written.
// `catalog_json` is the instance catalog the server also uses (built into the binary).
int what_if_main(const std::vector<std::string>& args, std::string_view catalog_json, std::ostream& out,
                 std::ostream& err);

}  // namespace api::what_if
