#pragma once

#include <string>

#include "api/server/http_types.h"

namespace api::auth {

// S3's presigned SigV2 URL (?AWSAccessKeyId=…&Expires=…&Signature=…, boto3's default presign in
// classic regions, wire-protocols.md §2.4): the string the client signed,
// "METHOD\nContent-MD5\nContent-Type\nExpires\n<x-amz-* headers><path>[?subresources]".
std::string sigv2_string_to_sign(const server::HttpRequest& request, std::string_view expires);
// Base64 HMAC-SHA1(secret, string to sign).
std::string sigv2_signature(std::string_view secret, std::string_view string_to_sign);

}  // namespace api::auth
