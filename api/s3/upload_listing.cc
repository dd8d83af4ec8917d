#include "api/s3/upload_listing.h"

#include <algorithm>

namespace api::s3 {

namespace {

// Whether the upload at `index` lies after the markers. Within the key marker's own uploads S3
// resumes after the marker upload; an upload id no longer listed (completed meanwhile) falls back
// to S3's documented rule, upload ids lexicographically greater.
bool after_markers(const std::vector<UploadRef>& sorted, std::size_t index, const UploadListQuery& query) {
  const UploadRef& upload = sorted[index];
  if (query.key_marker.empty()) return true;
  if (upload.key != query.key_marker || query.upload_id_marker.empty()) return upload.key > query.key_marker;
  const auto marker = std::find_if(sorted.begin(), sorted.end(), [&](const UploadRef& other) {
    return other.key == query.key_marker && other.id == query.upload_id_marker;
  });
  if (marker == sorted.end()) return upload.id > query.upload_id_marker;
  return index > static_cast<std::size_t>(marker - sorted.begin());
}

// A key marker that is a common prefix (a page ended on one) skips every key inside it.
bool inside_marker_prefix(const std::string& key, const UploadListQuery& query) {
  if (query.delimiter.empty() || !query.key_marker.starts_with(query.prefix) || !key.starts_with(query.key_marker)) {
    return false;
  }
  const auto at = query.key_marker.find(query.delimiter, query.prefix.size());
  return at != std::string::npos && at + query.delimiter.size() == query.key_marker.size();
}

}  // namespace

UploadPage upload_page(const std::vector<UploadRef>& sorted, const UploadListQuery& query) {
  UploadPage page;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const std::string& key = sorted[i].key;
    if (!key.starts_with(query.prefix) || !after_markers(sorted, i, query) || inside_marker_prefix(key, query)) {
      continue;
    }
    std::string rolled_up;
    if (!query.delimiter.empty()) {
      if (const auto at = key.find(query.delimiter, query.prefix.size()); at != std::string::npos) {
        rolled_up = key.substr(0, at + query.delimiter.size());
        if (!page.common_prefixes.empty() && page.common_prefixes.back() == rolled_up) continue;
      }
    }
    if (page.uploads.size() + page.common_prefixes.size() == query.max_uploads) {
      page.truncated = true;
      break;
    }
    if (rolled_up.empty()) {
      page.uploads.push_back(i);
      page.next_key_marker = key;
      page.next_upload_id_marker = sorted[i].id;
    } else {
      page.common_prefixes.push_back(rolled_up);
      page.next_key_marker = std::move(rolled_up);
      page.next_upload_id_marker.clear();
    }
  }
  return page;
}

}  // namespace api::s3
