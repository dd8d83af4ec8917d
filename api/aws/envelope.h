#pragma once

#include <string>
#include <string_view>

#include "api/server/http_types.h"
#include "emulator/model/errors.h"

namespace api::aws {

inline constexpr std::string_view kJsonContentType = "application/x-amz-json-1.1";
inline constexpr std::string_view kJson10ContentType = "application/x-amz-json-1.0";  // CloudWatch's JSON

// Any AWS answer: the status, the body, its Content-Type and a fresh x-amzn-RequestId.
server::HttpResponse respond(int status, std::string body, std::string_view content_type);
// 200 with an AWS JSON 1.1 body (empty for operations whose output the model leaves out).
server::HttpResponse success(std::string body);
// 4xx/5xx with {"__type": code, "message": text} and the same code in x-amzn-ErrorType.
server::HttpResponse failure(std::string_view code, std::string_view message, int status = 400,
                             std::string_view content_type = kJsonContentType);
server::HttpResponse failure(const emulator::Error& error);

}  // namespace api::aws
