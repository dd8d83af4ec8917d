#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/object_store/object_info.h"
#include "api/s3/s3_request.h"
#include "api/s3/upload_body.h"
#include "api/server/http_types.h"

namespace api::s3 {

// Content-Type and x-amz-meta-* of a request (names lower-cased, as S3 returns them).
object_store::ObjectAttributes attributes_of(const S3Request& request);
// With the verified checksum of the body, FULL_OBJECT.
void add_checksum(object_store::ObjectAttributes& attributes, const std::optional<ChecksumValue>& checksum);

// GetObject's and HeadObject's headers: ETag, Last-Modified, Content-Type, x-amz-meta-*,
// Accept-Ranges and, when asked (x-amz-checksum-mode: ENABLED) for the whole object, the checksum.
void add_object_headers(server::HttpResponse& response, const object_store::ObjectInfo& info, bool with_checksum);
// x-amz-checksum-<alg> and x-amz-checksum-type of a stored or verified checksum.
void add_checksum_headers(server::HttpResponse& response, const object_store::ObjectAttributes& attributes);

}  // namespace api::s3
