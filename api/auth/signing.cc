#include "api/auth/signing.h"

#include <ctime>

#include "api/checksums/digest.h"
#include "api/checksums/encoding.h"
#include "api/checksums/hashes.h"

namespace api::auth {
namespace {

using checksums::hmac_sha256;

std::optional<std::chrono::sys_seconds> parse_with(std::string_view text, const char* format) {
  std::tm tm{};
  const std::string copy(text);
  const char* end = strptime(copy.c_str(), format, &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return std::chrono::sys_seconds(std::chrono::seconds(timegm(&tm)));
}

std::string utc_text(std::chrono::sys_seconds instant, const char* format) {
  const std::time_t seconds = instant.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  return std::string(text, std::strftime(text, sizeof text, format, &tm));
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  return checksums::hex(checksums::digest_of(checksums::Algorithm::sha256, bytes));
}

// Every byte is compared whatever the first difference: the time taken says nothing of where a
// forged signature went wrong.
bool same_secret_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

std::string string_to_sign(std::string_view amz_date, const Scope& scope, std::string_view canonical_request) {
  return "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + scope.text() + "\n" + sha256_hex(canonical_request);
}

std::string signing_key(std::string_view secret, const Scope& scope) {
  const auto date_key = hmac_sha256("AWS4" + std::string(secret), scope.date);
  return hmac_sha256(hmac_sha256(hmac_sha256(date_key, scope.region), scope.service), "aws4_request");
}

std::string signature(std::string_view secret, const Scope& scope, std::string_view string_to_sign) {
  return checksums::hex(hmac_sha256(signing_key(secret, scope), string_to_sign));
}

std::optional<std::chrono::sys_seconds> parse_amz_date(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  return parse_with(text, "%Y%m%dT%H%M%SZ");
}

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text) {
  return parse_with(text, "%a, %d %b %Y %H:%M:%S GMT");
}

std::string amz_date_of(std::chrono::sys_seconds instant) { return utc_text(instant, "%Y%m%dT%H%M%SZ"); }

std::string iso_8601_of(std::chrono::sys_seconds instant) { return utc_text(instant, "%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace api::auth
