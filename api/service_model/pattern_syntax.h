#pragma once

// Internal to api/service_model: the syntax tree of a Java regex, produced by the parser
// (pattern_syntax.cc) and turned into an NFA by Pattern::compile (pattern.cc).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capacity_model/result.h"

namespace api::service_model::pattern_syntax {

// Predefined classes: Unicode categories for \p{L} \p{N} \p{Z}, ASCII for the rest (Java's
// defaults without UNICODE_CHARACTER_CLASS); kDot is '.'.
enum class Category { kLetter, kNumber, kSeparator, kDigit, kWord, kSpace, kAlnum, kAlpha, kUpper, kLower, kAscii, kDot };

bool in_category(Category category, char32_t c);

struct CharClass {
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::vector<std::pair<Category, bool>> categories;  // (category, negated)

  bool matches(char32_t c) const {
    bool hit = false;
    for (const auto& [lo, hi] : ranges) hit = hit || (c >= lo && c <= hi);
    for (const auto& [category, neg] : categories) hit = hit || (in_category(category, c) != neg);
    return hit != negated;
  }
};

struct Node {
  enum Kind { kEmpty, kClass, kConcat, kAlt, kRepeat, kBegin, kEnd, kLookbehind } kind = kEmpty;
  int cls = -1;
  std::vector<int> children;
  int min = 0;
  int max = -1;  // -1: unbounded
  bool negative = false;
};

struct Syntax {
  std::vector<Node> nodes;
  std::vector<CharClass> classes;
  int root = -1;
};

// Parses Java regex syntax (see pattern.h for the subset); returns an error text otherwise.
capacity_model::Result<Syntax, std::string> parse(std::u32string_view source);

// Width in code points of a node if fixed, else -1 (look-behind bodies must be fixed).
long fixed_width(const std::vector<Node>& nodes, int id);

}  // namespace api::service_model::pattern_syntax
