#pragma once

#include <algorithm>
#include <string_view>

namespace api::sts {

// True when every character of `text` matches [\w<extra>], \w as the Java regexes of STS's
// model read it: ASCII letters, digits and '_'.
inline bool all_word_or(std::string_view text, std::string_view extra) {
  return std::all_of(text.begin(), text.end(), [extra](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           extra.find(c) != std::string_view::npos;
  });
}

}  // namespace api::sts
