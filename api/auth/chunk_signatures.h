#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "api/auth/signing.h"

namespace api::auth {

// The signatures of an upload signed chunk by chunk (x-amz-content-sha256
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER], wire-protocols.md §7.7). Each chunk's signature
// signs its data and the signature before it, starting from the Authorization header's (the
// seed), so no chunk can be changed, dropped, reordered or taken from another upload; the
// trailer signature closes the chain over the trailer lines.
class ChunkSignatureChain {
 public:
  using Trailer = std::pair<std::string, std::string>;  // lower-case name, trimmed value

  ChunkSignatureChain(std::string_view secret, Scope scope, std::string amz_date, std::string seed);

  // "AWS4-HMAC-SHA256-PAYLOAD\n<date>\n<scope>\n<previous>\n<SHA-256 of "">\n<SHA-256 of data>".
  std::string chunk_string_to_sign(std::string_view data) const;
  // "AWS4-HMAC-SHA256-TRAILER\n<date>\n<scope>\n<previous>\n<SHA-256 of "name:value\n"…>" over
  // every trailer but x-amz-trailer-signature itself.
  std::string trailer_string_to_sign(std::span<const Trailer> trailers) const;
  // Hex HMAC-SHA256 of `string_to_sign` under the scope's signing key.
  std::string sign(std::string_view string_to_sign) const;
  // Whether `provided` signs `string_to_sign`; when it does, the next link chains from it.
  bool accept(std::string_view string_to_sign, std::string_view provided);

 private:
  std::string key_;  // kSigning, derived once for every chunk
  Scope scope_;
  std::string amz_date_;
  std::string previous_;
};

}  // namespace api::auth
