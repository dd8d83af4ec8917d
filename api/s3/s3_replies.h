#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/object_store/object_info.h"
#include "api/query/xml_writer.h"
#include "api/server/http_types.h"

namespace api::s3 {

inline constexpr std::string_view kXmlns = "http://s3.amazonaws.com/doc/2006-03-01/";

// An S3 error (wire-protocols.md §7.9): status, code, message and the extra elements S3 adds
// (BucketName, Key, UploadId, ...).
struct S3Error {
  int status = 400;
  std::string code;
  std::string message;
  std::vector<std::pair<std::string, std::string>> details;
};

// <?xml ...?><Error><Code/><Message/>details<RequestId/><HostId/></Error>, application/xml,
// with the same ids in x-amz-request-id and x-amz-id-2. The root has no xmlns, or botocore
// reads an empty Code. A HEAD answer has no body.
server::HttpResponse error_reply(const S3Error& error, bool head);

// S3's answer to a store failure about `bucket` and `key`.
S3Error error_of(const object_store::StoreError& failure, std::string_view bucket, std::string_view key = {});
S3Error no_such_bucket(std::string_view bucket);
S3Error malformed_xml();
S3Error invalid_argument(std::string message, std::string_view name, std::string_view value);

// 200 (or `status`), application/xml, the prolog then the markup `xml` built.
server::HttpResponse xml_reply(query::XmlWriter&& xml, int status = 200);
// A reply with no body (PutObject, DeleteObject's 204, ...).
server::HttpResponse empty_reply(int status = 200);

// x-amz-request-id and x-amz-id-2, which botocore reads as RequestId and HostId; an error
// reply keeps the ids its body carries.
void add_request_ids(server::HttpResponse& response);

// "2024-01-02T03:04:05.000Z" for XML; "Tue, 02 Jan 2024 03:04:05 GMT" for headers.
std::string iso_time(std::int64_t epoch_ms);
std::string http_date(std::int64_t epoch_ms);
// A quoted ETag as S3 shows it, in headers and XML alike.
std::string quoted_etag(std::string_view etag);

}  // namespace api::s3
