#include "api/s3/s3_api.h"

#include "api/aws/credential_scope.h"
#include "api/checksums/digest.h"
#include "api/checksums/encoding.h"
#include "api/s3/operations.h"
#include "api/s3/post_form.h"

namespace api::s3 {

namespace {

using Operation = HttpResponse (*)(S3Context&, const S3Request&);

struct Route {
  std::string_view name;
  Operation run;
};

// Sub-resources of S3 this emulator does not serve (ACLs, tagging, versioning, ...).
constexpr std::string_view kNotServed[] = {
    "acl",         "tagging",        "policy",     "versioning",   "versions",          "cors",
    "lifecycle",   "website",        "encryption", "notification", "replication",       "logging",
    "object-lock", "retention",      "legal-hold", "attributes",   "ownershipControls", "publicAccessBlock",
    "accelerate",  "requestPayment", "analytics",  "inventory",    "metrics",           "intelligent-tiering",
    "restore",     "select",         "torrent",    "policyStatus"};

std::optional<Route> bucket_route(const S3Request& r) {
  const auto& method = r.http->method;
  if (method == "PUT") return Route{"CreateBucket", create_bucket};
  if (method == "HEAD") return Route{"HeadBucket", head_bucket};
  if (method == "DELETE") return Route{"DeleteBucket", delete_bucket};
  if (method == "POST" && r.has("delete")) return Route{"DeleteObjects", delete_objects};
  if (is_post_form(*r.http)) return Route{"PostObject", post_object};
  if (method != "GET") return std::nullopt;
  if (r.has("location")) return Route{"GetBucketLocation", get_bucket_location};
  if (r.has("uploads")) return Route{"ListMultipartUploads", list_multipart_uploads};
  return Route{r.param("list-type") == "2" ? "ListObjectsV2" : "ListObjects", list_objects};
}

std::optional<Route> object_route(const S3Request& r) {
  const auto& method = r.http->method;
  const bool upload = r.has("uploadId");
  if (method == "PUT" && upload)
    return Route{r.header("x-amz-copy-source").empty() ? "UploadPart" : "UploadPartCopy", upload_part};
  if (method == "PUT")
    return Route{r.header("x-amz-copy-source").empty() ? "PutObject" : "CopyObject",
                 r.header("x-amz-copy-source").empty() ? put_object : copy_object};
  if (method == "GET" && upload) return Route{"ListParts", list_parts};
  if (method == "GET") return Route{"GetObject", get_object};
  if (method == "HEAD") return Route{"HeadObject", get_object};
  if (method == "DELETE")
    return Route{upload ? "AbortMultipartUpload" : "DeleteObject", upload ? abort_multipart_upload : delete_object};
  if (method == "POST" && r.has("uploads")) return Route{"CreateMultipartUpload", create_multipart_upload};
  if (method == "POST" && upload) return Route{"CompleteMultipartUpload", complete_multipart_upload};
  return std::nullopt;
}

std::optional<Route> route_of(const S3Request& r) {
  for (std::string_view name : kNotServed) {
    if (r.has(name)) return Route{"NotServed", nullptr};
  }
  if (r.bucket.empty()) {
    if (r.http->method == "GET") return Route{"ListBuckets", list_buckets};
    return std::nullopt;
  }
  return r.key.empty() ? bucket_route(r) : object_route(r);
}

}  // namespace

S3Api::S3Api(object_store::ObjectStore& store, std::string region, IssuedAccounts issued)
    : store_(store),
      uploads_(store),
      region_(std::move(region)),
      owner_id_(checksums::hex(checksums::digest_of(checksums::Algorithm::sha256, "amt-emulator"))),
      issued_(std::move(issued)) {}

HttpResponse S3Api::handle(const server::HttpRequest& http) {
  auto request = parse_request(http);
  HttpResponse response;
  if (!request) {
    response = error_reply(request.error(), http.method == "HEAD");
  } else if (auto route = route_of(*request); !route) {
    response = error_reply({405,
                            "MethodNotAllowed",
                            "The specified method is not allowed against this resource.",
                            {{"Method", http.method}, {"ResourceType", request->key.empty() ? "BUCKET" : "OBJECT"}}},
                           request->head());
  } else if (route->run == nullptr) {
    response =
        error_reply({501, "NotImplemented", "A header you provided implies functionality that is not implemented", {}},
                    request->head());
  } else {
    S3Context context{store_, uploads_, region_, owner_id_, aws::account_of(caller_access_key(*request), issued_)};
    response = route->run(context, *request);
  }
  add_request_ids(response);
  return response;
}

HttpResponse S3Api::too_large(const server::HttpRequest& request) {
  auto response = error_reply({400,
                               "EntityTooLarge",
                               "Your proposed upload exceeds the maximum allowed size",
                               {{"MaxSizeAllowed", std::to_string(kMaxBodyBytes)}}},
                              request.method == "HEAD");
  add_request_ids(response);
  return response;
}

std::string_view S3Api::operation_of(const server::HttpRequest& http) {
  auto request = parse_request(http);
  if (!request) return "unknown";
  auto route = route_of(*request);
  return route && route->run != nullptr ? route->name : "unknown";
}

}  // namespace api::s3
