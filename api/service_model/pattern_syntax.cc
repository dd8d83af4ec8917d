#include "api/service_model/pattern_syntax.h"

#include "api/service_model/unicode_classes.h"

namespace api::service_model::pattern_syntax {

bool in_category(Category category, char32_t c) {
  const bool lower = c >= U'a' && c <= U'z';
  const bool upper = c >= U'A' && c <= U'Z';
  const bool digit = c >= U'0' && c <= U'9';
  switch (category) {
    case Category::kLetter: return is_unicode_letter(c);
    case Category::kNumber: return is_unicode_number(c);
    case Category::kSeparator: return is_unicode_separator(c);
    case Category::kDigit: return digit;
    case Category::kWord: return lower || upper || digit || c == U'_';
    case Category::kSpace: return c == U' ' || (c >= U'\t' && c <= U'\r');  // \t \n \x0B \f \r
    case Category::kAlnum: return lower || upper || digit;
    case Category::kAlpha: return lower || upper;
    case Category::kUpper: return upper;
    case Category::kLower: return lower;
    case Category::kAscii: return c < 0x80;
    case Category::kDot: return c != U'\n' && c != U'\r' && c != 0x85 && c != 0x2028 && c != 0x2029;
  }
  return false;
}

namespace {

constexpr int kMaxRepeat = 10000;

class Parser {
 public:
  explicit Parser(std::u32string source) : src_(std::move(source)) {}

  // Returns the root node, or -1 with error() set.
  int parse() {
    const int root = parse_alt();
    if (root >= 0 && pos_ < src_.size()) return fail(src_[pos_] == U')' ? "unmatched ')'" : "unexpected character");
    return root;
  }
  const std::string& error() const { return error_; }
  std::vector<Node>& nodes() { return nodes_; }
  std::vector<CharClass>& classes() { return classes_; }

 private:
  int fail(const std::string& what) {
    if (error_.empty()) error_ = what + " at offset " + std::to_string(pos_);
    return -1;
  }
  bool at_end() const { return pos_ >= src_.size(); }
  bool peek(char32_t c) const { return !at_end() && src_[pos_] == c; }
  bool starts_with(std::u32string_view s) const { return std::u32string_view(src_).substr(pos_, s.size()) == s; }
  static Node node(Node::Kind kind) {
    Node n;
    n.kind = kind;
    return n;
  }
  int add(Node node) {
    nodes_.push_back(std::move(node));
    return static_cast<int>(nodes_.size()) - 1;
  }
  int add_class(CharClass cls) {
    classes_.push_back(std::move(cls));
    Node node;
    node.kind = Node::kClass;
    node.cls = static_cast<int>(classes_.size()) - 1;
    return add(std::move(node));
  }

  int parse_alt() {
    Node alt;
    alt.kind = Node::kAlt;
    for (;;) {
      const int branch = parse_concat();
      if (branch < 0) return -1;
      alt.children.push_back(branch);
      if (!peek(U'|')) break;
      ++pos_;
    }
    return alt.children.size() == 1 ? alt.children[0] : add(std::move(alt));
  }

  int parse_concat() {
    Node concat;
    concat.kind = Node::kConcat;
    while (!at_end() && !peek(U'|') && !peek(U')')) {
      int atom = parse_atom();
      if (atom < 0) return -1;
      atom = parse_quantifiers(atom);
      if (atom < 0) return -1;
      concat.children.push_back(atom);
    }
    if (concat.children.empty()) return add(node(Node::kEmpty));
    return concat.children.size() == 1 ? concat.children[0] : add(std::move(concat));
  }

  bool parse_number(int& value) {
    if (at_end() || src_[pos_] < U'0' || src_[pos_] > U'9') return false;
    value = 0;
    while (!at_end() && src_[pos_] >= U'0' && src_[pos_] <= U'9') {
      value = value * 10 + static_cast<int>(src_[pos_++] - U'0');
      if (value > kMaxRepeat) return false;
    }
    return true;
  }

  int parse_quantifiers(int atom) {
    while (!at_end()) {
      Node rep;
      rep.kind = Node::kRepeat;
      const char32_t c = src_[pos_];
      if (c == U'*') {
        rep.min = 0, rep.max = -1, ++pos_;
      } else if (c == U'+') {
        rep.min = 1, rep.max = -1, ++pos_;
      } else if (c == U'?') {
        rep.min = 0, rep.max = 1, ++pos_;
      } else if (c == U'{') {
        ++pos_;
        if (!parse_number(rep.min)) return fail("malformed repetition {n,m}");
        rep.max = rep.min;
        if (peek(U',')) {
          ++pos_;
          rep.max = -1;
          if (!peek(U'}') && !parse_number(rep.max)) return fail("malformed repetition {n,m}");
        }
        if (!peek(U'}')) return fail("malformed repetition {n,m}");
        ++pos_;
        if (rep.max >= 0 && rep.max < rep.min) return fail("repetition {n,m} with m < n");
      } else {
        return atom;
      }
      if (peek(U'+')) return fail("possessive quantifiers are not supported");
      if (peek(U'?')) ++pos_;  // lazy: same set of full matches
      if (!at_end() && (src_[pos_] == U'*' || src_[pos_] == U'+' || src_[pos_] == U'?' || src_[pos_] == U'{'))
        return fail("dangling quantifier");
      rep.children.push_back(atom);
      atom = add(std::move(rep));
    }
    return atom;
  }

