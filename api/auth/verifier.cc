#include "api/auth/verifier.h"

#include <charconv>

#include "api/auth/canonical_request.h"
#include "api/auth/signing.h"
#include "api/auth/sigv2_presigned.h"
#include "api/auth/sigv4_params.h"

namespace api::auth {
namespace {

using std::chrono::sys_seconds;

Rejection rejection_of(Problem problem, bool presigned = false, std::string access_key = {}) {
  Rejection rejection;
  rejection.problem = problem;
  rejection.presigned = presigned;
  rejection.access_key = std::move(access_key);
  return rejection;
}

Rejection malformed(bool presigned, std::string detail) {
  auto rejection = rejection_of(Problem::malformed, presigned);
  rejection.detail = std::move(detail);
  return rejection;
}

Rejection mismatch(bool presigned, std::string access_key, std::string canonical, std::string to_sign,
                   std::string provided) {
  auto rejection = rejection_of(Problem::bad_signature, presigned, std::move(access_key));
  rejection.canonical_request = std::move(canonical);
  rejection.string_to_sign = std::move(to_sign);
  rejection.signature_provided = std::move(provided);
  return rejection;
}

std::string payload_hash(const server::HttpRequest& request, bool s3, bool presigned) {
  const auto sent = request.header("x-amz-content-sha256");
  if (!sent.empty()) return std::string(sent);
  if (s3 && presigned) return "UNSIGNED-PAYLOAD";
  return sha256_hex(request.body);
}

// AWS's own wording for a request outside the 15-minute window, either side of now.
std::optional<Rejection> skew_of(const SigV4Params& params, sys_seconds signed_at, sys_seconds now) {
  const bool early = signed_at < now - kMaxSkew;
  if (!early && signed_at <= now + kMaxSkew) return std::nullopt;
  auto rejection = rejection_of(Problem::skewed);
  rejection.request_time = params.amz_date;
  rejection.server_time = now;
  const auto signed_text = amz_date_of(signed_at);
  const auto now_text = amz_date_of(now);
  rejection.detail = early ? "Signature expired: " + signed_text + " is now earlier than " +
                                 amz_date_of(now - kMaxSkew) + " (" + now_text + " - 15 min.)"
                           : "Signature not yet current: " + signed_text + " is still later than " +
                                 amz_date_of(now + kMaxSkew) + " (" + now_text + " + 15 min.)";
  return rejection;
}

Rejection expired(sys_seconds expires_at, sys_seconds now) {
  auto rejection = rejection_of(Problem::expired, true);
  rejection.expires_at = expires_at;
  rejection.server_time = now;
  return rejection;
}

std::optional<Rejection> check_time(const SigV4Params& params, sys_seconds now) {
  const auto signed_at = *parse_amz_date(params.amz_date);
  if (!params.expires_seconds || signed_at > now + kMaxSkew) return skew_of(params, signed_at, now);
  const auto expiry = signed_at + std::chrono::seconds(*params.expires_seconds);
  if (now <= expiry) return std::nullopt;
  auto rejection = expired(expiry, now);
  rejection.expires_in = *params.expires_seconds;
  return rejection;
}

std::optional<Rejection> verify_v4(const server::HttpRequest& request, bool s3, bool presigned,
                                   const SecretOf& secret_of, sys_seconds now) {
  auto params = presigned ? presigned_params(request) : header_params(request);
  if (!params) return malformed(presigned, params.error().message);
  if (s3 && !presigned && request.header("x-amz-content-sha256").empty()) return rejection_of(Problem::no_payload_hash);
  const auto secret = secret_of(params->access_key);
  if (!secret) return rejection_of(Problem::unknown_key, presigned, params->access_key);
  if (auto late = check_time(*params, now)) return late;
  const auto canonical = canonical_request(
      request, {params->signed_headers, payload_hash(request, s3, presigned), s3, presigned ? "X-Amz-Signature" : ""});
  const auto to_sign = string_to_sign(params->amz_date, params->scope, canonical);
  if (same_secret_text(signature(*secret, params->scope, to_sign), params->signature)) return std::nullopt;
  return mismatch(presigned, params->access_key, canonical, to_sign, params->signature);
}

std::optional<Rejection> verify_v2(const server::HttpRequest& request, const SecretOf& secret_of, sys_seconds now) {
  const auto query = request.query();
  const auto access_key = *query_value(query, "AWSAccessKeyId");
  const auto provided = *query_value(query, "Signature");
  const auto expires = query_value(query, "Expires").value_or("");
  long seconds = 0;
  const auto [end, ec] = std::from_chars(expires.data(), expires.data() + expires.size(), seconds);
  if (ec != std::errc() || end != expires.data() + expires.size()) {
    return malformed(true, "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
  }
  const auto secret = secret_of(access_key);
  if (!secret) return rejection_of(Problem::unknown_key, true, access_key);
  if (const sys_seconds expiry{std::chrono::seconds(seconds)}; now > expiry) return expired(expiry, now);
  const auto to_sign = sigv2_string_to_sign(request, expires);
  if (same_secret_text(sigv2_signature(*secret, to_sign), provided)) return std::nullopt;
  return mismatch(true, access_key, {}, to_sign, provided);
}

}  // namespace

std::optional<Rejection> verify(const server::HttpRequest& request, bool s3, const SecretOf& secret_of,
                                sys_seconds now) {
  switch (signature_form_of(request)) {
    case SignatureForm::none: return rejection_of(Problem::missing);
    case SignatureForm::header: return verify_v4(request, s3, false, secret_of, now);
    case SignatureForm::presigned_v4: return verify_v4(request, s3, true, secret_of, now);
    case SignatureForm::presigned_v2:
      if (s3) return verify_v2(request, secret_of, now);
      return rejection_of(Problem::missing);
  }
  return rejection_of(Problem::missing);
}

}  // namespace api::auth
