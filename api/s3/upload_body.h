#pragma once

#include <optional>
#include <string>

#include "api/checksums/digest.h"
#include "api/s3/s3_replies.h"
#include "api/server/http_types.h"
#include "capacity_model/result.h"

namespace api::s3 {

struct ChecksumValue {
  checksums::Algorithm algorithm;
  std::string base64;
};

struct UploadBody {
  std::string_view bytes;                 // what the object holds: the request body or `decoded`
  std::optional<ChecksumValue> checksum;  // verified, from a header or a trailer
};

// The object bytes of a request body (PutObject, UploadPart, DeleteObjects), every integrity
// check S3 makes done (wire-protocols.md §7.6, §7.7): aws-chunked undone into `decoded` (with
// or without signatures and trailers) and its decoded length checked, the flexible checksum
// verified over the decoded bytes, then Content-MD5 and a hex x-amz-content-sha256. A plain
// body is not copied.
capacity_model::Result<UploadBody, S3Error> read_upload(const server::HttpRequest& request, std::string& decoded);

}  // namespace api::s3
