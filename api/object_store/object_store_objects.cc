// ObjectStore: objects with the attributes S3 returns, recorded in .amt-s3/objects/<bucket>/<key>.
#include <fstream>

#include "api/checksums/digest.h"
#include "api/checksums/encoding.h"
#include "api/object_store/object_store.h"
#include "api/object_store/records.h"
#include "api/object_store/store_files.h"

namespace api::object_store {

namespace fs = std::filesystem;
using capacity_model::Done;

namespace {

StoreError io_error(std::string message) { return StoreError{Failure::io, std::move(message)}; }

std::optional<std::string> md5_hex_of_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  checksums::Digest md5(checksums::Algorithm::md5);
  std::string buffer(1 << 16, '\0');
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    md5.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  return checksums::hex(md5.digest());
}

// Why `key` cannot become a file in `bucket_folder`: an object where one of its folders would
// go, or other keys below it.
std::optional<std::string> layout_conflict(const fs::path& bucket_folder, std::string_view key) {
  std::error_code error;
  fs::path at = bucket_folder;
  const fs::path relative(key);
  for (auto segment = relative.begin(); segment != relative.end(); ++segment) {
    at /= *segment;
    const bool last = std::next(segment) == relative.end();
    if (!last && fs::is_regular_file(at, error)) {
      return "the S3 store folder cannot hold key '" + std::string(key) + "' beside the object '" +
             at.lexically_relative(bucket_folder).generic_string() + "'";
    }
    if (last && fs::is_directory(at, error)) {
      return "the S3 store folder cannot hold key '" + std::string(key) + "' while keys start with '" +
             std::string(key) + "/'";
    }
  }
  return std::nullopt;
}

}  // namespace

fs::path ObjectStore::record_of(std::string_view bucket, std::string_view key) const {
  return records() / "objects" / bucket / key;
}

StoreResult<fs::path> ObjectStore::object_path(std::string_view bucket, std::string_view key) const {
  if (auto found = this->bucket(bucket, ""); !found) return found.error();
  if (auto valid = files::check_key(key, false); !valid) return StoreError{Failure::unstorable_key, valid.error()};
  return root_ / bucket / key;
}

StoreStatus ObjectStore::check_storable(std::string_view bucket, std::string_view key) const {
  auto path = object_path(bucket, key);
  if (!path) return path.error();
  if (auto conflict = layout_conflict(root_ / bucket, key)) return StoreError{Failure::unstorable_key, *conflict};
  return Done{};
}

StoreResult<fs::path> ObjectStore::staging_path(std::string_view bucket, std::string_view key) {
  if (auto storable = check_storable(bucket, key); !storable) return storable.error();
  auto writable = writable_path(bucket, key);
  if (!writable) return StoreError{Failure::unstorable_key, writable.error()};
  static std::uint64_t counter = 0;
  return writable->parent_path() / (std::string(files::kPartialMarker) + "staged-" + std::to_string(++counter));
}

StoreStatus ObjectStore::write_record(std::string_view bucket, std::string_view key, ObjectInfo& info) {
  const fs::path file = root_ / bucket / key;
  std::error_code error;
  info.key = std::string(key);
  info.size = fs::file_size(file, error);
  if (error) return io_error("cannot stat " + file.string() + ": " + error.message());
  const auto written_ns = records::file_time_ns(file);
  info.modified_ms = written_ns / 1'000'000;
  if (info.etag.empty()) {
    auto md5 = md5_hex_of_file(file);
    if (!md5) return io_error("cannot read " + file.string());
    info.etag = *md5;
  }
  // A crash before this line leaves the object with no record: it is then described from its bytes.
  auto recorded = files::write_atomically(record_of(bucket, key), records::encode_object(info, written_ns));
  if (!recorded) return io_error(recorded.error());
  return Done{};
}

StoreResult<ObjectInfo> ObjectStore::adopt_file(std::string_view bucket, std::string_view key, const fs::path& file,
                                                const ObjectAttributes& attributes, std::string etag,
                                                std::vector<std::uint64_t> part_sizes) {
  auto path = object_path(bucket, key);
  if (!path) return path.error();
  if (auto conflict = layout_conflict(root_ / bucket, key)) return StoreError{Failure::unstorable_key, *conflict};
  std::error_code error;
  fs::rename(file, *path, error);
  if (error) return io_error("cannot write " + path->string() + ": " + error.message());
  ObjectInfo info{std::string(key), 0, 0, std::move(etag), attributes, std::move(part_sizes)};
  if (auto recorded = write_record(bucket, key, info); !recorded) return recorded.error();
  return info;
}

