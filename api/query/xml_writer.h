#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace api::query {

// `text` as XML character data or an attribute value: & < > " ' become entities. Bytes that
// are not UTF-8 and the control characters XML 1.0 forbids (all below U+0020 but tab, LF and
// CR) become U+FFFD, so a client's value echoed in a message can never break the document.
std::string xml_escape(std::string_view text);

// Builds an XML fragment element by element; every text goes through xml_escape.
//   XmlWriter xml;
//   xml.open("Credentials").leaf("AccessKeyId", key).close();
class XmlWriter {
 public:
  // <name> or, with a namespace, <name xmlns="...">.
  XmlWriter& open(std::string_view name, std::string_view xmlns = {});
  // Closes the innermost open element.
  XmlWriter& close();
  // <name>text</name>
  XmlWriter& leaf(std::string_view name, std::string_view text);
  // Appends markup another XmlWriter built (a fragment whose elements are all closed).
  XmlWriter& raw(std::string_view markup);
  // The text so far, every element closed.
  std::string finish() &&;

 private:
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace api::query
