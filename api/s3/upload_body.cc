#include "api/s3/upload_body.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "api/checksums/encoding.h"
#include "api/s3/aws_chunked.h"

namespace api::s3 {

using checksums::Algorithm;

namespace {

constexpr Algorithm kFlexible[] = {Algorithm::crc32, Algorithm::crc32c, Algorithm::crc64nvme, Algorithm::sha1,
                                   Algorithm::sha256};

bool is_aws_chunked(const server::HttpRequest& request) {
  const auto sha = request.header("x-amz-content-sha256");
  if (sha.starts_with("STREAMING-")) return true;
  std::string coding(request.header("Content-Encoding"));
  std::transform(coding.begin(), coding.end(), coding.begin(), [](unsigned char c) { return std::tolower(c); });
  return coding.find("aws-chunked") != std::string::npos;
}

std::size_t digest_size(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::crc32:
    case Algorithm::crc32c: return 4;
    case Algorithm::crc64nvme: return 8;
    case Algorithm::sha1: return 20;
    default: return 32;
  }
}

// The one flexible checksum a request carries, from its headers or its trailers.
capacity_model::Result<std::optional<ChecksumValue>, S3Error> sent_checksum(
    const server::HttpRequest& request, const std::vector<std::pair<std::string, std::string>>& trailers) {
  std::optional<ChecksumValue> found;
  for (Algorithm algorithm : kFlexible) {
    const std::string name = checksums::header_of(algorithm);
    std::string value(request.header(name));
    for (const auto& [trailer, trailer_value] : trailers) {
      if (trailer == name) value = trailer_value;
    }
    if (value.empty()) continue;
    if (found) {
      return S3Error{400,
                     "InvalidRequest",
                     "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                     {}};
    }
    const auto raw = checksums::from_base64(value);
    if (!raw || raw->size() != digest_size(algorithm)) {
      return S3Error{400, "InvalidRequest", "Value for " + name + " header is invalid.", {}};
    }
    found = ChecksumValue{algorithm, value};
  }
  return found;
}

std::optional<S3Error> check_content_md5(const server::HttpRequest& request, std::string_view bytes) {
  const auto sent = request.header("Content-MD5");
  if (sent.empty()) return std::nullopt;
  const auto raw = checksums::from_base64(sent);
  if (!raw || raw->size() != 16) {
    return S3Error{
        400, "InvalidDigest", "The Content-MD5 you specified was invalid.", {{"Content-MD5", std::string(sent)}}};
  }
  if (*raw != checksums::digest_of(Algorithm::md5, bytes)) {
    return S3Error{400,
                   "BadDigest",
                   "The Content-MD5 you specified did not match what we received.",
                   {{"ExpectedDigest", std::string(sent)}}};
  }
  return std::nullopt;
}

std::optional<S3Error> check_content_sha256(const server::HttpRequest& request, std::string_view bytes) {
  const auto sent = request.header("x-amz-content-sha256");
  if (sent.size() != 64 || !checksums::from_hex(sent)) return std::nullopt;  // UNSIGNED-PAYLOAD, STREAMING-...
  const std::string computed = checksums::hex(checksums::digest_of(Algorithm::sha256, bytes));
  std::string lowered(sent);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lowered == computed) return std::nullopt;
  return S3Error{400,
                 "XAmzContentSHA256Mismatch",
                 "The provided 'x-amz-content-sha256' header does not match what was computed.",
                 {{"ClientComputedContentSHA256", std::string(sent)}, {"S3ComputedContentSHA256", computed}}};
}

}  // namespace

capacity_model::Result<UploadBody, S3Error> read_upload(const server::HttpRequest& request, std::string& decoded) {
  UploadBody upload;
  std::vector<std::pair<std::string, std::string>> trailers;
  if (is_aws_chunked(request)) {
    auto chunks = decode_aws_chunked(request.body);
    if (!chunks) return S3Error{400, "IncompleteBody", "amt-emulator cannot read the body: " + chunks.error(), {}};
    decoded = std::move(chunks->bytes);
    upload.bytes = decoded;
    trailers = std::move(chunks->trailers);
    const auto declared = request.header("x-amz-decoded-content-length");
    if (!declared.empty() && declared != std::to_string(upload.bytes.size())) {
      return S3Error{400,
                     "IncompleteBody",
                     "You did not provide the number of bytes specified by the Content-Length HTTP header",
                     {}};
    }
  } else {
    upload.bytes = request.body;
  }
  auto checksum = sent_checksum(request, trailers);
  if (!checksum) return checksum.error();
  if (*checksum) {
    const auto& [algorithm, value] = **checksum;
    if (checksums::base64(checksums::digest_of(algorithm, upload.bytes)) != value) {
      return S3Error{
          400,
          "BadDigest",
          "The " + std::string(checksums::name_of(algorithm)) + " you specified did not match the calculated checksum.",
          {}};
    }
    upload.checksum = **checksum;
  }
  if (auto bad = check_content_md5(request, upload.bytes)) return *bad;
  if (auto bad = check_content_sha256(request, upload.bytes)) return *bad;
  return upload;
}

}  // namespace api::s3