  int parse_atom() {
    const char32_t c = src_[pos_];
    switch (c) {
      case U'(': return parse_group();
      case U'[': return parse_class();
      case U'.': {
        ++pos_;
        CharClass cls;
        cls.categories.emplace_back(Category::kDot, false);
        return add_class(std::move(cls));
      }
      case U'^': ++pos_; return add(node(Node::kBegin));
      case U'$': ++pos_; return add(node(Node::kEnd));
      case U'*': case U'+': case U'?': case U'{': return fail("quantifier without operand");
      case U'\\': {
        CharClass cls;
        if (!parse_escape(cls, /*in_class=*/false)) return -1;
        return add_class(std::move(cls));
      }
      default: {
        ++pos_;
        CharClass cls;
        cls.ranges.emplace_back(c, c);
        return add_class(std::move(cls));
      }
    }
  }

  int parse_group() {
    ++pos_;  // '('
    Node look;
    bool lookbehind = false;
    if (starts_with(U"?:")) {
      pos_ += 2;
    } else if (starts_with(U"?<!") || starts_with(U"?<=")) {
      lookbehind = true;
      look.kind = Node::kLookbehind;
      look.negative = src_[pos_ + 2] == U'!';
      pos_ += 3;
    } else if (starts_with(U"?<")) {
      pos_ += 2;
      while (!at_end() && ((src_[pos_] >= U'a' && src_[pos_] <= U'z') || (src_[pos_] >= U'A' && src_[pos_] <= U'Z') ||
                           (src_[pos_] >= U'0' && src_[pos_] <= U'9')))
        ++pos_;
      if (!peek(U'>')) return fail("malformed named group");
      ++pos_;
    } else if (peek(U'?')) {
      return fail("unsupported group construct (look-ahead, flags or atomic group)");
    }
    const int inner = parse_alt();
    if (inner < 0) return -1;
    if (!peek(U')')) return fail("missing ')'");
    ++pos_;
    if (!lookbehind) return inner;
    look.children.push_back(inner);
    return add(std::move(look));
  }

