#include "api/s3/listing.h"

#include <algorithm>
#include <cctype>

namespace api::s3 {

ListPage list_page(const std::vector<std::string>& sorted_keys, const ListQuery& query) {
  ListPage page;
  // S3 answers max-keys=0 with an empty page that is not truncated: there is nowhere to go on
  // from, so a paginator stops.
  if (query.max_keys == 0) return page;
  // A page that ended on a common prefix goes on after every key inside it.
  const bool after_prefix =
      !query.delimiter.empty() && query.after.starts_with(query.prefix) &&
      query.after.size() >= query.prefix.size() + query.delimiter.size() &&
      query.after.find(query.delimiter, query.prefix.size()) == query.after.size() - query.delimiter.size();
  auto it = std::upper_bound(sorted_keys.begin(), sorted_keys.end(), query.after);
  for (; it != sorted_keys.end(); ++it) {
    const std::string& key = *it;
    if (!key.starts_with(query.prefix)) continue;
    if (after_prefix && key.starts_with(query.after)) continue;
    std::string entry = key;
    bool rolled_up = false;
    if (!query.delimiter.empty()) {
      const auto at = key.find(query.delimiter, query.prefix.size());
      if (at != std::string::npos) {
        entry = key.substr(0, at + query.delimiter.size());
        rolled_up = true;
        if (!page.common_prefixes.empty() && page.common_prefixes.back() == entry) continue;
      }
    }
    if (page.keys.size() + page.common_prefixes.size() == query.max_keys) {
      page.truncated = true;
      break;
    }
    (rolled_up ? page.common_prefixes : page.keys).push_back(entry);
    page.last = std::move(entry);
  }
  return page;
}

std::string url_encode(std::string_view text) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kDigits[c >> 4];
      out += kDigits[c & 0xF];
    }
  }
  return out;
}

}  // namespace api::s3
