#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/server/http_types.h"

namespace api::s3 {

// An HTML form upload to a bucket (S3's POST Object, what boto3's generate_presigned_post
// fills): multipart/form-data fields, then the file. Field names are lower-cased, since S3
// compares them case-insensitively; S3 ignores whatever follows the file.
struct PostForm {
  std::vector<std::pair<std::string, std::string>> fields;  // in order, without the file
  bool has_file = false;
  std::string filename;  // as the browser sent it
  std::string file;      // the bytes

  std::optional<std::string> field(std::string_view name) const;  // `name` lower-case
};

// Whether a request is such an upload: a POST to a bucket with a multipart/form-data body.
bool is_post_form(const server::HttpRequest& request);

// The form in a multipart/form-data body with the Content-Type's boundary; nullopt when the
// body is no such form.
std::optional<PostForm> parse_post_form(std::string_view content_type, std::string_view body);

}  // namespace api::s3
