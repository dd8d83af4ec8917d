// Multipart uploads: Create, UploadPart (and UploadPartCopy), Complete, Abort, ListParts,
// ListMultipartUploads.
#include <charconv>

#include "api/checksums/digest.h"
#include "api/checksums/encoding.h"
#include "api/s3/byte_range.h"
#include "api/s3/listing.h"
#include "api/s3/object_headers.h"
#include "api/s3/operations.h"
#include "api/s3/upload_body.h"
#include "api/s3/upload_listing.h"
#include "api/s3/xml_reader.h"
#include "api/server/request_id.h"

namespace api::s3 {

namespace {

constexpr int kMaxPartNumber = 10000;

std::optional<int> small_number(std::string_view text, int low, int high) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return std::nullopt;
  }
  return value;
}

std::string new_upload_id() {
  std::string bytes(24, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(server::unpredictable_random()() & 0xFF);
  return checksums::hex(bytes);
}

void add_owner(query::XmlWriter& xml, const S3Context& s3, std::string_view element) {
  xml.open(element).leaf("ID", s3.owner_id).leaf("DisplayName", "amt-emulator").close();
}

// UploadPartCopy's bytes: the whole source or x-amz-copy-source-range.
capacity_model::Result<std::string, S3Error> copied_part(S3Context& s3, const S3Request& request) {
  std::string_view header = request.header("x-amz-copy-source");
  header = header.substr(0, header.find('?'));
  if (!header.empty() && header.front() == '/') header.remove_prefix(1);
  const auto decoded = percent_decode(header);
  const auto slash = decoded ? decoded->find('/') : std::string::npos;
  if (slash == std::string::npos) {
    return invalid_argument("Invalid copy source object key", "x-amz-copy-source", request.header("x-amz-copy-source"));
  }
  const std::string bucket = decoded->substr(0, slash);
  const std::string key = decoded->substr(slash + 1);
  auto info = s3.store.head_object(bucket, key);
  if (!info) return error_of(info.error(), bucket, key);
  if (auto refused = refused_copy_source(request, *info)) return *refused;
  const auto range_header = request.header("x-amz-copy-source-range");
  const auto range = resolve_range(range_header, info->size);
  if (!range_header.empty() && range.kind != RangeRequest::Kind::partial) {
    return S3Error{400,
                   "InvalidArgument",
                   "The x-amz-copy-source-range value must be of the form bytes=first-last "
                   "where first and last are the zero-based offsets of the first and last bytes to copy",
                   {}};
  }
  const bool partial = range.kind == RangeRequest::Kind::partial;
  auto bytes =
      s3.store.read_object(bucket, key, partial ? range.first : 0, partial ? range.last - range.first + 1 : info->size);
  if (!bytes) return error_of(bytes.error(), bucket, key);
  return std::move(*bytes);
}

}  // namespace

capacity_model::Result<int, S3Error> part_number_of(const S3Request& request) {
  const auto given = request.param("partNumber").value_or("");
  if (const auto number = small_number(given, 1, kMaxPartNumber)) return *number;
  return invalid_argument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", given);
}

HttpResponse create_multipart_upload(S3Context& s3, const S3Request& request) {
  std::string algorithm;
  if (auto named = request.header("x-amz-checksum-algorithm"); !named.empty()) {
    auto parsed = checksums::parse_algorithm(named);
    if (!parsed)
      return error_reply(invalid_argument("Checksum algorithm provided is unsupported. Please try again with any of "
                                          "the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]",
                                          "x-amz-checksum-algorithm", named),
                         false);
    algorithm = std::string(checksums::name_of(*parsed));
  }
  auto upload = s3.uploads.create(request.bucket, request.key, new_upload_id(), attributes_of(request), algorithm);
  if (!upload) return error_reply(error_of(upload.error(), request.bucket, request.key), false);
  query::XmlWriter xml;
  xml.open("InitiateMultipartUploadResult", kXmlns).leaf("Bucket", request.bucket).leaf("Key", request.key);
  xml.leaf("UploadId", upload->id);
  auto response = xml_reply(std::move(xml));
  if (!algorithm.empty()) {
    response.headers.emplace_back("x-amz-checksum-algorithm", algorithm);
    response.headers.emplace_back("x-amz-checksum-type", "COMPOSITE");
  }
  return response;
}

