#pragma once

// Internal to api/s3: the operations S3Api dispatches to, grouped by concept in
// bucket_operations.cc, object_operations.cc, listing_operations.cc and multipart_operations.cc.

#include <optional>
#include <string>

#include "api/object_store/multipart_uploads.h"
#include "api/object_store/object_store.h"
#include "api/s3/preconditions.h"
#include "api/s3/s3_request.h"
#include "api/server/http_types.h"

namespace api::s3 {

struct S3Context {
  object_store::ObjectStore& store;
  object_store::MultipartUploads& uploads;
  std::string region;    // of buckets made without a LocationConstraint by unsigned clients
  std::string owner_id;  // the canonical user id shown as Owner
  std::string account;   // the caller's, from its access key (README "Accounts and regions")
};

using server::HttpResponse;

// The error when a write's If-Match / If-None-Match do not hold for what the key holds now
// (conditional_requests.cc); nothing is written or deleted then.
std::optional<S3Error> refused_write(S3Context& s3, const S3Request& request, const WriteConditions& conditions);
// The partNumber parameter (UploadPart, GetObject, HeadObject): 1 to 10000, else InvalidArgument.
capacity_model::Result<int, S3Error> part_number_of(const S3Request& request);
// The error when x-amz-copy-source-if-* do not hold for a copy's source (always 412).
std::optional<S3Error> refused_copy_source(const S3Request& request, const object_store::ObjectInfo& source);

HttpResponse list_buckets(S3Context& s3, const S3Request& request);
HttpResponse create_bucket(S3Context& s3, const S3Request& request);
HttpResponse head_bucket(S3Context& s3, const S3Request& request);
HttpResponse delete_bucket(S3Context& s3, const S3Request& request);
HttpResponse get_bucket_location(S3Context& s3, const S3Request& request);

HttpResponse put_object(S3Context& s3, const S3Request& request);
HttpResponse get_object(S3Context& s3, const S3Request& request);  // GET and HEAD
HttpResponse delete_object(S3Context& s3, const S3Request& request);
HttpResponse delete_objects(S3Context& s3, const S3Request& request);
HttpResponse copy_object(S3Context& s3, const S3Request& request);
HttpResponse post_object(S3Context& s3, const S3Request& request);  // an HTML form upload (post_object.cc)

HttpResponse list_objects(S3Context& s3, const S3Request& request);  // v1 and v2 (list-type=2)

HttpResponse create_multipart_upload(S3Context& s3, const S3Request& request);
HttpResponse upload_part(S3Context& s3, const S3Request& request);  // and UploadPartCopy
HttpResponse complete_multipart_upload(S3Context& s3, const S3Request& request);
HttpResponse abort_multipart_upload(S3Context& s3, const S3Request& request);
HttpResponse list_parts(S3Context& s3, const S3Request& request);
HttpResponse list_multipart_uploads(S3Context& s3, const S3Request& request);

}  // namespace api::s3
