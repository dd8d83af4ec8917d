#pragma once

#include <string>
#include <string_view>

namespace api::server {

// application/x-www-form-urlencoded text → bytes: `+` is a space, `%XX` a byte, and a broken
// escape stays as sent (for query strings and query-protocol bodies alike).
std::string form_decode(std::string_view text);

}  // namespace api::server
