// ObjectStore: buckets, each a folder under the root with its record in .amt-s3/buckets/.
#include <algorithm>

#include "api/object_store/object_store.h"
#include "api/object_store/records.h"
#include "api/object_store/store_files.h"

namespace api::object_store {

namespace fs = std::filesystem;
using capacity_model::Done;

namespace {

std::int64_t folder_time_ms(const fs::path& folder) { return records::file_time_ns(folder) / 1'000'000; }

}  // namespace

fs::path ObjectStore::records() const { return root_ / files::kRecordsFolder; }

StoreResult<BucketInfo> ObjectStore::bucket(std::string_view name, std::string_view default_region) const {
  if (auto valid = files::check_bucket(name); !valid) return StoreError{Failure::invalid_bucket_name, valid.error()};
  const fs::path folder = root_ / name;
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    return StoreError{Failure::no_such_bucket, "The specified bucket does not exist"};
  }
  const fs::path record = records() / "buckets" / (std::string(name) + ".json");
  if (auto text = files::read_whole(record)) {
    if (auto info = records::decode_bucket(*text)) return *info;
  }
  return BucketInfo{std::string(name), folder_time_ms(folder), std::string(default_region), {}};
}

bool ObjectStore::knows_empty_prefix(std::string_view s3_uri) const {
  auto location = parse_s3_uri(s3_uri);
  if (!location || !bucket(location->bucket, "")) return false;
  auto keys = list(location->bucket, location->key);
  return keys && keys->empty();
}

StoreResult<std::vector<BucketInfo>> ObjectStore::buckets(std::string_view default_region) const {
  std::vector<BucketInfo> found;
  std::error_code error;
  for (fs::directory_iterator it(root_, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!files::check_bucket(name) || !it->is_directory(error)) continue;
    if (auto info = bucket(name, default_region)) found.push_back(std::move(*info));
  }
  if (error) return StoreError{Failure::io, "cannot list " + root_.string() + ": " + error.message()};
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return found;
}

StoreStatus ObjectStore::create_bucket(std::string_view name, std::string_view region, std::string_view owner) {
  if (auto valid = files::check_bucket(name); !valid) return StoreError{Failure::invalid_bucket_name, valid.error()};
  std::error_code error;
  if (fs::is_directory(root_ / name, error)) {
    auto existing = bucket(name, region);
    if (existing && !existing->owned_by(owner)) {
      return StoreError{Failure::bucket_name_taken,
                        "The requested bucket name is not available. The bucket namespace is shared by all users of "
                        "the system. Please select a different name and try again."};
    }
    return StoreError{Failure::bucket_already_exists,
                      "Your previous request to create the named bucket succeeded and you already own it."};
  }
  const BucketInfo info{std::string(name), records::now_ms(), std::string(region), std::string(owner)};
  // The record first: a bucket folder without one is still a bucket (in the default region).
  auto written =
      files::write_atomically(records() / "buckets" / (std::string(name) + ".json"), records::encode_bucket(info));
  if (written) fs::create_directories(root_ / name, error);
  if (!written || error) {
    return StoreError{Failure::io, "cannot create bucket " + std::string(name) + ": " +
                                       (written ? error.message() : written.error())};
  }
  return Done{};
}

StoreStatus ObjectStore::delete_bucket(std::string_view name) {
  if (auto found = bucket(name, ""); !found) return found.error();
  auto keys = list(name, "");
  if (!keys) return StoreError{Failure::io, keys.error()};
  if (!keys->empty()) return StoreError{Failure::bucket_not_empty, "The bucket you tried to delete is not empty"};
  std::error_code error;
  // Partial files a crash left behind and empty folders go with it.
  fs::remove_all(root_ / name, error);
  if (error) return StoreError{Failure::io, "cannot delete bucket " + std::string(name) + ": " + error.message()};
  fs::remove_all(records() / "objects" / name, error);
  fs::remove_all(records() / "uploads" / name, error);
  fs::remove(records() / "buckets" / (std::string(name) + ".json"), error);
  return Done{};
}

}  // namespace api::object_store
