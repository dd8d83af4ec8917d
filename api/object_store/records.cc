#include "api/object_store/records.h"

#include <chrono>
#include <nlohmann/json.hpp>

namespace api::object_store::records {

using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Json pairs_json(const Pairs& pairs) {
  Json out = Json::array();
  for (const auto& [name, value] : pairs) out.push_back({name, value});
  return out;
}

Pairs pairs_of(const Json& j) {
  Pairs out;
  for (const auto& pair : j) out.emplace_back(pair.at(0), pair.at(1));
  return out;
}

Json attributes_json(const ObjectAttributes& a) {
  return {{"contentType", a.content_type},
          {"metadata", pairs_json(a.user_metadata)},
          {"headers", pairs_json(a.headers)},
          {"checksums", a.checksums},
          {"checksumType", a.checksum_type}};
}

ObjectAttributes attributes_of(const Json& j) {
  ObjectAttributes a;
  a.content_type = j.at("contentType").get<std::string>();
  a.user_metadata = pairs_of(j.at("metadata"));
  if (j.contains("headers")) a.headers = pairs_of(j.at("headers"));
  a.checksums = j.at("checksums").get<std::map<std::string, std::string>>();
  a.checksum_type = j.at("checksumType").get<std::string>();
  return a;
}

}  // namespace

std::string encode_object(const ObjectInfo& info, std::int64_t file_time) {
  Json record{{"key", info.key},   {"size", info.size},       {"modifiedMs", info.modified_ms},
              {"etag", info.etag}, {"fileTimeNs", file_time}, {"attributes", attributes_json(info.attributes)}};
  if (!info.part_sizes.empty()) record["partSizes"] = info.part_sizes;
  return record.dump();
}

std::optional<ObjectInfo> decode_object(const std::string& text, std::uint64_t size, std::int64_t file_time) {
  const Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  try {
    if (j.at("size").get<std::uint64_t>() != size || j.at("fileTimeNs").get<std::int64_t>() != file_time) {
      return std::nullopt;
    }
    ObjectInfo info{j.at("key"), size, j.at("modifiedMs"), j.at("etag"), attributes_of(j.at("attributes")), {}};
    // Records written before part sizes were kept have none: such an object reads as one part.
    if (j.contains("partSizes")) info.part_sizes = j.at("partSizes").get<std::vector<std::uint64_t>>();
    return info;
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

std::string encode_attributes(const ObjectAttributes& attributes) { return attributes_json(attributes).dump(); }

std::optional<ObjectAttributes> decode_attributes(const std::string& text) {
  const Json j = Json::parse(text, nullptr, false);
  try {
    return attributes_of(j);
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

std::string encode_bucket(const BucketInfo& info) {
  Json j{{"name", info.name}, {"createdMs", info.created_ms}, {"region", info.region}};
  if (!info.owner.empty()) j["owner"] = info.owner;
  return j.dump();
}

std::optional<BucketInfo> decode_bucket(const std::string& text) {
  const Json j = Json::parse(text, nullptr, false);
  try {
    return BucketInfo{j.at("name"), j.at("createdMs"), j.at("region"), j.value("owner", std::string())};
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

std::int64_t file_time_ns(const fs::path& file) {
  std::error_code error;
  const auto written = fs::last_write_time(file, error);
  if (error) return 0;
  const auto system = std::chrono::file_clock::to_sys(written);
  return std::chrono::duration_cast<std::chrono::nanoseconds>(system.time_since_epoch()).count();
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace api::object_store::records
