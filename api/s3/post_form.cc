#include "api/s3/post_form.h"

#include "api/s3/s3_request.h"

namespace api::s3 {

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The value of `name=` in a header's parameters (`; name="value"` or `; name=value`).
std::optional<std::string> parameter(std::string_view header, std::string_view name) {
  std::size_t at = 0;
  while ((at = header.find(';', at)) != std::string_view::npos) {
    std::string_view rest = trimmed(header.substr(++at));
    if (ascii_lower(rest.substr(0, name.size())) != name || rest.substr(name.size(), 1) != "=") continue;
    rest.remove_prefix(name.size() + 1);
    if (!rest.empty() && rest.front() == '"') {
      const auto end = rest.find('"', 1);
      if (end == std::string_view::npos) return std::nullopt;
      return std::string(rest.substr(1, end - 1));
    }
    return std::string(trimmed(rest.substr(0, rest.find(';'))));
  }
  return std::nullopt;
}

struct Part {
  std::optional<std::string> name;
  std::optional<std::string> filename;
  std::string_view content;
};

// One part: header lines up to an empty line, then the content.
std::optional<Part> parse_part(std::string_view part) {
  const auto end_of_headers = part.find("\r\n\r\n");
  if (end_of_headers == std::string_view::npos) return std::nullopt;
  Part parsed;
  parsed.content = part.substr(end_of_headers + 4);
  std::string_view headers = part.substr(0, end_of_headers);
  while (!headers.empty()) {
    const auto line_end = headers.find("\r\n");
    const std::string_view line = headers.substr(0, line_end);
    headers = line_end == std::string_view::npos ? std::string_view() : headers.substr(line_end + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || ascii_lower(trimmed(line.substr(0, colon))) != "content-disposition")
      continue;
    parsed.name = parameter(line, "name");
    parsed.filename = parameter(line, "filename");
  }
  if (!parsed.name) return std::nullopt;
  return parsed;
}

}  // namespace

std::optional<std::string> PostForm::field(std::string_view name) const {
  for (const auto& [field_name, value] : fields) {
    if (field_name == name) return value;
  }
  return std::nullopt;
}

bool is_post_form(const server::HttpRequest& request) {
  return request.method == "POST" && ascii_lower(request.header("Content-Type")).starts_with("multipart/form-data");
}

std::optional<PostForm> parse_post_form(std::string_view content_type, std::string_view body) {
  const auto boundary = parameter(content_type, "boundary");
  if (!boundary || boundary->empty()) return std::nullopt;
  const std::string delimiter = "--" + *boundary;
  if (!body.starts_with(delimiter)) return std::nullopt;
  PostForm form;
  std::size_t at = delimiter.size();
  while (!form.has_file) {
    if (body.substr(at, 2) == "--") break;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    const auto next = body.find("\r\n" + delimiter, at + 2);
    if (next == std::string_view::npos) return std::nullopt;
    auto part = parse_part(body.substr(at + 2, next - at - 2));
    if (!part) return std::nullopt;
    if (ascii_lower(*part->name) == "file") {
      form.has_file = true;
      form.filename = part->filename.value_or("");
      form.file = std::string(part->content);
    } else {
      form.fields.emplace_back(ascii_lower(*part->name), std::string(part->content));
    }
    at = next + 2 + delimiter.size();
  }
  return form;
}

}  // namespace api::s3
