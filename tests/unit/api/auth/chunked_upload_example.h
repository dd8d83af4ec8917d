#pragma once

// AWS's example of an upload signed chunk by chunk ("Signature Calculations for the
// Authorization Header: Transferring Payload in Multiple Chunks"), reproduced in
// wire-protocols.md §7.7: PUT /examplebucket/chunkObject.txt, 65536 + 1024 bytes of 'a'.

#include <chrono>
#include <string>
#include <string_view>

#include "api/auth/signing.h"
#include "api/server/http_types.h"

namespace api::auth::testing::chunked {

inline constexpr std::string_view kKey = "AKIAIOSFODNN7EXAMPLE";
inline constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
inline constexpr std::string_view kDate = "20130524T000000Z";
inline const Scope kScope{"20130524", "us-east-1", "s3"};
inline const std::chrono::sys_seconds kSignedAt{std::chrono::seconds(1369353600)};  // kDate

inline constexpr std::string_view kSeed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
inline constexpr std::string_view kFirst = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
inline constexpr std::string_view kSecond = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
inline constexpr std::string_view kFinal = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

inline std::string chunk(std::string_view data, std::string_view signature) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string size;
  for (auto n = data.size(); size.empty() || n != 0; n /= 16) size.insert(size.begin(), kHex[n % 16]);
  return size + ";chunk-signature=" + std::string(signature) + "\r\n" + std::string(data) + "\r\n";
}

// The example's 66824-byte body: two chunks of data, then the signed final chunk.
inline std::string body() {
  return chunk(std::string(65536, 'a'), kFirst) + chunk(std::string(1024, 'a'), kSecond) + chunk("", kFinal);
}

inline server::HttpRequest request(std::string body_bytes = body()) {
  return {"PUT",
          "/examplebucket/chunkObject.txt",
          {{"Host", "s3.amazonaws.com"},
           {"x-amz-date", std::string(kDate)},
           {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
           {"Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
            "x-amz-decoded-content-length;x-amz-storage-class,Signature=" +
                std::string(kSeed)},
           {"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"},
           {"Content-Encoding", "aws-chunked"},
           {"x-amz-decoded-content-length", "66560"},
           {"Content-Length", "66824"}},
          std::move(body_bytes)};
}

}  // namespace api::auth::testing::chunked
