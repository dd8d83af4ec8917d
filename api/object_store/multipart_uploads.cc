#include "api/object_store/multipart_uploads.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <tuple>

#include "api/checksums/digest.h"
#include "api/checksums/encoding.h"
#include "api/object_store/records.h"
#include "api/object_store/store_files.h"

namespace api::object_store {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using capacity_model::Done;

namespace {

constexpr std::string_view kNoSuchUpload =
    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or "
    "completed.";
constexpr std::string_view kInvalidPart =
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified "
    "entity tag may not match the part's entity tag.";

StoreError no_such_upload() { return {Failure::no_such_upload, std::string(kNoSuchUpload)}; }

std::string unquoted(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
  return std::string(etag);
}

std::optional<UploadInfo> decode_upload(const std::string& id, const std::string& text) {
  const Json j = Json::parse(text, nullptr, false);
  try {
    auto attributes = records::decode_attributes(j.at("attributes").get<std::string>());
    if (!attributes) return std::nullopt;
    return UploadInfo{id, j.at("key"), j.at("initiatedMs"), *attributes, j.at("checksumAlgorithm")};
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

std::optional<PartInfo> decode_part(int number, const std::string& text) {
  const Json j = Json::parse(text, nullptr, false);
  try {
    return PartInfo{number, j.at("etag"), j.at("size"), j.at("modifiedMs"), j.at("checksum")};
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

// The composite checksum S3 gives a multipart object: the checksum of the concatenated part
// checksums, then "-N"; none when a part has none.
std::string composite_checksum(const std::string& algorithm_name, const std::vector<PartInfo>& parts) {
  const auto algorithm = checksums::parse_algorithm(algorithm_name);
  if (!algorithm) return {};
  checksums::Digest digest(*algorithm);
  for (const auto& part : parts) {
    auto raw = checksums::from_base64(part.checksum);
    if (part.checksum.empty() || !raw) return {};
    digest.update(*raw);
  }
  return checksums::base64(digest.digest()) + "-" + std::to_string(parts.size());
}

}  // namespace

fs::path MultipartUploads::folder_of(std::string_view bucket, std::string_view id) const {
  return store_.records() / "uploads" / bucket / id;
}

StoreResult<UploadInfo> MultipartUploads::create(std::string_view bucket, std::string_view key, std::string id,
                                                 const ObjectAttributes& attributes, std::string checksum_algorithm) {
  // The key must be one the store can hold, now: S3 refuses nothing at completion that it took here.
  if (auto storable = store_.check_storable(bucket, key); !storable) return storable.error();
  UploadInfo info{std::move(id), std::string(key), records::now_ms(), attributes, std::move(checksum_algorithm)};
  const Json record{{"key", info.key},
                    {"initiatedMs", info.initiated_ms},
                    {"attributes", records::encode_attributes(attributes)},
                    {"checksumAlgorithm", info.checksum_algorithm}};
  auto written = files::write_atomically(folder_of(bucket, info.id) / "upload.json", record.dump());
  if (!written) return StoreError{Failure::io, written.error()};
  return info;
}

StoreResult<UploadInfo> MultipartUploads::find(std::string_view bucket, std::string_view key,
                                               std::string_view id) const {
  if (auto found = store_.bucket(bucket, ""); !found) return found.error();
  if (id.empty() || id.find_first_of("/.\\") != std::string_view::npos) return no_such_upload();
  auto text = files::read_whole(folder_of(bucket, id) / "upload.json");
  if (!text) return no_such_upload();
  auto info = decode_upload(std::string(id), *text);
  if (!info || info->key != key) return no_such_upload();
  return *info;
}

StoreResult<PartInfo> MultipartUploads::put_part(std::string_view bucket, std::string_view key, std::string_view id,
                                                 int number, std::string_view bytes, std::string checksum) {
  if (auto found = find(bucket, key, id); !found) return found.error();
  const fs::path folder = folder_of(bucket, id);
  const std::string name = std::to_string(number);
  auto written = files::write_atomically(folder / name, bytes);
  if (!written) return StoreError{Failure::io, written.error()};
  PartInfo part{number, checksums::hex(checksums::digest_of(checksums::Algorithm::md5, bytes)), bytes.size(),
                records::now_ms(), std::move(checksum)};
  const Json record{
      {"etag", part.etag}, {"size", part.size}, {"modifiedMs", part.modified_ms}, {"checksum", part.checksum}};
  auto recorded = files::write_atomically(folder / (name + ".json"), record.dump());
  if (!recorded) return StoreError{Failure::io, recorded.error()};
  return part;
}

StoreResult<std::vector<PartInfo>> MultipartUploads::parts(std::string_view bucket, std::string_view key,
                                                           std::string_view id) const {
  if (auto found = find(bucket, key, id); !found) return found.error();
  std::vector<PartInfo> found;
  std::error_code error;
  for (fs::directory_iterator it(folder_of(bucket, id), error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.ends_with(".json") || name == "upload.json") continue;
    const int number = std::atoi(name.c_str());
    auto text = files::read_whole(it->path());
    if (!text) continue;
    if (auto part = decode_part(number, *text)) found.push_back(std::move(*part));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
  return found;
}

StoreResult<ObjectInfo> MultipartUploads::complete(std::string_view bucket, std::string_view key, std::string_view id,
                                                   const std::vector<RequestedPart>& requested) {
  auto upload = find(bucket, key, id);
  if (!upload) return upload.error();
  auto uploaded = parts(bucket, key, id);
  if (!uploaded) return uploaded.error();
  std::vector<PartInfo> chosen;
  for (const auto& wanted : requested) {
    if (!chosen.empty() && wanted.number <= chosen.back().number) {
      return StoreError{Failure::invalid_part_order,
                        "The list of parts was not in ascending order. The parts list must be specified in order by "
                        "part number."};
    }
    auto part =
        std::find_if(uploaded->begin(), uploaded->end(), [&](const auto& p) { return p.number == wanted.number; });
    if (part == uploaded->end() || part->etag != unquoted(wanted.etag)) {
      return StoreError{Failure::invalid_part, std::string(kInvalidPart)};
    }
    chosen.push_back(*part);
  }
  for (std::size_t i = 0; i + 1 < chosen.size(); ++i) {
    if (chosen[i].size < kMinimumPartSize) {
      return StoreError{Failure::entity_too_small, "Your proposed upload is smaller than the minimum allowed size"};
    }
  }
  auto staged = store_.staging_path(bucket, key);
  if (!staged) return staged.error();
  checksums::Digest part_md5s(checksums::Algorithm::md5);
  std::ofstream out(*staged, std::ios::binary | std::ios::trunc);
  for (const auto& part : chosen) {
    std::ifstream in(folder_of(bucket, id) / std::to_string(part.number), std::ios::binary);
    if (part.size > 0) out << in.rdbuf();
    part_md5s.update(*checksums::from_hex(part.etag));
  }
  out.close();
  std::error_code error;
  if (!out) {
    fs::remove(*staged, error);
    return StoreError{Failure::io, "cannot write " + staged->string()};
  }
  ObjectAttributes attributes = upload->attributes;
  if (auto checksum = composite_checksum(upload->checksum_algorithm, chosen); !checksum.empty()) {
    attributes.checksums[upload->checksum_algorithm] = checksum;
    attributes.checksum_type = "COMPOSITE";
  }
  std::vector<std::uint64_t> part_sizes;
  for (const auto& part : chosen) part_sizes.push_back(part.size);
  auto made = store_.adopt_file(bucket, key, *staged, attributes,
                                checksums::hex(part_md5s.digest()) + "-" + std::to_string(chosen.size()),
                                std::move(part_sizes));
  if (!made) {
    fs::remove(*staged, error);
    return made;
  }
  fs::remove_all(folder_of(bucket, id), error);
  return made;
}

StoreStatus MultipartUploads::abort(std::string_view bucket, std::string_view key, std::string_view id) {
  if (auto found = find(bucket, key, id); !found) return found.error();
  std::error_code error;
  fs::remove_all(folder_of(bucket, id), error);
  if (error) return StoreError{Failure::io, "cannot remove upload " + std::string(id) + ": " + error.message()};
  return Done{};
}

StoreResult<std::vector<UploadInfo>> MultipartUploads::list(std::string_view bucket) const {
  if (auto found = store_.bucket(bucket, ""); !found) return found.error();
  std::vector<UploadInfo> found;
  std::error_code error;
  for (fs::directory_iterator it(store_.records() / "uploads" / bucket, error), end; !error && it != end;
       it.increment(error)) {
    const std::string id = it->path().filename().string();
    auto text = files::read_whole(it->path() / "upload.json");
    if (!text) continue;
    if (auto info = decode_upload(id, *text)) found.push_back(std::move(*info));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::tie(a.key, a.initiated_ms, a.id) < std::tie(b.key, b.initiated_ms, b.id);
  });
  return found;
}

}  // namespace api::object_store
