#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capacity_model/result.h"

namespace api::object_store {

// What a client said about an object besides its bytes, returned on GET and HEAD.
struct ObjectAttributes {
  std::string content_type;                                        // empty: binary/octet-stream
  std::vector<std::pair<std::string, std::string>> user_metadata;  // x-amz-meta-<name>, name lower-case
  std::map<std::string, std::string> checksums;                    // "CRC32" → base64 (a "-N" suffix when composite)
  std::string checksum_type;                                       // "FULL_OBJECT", "COMPOSITE" or empty
  // Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires as sent.
  std::vector<std::pair<std::string, std::string>> headers;
};

struct ObjectInfo {
  std::string key;
  std::uint64_t size = 0;
  std::int64_t modified_ms = 0;  // Unix epoch milliseconds of the last write
  std::string etag;              // without quotes: hex MD5, or hex MD5 of part MD5s + "-N"
  ObjectAttributes attributes;
  // A multipart object's part sizes in order, for GetObject's partNumber; empty: one part (a
  // single put, a copy, or a multipart object recorded before sizes were kept).
  std::vector<std::uint64_t> part_sizes;
};

struct BucketInfo {
  std::string name;
  std::int64_t created_ms = 0;
  std::string region;
  // The account that created it. Empty: every account's, for a bucket made by hand, by a
  // training job, or by an emulator that kept no owners (before 2026-12-03).
  std::string owner;

  bool owned_by(std::string_view account) const { return owner.empty() || owner == account; }
};

// Why a store operation failed, for the S3 API to turn into S3's error codes.
enum class Failure {
  invalid_bucket_name,
  no_such_bucket,
  bucket_already_exists,  // created by this account: S3's BucketAlreadyOwnedByYou
  bucket_name_taken,      // created by another account: S3's BucketAlreadyExists
  bucket_not_empty,
  no_such_key,
  unstorable_key,  // a key the folder layout cannot hold
  no_such_upload,
  invalid_part,
  invalid_part_order,
  entity_too_small,
  io,
};

struct StoreError {
  Failure failure;
  std::string message;
};

template <typename T>
using StoreResult = capacity_model::Result<T, StoreError>;
using StoreStatus = capacity_model::Status<StoreError>;

}  // namespace api::object_store
