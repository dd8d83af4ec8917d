// ListObjectsV2 and ListObjects (v1): one page of keys and common prefixes with their objects.
#include <charconv>

#include "api/checksums/encoding.h"
#include "api/s3/listing.h"
#include "api/s3/operations.h"

namespace api::s3 {

namespace {

struct ListRequest {
  bool v2 = false;
  bool url = false;  // EncodingType=url
  ListQuery query;
  std::optional<std::string> token;  // v2: the continuation token as sent
};

// max-keys as S3 checks it: an integer from 0, capped at 1000.
std::optional<S3Error> read_max_keys(const S3Request& request, std::size_t& max) {
  const auto given = request.param("max-keys");
  if (!given) return std::nullopt;
  long long value = 0;
  const auto [end, error] = std::from_chars(given->data(), given->data() + given->size(), value);
  if (given->empty() || error != std::errc() || end != given->data() + given->size() || value > 2147483647) {
    return invalid_argument("Provided max-keys not an integer or within integer range", "max-keys", *given);
  }
  if (value < 0)
    return invalid_argument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys", *given);
  max = static_cast<std::size_t>(std::min<long long>(value, 1000));
  return std::nullopt;
}

capacity_model::Result<ListRequest, S3Error> read_list_request(const S3Request& request) {
  ListRequest list;
  list.v2 = request.param("list-type") == "2";
  if (auto type = request.param("list-type"); type && *type != "2") {
    return invalid_argument("Invalid List Type specified in Request", "list-type", *type);
  }
  if (auto encoding = request.param("encoding-type")) {
    if (*encoding != "url")
      return invalid_argument("Invalid Encoding Method specified in Request", "encoding-type", *encoding);
    list.url = true;
  }
  list.query.prefix = request.param("prefix").value_or("");
  list.query.delimiter = request.param("delimiter").value_or("");
  if (auto bad = read_max_keys(request, list.query.max_keys)) return *bad;
  if (!list.v2) {
    list.query.after = request.param("marker").value_or("");
    return list;
  }
  list.query.after = request.param("start-after").value_or("");
  list.token = request.param("continuation-token");
  if (list.token) {
    auto after = checksums::from_hex(*list.token);
    if (!after || list.token->empty()) {
      return invalid_argument("The continuation token provided is incorrect", "continuation-token", *list.token);
    }
    list.query.after = std::max(list.query.after, *after);
  }
  return list;
}

}  // namespace

HttpResponse list_objects(S3Context& s3, const S3Request& request) {
  auto list = read_list_request(request);
  if (!list) return error_reply(list.error(), false);
  if (auto bucket = s3.store.bucket(request.bucket, s3.region); !bucket) {
    return error_reply(error_of(bucket.error(), request.bucket), false);
  }
  auto keys = s3.store.list(request.bucket, list->query.prefix);
  // A prefix the folder layout cannot hold ("a//b") holds no key.
  const ListPage page = list_page(keys ? *keys : std::vector<std::string>{}, list->query);
  const auto name = [&](const std::string& text) { return list->url ? url_encode(text) : text; };
  query::XmlWriter xml;
  xml.open("ListBucketResult", kXmlns).leaf("Name", request.bucket).leaf("Prefix", name(list->query.prefix));
  if (list->v2) {
    if (list->token) xml.leaf("ContinuationToken", *list->token);
    if (page.truncated) xml.leaf("NextContinuationToken", checksums::hex(page.last));
    if (auto start = request.param("start-after")) xml.leaf("StartAfter", name(*start));
    xml.leaf("KeyCount", std::to_string(page.keys.size() + page.common_prefixes.size()));
  } else {
    xml.leaf("Marker", name(request.param("marker").value_or("")));
    if (page.truncated && !list->query.delimiter.empty()) xml.leaf("NextMarker", name(page.last));
  }
  xml.leaf("MaxKeys", std::to_string(list->query.max_keys));
  if (!list->query.delimiter.empty()) xml.leaf("Delimiter", name(list->query.delimiter));
  xml.leaf("IsTruncated", page.truncated ? "true" : "false");
  if (list->url) xml.leaf("EncodingType", "url");
  const bool with_owner = !list->v2 || request.param("fetch-owner") == "true";
  for (const auto& key : page.keys) {
    auto info = s3.store.head_object(request.bucket, key);
    if (!info) continue;  // deleted meanwhile by hand
    xml.open("Contents").leaf("Key", name(key)).leaf("LastModified", iso_time(info->modified_ms));
    xml.leaf("ETag", quoted_etag(info->etag));
    for (const auto& [algorithm, value] : info->attributes.checksums) xml.leaf("ChecksumAlgorithm", algorithm);
    if (!info->attributes.checksum_type.empty()) xml.leaf("ChecksumType", info->attributes.checksum_type);
    xml.leaf("Size", std::to_string(info->size)).leaf("StorageClass", "STANDARD");
    if (with_owner) xml.open("Owner").leaf("ID", s3.owner_id).leaf("DisplayName", "amt-emulator").close();
    xml.close();
  }
  for (const auto& prefix : page.common_prefixes) xml.open("CommonPrefixes").leaf("Prefix", name(prefix)).close();
  return xml_reply(std::move(xml));
}

}  // namespace api::s3
