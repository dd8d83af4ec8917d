#include "api/s3/s3_replies.h"

#include <algorithm>
#include <ctime>
#include <random>

#include "api/server/request_id.h"

namespace api::s3 {

using object_store::Failure;

namespace {

std::string random_text(std::string_view alphabet, std::size_t length) {
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string out;
  for (std::size_t i = 0; i < length; ++i) out += alphabet[pick(server::unpredictable_random())];
  return out;
}

std::string formatted(std::int64_t epoch_ms, const char* format) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, format, &utc);
  return text;
}

}  // namespace

server::HttpResponse xml_reply(query::XmlWriter&& xml, int status) {
  server::HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/xml");
  response.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + std::move(xml).finish();
  return response;
}

server::HttpResponse empty_reply(int status) {
  server::HttpResponse response;
  response.status = status;
  return response;
}

namespace {

struct RequestIds {
  std::string request_id;
  std::string host_id;
};

RequestIds new_request_ids() {
  return {random_text("0123456789ABCDEF", 16),
          random_text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 76)};
}

void add_headers(server::HttpResponse& response, const RequestIds& ids) {
  response.headers.emplace_back("x-amz-request-id", ids.request_id);
  response.headers.emplace_back("x-amz-id-2", ids.host_id);
}

}  // namespace

// The ids are made here, for the body and the headers alike: add_request_ids then keeps them.
server::HttpResponse error_reply(const S3Error& error, bool head) {
  const auto ids = new_request_ids();
  auto response = empty_reply(error.status);
  if (!head) {
    query::XmlWriter xml;
    xml.open("Error").leaf("Code", error.code).leaf("Message", error.message);
    for (const auto& [name, value] : error.details) xml.leaf(name, value);
    xml.leaf("RequestId", ids.request_id).leaf("HostId", ids.host_id);
    response = xml_reply(std::move(xml), error.status);
  }
  add_headers(response, ids);
  return response;
}

void add_request_ids(server::HttpResponse& response) {
  const bool has_ids = std::any_of(response.headers.begin(), response.headers.end(),
                                   [](const auto& h) { return server::iequals(h.first, "x-amz-request-id"); });
  if (has_ids) return;
  add_headers(response, new_request_ids());
}

S3Error no_such_bucket(std::string_view bucket) {
  return {404, "NoSuchBucket", "The specified bucket does not exist", {{"BucketName", std::string(bucket)}}};
}

S3Error malformed_xml() {
  return {400,
          "MalformedXML",
          "The XML you provided was not well-formed or did not validate against our published schema",
          {}};
}

S3Error invalid_argument(std::string message, std::string_view name, std::string_view value) {
  return {400,
          "InvalidArgument",
          std::move(message),
          {{"ArgumentName", std::string(name)}, {"ArgumentValue", std::string(value)}}};
}

S3Error error_of(const object_store::StoreError& failure, std::string_view bucket, std::string_view key) {
  const std::string b(bucket);
  const std::string k(key);
  switch (failure.failure) {
    case Failure::invalid_bucket_name:
      return {400, "InvalidBucketName", "The specified bucket is not valid.", {{"BucketName", b}}};
    case Failure::no_such_bucket: return no_such_bucket(bucket);
    case Failure::bucket_already_exists: return {409, "BucketAlreadyOwnedByYou", failure.message, {{"BucketName", b}}};
    case Failure::bucket_name_taken: return {409, "BucketAlreadyExists", failure.message, {{"BucketName", b}}};
    case Failure::bucket_not_empty: return {409, "BucketNotEmpty", failure.message, {{"BucketName", b}}};
    case Failure::no_such_key: return {404, "NoSuchKey", failure.message, {{"Key", k}}};
    case Failure::unstorable_key:
      // S3 would store it; a folder cannot. Said plainly, as a client error.
      return {400, "InvalidArgument", "amt-emulator: " + failure.message, {{"Key", k}}};
    case Failure::no_such_upload: return {404, "NoSuchUpload", failure.message, {}};
    case Failure::invalid_part: return {400, "InvalidPart", failure.message, {}};
    case Failure::invalid_part_order: return {400, "InvalidPartOrder", failure.message, {}};
    case Failure::entity_too_small: return {400, "EntityTooSmall", failure.message, {}};
    case Failure::io: break;
  }
  return {500, "InternalError", "We encountered an internal error. Please try again. (" + failure.message + ")", {}};
}

std::string iso_time(std::int64_t epoch_ms) {
  const auto millis = std::to_string(1000 + epoch_ms % 1000).substr(1);
  return formatted(epoch_ms, "%Y-%m-%dT%H:%M:%S.") + millis + "Z";
}

std::string http_date(std::int64_t epoch_ms) { return formatted(epoch_ms, "%a, %d %b %Y %H:%M:%S GMT"); }

std::string quoted_etag(std::string_view etag) { return "\"" + std::string(etag) + "\""; }

}  // namespace api::s3
