// Objects: PutObject, GetObject and HeadObject (Range, partNumber, conditions, checksums),
// DeleteObject, DeleteObjects, CopyObject.
#include <algorithm>

#include "api/s3/byte_range.h"
#include "api/s3/object_headers.h"
#include "api/s3/operations.h"
#include "api/s3/upload_body.h"
#include "api/s3/xml_reader.h"

namespace api::s3 {

namespace {

constexpr std::size_t kMaxDeleteKeys = 1000;

bool iequals_ascii(std::string_view a, std::string_view b) { return server::iequals(a, b); }

// The source of x-amz-copy-source: "bucket/key", URL-encoded, maybe with a leading "/" and a
// "?versionId=" (this store keeps no versions, so the version is ignored).
std::optional<std::pair<std::string, std::string>> copy_source(std::string_view header) {
  header = header.substr(0, header.find('?'));
  if (!header.empty() && header.front() == '/') header.remove_prefix(1);
  auto decoded = percent_decode(header);
  if (!decoded) return std::nullopt;
  const auto slash = decoded->find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == decoded->size()) return std::nullopt;
  return std::make_pair(decoded->substr(0, slash), decoded->substr(slash + 1));
}

// GetObject's response-* parameters (what presigned download links use) set those headers.
void apply_response_overrides(const S3Request& request, HttpResponse& response) {
  constexpr std::pair<std::string_view, std::string_view> kOverrides[] = {
      {"response-content-type", "Content-Type"},
      {"response-content-language", "Content-Language"},
      {"response-expires", "Expires"},
      {"response-cache-control", "Cache-Control"},
      {"response-content-disposition", "Content-Disposition"},
      {"response-content-encoding", "Content-Encoding"}};
  for (const auto& [parameter, header] : kOverrides) {
    const auto value = request.param(parameter);
    if (!value) continue;
    // A named capture: clang 14 cannot capture a structured binding.
    std::erase_if(response.headers, [name = header](const auto& h) { return server::iequals(h.first, name); });
    response.headers.emplace_back(std::string(header), *value);
  }
}

WriteConditions write_conditions_of(const S3Request& request) {
  return {request.header("If-Match"), request.header("If-None-Match")};
}

// The bytes a GetObject or HeadObject answers with: the whole object (200), a Range or a part
// (206 with Content-Range).
struct Selection {
  bool partial = false;
  std::uint64_t first = 0;
  std::uint64_t length = 0;
  int parts_count = 0;  // with partNumber on a multipart object: x-amz-mp-parts-count
};

capacity_model::Result<Selection, S3Error> select_bytes(const S3Request& request,
                                                        const object_store::ObjectInfo& info) {
  const auto range_header = request.header("Range");
  if (request.has("partNumber")) {
    const auto number = part_number_of(request);
    if (!number) return number.error();
    if (!range_header.empty()) {
      return S3Error{400, "InvalidRequest", "Cannot specify both Range header and partNumber query parameter", {}};
    }
    const auto part = part_bytes(info.part_sizes, info.size, *number);
    if (!part) {
      const auto count = std::max<std::size_t>(info.part_sizes.size(), 1);
      return S3Error{416,
                     "InvalidPartNumber",
                     "The requested partnumber is not satisfiable",
                     {{"PartNumberRequested", std::to_string(*number)}, {"ActualPartCount", std::to_string(count)}}};
    }
    // S3 answers a part as a range, 206, even when it is the whole object.
    return Selection{part->length > 0, part->first, part->length, static_cast<int>(info.part_sizes.size())};
  }
  const auto range = resolve_range(range_header, info.size);
  if (range.kind == RangeRequest::Kind::unsatisfiable) {
    return S3Error{416,
                   "InvalidRange",
                   "The requested range is not satisfiable",
                   {{"RangeRequested", std::string(range_header)}, {"ActualObjectSize", std::to_string(info.size)}}};
  }
  if (range.kind == RangeRequest::Kind::whole) return Selection{false, 0, info.size, 0};
  return Selection{true, range.first, range.last - range.first + 1, 0};
}

// GetObject's answer to a failed condition: 304 for If-None-Match and If-Modified-Since.
HttpResponse condition_reply(ReadCondition failed, const object_store::ObjectInfo& info, bool head) {
  if (failed == ReadCondition::if_none_match || failed == ReadCondition::if_modified_since) {
    auto response = empty_reply(304);
    response.headers.emplace_back("ETag", quoted_etag(info.etag));
    response.headers.emplace_back("Last-Modified", http_date(info.modified_ms));
    return response;
  }
  return error_reply(precondition_failed(header_of(failed)), head);
}

}  // namespace

HttpResponse put_object(S3Context& s3, const S3Request& request) {
  std::string decoded;
  auto body = read_upload(*request.http, decoded);
  if (!body) return error_reply(body.error(), false);
  if (auto refused = refused_write(s3, request, write_conditions_of(request))) return error_reply(*refused, false);
  auto attributes = attributes_of(request);
  add_checksum(attributes, body->checksum);
  auto put = s3.store.put_object(request.bucket, request.key, body->bytes, attributes);
  if (!put) return error_reply(error_of(put.error(), request.bucket, request.key), false);
  auto response = empty_reply();
  response.headers.emplace_back("ETag", quoted_etag(put->etag));
  add_checksum_headers(response, attributes);
  return response;
}

