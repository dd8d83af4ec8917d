#include "api/s3/xml_reader.h"

#include <cstdint>

namespace api::s3 {
namespace {

constexpr int kMaxDepth = 20;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_name_char(char c) { return !is_space(c) && c != '>' && c != '/' && c != '=' && c != '<'; }

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  capacity_model::Result<XmlElement, std::string> document() {
    skip_misc();
    XmlElement root;
    if (!element(root, 0)) return error_;
    skip_misc();
    if (at_ < text_.size()) return std::string("content after the root element");
    return root;
  }

 private:
  bool fail(std::string message) {
    if (error_.empty()) error_ = message + " at byte " + std::to_string(at_);
    return false;
  }
  bool starts(std::string_view token) const { return text_.substr(at_, token.size()) == token; }
  void skip_spaces() {
    while (at_ < text_.size() && is_space(text_[at_])) ++at_;
  }
  // Whitespace, the <?xml ...?> prolog and comments.
  void skip_misc() {
    for (;;) {
      skip_spaces();
      const std::string_view end = starts("<?") ? "?>" : starts("<!--") ? "-->" : "";
      if (end.empty()) return;
      const auto close = text_.find(end, at_);
      at_ = close == std::string_view::npos ? text_.size() : close + end.size();
    }
  }

  std::string name() {
    const auto start = at_;
    while (at_ < text_.size() && is_name_char(text_[at_])) ++at_;
    std::string_view full = text_.substr(start, at_ - start);
    if (const auto colon = full.find(':'); colon != std::string_view::npos) full.remove_prefix(colon + 1);
    return std::string(full);
  }

  bool attributes(bool& empty_element) {
    for (;;) {
      skip_spaces();
      if (starts("/>")) {
        at_ += 2;
        empty_element = true;
        return true;
      }
      if (starts(">")) {
        ++at_;
        return true;
      }
      if (name().empty()) return fail("bad attribute");
      skip_spaces();
      if (!starts("=")) return fail("attribute without a value");
      ++at_;
      skip_spaces();
      if (at_ >= text_.size() || (text_[at_] != '"' && text_[at_] != '\'')) return fail("unquoted attribute");
      const auto close = text_.find(text_[at_], at_ + 1);
      if (close == std::string_view::npos) return fail("unterminated attribute");
      at_ = close + 1;
    }
  }

  bool entity(std::string& out) {
    const auto semicolon = text_.find(';', at_);
    if (semicolon == std::string_view::npos || semicolon - at_ > 10) return fail("bad entity");
    const std::string_view ref = text_.substr(at_ + 1, semicolon - at_ - 1);
    at_ = semicolon + 1;
    if (ref == "lt")
      out += '<';
    else if (ref == "gt")
      out += '>';
    else if (ref == "amp")
      out += '&';
    else if (ref == "quot")
      out += '"';
    else if (ref == "apos")
      out += '\'';
    else if (ref.size() > 1 && ref[0] == '#') {
      const bool hex = ref[1] == 'x';
      std::uint32_t code = 0;
      const std::string_view digits = ref.substr(hex ? 2 : 1);
      if (digits.empty()) return fail("bad character reference");
      for (char c : digits) {
        const int v = (c >= '0' && c <= '9')          ? c - '0'
                      : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                      : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                      : -1;
        if (v < 0 || code > 0x10FFFF) return fail("bad character reference");
        code = code * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      }
      if (code == 0 || code > 0x10FFFF) return fail("bad character reference");
      append_utf8(out, code);
    } else {
      return fail("unknown entity &" + std::string(ref) + ";");
    }
    return true;
  }

  bool element(XmlElement& out, int depth) {
    if (depth > kMaxDepth) return fail("elements nested too deep");
    if (!starts("<") || starts("</")) return fail("expected an element");
    ++at_;
    out.name = name();
    if (out.name.empty()) return fail("element without a name");
    bool empty_element = false;
    if (!attributes(empty_element)) return false;
    if (empty_element) return true;
    for (;;) {
      if (at_ >= text_.size()) return fail("element <" + out.name + "> not closed");
      if (starts("<!--")) {
        skip_misc();
        continue;
      }
      if (starts("</")) {
        at_ += 2;
        if (name() != out.name) return fail("closing tag does not match <" + out.name + ">");
        skip_spaces();
        if (!starts(">")) return fail("bad closing tag");
        ++at_;
        return true;
      }
      if (starts("<!") || starts("<?")) return fail("DOCTYPE, CDATA and processing instructions are not accepted");
      if (starts("<")) {
        out.children.emplace_back();
        if (!element(out.children.back(), depth + 1)) return false;
        continue;
      }
      if (text_[at_] == '&') {
        if (!entity(out.text)) return false;
        continue;
      }
      out.text += text_[at_++];
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::string error_;
};

}  // namespace

const XmlElement* XmlElement::child(std::string_view child_name) const {
  for (const auto& c : children) {
    if (c.name == child_name) return &c;
  }
  return nullptr;
}

capacity_model::Result<XmlElement, std::string> parse_xml(std::string_view document) {
  return Parser(document).document();
}

}  // namespace api::s3
