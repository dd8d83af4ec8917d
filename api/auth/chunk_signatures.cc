#include "api/auth/chunk_signatures.h"

#include "api/checksums/encoding.h"
#include "api/checksums/hashes.h"

namespace api::auth {

ChunkSignatureChain::ChunkSignatureChain(std::string_view secret, Scope scope, std::string amz_date, std::string seed)
    : key_(signing_key(secret, scope)),
      scope_(std::move(scope)),
      amz_date_(std::move(amz_date)),
      previous_(std::move(seed)) {}

std::string ChunkSignatureChain::chunk_string_to_sign(std::string_view data) const {
  static const std::string kEmptyHash = sha256_hex("");
  return "AWS4-HMAC-SHA256-PAYLOAD\n" + amz_date_ + "\n" + scope_.text() + "\n" + previous_ + "\n" + kEmptyHash + "\n" +
         sha256_hex(data);
}

std::string ChunkSignatureChain::trailer_string_to_sign(std::span<const Trailer> trailers) const {
  std::string lines;
  for (const auto& [name, value] : trailers) {
    if (name != "x-amz-trailer-signature") lines += name + ":" + value + "\n";
  }
  return "AWS4-HMAC-SHA256-TRAILER\n" + amz_date_ + "\n" + scope_.text() + "\n" + previous_ + "\n" + sha256_hex(lines);
}

std::string ChunkSignatureChain::sign(std::string_view string_to_sign) const {
  return checksums::hex(checksums::hmac_sha256(key_, string_to_sign));
}

bool ChunkSignatureChain::accept(std::string_view string_to_sign, std::string_view provided) {
  if (!same_secret_text(sign(string_to_sign), provided)) return false;
  previous_ = std::string(provided);
  return true;
}

}  // namespace api::auth
