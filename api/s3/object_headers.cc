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

// Headers an object keeps and GetObject returns as they were sent.
constexpr std::string_view kStoredHeaders[] = {"Cache-Control", "Content-Disposition", "Content-Encoding",
                                               "Content-Language", "Expires"};

// Content-Encoding without the aws-chunked coding of the upload itself ("aws-chunked,gzip" → "gzip").
std::string stored_encoding(std::string_view sent) {
  std::string kept;
  while (!sent.empty()) {
    const auto comma = sent.find(',');
    std::string_view coding = sent.substr(0, comma);
    sent = comma == std::string_view::npos ? std::string_view() : sent.substr(comma + 1);
    while (!coding.empty() && coding.front() == ' ') coding.remove_prefix(1);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (coding.empty() || server::iequals(coding, "aws-chunked")) continue;
    kept += (kept.empty() ? "" : ",") + std::string(coding);
  }
  return kept;
}

}  // namespace

object_store::ObjectAttributes attributes_of(const S3Request& request) {
  object_store::ObjectAttributes attributes;
  attributes.content_type = std::string(request.header("Content-Type"));
  for (std::string_view name : kStoredHeaders) {
    const auto sent = request.header(name);
    const std::string value = name == "Content-Encoding" ? stored_encoding(sent) : std::string(sent);
    if (!value.empty()) attributes.headers.emplace_back(std::string(name), value);
  }
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
  for (const auto& header : a.headers) response.headers.push_back(header);
  if (with_checksum) add_checksum_headers(response, a);
}

}  // namespace api::s3
