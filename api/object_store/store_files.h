#pragma once

// Internal to api/object_store: how the store lays out its folder and writes files safely.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "capacity_model/result.h"

namespace api::object_store::files {

using Status = capacity_model::Status<std::string>;

// A put writes a file named so first; listings never show one (a crash may leave it behind).
inline constexpr std::string_view kPartialMarker = ".amt-partial-";
// The store's own records beside the buckets: a name no S3 bucket can have (bucket names
// start with a letter or digit), so it never collides with one.
inline constexpr std::string_view kRecordsFolder = ".amt-s3";

// S3's bucket naming rules (3 to 63 of a-z 0-9 . -, a letter or digit at each end, no "..",
// not an IPv4 address); the text says what is wrong.
Status check_bucket(std::string_view bucket);
// The segments of a key become folders and a file name, so none may be "." or "..", nor empty
// except the last one of a prefix; no NUL, no leading "/".
Status check_key(std::string_view key, bool is_prefix);

// Whether `inner`, with symbolic links resolved, lies inside `outer`.
bool lies_within(const std::filesystem::path& inner, const std::filesystem::path& outer);

// Paths relative to `folder` (generic form) of the regular files under it, sorted, without the
// partial files of unfinished puts. A link to a file counts as that file; links to folders
// are not followed.
capacity_model::Result<std::vector<std::string>, std::string> files_under(const std::filesystem::path& folder);

// Fills a temporary file beside `target` and renames it over `target`: readers see the old
// file or the new one, and a killed process leaves at most a partial file nobody lists.
Status replace_atomically(const std::filesystem::path& target,
                          const std::function<Status(const std::filesystem::path&)>& fill);
Status write_atomically(const std::filesystem::path& target, std::string_view bytes);

// The whole file; nullopt when it cannot be read.
std::optional<std::string> read_whole(const std::filesystem::path& file);

// Removes the empty folders from `folder` up to (not including) `stop`.
void remove_empty_folders(std::filesystem::path folder, const std::filesystem::path& stop);

}  // namespace api::object_store::files