HttpResponse upload_part(S3Context& s3, const S3Request& request) {
  const auto number = part_number_of(request);
  if (!number) return error_reply(number.error(), false);
  const std::string id = request.param("uploadId").value_or("");
  auto upload = s3.uploads.find(request.bucket, request.key, id);
  if (!upload) return error_reply(error_of(upload.error(), request.bucket, request.key), false);
  std::string decoded;
  std::string_view bytes;
  std::optional<ChecksumValue> checksum;
  const bool copy = !request.header("x-amz-copy-source").empty();
  if (copy) {
    auto copied = copied_part(s3, request);
    if (!copied) return error_reply(copied.error(), false);
    decoded = std::move(*copied);
    bytes = decoded;
  } else {
    auto body = read_upload(*request.http, decoded);
    if (!body) return error_reply(body.error(), false);
    bytes = body->bytes;
    checksum = body->checksum;
  }
  // A part keeps the checksum of the upload's algorithm, which the composite checksum needs.
  std::string kept;
  if (checksum && checksums::name_of(checksum->algorithm) == upload->checksum_algorithm) kept = checksum->base64;
  if (kept.empty() && !upload->checksum_algorithm.empty()) {
    kept = checksums::base64(checksums::digest_of(*checksums::parse_algorithm(upload->checksum_algorithm), bytes));
  }
  auto part = s3.uploads.put_part(request.bucket, request.key, id, *number, bytes, kept);
  if (!part) return error_reply(error_of(part.error(), request.bucket, request.key), false);
  if (copy) {
    query::XmlWriter xml;
    xml.open("CopyPartResult", kXmlns)
        .leaf("LastModified", iso_time(part->modified_ms))
        .leaf("ETag", quoted_etag(part->etag));
    return xml_reply(std::move(xml));
  }
  auto response = empty_reply();
  response.headers.emplace_back("ETag", quoted_etag(part->etag));
  if (checksum) response.headers.emplace_back(checksums::header_of(checksum->algorithm), checksum->base64);
  return response;
}

HttpResponse complete_multipart_upload(S3Context& s3, const S3Request& request) {
  const std::string id = request.param("uploadId").value_or("");
  if (auto upload = s3.uploads.find(request.bucket, request.key, id); !upload) {
    return error_reply(error_of(upload.error(), request.bucket, request.key), false);
  }
  auto document = parse_xml(request.http->body);
  if (!document || document->name != "CompleteMultipartUpload") return error_reply(malformed_xml(), false);
  std::vector<object_store::RequestedPart> parts;
  for (const auto& part : document->children) {
    if (part.name != "Part") continue;
    const auto* number = part.child("PartNumber");
    const auto* etag = part.child("ETag");
    const auto parsed = number ? small_number(number->text, 1, kMaxPartNumber) : std::nullopt;
    if (!parsed || etag == nullptr) return error_reply(malformed_xml(), false);
    parts.push_back({*parsed, etag->text});
  }
  if (parts.empty()) return error_reply(malformed_xml(), false);
  // A failed condition leaves the upload as it was, to be completed without it or aborted.
  if (auto refused = refused_write(s3, request, {request.header("If-Match"), request.header("If-None-Match")})) {
    return error_reply(*refused, false);
  }
  auto made = s3.uploads.complete(request.bucket, request.key, id, parts);
  if (!made) return error_reply(error_of(made.error(), request.bucket, request.key), false);
  query::XmlWriter xml;
  xml.open("CompleteMultipartUploadResult", kXmlns);
  xml.leaf("Location", "/" + request.bucket + "/" + request.key).leaf("Bucket", request.bucket);
  xml.leaf("Key", request.key).leaf("ETag", quoted_etag(made->etag));
  for (const auto& [name, value] : made->attributes.checksums) xml.leaf("Checksum" + name, value);
  if (!made->attributes.checksum_type.empty()) xml.leaf("ChecksumType", made->attributes.checksum_type);
  return xml_reply(std::move(xml));
}

HttpResponse abort_multipart_upload(S3Context& s3, const S3Request& request) {
  const std::string id = request.param("uploadId").value_or("");
  if (auto aborted = s3.uploads.abort(request.bucket, request.key, id); !aborted) {
    auto error = error_of(aborted.error(), request.bucket, request.key);
    if (error.code == "NoSuchUpload") error.details.emplace_back("UploadId", id);
    return error_reply(error, false);
  }
  return empty_reply(204);
}

