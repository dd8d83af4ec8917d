#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "capacity_model/result.h"

namespace api::service_model {

// A Java (java.util.regex) pattern as written in the botocore model, compiled once and applied
// as a full match (Pattern.matches), on Unicode code points.
//
// Supported syntax, which covers every pattern of the SageMaker subset:
//   literals and escaped punctuation (\- \. \/ ...), \t \n \r \f \a \e \xhh \x{h..} \uhhhh;
//   . (any code point except the line terminators \n \r \u0085 \u2028 \u2029, as in Java);
//   classes [...] and [^...] with ranges, a literal '-' where it cannot form a range;
//   \d \D \w \W \s \S (ASCII, Java's default), \p{..} / \P{..} with L, N, Z (Unicode general
//   categories, also as IsL / IsN / IsZ / single letter \pL) and the ASCII POSIX names Alnum,
//   Alpha, Digit, Upper, Lower, ASCII, Space;
//   groups (...), (?:...), (?<name>...); alternation |; quantifiers * + ? {n} {n,} {n,m}
//   (a lazy '?' suffix is accepted, it cannot change a full match); ^ and $ (input start/end);
//   fixed-width look-behind (?<=...) and (?<!...).
// Anything else (look-ahead, back-references, possessive quantifiers, \b, \Q..\E, flags,
// nested classes or && intersections) is rejected by compile().
//
// Matching simulates a Thompson NFA (no backtracking): time is O(text × pattern) whatever the
// input, so long or hostile values cannot blow up.
class Pattern {
 public:
  static capacity_model::Result<Pattern, std::string> compile(std::string_view java_regex);

  bool full_match(std::u32string_view text) const;
  bool full_match_utf8(std::string_view text) const;

  const std::string& source() const { return source_; }

  struct Program;

 private:
  Pattern(std::string source, std::shared_ptr<const Program> program);

  std::string source_;
  std::shared_ptr<const Program> program_;  // immutable, shared by copies
};

}  // namespace api::service_model
