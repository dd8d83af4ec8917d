#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "api/object_store/object_info.h"
#include "api/s3/s3_replies.h"

namespace api::s3 {

// Whether an If-Match / If-None-Match value names the stored ETag: quotes optional, "*"
// matches any object.
bool etag_matches(std::string_view condition, std::string_view etag);

// The four conditions on reading an object (GetObject, HeadObject; CopyObject and
// UploadPartCopy on their source as x-amz-copy-source-if-*). Empty: not sent.
struct ReadConditions {
  std::string_view if_match{};
  std::string_view if_none_match{};
  std::string_view if_modified_since{};  // HTTP dates; one that does not parse is ignored (RFC 7232)
  std::string_view if_unmodified_since{};
};

enum class ReadCondition { if_match, if_none_match, if_modified_since, if_unmodified_since };

// The condition that fails for an object with `etag` last written at `modified_ms`, in RFC 7232
// §6 order as S3 documents it: If-Match, or If-Unmodified-Since when there is no If-Match;
// then If-None-Match, or If-Modified-Since when there is no If-None-Match. Times compare in
// whole seconds, as Last-Modified shows them.
std::optional<ReadCondition> failed_read_condition(const ReadConditions& conditions, std::string_view etag,
                                                   std::int64_t modified_ms);
// "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since".
std::string_view header_of(ReadCondition condition);

// The conditions on writing a key (PutObject, CompleteMultipartUpload, CopyObject's
// destination; DeleteObject has If-Match only). Empty: not sent.
struct WriteConditions {
  std::string_view if_match{};
  std::string_view if_none_match{};
};

// What S3 answers when the conditions do not hold for `existing` (nullptr: no object at
// `key`): If-None-Match takes only "*" and not beside If-Match (501 NotImplemented);
// If-Match on a missing key is 404 NoSuchKey; otherwise 412 PreconditionFailed naming the
// condition. Nullopt: the write may go ahead.
std::optional<S3Error> failed_write_condition(const WriteConditions& conditions,
                                              const object_store::ObjectInfo* existing, std::string_view key);

S3Error precondition_failed(std::string_view condition);

}  // namespace api::s3
