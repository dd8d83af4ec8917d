#include "api/object_store/object_store.h"

#include <algorithm>
#include <exception>
#include <fstream>
#include <utility>

#include "api/object_store/store_files.h"

namespace api::object_store {

namespace fs = std::filesystem;
using capacity_model::Done;
using capacity_model::Result;
using Status = capacity_model::Status<std::string>;
using files::check_bucket;
using files::check_key;
using files::files_under;
using files::kPartialMarker;
using files::replace_atomically;

namespace {

constexpr std::string_view kS3Scheme = "s3://";
constexpr std::string_view kFileScheme = "file://";

// The public functions never throw: whatever escapes (std::bad_alloc, a filesystem_error
// from an overload without error_code) becomes the error.
template <typename T, typename Body>
Result<T, std::string> guarded(std::string_view what, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return std::string(what) + ": " + e.what();
  }
}

std::string s3_uri(std::string_view bucket, std::string_view key) {
  return std::string(kS3Scheme) + std::string(bucket) + "/" + std::string(key);
}

Status copy_to(const fs::path& source, const fs::path& target) {
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (!error) fs::copy_file(source, target, fs::copy_options::overwrite_existing, error);
  if (error) return "cannot copy " + source.string() + " to " + target.string() + ": " + error.message();
  return Done{};
}

// A file:// source: a file goes to into/<its name>, a folder's files to their paths within it.
Result<std::size_t, std::string> download_local(const fs::path& source, const fs::path& into) {
  if (source.empty()) return std::string("file:// URI without a path");
  if (fs::is_regular_file(source)) {
    auto copied = copy_to(source, into / source.filename());
    if (!copied) return copied.error();
    return std::size_t{1};
  }
  if (!fs::is_directory(source)) return "no file or folder " + source.string();
  auto files = files_under(source);
  if (!files) return files.error();
  if (files->empty()) return "no file under " + source.string();
  for (const std::string& file : *files) {
    auto copied = copy_to(source / file, into / file);
    if (!copied) return copied.error();
  }
  return files->size();
}

}  // namespace

ObjectStore::ObjectStore(fs::path root) : root_(std::move(root)) {}

Result<S3Location, std::string> ObjectStore::parse_s3_uri(std::string_view uri) {
  if (!uri.starts_with(kS3Scheme)) return "not an s3:// URI: '" + std::string(uri) + "'";
  std::string_view rest = uri.substr(kS3Scheme.size());
  std::size_t slash = rest.find('/');
  S3Location location{std::string(rest.substr(0, slash)),
                      slash == rest.npos ? std::string() : std::string(rest.substr(slash + 1))};
  auto bucket = check_bucket(location.bucket);
  if (!bucket) return "invalid S3 URI '" + std::string(uri) + "': " + bucket.error();
  auto key = check_key(location.key, true);
  if (!key) return "invalid S3 URI '" + std::string(uri) + "': " + key.error();
  return location;
}

Result<fs::path, std::string> ObjectStore::path_of(std::string_view bucket, std::string_view key) const {
  auto bucket_ok = check_bucket(bucket);
  if (!bucket_ok) return bucket_ok.error();
  auto key_ok = check_key(key, false);
  if (!key_ok) return key_ok.error();
  return root_ / bucket / key;
}

Result<fs::path, std::string> ObjectStore::writable_path(std::string_view bucket, std::string_view key) const {
  auto path = path_of(bucket, key);
  if (!path) return path;
  if (path->filename().string().starts_with(kPartialMarker)) {
    return "key '" + std::string(key) + "' is reserved for the S3 store's temporary files";
  }
  // The key's segments cannot climb out, but a symbolic link inside the root could lead out.
  if (!files::lies_within(path->parent_path(), root_)) return s3_uri(bucket, key) + " would lie outside the S3 store";
  std::error_code error;
  fs::create_directories(path->parent_path(), error);
  if (error) return "cannot create the folder of " + s3_uri(bucket, key) + ": " + error.message();
  return path;
}

Status ObjectStore::put_file(std::string_view bucket, std::string_view key, const fs::path& source) {
  return guarded<Done>("cannot put " + s3_uri(bucket, key), [&]() -> Status {
    if (!fs::is_regular_file(source)) return "cannot put " + s3_uri(bucket, key) + ": no file " + source.string();
    auto target = writable_path(bucket, key);
    if (!target) return target.error();
    return replace_atomically(*target, [&](const fs::path& temporary) -> Status {
      std::error_code error;
      fs::copy_file(source, temporary, fs::copy_options::overwrite_existing, error);
      if (error) return "cannot copy " + source.string() + ": " + error.message();
      return Done{};
    });
  });
}

