#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/object_store/object_info.h"
#include "api/object_store/object_store.h"

namespace api::object_store {

struct UploadInfo {
  std::string id;
  std::string key;
  std::int64_t initiated_ms = 0;
  ObjectAttributes attributes;     // what the object gets when the upload completes
  std::string checksum_algorithm;  // "CRC32", ... or empty: what every part carries
};

struct PartInfo {
  int number = 0;
  std::string etag;  // hex MD5 of the part, no quotes
  std::uint64_t size = 0;
  std::int64_t modified_ms = 0;
  std::string checksum;  // base64 of the part's checksum in the upload's algorithm, or empty
};

struct RequestedPart {
  int number = 0;
  std::string etag;  // quotes allowed
};

// S3 multipart uploads kept in the store's records folder (.amt-s3/uploads/<bucket>/<id>/,
// one file per part), so they survive a restart as S3's do until completed or aborted. The
// object appears only at completion, atomically, as any other put.
class MultipartUploads {
 public:
  static constexpr std::uint64_t kMinimumPartSize = 5 * 1024 * 1024;  // all parts but the last

  explicit MultipartUploads(ObjectStore& store) : store_(store) {}

  // `id` is new and URL-safe; the caller makes it.
  StoreResult<UploadInfo> create(std::string_view bucket, std::string_view key, std::string id,
                                 const ObjectAttributes& attributes, std::string checksum_algorithm);
  // The upload, if it exists for this bucket and key.
  StoreResult<UploadInfo> find(std::string_view bucket, std::string_view key, std::string_view id) const;
  StoreResult<PartInfo> put_part(std::string_view bucket, std::string_view key, std::string_view id, int number,
                                 std::string_view bytes, std::string checksum);
  // The parts in part-number order.
  StoreResult<std::vector<PartInfo>> parts(std::string_view bucket, std::string_view key, std::string_view id) const;
  // Checks the list as S3 does (order, existence and ETags, the minimum size), then makes the
  // object with the multipart ETag (MD5 of the part MD5s, "-N") and, when every part carried
  // one, the composite checksum.
  StoreResult<ObjectInfo> complete(std::string_view bucket, std::string_view key, std::string_view id,
                                   const std::vector<RequestedPart>& requested);
  StoreStatus abort(std::string_view bucket, std::string_view key, std::string_view id);
  // Every unfinished upload in the bucket, by key then initiation time.
  StoreResult<std::vector<UploadInfo>> list(std::string_view bucket) const;

 private:
  std::filesystem::path folder_of(std::string_view bucket, std::string_view id) const;

  ObjectStore& store_;
};

}  // namespace api::object_store
