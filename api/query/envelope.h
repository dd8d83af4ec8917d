#pragma once

#include <string_view>

#include "api/server/http_types.h"

namespace api::query {

inline constexpr std::string_view kXmlContentType = "text/xml";

// 200, text/xml: <{Op}Response xmlns="{xmlns}"><{Op}Result>{result}</{Op}Result>
// <ResponseMetadata><RequestId>id</RequestId></ResponseMetadata></{Op}Response>, where `result`
// is markup an XmlWriter built. The same request id goes in x-amzn-RequestId (botocore reads
// the body's, wire-protocols.md §4.3).
server::HttpResponse success(std::string_view xmlns, std::string_view operation, std::string_view result);
// The same for an operation the model gives no output: no <{Op}Result> element at all.
server::HttpResponse success_without_result(std::string_view xmlns, std::string_view operation);

// `status`, text/xml: <ErrorResponse xmlns="{xmlns}"><Error><Type>Sender</Type><Code>{code}</Code>
// <Message>{message}</Message></Error><RequestId>id</RequestId></ErrorResponse>. The type is
// Receiver for a 5xx (the server's fault), else Sender. An empty `xmlns` leaves the attribute
// out, for a request whose service is not known (botocore ignores namespaces).
server::HttpResponse failure(std::string_view xmlns, std::string_view code, std::string_view message, int status = 400);

}  // namespace api::query
