#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "capacity_model/result.h"

namespace api::training {

struct S3Location {
  std::string bucket;
  std::string key;  // may be empty or end in "/" when it names a prefix
};

// The emulator's S3 store: one folder, object s3://<bucket>/<key> in file <root>/<bucket>/<key>.
// Training jobs read their channels and code from it and write model.tar.gz and checkpoints to
// it; the S3 REST API serves the same folder. What a folder cannot hold is refused: a key with
// an empty, "." or ".." segment, a key starting with "/", or one ending in "/" as an object.
// Writes never leave the root, even through a symbolic link someone placed inside it. Owned
// by one thread at a time.
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

 private:
  capacity_model::Result<std::filesystem::path, std::string> writable_path(std::string_view bucket,
                                                                           std::string_view key) const;
  capacity_model::Result<std::size_t, std::string> download_s3(const S3Location& location,
                                                               const std::filesystem::path& into) const;

  std::filesystem::path root_;
};

}  // namespace api::training
