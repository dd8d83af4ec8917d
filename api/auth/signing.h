#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace api::auth {

// Lower-case hex SHA-256 of `bytes` (the payload hash, the hashed canonical request).
std::string sha256_hex(std::string_view bytes);
// Equality whose time does not depend on where the texts differ.
bool same_secret_text(std::string_view a, std::string_view b);

// The credential scope "<yyyymmdd>/<region>/<service>/aws4_request".
struct Scope {
  std::string date;
  std::string region;
  std::string service;
  std::string text() const { return date + "/" + region + "/" + service + "/aws4_request"; }
};

// "AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex SHA-256 of the canonical request>".
std::string string_to_sign(std::string_view amz_date, const Scope& scope, std::string_view canonical_request);
// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
std::string signing_key(std::string_view secret, const Scope& scope);
// Hex HMAC-SHA256(signing key, string to sign): the signature a client should have sent.
std::string signature(std::string_view secret, const Scope& scope, std::string_view string_to_sign);

// "20261203T080236Z" as a UTC instant; nullopt for anything else.
std::optional<std::chrono::sys_seconds> parse_amz_date(std::string_view text);
// An RFC 1123 Date header ("Thu, 03 Dec 2026 08:02:36 GMT"); nullopt for anything else.
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text);
// The instant as "20261203T080236Z".
std::string amz_date_of(std::chrono::sys_seconds instant);
// The instant as "2026-12-03T08:02:36Z", as S3 writes times in its error details.
std::string iso_8601_of(std::chrono::sys_seconds instant);

}  // namespace api::auth
