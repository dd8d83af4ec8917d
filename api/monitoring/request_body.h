#pragma once

#include <string>

#include "api/monitoring/failure.h"
#include "api/server/http_types.h"
#include "capacity_model/result.h"

namespace api::monitoring {

// Above this a decompressed body is refused: CloudWatch takes at most 1 MB per PutMetricData,
// and a small gzip body can inflate without bound.
inline constexpr std::size_t kMaxBodyBytes = 4 * 1024 * 1024;

// The request body as sent, or inflated when `Content-Encoding: gzip`: botocore compresses
// PutMetricData bodies over 10 KiB (the model's requestcompression trait) in every protocol.
// Another encoding, or gzip that does not inflate, is InvalidParameterValue.
capacity_model::Result<std::string, Failure> request_body(const server::HttpRequest& request);

}  // namespace api::monitoring
