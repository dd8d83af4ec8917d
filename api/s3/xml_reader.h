#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "capacity_model/result.h"

namespace api::s3 {

// An element of a request body (CreateBucketConfiguration, Delete, CompleteMultipartUpload):
// its local name (any "prefix:" dropped, namespaces ignored as botocore's parser ignores
// them), its text with entities resolved, and its child elements in order.
struct XmlElement {
  std::string name;
  std::string text;
  std::vector<XmlElement> children;

  // The first child named so, or nullptr.
  const XmlElement* child(std::string_view child_name) const;
};

// The root element of a small XML document: prolog, comments and whitespace between elements
// are skipped; DOCTYPE, CDATA and processing instructions inside are refused, as is nesting
// deeper than 20 levels. The error text says where the document went wrong.
capacity_model::Result<XmlElement, std::string> parse_xml(std::string_view document);

}  // namespace api::s3
