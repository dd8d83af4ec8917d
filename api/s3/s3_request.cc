#include "api/s3/s3_request.h"

#include <algorithm>
#include <cctype>

#include "api/server/form_decode.h"

namespace api::s3 {

namespace {

// Hosts whose sub-domains name buckets, the longer first.
constexpr std::string_view kBaseHosts[] = {".s3.localhost", ".localhost"};

std::string_view without_port(std::string_view host) {
  if (!host.empty() && host.front() == '[') return host;  // an IPv6 literal never names a bucket
  return host.substr(0, host.rfind(':'));
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool S3Request::has(std::string_view name) const {
  return std::any_of(query.begin(), query.end(), [&](const auto& field) { return field.first == name; });
}

std::optional<std::string> S3Request::param(std::string_view name) const {
  for (const auto& [field, value] : query) {
    if (field == name) return value;
  }
  return std::nullopt;
}

std::optional<std::string> bucket_of_host(std::string_view host) {
  const std::string name = ascii_lower(without_port(host));
  for (std::string_view base : kBaseHosts) {
    if (name.size() > base.size() && name.ends_with(base)) {
      std::string bucket = name.substr(0, name.size() - base.size());
      if (bucket == "s3") return std::nullopt;  // s3.localhost itself
      return bucket;
    }
  }
  return std::nullopt;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      return std::nullopt;
    }
    out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
    i += 2;
  }
  return out;
}

std::string caller_access_key(const S3Request& request) {
  const std::string_view authorization = request.header("Authorization");
  if (const auto at = authorization.find("Credential="); at != std::string_view::npos) {
    const auto credential = authorization.substr(at + 11);
    return std::string(credential.substr(0, credential.find('/')));
  }
  if (authorization.starts_with("AWS ")) return std::string(authorization.substr(4, authorization.find(':') - 4));
  if (auto credential = request.param("X-Amz-Credential")) return credential->substr(0, credential->find('/'));
  return request.param("AWSAccessKeyId").value_or("");
}

capacity_model::Result<S3Request, S3Error> parse_request(const server::HttpRequest& http) {
  S3Request request;
  request.http = &http;
  std::string_view path = http.path();
  if (path.empty() || path.front() != '/') {
    return S3Error{400, "InvalidURI", "Couldn't parse the specified URI.", {{"URI", http.target}}};
  }
  path.remove_prefix(1);
  if (auto virtual_bucket = bucket_of_host(http.header("Host"))) {
    request.bucket = *virtual_bucket;
  } else {
    const auto slash = path.find('/');
    auto bucket = percent_decode(path.substr(0, slash));
    if (!bucket) return S3Error{400, "InvalidURI", "Couldn't parse the specified URI.", {{"URI", http.target}}};
    request.bucket = *bucket;
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  auto key = percent_decode(path);
  if (!key) return S3Error{400, "InvalidURI", "Couldn't parse the specified URI.", {{"URI", http.target}}};
  request.key = *key;
  std::string_view query = http.query();
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view field = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (field.empty()) continue;
    const auto eq = field.find('=');
    request.query.emplace_back(
        server::form_decode(field.substr(0, eq)),
        eq == std::string_view::npos ? std::string() : server::form_decode(field.substr(eq + 1)));
  }
  return request;
}

}  // namespace api::s3
