#include "api/auth/sigv4_params.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "api/auth/canonical_request.h"

namespace api::auth {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// "<key>/<date>/<region>/<service>/aws4_request", its date agreeing with the request's.
capacity_model::Status<Malformed> read_credential(std::string_view credential, SigV4Params& params) {
  const auto parts = split(credential, '/');
  if (parts.size() != 5 || parts[0].empty()) {
    return Malformed{"Credential should be scoped to a valid region, not '" + std::string(credential) + "'."};
  }
  if (parts[4] != "aws4_request") {
    return Malformed{"Credential should be scoped with a valid terminator: 'aws4_request', not '" + parts[4] + "'."};
  }
  params.access_key = parts[0];
  params.scope = Scope{parts[1], parts[2], parts[3]};
  return capacity_model::Done{};
}

capacity_model::Status<Malformed> check_date(SigV4Params& params) {
  if (!parse_amz_date(params.amz_date)) {
    return Malformed{"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."};
  }
  if (params.amz_date.substr(0, 8) != params.scope.date) {
    return Malformed{"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
                     params.scope.date + "' != '" + params.amz_date.substr(0, 8) + "', from '" + params.amz_date +
                     "'."};
  }
  return capacity_model::Done{};
}

std::string request_date(const server::HttpRequest& request) {
  if (auto amz = request.header("X-Amz-Date"); !amz.empty()) return std::string(amz);
  if (auto date = parse_http_date(request.header("Date"))) return amz_date_of(*date);
  return {};
}

}  // namespace

SignatureForm signature_form_of(const server::HttpRequest& request) {
  const auto authorization = request.header("Authorization");
  if (!authorization.empty()) return SignatureForm::header;
  const auto query = request.query();
  if (query_value(query, "X-Amz-Algorithm")) return SignatureForm::presigned_v4;
  if (query_value(query, "AWSAccessKeyId") && query_value(query, "Signature")) return SignatureForm::presigned_v2;
  return SignatureForm::none;
}

std::optional<std::string> query_value(std::string_view raw_query, std::string_view name) {
  for (const auto& pair : split(raw_query, '&')) {
    const auto eq = pair.find('=');
    if (percent_decoded(pair.substr(0, eq)) != name) continue;
    return eq == std::string::npos ? std::string() : percent_decoded(std::string_view(pair).substr(eq + 1));
  }
  return std::nullopt;
}

capacity_model::Result<SigV4Params, Malformed> header_params(const server::HttpRequest& request) {
  auto authorization = trimmed(request.header("Authorization"));
  if (authorization.substr(0, kAlgorithm.size()) != kAlgorithm) {
    return Malformed{"Unsupported Authorization Type"};
  }
  std::optional<std::string> credential, signed_headers, signature;
  for (const auto& item : split(authorization.substr(kAlgorithm.size()), ',')) {
    const auto part = trimmed(item);
    const auto eq = part.find('=');
    if (eq == std::string_view::npos) {
      return Malformed{"'" + std::string(part) +
                       "' not a valid key=value pair (missing equal-sign) in Authorization header: '" +
                       std::string(authorization) + "'."};
    }
    const auto name = part.substr(0, eq);
    auto& slot = name == "Credential" ? credential : name == "SignedHeaders" ? signed_headers : signature;
    if (name == "Credential" || name == "SignedHeaders" || name == "Signature") slot = std::string(part.substr(eq + 1));
  }
  std::string missing;
  if (!credential) missing += "Authorization header requires 'Credential' parameter. ";
  if (!signed_headers) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!signature) missing += "Authorization header requires 'Signature' parameter. ";
  SigV4Params params;
  params.amz_date = request_date(request);
  if (params.amz_date.empty()) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (!missing.empty()) return Malformed{missing + "Authorization=" + std::string(authorization)};
  if (auto read = read_credential(*credential, params); !read) return read.error();
  params.signed_headers = split(*signed_headers, ';');
  params.signature = *signature;
  if (auto dated = check_date(params); !dated) return dated.error();
  return params;
}

capacity_model::Result<SigV4Params, Malformed> presigned_params(const server::HttpRequest& request) {
  const auto query = request.query();
  const auto value = [&](std::string_view name) { return query_value(query, name); };
  if (value("X-Amz-Algorithm") != kAlgorithm) {
    return Malformed{"X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\""};
  }
  const auto credential = value("X-Amz-Credential");
  const auto date = value("X-Amz-Date");
  const auto signed_headers = value("X-Amz-SignedHeaders");
  const auto signature = value("X-Amz-Signature");
  const auto expires = value("X-Amz-Expires");
  if (!credential || !date || !signed_headers || !signature || !expires) {
    return Malformed{
        "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
        "X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."};
  }
  SigV4Params params;
  if (auto read = read_credential(*credential, params); !read) return read.error();
  params.amz_date = *date;
  params.signed_headers = split(*signed_headers, ';');
  params.signature = *signature;
  long seconds = 0;
  const auto [end, ec] = std::from_chars(expires->data(), expires->data() + expires->size(), seconds);
  if (ec != std::errc() || end != expires->data() + expires->size() || seconds < 1 || seconds > 604800) {
    return Malformed{seconds > 604800 ? "X-Amz-Expires must be less than a week (in seconds) that is 604800"
                                      : "X-Amz-Expires must be non-negative"};
  }
  params.expires_seconds = seconds;
  if (auto dated = check_date(params); !dated) return dated.error();
  return params;
}

}  // namespace api::auth
