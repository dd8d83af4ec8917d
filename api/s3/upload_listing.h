#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace api::s3 {

// One page of ListMultipartUploads over a bucket's uploads in S3's order (by key, then by
// initiation). S3 resumes after (key-marker, upload-id-marker): keys after the key marker, and
// with an upload-id marker also the key marker's own uploads after that upload.
struct UploadListQuery {
  std::string prefix;
  std::string delimiter;
  std::string key_marker;
  std::string upload_id_marker;  // ignored without key_marker, as in S3
  std::size_t max_uploads = 1000;
};

struct UploadRef {
  std::string key;
  std::string id;
};

struct UploadPage {
  std::vector<std::size_t> uploads;  // indices into the listed uploads
  // Keys sharing prefix + ... + delimiter roll up into one entry, which counts once in max_uploads.
  std::vector<std::string> common_prefixes;
  bool truncated = false;
  // Where the next page starts: the last upload listed (a common prefix has no upload id).
  std::string next_key_marker;
  std::string next_upload_id_marker;
};

UploadPage upload_page(const std::vector<UploadRef>& sorted, const UploadListQuery& query);

}  // namespace api::s3
