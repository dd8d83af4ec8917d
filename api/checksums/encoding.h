#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace api::checksums {

// Standard base64 with padding, as S3 carries checksums and Content-MD5.
std::string base64(std::string_view bytes);
// The bytes of standard padded base64; nullopt for anything else.
std::optional<std::string> from_base64(std::string_view text);
// Lower-case hex, as ETags and SigV4 show digests.
std::string hex(std::string_view bytes);
// The bytes of lower- or upper-case hex; nullopt for anything else.
std::optional<std::string> from_hex(std::string_view text);

}  // namespace api::checksums