  // One escape after '\'. Adds a single code point range or a category to `cls`; `single`
  // receives the code point when the escape denotes exactly one (usable as a range endpoint).
  bool parse_escape(CharClass& cls, bool in_class, char32_t* single = nullptr) {
    ++pos_;  // '\'
    if (at_end()) return fail("trailing backslash") >= 0;
    const char32_t c = src_[pos_++];
    auto category = [&](Category cat, bool negated) {
      cls.categories.emplace_back(cat, negated);
      return true;
    };
    auto literal = [&](char32_t cp) {
      cls.ranges.emplace_back(cp, cp);
      if (single) *single = cp;
      return true;
    };
    switch (c) {
      case U'd': return category(Category::kDigit, false);
      case U'D': return category(Category::kDigit, true);
      case U'w': return category(Category::kWord, false);
      case U'W': return category(Category::kWord, true);
      case U's': return category(Category::kSpace, false);
      case U'S': return category(Category::kSpace, true);
      case U'p': case U'P': return parse_property(cls, c == U'P');
      case U't': return literal(U'\t');
      case U'n': return literal(U'\n');
      case U'r': return literal(U'\r');
      case U'f': return literal(U'\f');
      case U'a': return literal(0x07);
      case U'e': return literal(0x1B);
      case U'x': case U'u': {
        char32_t cp = 0;
        if (!parse_hex(c == U'u' ? 4 : 2, c == U'x', cp)) return false;
        return literal(cp);
      }
      default:
        break;
    }
    const bool alnum = (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
    if (alnum) {
      return fail(std::string("unsupported escape \\") + static_cast<char>(c) + (in_class ? " in class" : "")) >= 0;
    }
    return literal(c);
  }

  bool parse_hex(int digits, bool allow_braces, char32_t& cp) {
    const bool braces = allow_braces && peek(U'{');
    if (braces) ++pos_;
    int count = 0;
    cp = 0;
    while (!at_end() && (braces || count < digits)) {
      const char32_t h = src_[pos_];
      int v = -1;
      if (h >= U'0' && h <= U'9') v = static_cast<int>(h - U'0');
      else if (h >= U'a' && h <= U'f') v = static_cast<int>(h - U'a') + 10;
      else if (h >= U'A' && h <= U'F') v = static_cast<int>(h - U'A') + 10;
      if (v < 0) break;
      cp = cp * 16 + static_cast<char32_t>(v);
      ++pos_, ++count;
      if (cp > 0x10FFFF) return fail("hex escape out of range") >= 0;
    }
    if (braces) {
      if (!peek(U'}') || count == 0) return fail("malformed \\x{...}") >= 0;
      ++pos_;
    } else if (count != digits) {
      return fail("malformed hex escape") >= 0;
    }
    return true;
  }

  bool parse_property(CharClass& cls, bool negated) {
    std::string name;
    if (peek(U'{')) {
      ++pos_;
      while (!at_end() && src_[pos_] != U'}' && src_[pos_] < 0x80) name.push_back(static_cast<char>(src_[pos_++]));
      if (!peek(U'}')) return fail("malformed \\p{...}") >= 0;
      ++pos_;
    } else if (!at_end() && src_[pos_] < 0x80) {
      name.push_back(static_cast<char>(src_[pos_++]));
    }
    static const std::pair<const char*, Category> kNames[] = {
        {"L", Category::kLetter},    {"IsL", Category::kLetter},  {"IsLetter", Category::kLetter},
        {"N", Category::kNumber},    {"IsN", Category::kNumber},  {"Z", Category::kSeparator},
        {"IsZ", Category::kSeparator}, {"Alnum", Category::kAlnum}, {"Alpha", Category::kAlpha},
        {"Digit", Category::kDigit}, {"Upper", Category::kUpper}, {"Lower", Category::kLower},
        {"ASCII", Category::kAscii}, {"Space", Category::kSpace},
    };
    for (const auto& [n, cat] : kNames) {
      if (name == n) {
        cls.categories.emplace_back(cat, negated);
        return true;
      }
    }
    return fail("unsupported property \\p{" + name + "}") >= 0;
  }

  int parse_class() {
    ++pos_;  // '['
    CharClass cls;
    if (peek(U'^')) {
      cls.negated = true;
      ++pos_;
    }
    bool first = true;
    bool have_single = false;  // the previous item was one code point that may start a range
    char32_t previous = 0;
    for (;;) {
      if (at_end()) return fail("unterminated character class");
      const char32_t c = src_[pos_];
      if (c == U']' && !first) {
        ++pos_;
        break;
      }
      if (c == U'[' || starts_with(U"&&")) return fail("nested classes and intersections are not supported");
      if (c == U']') return fail("empty character class");
      first = false;
      if (c == U'-' && have_single && pos_ + 1 < src_.size() && src_[pos_ + 1] != U']') {
        ++pos_;
        char32_t upper = 0;
        if (src_[pos_] == U'\\') {
          CharClass scratch;
          upper = 0x110000;
          if (!parse_escape(scratch, true, &upper)) return -1;
          if (upper == 0x110000) return fail("illegal character range");
        } else if (src_[pos_] == U'[') {
          return fail("illegal character range");
        } else {
          upper = src_[pos_++];
        }
        if (upper < previous) return fail("illegal character range");
        cls.ranges.back().second = upper;
        have_single = false;
        continue;
      }
      if (c == U'\\') {
        char32_t single = 0x110000;
        if (!parse_escape(cls, true, &single)) return -1;
        have_single = single != 0x110000;
        previous = single;
        continue;
      }
      ++pos_;
      cls.ranges.emplace_back(c, c);
      have_single = true;
      previous = c;
    }
    return add_class(std::move(cls));
  }

  std::u32string src_;
  std::size_t pos_ = 0;
  std::string error_;
  std::vector<Node> nodes_;
  std::vector<CharClass> classes_;
};

}  // namespace

capacity_model::Result<Syntax, std::string> parse(std::u32string_view source) {
  Parser parser{std::u32string(source)};
  const int root = parser.parse();
  if (root < 0) return parser.error();
  return Syntax{std::move(parser.nodes()), std::move(parser.classes()), root};
}

long fixed_width(const std::vector<Node>& nodes, int id) {
  const Node& n = nodes[id];
  switch (n.kind) {
    case Node::kEmpty: case Node::kBegin: case Node::kEnd: case Node::kLookbehind: return 0;
    case Node::kClass: return 1;
    case Node::kConcat: {
      long sum = 0;
      for (int child : n.children) {
        const long w = fixed_width(nodes, child);
        if (w < 0) return -1;
        sum += w;
      }
      return sum;
    }
    case Node::kAlt: {
      long width = -2;
      for (int child : n.children) {
        const long w = fixed_width(nodes, child);
        if (w < 0 || (width != -2 && w != width)) return -1;
        width = w;
      }
      return width;
    }
    case Node::kRepeat: {
      if (n.max != n.min) return -1;
      const long w = fixed_width(nodes, n.children[0]);
      return w < 0 ? -1 : w * n.min;
    }
  }
  return -1;
}

}  // namespace api::service_model::pattern_syntax
