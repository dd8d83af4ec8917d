// The conditions of S3 writes and copies, checked against what the store holds now.
#include "api/s3/operations.h"

namespace api::s3 {

std::optional<S3Error> refused_write(S3Context& s3, const S3Request& request, const WriteConditions& conditions) {
  if (conditions.if_match.empty() && conditions.if_none_match.empty()) return std::nullopt;
  auto existing = s3.store.head_object(request.bucket, request.key);
  if (!existing && existing.error().failure != object_store::Failure::no_such_key) {
    return error_of(existing.error(), request.bucket, request.key);
  }
  return failed_write_condition(conditions, existing ? &*existing : nullptr, request.key);
}

std::optional<S3Error> refused_copy_source(const S3Request& request, const object_store::ObjectInfo& source) {
  const ReadConditions conditions{
      request.header("x-amz-copy-source-if-match"), request.header("x-amz-copy-source-if-none-match"),
      request.header("x-amz-copy-source-if-modified-since"), request.header("x-amz-copy-source-if-unmodified-since")};
  const auto failed = failed_read_condition(conditions, source.etag, source.modified_ms);
  if (!failed) return std::nullopt;
  return precondition_failed("x-amz-copy-source-" + std::string(header_of(*failed)));
}

}  // namespace api::s3
