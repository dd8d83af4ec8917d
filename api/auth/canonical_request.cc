#include "api/auth/canonical_request.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace api::auth {
namespace {

bool unreserved(unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~'; }

std::string encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (unreserved(c) || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// Dot segments and empty segments dropped, the leading and a trailing slash kept (botocore's
// remove_dot_segments, so that both sides sign the same text).
std::string normalized_path(std::string_view path) {
  std::vector<std::string_view> kept;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const auto segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (!segment.empty() && segment != ".") {
      kept.push_back(segment);
    }
    start = end + 1;
  }
  std::string out = path.front() == '/' ? "/" : "";
  for (std::size_t i = 0; i < kept.size(); ++i) out += (i ? "/" : "") + std::string(kept[i]);
  if (path.back() == '/' && !kept.empty()) out += '/';
  return out;
}

std::string squeezed(std::string_view value) {
  std::string out;
  bool blank = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string canonical_uri(std::string_view raw_path, bool s3) {
  if (raw_path.empty()) return "/";
  return s3 ? std::string(raw_path) : encode(normalized_path(raw_path), true);
}

std::string canonical_query(std::string_view raw_query, std::string_view skipped) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t start = 0;
  while (start <= raw_query.size() && !raw_query.empty()) {
    auto end = raw_query.find('&', start);
    if (end == std::string_view::npos) end = raw_query.size();
    const auto pair = raw_query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = percent_decoded(pair.substr(0, eq));
    if (!skipped.empty() && name == skipped) continue;
    auto value = eq == std::string_view::npos ? std::string() : percent_decoded(pair.substr(eq + 1));
    pairs.emplace_back(encode(name, false), encode(value, false));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [name, value] : pairs) out += (out.empty() ? "" : "&") + name + "=" + value;
  return out;
}

std::string canonical_headers(const server::HttpRequest& request, const std::vector<std::string>& signed_names) {
  std::string out;
  for (const auto& name : signed_names) {
    std::string values;
    bool first = true;
    for (const auto& [header, value] : request.headers) {
      if (!server::iequals(header, name)) continue;
      values += (first ? "" : ",") + squeezed(value);
      first = false;
    }
    out += name + ":" + values + "\n";
  }
  return out;
}

std::string canonical_request(const server::HttpRequest& request, const SigningInputs& inputs) {
  std::string signed_list;
  for (const auto& name : inputs.signed_headers) signed_list += (signed_list.empty() ? "" : ";") + name;
  return request.method + "\n" + canonical_uri(request.path(), inputs.s3) + "\n" +
         canonical_query(request.query(), inputs.skipped_query_parameter) + "\n" +
         canonical_headers(request, inputs.signed_headers) + "\n" + signed_list + "\n" + inputs.payload_hash;
}

}  // namespace api::auth