HttpResponse list_parts(S3Context& s3, const S3Request& request) {
  const std::string id = request.param("uploadId").value_or("");
  auto upload = s3.uploads.find(request.bucket, request.key, id);
  if (!upload) return error_reply(error_of(upload.error(), request.bucket, request.key), false);
  auto parts = s3.uploads.parts(request.bucket, request.key, id);
  if (!parts) return error_reply(error_of(parts.error(), request.bucket, request.key), false);
  const int max_parts = small_number(request.param("max-parts").value_or("1000"), 0, 1 << 30).value_or(1000);
  const int marker = small_number(request.param("part-number-marker").value_or("0"), 0, kMaxPartNumber).value_or(0);
  query::XmlWriter xml;
  xml.open("ListPartsResult", kXmlns).leaf("Bucket", request.bucket).leaf("Key", request.key).leaf("UploadId", id);
  add_owner(xml, s3, "Initiator");
  add_owner(xml, s3, "Owner");
  xml.leaf("StorageClass", "STANDARD").leaf("PartNumberMarker", std::to_string(marker));
  query::XmlWriter listed;
  int count = 0;
  int last = 0;
  bool truncated = false;
  for (const auto& part : *parts) {
    if (part.number <= marker) continue;
    if (count == std::min(max_parts, 1000)) {
      truncated = true;
      break;
    }
    listed.open("Part")
        .leaf("PartNumber", std::to_string(part.number))
        .leaf("LastModified", iso_time(part.modified_ms));
    listed.leaf("ETag", quoted_etag(part.etag)).leaf("Size", std::to_string(part.size));
    if (!part.checksum.empty()) listed.leaf("Checksum" + upload->checksum_algorithm, part.checksum);
    listed.close();
    last = part.number;
    ++count;
  }
  xml.leaf("NextPartNumberMarker", std::to_string(last)).leaf("MaxParts", std::to_string(max_parts));
  xml.leaf("IsTruncated", truncated ? "true" : "false");
  if (!upload->checksum_algorithm.empty()) xml.leaf("ChecksumAlgorithm", upload->checksum_algorithm);
  xml.raw(std::move(listed).finish());
  return xml_reply(std::move(xml));
}

HttpResponse list_multipart_uploads(S3Context& s3, const S3Request& request) {
  auto uploads = s3.uploads.list(request.bucket);
  if (!uploads) return error_reply(error_of(uploads.error(), request.bucket), false);
  const auto encoding = request.param("encoding-type");
  if (encoding && *encoding != "url") {
    return error_reply(invalid_argument("Invalid Encoding Method specified in Request", "encoding-type", *encoding),
                       false);
  }
  const auto name = [&](const std::string& text) { return encoding ? url_encode(text) : text; };
  UploadListQuery query{
      request.param("prefix").value_or(""), request.param("delimiter").value_or(""),
      request.param("key-marker").value_or(""), request.param("upload-id-marker").value_or(""),
      static_cast<std::size_t>(small_number(request.param("max-uploads").value_or("1000"), 1, 1000).value_or(1000))};
  std::vector<UploadRef> refs;
  for (const auto& upload : *uploads) refs.push_back({upload.key, upload.id});
  const UploadPage page = upload_page(refs, query);
  query::XmlWriter xml;
  xml.open("ListMultipartUploadsResult", kXmlns).leaf("Bucket", request.bucket);
  xml.leaf("KeyMarker", name(query.key_marker)).leaf("UploadIdMarker", query.upload_id_marker);
  xml.leaf("NextKeyMarker", name(page.next_key_marker)).leaf("NextUploadIdMarker", page.next_upload_id_marker);
  if (!query.delimiter.empty()) xml.leaf("Delimiter", name(query.delimiter));
  xml.leaf("Prefix", name(query.prefix)).leaf("MaxUploads", std::to_string(query.max_uploads));
  xml.leaf("IsTruncated", page.truncated ? "true" : "false");
  for (const std::size_t index : page.uploads) {
    const auto& upload = (*uploads)[index];
    xml.open("Upload").leaf("Key", name(upload.key)).leaf("UploadId", upload.id);
    add_owner(xml, s3, "Initiator");
    add_owner(xml, s3, "Owner");
    xml.leaf("StorageClass", "STANDARD").leaf("Initiated", iso_time(upload.initiated_ms)).close();
  }
  for (const auto& prefix : page.common_prefixes) xml.open("CommonPrefixes").leaf("Prefix", name(prefix)).close();
  if (encoding) xml.leaf("EncodingType", "url");
  return xml_reply(std::move(xml));
}

}  // namespace api::s3
