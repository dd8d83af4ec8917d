#include "api/auth/sigv2_presigned.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "api/auth/signing.h"
#include "api/auth/sigv4_params.h"
#include "api/checksums/encoding.h"
#include "api/checksums/hashes.h"

namespace api::auth {
namespace {

// The query parameters that name a sub-resource and so are part of what SigV2 signs (the
// list botocore's HmacV1 signer keeps), in sorted order.
constexpr std::string_view kSubresources[] = {"accelerate",
                                              "acl",
                                              "cors",
                                              "defaultObjectAcl",
                                              "delete",
                                              "lifecycle",
                                              "location",
                                              "logging",
                                              "notification",
                                              "partNumber",
                                              "policy",
                                              "requestPayment",
                                              "response-cache-control",
                                              "response-content-disposition",
                                              "response-content-encoding",
                                              "response-content-language",
                                              "response-content-type",
                                              "response-expires",
                                              "restore",
                                              "select",
                                              "select-type",
                                              "tagging",
                                              "torrent",
                                              "uploadId",
                                              "uploads",
                                              "versionId",
                                              "versioning",
                                              "versions",
                                              "website"};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string amz_headers(const server::HttpRequest& request) {
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request.headers) {
    auto key = lower(name);
    if (key.rfind("x-amz-", 0) != 0) continue;
    auto& joined = headers[key];
    joined += (joined.empty() ? "" : ",") + value;
  }
  std::string out;
  for (const auto& [name, value] : headers) out += name + ":" + value + "\n";
  return out;
}

std::string subresources(std::string_view raw_query) {
  std::string out;
  for (auto name : kSubresources) {
    const auto value = query_value(raw_query, name);
    if (!value) continue;
    out += (out.empty() ? "?" : "&") + std::string(name) + (value->empty() ? "" : "=" + *value);
  }
  return out;
}

}  // namespace

std::string sigv2_string_to_sign(const server::HttpRequest& request, std::string_view expires) {
  return request.method + "\n" + std::string(request.header("Content-MD5")) + "\n" +
         std::string(request.header("Content-Type")) + "\n" + std::string(expires) + "\n" + amz_headers(request) +
         std::string(request.path()) + subresources(request.query());
}

std::string sigv2_signature(std::string_view secret, std::string_view string_to_sign) {
  return checksums::base64(checksums::hmac_sha1(secret, string_to_sign));
}

}  // namespace api::auth