Status ObjectStore::put_bytes(std::string_view bucket, std::string_view key, std::string_view bytes) {
  return guarded<Done>("cannot put " + s3_uri(bucket, key), [&]() -> Status {
    auto target = writable_path(bucket, key);
    if (!target) return target.error();
    return replace_atomically(*target, [&](const fs::path& temporary) -> Status {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      out.close();
      if (!out) return "cannot write " + temporary.string();
      return Done{};
    });
  });
}

bool ObjectStore::exists(std::string_view bucket, std::string_view key) const {
  auto path = path_of(bucket, key);
  std::error_code error;
  return path && fs::is_regular_file(*path, error);
}

Result<std::vector<std::string>, std::string> ObjectStore::list(std::string_view bucket,
                                                                std::string_view prefix) const {
  using Keys = std::vector<std::string>;
  return guarded<Keys>("cannot list " + s3_uri(bucket, prefix), [&]() -> Result<Keys, std::string> {
    auto bucket_ok = check_bucket(bucket);
    if (!bucket_ok) return bucket_ok.error();
    auto prefix_ok = check_key(prefix, true);
    if (!prefix_ok) return prefix_ok.error();
    // Only the folder of the prefix's last complete segment can hold matching keys.
    std::string folder = std::string(prefix.substr(0, prefix.rfind('/') + 1));
    fs::path start = root_ / bucket / folder;
    if (!fs::is_directory(start)) return Keys{};
    auto files = files_under(start);
    if (!files) return files.error();
    Keys keys;
    for (const std::string& file : *files) {
      std::string key = folder + file;
      if (key.starts_with(prefix)) keys.push_back(std::move(key));
    }
    return keys;  // still sorted: each key is one fixed folder followed by a sorted file path
  });
}

// As SDK local mode's download_folder (sagemaker/utils.py): a key that names an object (and
// does not end in "/") is copied to into/<its last segment>. Otherwise every object under the
// raw prefix is copied to into/<key minus the prefix, leading "/" removed>: prefix "data/" or
// "data" puts "data/a/b.csv" at into/a/b.csv, and prefix "ckpt/run-1" puts "ckpt/run-10/x" at
// into/0/x, exactly as the SDK does.
Result<std::size_t, std::string> ObjectStore::download_s3(const S3Location& location, const fs::path& into) const {
  const std::string& prefix = location.key;
  if (!prefix.empty() && prefix.back() != '/' && exists(location.bucket, prefix)) {
    auto copied = copy_to(root_ / location.bucket / prefix, into / fs::path(prefix).filename());
    if (!copied) return copied.error();
    return std::size_t{1};
  }
  auto keys = list(location.bucket, prefix);
  if (!keys) return keys.error();
  if (keys->empty()) return "no object under " + s3_uri(location.bucket, prefix) + " in the S3 store";
  for (const std::string& key : *keys) {
    std::string_view relative = std::string_view(key).substr(prefix.size());
    relative.remove_prefix(std::min(relative.find_first_not_of('/'), relative.size()));
    auto copied = copy_to(root_ / location.bucket / key, into / relative);
    if (!copied) return copied.error();
  }
  return keys->size();
}

Result<std::size_t, std::string> ObjectStore::download(const std::string& uri, const fs::path& into) const {
  return guarded<std::size_t>("cannot download " + uri, [&]() -> Result<std::size_t, std::string> {
    if (uri.starts_with(kFileScheme)) return download_local(fs::path(uri.substr(kFileScheme.size())), into);
    auto location = parse_s3_uri(uri);
    if (!location) return location.error();
    return download_s3(*location, into);
  });
}

Result<std::size_t, std::string> ObjectStore::upload_folder(const fs::path& folder, const std::string& s3_uri_prefix) {
  return guarded<std::size_t>("cannot upload " + folder.string(), [&]() -> Result<std::size_t, std::string> {
    auto location = parse_s3_uri(s3_uri_prefix);
    if (!location) return location.error();
    if (!fs::is_directory(folder)) return "cannot upload " + folder.string() + ": not a folder";
    std::string prefix = location->key;
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    auto files = files_under(folder);
    if (!files) return files.error();
    for (const std::string& file : *files) {
      auto put = put_file(location->bucket, prefix + file, folder / file);
      if (!put) return put.error();
    }
    return files->size();
  });
}

}  // namespace api::object_store
