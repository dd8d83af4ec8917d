#include "api/s3/object_headers.h"

#include <algorithm>
#include <cctype>

#include "api/checksums/digest.h"

namespace api::s3 {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

object_store::ObjectAttributes attributes_of(const S3Request& request) {
  object_store::ObjectAttributes attributes;
  attributes.content_type = std::string(request.header("Content-Type"));
  constexpr std::string_view kMeta = "x-amz-meta-";
  for (const auto& [name, value] : request.http->headers) {
    const std::string lowered = lower(name);
    if (lowered.size() > kMeta.size() && lowered.starts_with(kMeta)) {
      attributes.user_metadata.emplace_back(lowered.substr(kMeta.size()), value);
    }
  }
  return attributes;
}

void add_checksum(object_store::ObjectAttributes& attributes, const std::optional<ChecksumValue>& checksum) {
  if (!checksum) return;
  attributes.checksums[std::string(checksums::name_of(checksum->algorithm))] = checksum->base64;
  attributes.checksum_type = "FULL_OBJECT";
}

void add_checksum_headers(server::HttpResponse& response, const object_store::ObjectAttributes& attributes) {
  for (const auto& [name, value] : attributes.checksums) {
    if (auto algorithm = checksums::parse_algorithm(name)) {
      response.headers.emplace_back(checksums::header_of(*algorithm), value);
    }
  }
  if (!attributes.checksums.empty() && !attributes.checksum_type.empty()) {
    response.headers.emplace_back("x-amz-checksum-type", attributes.checksum_type);
  }
}

void add_object_headers(server::HttpResponse& response, const object_store::ObjectInfo& info, bool with_checksum) {
  const auto& a = info.attributes;
  response.headers.emplace_back("ETag", quoted_etag(info.etag));
  response.headers.emplace_back("Last-Modified", http_date(info.modified_ms));
  response.headers.emplace_back("Accept-Ranges", "bytes");
  response.headers.emplace_back("Content-Type", a.content_type.empty() ? "binary/octet-stream" : a.content_type);
  for (const auto& [name, value] : a.user_metadata) response.headers.emplace_back("x-amz-meta-" + name, value);
  if (with_checksum) add_checksum_headers(response, a);
}

}  // namespace api::s3