StoreResult<ObjectInfo> ObjectStore::put_object(std::string_view bucket, std::string_view key, std::string_view bytes,
                                                const ObjectAttributes& attributes, std::string etag) {
  auto staged = staging_path(bucket, key);
  if (!staged) return staged.error();
  std::ofstream out(*staged, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::error_code ignored;
    fs::remove(*staged, ignored);
    return io_error("cannot write " + staged->string());
  }
  if (etag.empty()) etag = checksums::hex(checksums::digest_of(checksums::Algorithm::md5, bytes));
  auto adopted = adopt_file(bucket, key, *staged, attributes, std::move(etag));
  if (!adopted) {
    std::error_code ignored;
    fs::remove(*staged, ignored);
  }
  return adopted;
}

StoreResult<ObjectInfo> ObjectStore::head_object(std::string_view bucket, std::string_view key) const {
  auto path = object_path(bucket, key);
  if (!path && path.error().failure == Failure::unstorable_key) {
    return StoreError{Failure::no_such_key, "The specified key does not exist."};
  }
  if (!path) return path.error();
  std::error_code error;
  if (!fs::is_regular_file(*path, error) || path->filename().string().starts_with(files::kPartialMarker)) {
    return StoreError{Failure::no_such_key, "The specified key does not exist."};
  }
  const auto size = fs::file_size(*path, error);
  if (error) return io_error("cannot stat " + path->string() + ": " + error.message());
  const auto written_ns = records::file_time_ns(*path);
  if (auto text = files::read_whole(record_of(bucket, key))) {
    if (auto info = records::decode_object(*text, size, written_ns)) return *info;
  }
  auto md5 = md5_hex_of_file(*path);
  if (!md5) return io_error("cannot read " + path->string());
  return ObjectInfo{std::string(key), size, written_ns / 1'000'000, *md5, {}, {}};
}

StoreResult<std::string> ObjectStore::read_object(std::string_view bucket, std::string_view key, std::uint64_t offset,
                                                  std::uint64_t length) const {
  auto path = object_path(bucket, key);
  if (!path) return path.error();
  std::ifstream in(*path, std::ios::binary);
  if (!in) return StoreError{Failure::no_such_key, "The specified key does not exist."};
  std::string bytes(length, '\0');
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(bytes.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::uint64_t>(in.gcount()) != length) return io_error("cannot read " + path->string());
  return bytes;
}

StoreStatus ObjectStore::delete_object(std::string_view bucket, std::string_view key) {
  auto path = object_path(bucket, key);
  if (!path) return path.error().failure == Failure::unstorable_key ? StoreStatus(Done{}) : StoreStatus(path.error());
  std::error_code error;
  if (!fs::is_regular_file(*path, error)) return Done{};
  fs::remove(*path, error);
  if (error) return io_error("cannot delete " + path->string() + ": " + error.message());
  fs::remove(record_of(bucket, key), error);
  // Emptied folders go too, so that "a/b" deleted lets "a" be stored.
  files::remove_empty_folders(path->parent_path(), root_ / bucket);
  files::remove_empty_folders(record_of(bucket, key).parent_path(), records() / "objects" / bucket);
  return Done{};
}

StoreResult<ObjectInfo> ObjectStore::copy_object(std::string_view from_bucket, std::string_view from_key,
                                                 std::string_view to_bucket, std::string_view to_key,
                                                 const ObjectAttributes& attributes) {
  auto source = head_object(from_bucket, from_key);
  if (!source) return source.error();
  auto staged = staging_path(to_bucket, to_key);
  if (!staged) return staged.error();
  std::error_code error;
  fs::copy_file(root_ / from_bucket / from_key, *staged, fs::copy_options::overwrite_existing, error);
  if (error) {
    fs::remove(*staged, error);
    return io_error("cannot copy " + std::string(from_key) + ": " + error.message());
  }
  // A copy is one object: a multipart source's "-N" ETag becomes the MD5 of the bytes.
  std::string etag = source->etag.find('-') == std::string::npos ? source->etag : std::string();
  return adopt_file(to_bucket, to_key, *staged, attributes, std::move(etag));
}

}  // namespace api::object_store
