#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace api::s3 {

// One page of a bucket listing (wire-protocols.md §7.3), over keys sorted in UTF-8 byte order.
struct ListQuery {
  std::string prefix;
  std::string delimiter;
  std::string after;  // list what sorts after this key (StartAfter, Marker, a token's key)
  std::size_t max_keys = 1000;
};

struct ListPage {
  std::vector<std::string> keys;
  // Keys sharing prefix + ... + delimiter roll up into one entry, which counts once in max_keys.
  std::vector<std::string> common_prefixes;
  bool truncated = false;
  std::string last;  // the last key or common prefix listed: where the next page starts
};

ListPage list_page(const std::vector<std::string>& sorted_keys, const ListQuery& query);

// S3's url encoding of listed names (EncodingType=url, which botocore undoes with unquote_plus):
// letters, digits and -_.~ stay, a space becomes '+', every other byte %XX.
std::string url_encode(std::string_view text);

}  // namespace api::s3
