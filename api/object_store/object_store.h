#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "api/object_store/object_info.h"
#include "capacity_model/result.h"

namespace api::object_store {

struct S3Location {
  std::string bucket;
  std::string key;  // may be empty or end in "/" when it names a prefix
};

// The emulator's S3 store: one folder, object s3://<bucket>/<key> in file <root>/<bucket>/<key>.
// Training jobs read their channels and code from it and write model.tar.gz and checkpoints to
// it; the S3 REST API serves the same folder. What a folder cannot hold is refused: a bucket
// name S3 would refuse, a key with an empty, "." or ".." segment, a key starting with "/", one
// ending in "/" as an object, and a key whose folder is another object ("a" and "a/b").
// Writes never leave the root, even through a symbolic link someone placed inside it. What S3
// answers with besides the bytes (ETag, Content-Type, x-amz-meta-*, checksums, a bucket's
// region and creation time) is kept in <root>/.amt-s3/, a name no bucket can have. Owned by
// one thread at a time.
class ObjectStore {
 public:
  explicit ObjectStore(std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }

  // "s3://bucket/key"; the key may be empty ("s3://bucket", "s3://bucket/") or a prefix.
  static capacity_model::Result<S3Location, std::string> parse_s3_uri(std::string_view uri);

  // Where the object lives (whether or not it exists).
  capacity_model::Result<std::filesystem::path, std::string> path_of(std::string_view bucket,
                                                                     std::string_view key) const;

  // Copies `source` in, creating the bucket and folders; readers see the old object or the
  // new one, never a part (a temporary file in the same folder, then a rename).
  capacity_model::Status<std::string> put_file(std::string_view bucket, std::string_view key,
                                               const std::filesystem::path& source);
  capacity_model::Status<std::string> put_bytes(std::string_view bucket, std::string_view key, std::string_view bytes);

  bool exists(std::string_view bucket, std::string_view key) const;

  // Keys that start with `prefix`, in code-point (byte) order. The prefix is raw, as in S3:
  // "run-1" also matches "run-10/x". A missing bucket lists nothing.
  capacity_model::Result<std::vector<std::string>, std::string> list(std::string_view bucket,
                                                                     std::string_view prefix) const;

  // Copies an s3:// object or prefix, or a file:// file or folder, into the folder `into` the
  // way SageMaker's File input mode fills a channel (as SDK local mode does it); returns the
  // number of files copied, or an error when nothing matches. See object_store.cc.
  capacity_model::Result<std::size_t, std::string> download(const std::string& uri,
                                                            const std::filesystem::path& into) const;

  // Puts every regular file under `folder` at "<prefix>/<path relative to folder>" (a "/" is
  // added after a prefix without one); returns how many. For checkpoints and output folders.
  capacity_model::Result<std::size_t, std::string> upload_folder(const std::filesystem::path& folder,
                                                                 const std::string& s3_uri_prefix);

  // Whether `s3_uri` is a prefix in a bucket the store knows (made by CreateBucket, a training
  // job or a person) with no object under it. A bucket never seen is not "empty": nothing
  // could have filled it, so channels naming one keep working (as empty channels).
  bool knows_empty_prefix(std::string_view s3_uri) const;

  // Buckets (object_store_buckets.cc). A folder under the root that a training job or a
  // person made counts as a bucket in `default_region`, created when the folder was.
  StoreResult<std::vector<BucketInfo>> buckets(std::string_view default_region) const;
  StoreResult<BucketInfo> bucket(std::string_view name, std::string_view default_region) const;
  // Bucket names are global, as in S3: a name `owner` holds (or nobody does) is
  // bucket_already_exists, one another account holds bucket_name_taken. Empty `owner`: every account's.
  StoreStatus create_bucket(std::string_view name, std::string_view region, std::string_view owner = {});
  // Refused while it holds an object; drops the bucket's unfinished multipart uploads.
  StoreStatus delete_bucket(std::string_view name);

  // Objects with their attributes (object_store_objects.cc). `etag` empty: the MD5 of the bytes.
  StoreResult<ObjectInfo> put_object(std::string_view bucket, std::string_view key, std::string_view bytes,
                                     const ObjectAttributes& attributes, std::string etag = {});
  // Moves a finished file (same file system) in as the object; `part_sizes` for a multipart one.
  StoreResult<ObjectInfo> adopt_file(std::string_view bucket, std::string_view key, const std::filesystem::path& file,
                                     const ObjectAttributes& attributes, std::string etag = {},
                                     std::vector<std::uint64_t> part_sizes = {});
  StoreResult<ObjectInfo> head_object(std::string_view bucket, std::string_view key) const;
  // `length` bytes from `offset` (both within the object).
  StoreResult<std::string> read_object(std::string_view bucket, std::string_view key, std::uint64_t offset,
                                       std::uint64_t length) const;
  // Deleting a key that does not exist succeeds, as in S3.
  StoreStatus delete_object(std::string_view bucket, std::string_view key);
  StoreResult<ObjectInfo> copy_object(std::string_view from_bucket, std::string_view from_key,
                                      std::string_view to_bucket, std::string_view to_key,
                                      const ObjectAttributes& attributes);

  // Whether the folder can hold `key` in `bucket` now (the bucket exists, the key is storable).
  StoreStatus check_storable(std::string_view bucket, std::string_view key) const;
  // The records folder, and where a new object's bytes may be staged to be adopted.
  std::filesystem::path records() const;
  StoreResult<std::filesystem::path> staging_path(std::string_view bucket, std::string_view key);

 private:
  capacity_model::Result<std::filesystem::path, std::string> writable_path(std::string_view bucket,
                                                                           std::string_view key) const;
  StoreResult<std::filesystem::path> object_path(std::string_view bucket, std::string_view key) const;
  std::filesystem::path record_of(std::string_view bucket, std::string_view key) const;
  StoreStatus write_record(std::string_view bucket, std::string_view key, ObjectInfo& info);
  capacity_model::Result<std::size_t, std::string> download_s3(const S3Location& location,
                                                               const std::filesystem::path& into) const;

  std::filesystem::path root_;
};

}  // namespace api::object_store
