#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/s3/s3_replies.h"
#include "api/server/http_types.h"
#include "capacity_model/result.h"

namespace api::s3 {

// An S3 request with its addressing undone (wire-protocols.md §1): the bucket from a virtual
// host (`<bucket>.localhost`, `<bucket>.s3.localhost`) or the first path segment, the key
// from the rest of the path, both percent-decoded ('+' stays '+' in a path).
struct S3Request {
  const server::HttpRequest* http = nullptr;
  std::string bucket;                                      // empty: the service itself (ListBuckets)
  std::string key;                                         // empty: the bucket itself
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order

  bool has(std::string_view name) const;
  std::optional<std::string> param(std::string_view name) const;
  std::string_view header(std::string_view name) const { return http->header(name); }
  bool head() const { return http->method == "HEAD"; }
};

// The bucket a Host header names, if it is a virtual host: `<bucket>.s3.localhost` or
// `<bucket>.localhost` (port ignored); an IP literal, `localhost` or `s3.localhost` names none.
std::optional<std::string> bucket_of_host(std::string_view host);

capacity_model::Result<S3Request, S3Error> parse_request(const server::HttpRequest& http);

// The access key a request was signed with: the SigV4 Authorization header's or presigned
// X-Amz-Credential's, SigV2's ("AWS <key>:<signature>", AWSAccessKeyId); empty when unsigned.
std::string caller_access_key(const S3Request& request);

// ASCII letters in lower case (header and form field names compare so).
std::string ascii_lower(std::string_view text);

// Percent-decoding of a path: `%XX` is a byte, nothing else changes; nullopt for a broken escape.
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace api::s3
