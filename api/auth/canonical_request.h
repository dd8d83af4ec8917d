#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/server/http_types.h"

namespace api::auth {

// %XX sequences decoded; '+' stays a plus, as SigV4 reads query strings.
std::string percent_decoded(std::string_view text);

// The canonical path (wire-protocols.md §2.2). S3 signs the path exactly as sent; every other
// service drops "." and ".." segments and percent-encodes the received (already encoded) path
// once more, as botocore does.
std::string canonical_uri(std::string_view raw_path, bool s3);
// The query: pairs decoded ('+' stays a plus) and encoded again with the unreserved set and
// upper-case hex, sorted by name then value, "name=" for a bare flag; `skipped` (a presigned
// URL's X-Amz-Signature) left out.
std::string canonical_query(std::string_view raw_query, std::string_view skipped = {});
// The signed header lines ("name:value\n" each, values trimmed and inner blanks squeezed, a
// repeated header's values joined with ',') for the lower-case names in `signed_names`.
std::string canonical_headers(const server::HttpRequest& request, const std::vector<std::string>& signed_names);

// What goes into a canonical request besides the request itself.
struct SigningInputs {
  std::vector<std::string> signed_headers;  // lower case, as the client listed them
  std::string payload_hash;
  bool s3 = false;
  std::string_view skipped_query_parameter;
};
// "METHOD\nURI\nQUERY\nHEADERS\nSIGNED-HEADERS\nPAYLOAD-HASH".
std::string canonical_request(const server::HttpRequest& request, const SigningInputs& inputs);

}  // namespace api::auth
