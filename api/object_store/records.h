#pragma once

// Internal to api/object_store: the JSON records kept in <root>/.amt-s3 beside the objects.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "api/object_store/object_info.h"

namespace api::object_store::records {

// An object's record is only believed while the file still has the size and modification
// time it had when the record was written: a file changed or put there by hand is described
// from its bytes instead.
std::string encode_object(const ObjectInfo& info, std::int64_t file_time_ns);
// An upload's attributes alone (multipart uploads keep them until completion); decode refuses
// what is no such record.
std::string encode_attributes(const ObjectAttributes& attributes);
std::optional<ObjectAttributes> decode_attributes(const std::string& text);
std::optional<ObjectInfo> decode_object(const std::string& text, std::uint64_t size, std::int64_t file_time_ns);

std::string encode_bucket(const BucketInfo& info);
std::optional<BucketInfo> decode_bucket(const std::string& text);

// Nanoseconds since the Unix epoch of a file's last write, and milliseconds of the same.
std::int64_t file_time_ns(const std::filesystem::path& file);
std::int64_t now_ms();

}  // namespace api::object_store::records