HttpResponse get_object(S3Context& s3, const S3Request& request) {
  const bool head = request.head();
  auto info = s3.store.head_object(request.bucket, request.key);
  if (!info) return error_reply(error_of(info.error(), request.bucket, request.key), head);
  const ReadConditions conditions{request.header("If-Match"), request.header("If-None-Match"),
                                  request.header("If-Modified-Since"), request.header("If-Unmodified-Since")};
  if (auto failed = failed_read_condition(conditions, info->etag, info->modified_ms)) {
    return condition_reply(*failed, *info, head);
  }
  const auto selection = select_bytes(request, *info);
  if (!selection) return error_reply(selection.error(), head);
  const auto [partial, first, length, parts_count] = *selection;
  // botocore checks a returned full-object checksum against the body, so never on a 206.
  const bool with_checksum = !partial && iequals_ascii(request.header("x-amz-checksum-mode"), "ENABLED");
  auto response = empty_reply(partial ? 206 : 200);
  add_object_headers(response, *info, with_checksum);
  apply_response_overrides(request, response);
  if (partial) {
    response.headers.emplace_back(
        "Content-Range",
        "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1) + "/" + std::to_string(info->size));
  }
  if (parts_count > 0) response.headers.emplace_back("x-amz-mp-parts-count", std::to_string(parts_count));
  if (head) {
    response.headers.emplace_back("Content-Length", std::to_string(length));
    return response;
  }
  auto bytes = s3.store.read_object(request.bucket, request.key, first, length);
  if (!bytes) return error_reply(error_of(bytes.error(), request.bucket, request.key), false);
  response.body = std::move(*bytes);
  return response;
}

HttpResponse delete_object(S3Context& s3, const S3Request& request) {
  // DeleteObject takes If-Match only: a key that is not there fails it with NoSuchKey.
  if (auto refused = refused_write(s3, request, {request.header("If-Match"), {}})) return error_reply(*refused, false);
  if (auto deleted = s3.store.delete_object(request.bucket, request.key); !deleted) {
    return error_reply(error_of(deleted.error(), request.bucket, request.key), false);
  }
  return empty_reply(204);
}

HttpResponse delete_objects(S3Context& s3, const S3Request& request) {
  std::string decoded;
  auto body = read_upload(*request.http, decoded);
  if (!body) return error_reply(body.error(), false);
  if (request.header("Content-MD5").empty() && !body->checksum) {
    return error_reply({400, "InvalidRequest", "Missing required header for this request: Content-MD5", {}}, false);
  }
  auto document = parse_xml(body->bytes);
  if (!document || document->name != "Delete") return error_reply(malformed_xml(), false);
  const auto* quiet = document->child("Quiet");
  const bool is_quiet = quiet != nullptr && quiet->text == "true";
  std::vector<std::string> keys;
  for (const auto& object : document->children) {
    if (object.name != "Object") continue;
    const auto* key = object.child("Key");
    if (key == nullptr) return error_reply(malformed_xml(), false);
    keys.push_back(key->text);
  }
  if (keys.empty() || keys.size() > kMaxDeleteKeys) return error_reply(malformed_xml(), false);
  if (auto bucket = s3.store.bucket(request.bucket, s3.region); !bucket) {
    return error_reply(error_of(bucket.error(), request.bucket), false);
  }
  query::XmlWriter xml;
  xml.open("DeleteResult", kXmlns);
  for (const auto& key : keys) {
    if (auto deleted = s3.store.delete_object(request.bucket, key); !deleted) {
      const auto error = error_of(deleted.error(), request.bucket, key);
      xml.open("Error").leaf("Key", key).leaf("Code", error.code).leaf("Message", error.message).close();
    } else if (!is_quiet) {
      xml.open("Deleted").leaf("Key", key).close();
    }
  }
  return xml_reply(std::move(xml));
}

HttpResponse copy_object(S3Context& s3, const S3Request& request) {
  const auto source = copy_source(request.header("x-amz-copy-source"));
  if (!source) {
    return error_reply(
        {400,
         "InvalidArgument",
         "Invalid copy source object key",
         {{"ArgumentName", "x-amz-copy-source"}, {"ArgumentValue", std::string(request.header("x-amz-copy-source"))}}},
        false);
  }
  const auto& [from_bucket, from_key] = *source;
  auto original = s3.store.head_object(from_bucket, from_key);
  if (!original) return error_reply(error_of(original.error(), from_bucket, from_key), false);
  if (auto refused = refused_copy_source(request, *original)) return error_reply(*refused, false);
  const auto directive = request.header("x-amz-metadata-directive");
  if (!directive.empty() && directive != "COPY" && directive != "REPLACE") {
    return error_reply(invalid_argument("Unknown metadata directive.", "x-amz-metadata-directive", directive), false);
  }
  const bool replace = directive == "REPLACE";
  if (!replace && from_bucket == request.bucket && from_key == request.key) {
    return error_reply({400,
                        "InvalidRequest",
                        "This copy request is illegal because it is trying to copy an object to itself without "
                        "changing the object's metadata, storage class, website redirect location or encryption "
                        "attributes.",
                        {}},
                       false);
  }
  if (auto refused = refused_write(s3, request, write_conditions_of(request))) return error_reply(*refused, false);
  auto attributes = replace ? attributes_of(request) : original->attributes;
  if (attributes.checksum_type != "FULL_OBJECT") attributes.checksums.clear();  // a copy is one part
  auto copied = s3.store.copy_object(from_bucket, from_key, request.bucket, request.key, attributes);
  if (!copied) return error_reply(error_of(copied.error(), request.bucket, request.key), false);
  query::XmlWriter xml;
  xml.open("CopyObjectResult", kXmlns).leaf("LastModified", iso_time(copied->modified_ms));
  xml.leaf("ETag", quoted_etag(copied->etag));
  for (const auto& [name, value] : attributes.checksums) xml.leaf("Checksum" + name, value);
  return xml_reply(std::move(xml));
}

}  // namespace api::s3
