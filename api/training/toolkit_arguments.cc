#include "api/training/toolkit_arguments.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string_view>

namespace api::training {
namespace {

// Python's json.loads returns dicts in document order, and str() of a nested dict shows them so;
// only the toolkit's own outputs sort keys.
using Json = nlohmann::ordered_json;

// ---- json.loads ----------------------------------------------------------------------------

// Builds what json.loads would return. An integer too large for 64 bits, which nlohmann reads
// as a double, keeps its digits as Python's int would, held in a binary value: JSON text never
// yields one, so the marker cannot be mistaken for anything else.
class PythonValueBuilder {
 public:
  bool null() { return put(nullptr); }
  bool boolean(bool value) { return put(value); }
  bool number_integer(Json::number_integer_t value) { return put(value); }
  bool number_unsigned(Json::number_unsigned_t value) { return put(value); }
  bool number_float(Json::number_float_t value, const std::string& text) {
    if (text.find_first_of(".eE") != std::string::npos) return put(value);
    return put(Json::binary(Json::binary_t::container_type(text.begin(), text.end())));
  }
  bool string(std::string& value) { return put(std::move(value)); }
  bool binary(Json::binary_t&) { return false; }  // JSON text has none
  bool start_object(std::size_t) { return open(Json::object()); }
  bool key(std::string& name) {
    key_ = std::move(name);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const Json::exception&) { return false; }

  Json release() { return std::move(root_); }

 private:
  // Stores `value` where the parse stands (the root, the next element, the member `key_`).
  Json* place(Json value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    Json& member = parent[key_];  // a repeated key keeps its first place and takes the last value, as in Python
    member = std::move(value);
    return &member;
  }
  bool put(Json value) {
    place(std::move(value));
    return true;
  }
  bool open(Json container) {
    open_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  Json root_;
  std::vector<Json*> open_;  // the arrays and objects being filled, innermost last
  std::string key_;
};

// The toolkit's json.loads of a hyperparameter: a value that is not JSON stays the raw string.
// Python also reads NaN, Infinity and out-of-range numbers such as 1e400 as floats; nlohmann
// refuses them, so they stay raw strings here (an argument "Infinity" where Python says "inf").
Json decode(const std::string& raw) {
  if (raw.starts_with("\xEF\xBB\xBF")) return raw;  // Python refuses the byte-order mark nlohmann skips
  PythonValueBuilder builder;
  if (!Json::sax_parse(raw, &builder)) return raw;
  return builder.release();
}

// ---- Text as Python writes it -----------------------------------------------------------------

// The code point at text[i], moving i past it; a byte that does not start a well-formed UTF-8
// sequence reads as U+FFFD (only a raw value that is not JSON can hold one).
char32_t next_code_point(std::string_view text, std::size_t& i) {
  constexpr char32_t kReplacement = U'\uFFFD';
  const auto lead = static_cast<unsigned char>(text[i++]);
  if (lead < 0x80) return lead;
  const std::size_t length = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length - 1 > text.size()) return kReplacement;
  char32_t code = lead & (0x7F >> length);
  for (std::size_t k = 0; k + 1 < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return kReplacement;
    code = (code << 6) | (next & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};  // shorter forms are overlong
  if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return kReplacement;
  i += length - 1;
  return code;
}

std::string hex(std::uint32_t value, int digits) {
  std::string out(digits, '0');
  for (int k = digits - 1; k >= 0; --k, value >>= 4) out[k] = "0123456789abcdef"[value & 0xF];
  return out;
}

// Python's float repr: the shortest digits that read back the same, laid out in positional
// form for decimal exponents -4 to 15 (an integral value keeps ".0"), else as 1e-05 or 1.5e+16.
std::string python_float(double value) {
  char buffer[32];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific).ptr;
  std::string_view text(buffer, written - buffer);  // such as "-1.25e+16"
  std::string out;
  if (text.front() == '-') {
    out += '-';
    text.remove_prefix(1);
  }
  const std::size_t e = text.find('e');
  std::string digits(text.substr(0, e));
  std::erase(digits, '.');
  int exponent = 0;
  std::from_chars(text.data() + e + 2, text.data() + text.size(), exponent);
  if (text[e + 1] == '-') exponent = -exponent;

  const auto length = static_cast<int>(digits.size());
  if (exponent < -4 || exponent >= 16) {
    out += digits.substr(0, 1);
    if (length > 1) out += "." + digits.substr(1);
    const std::string magnitude = std::to_string(exponent < 0 ? -exponent : exponent);
    return out + (exponent < 0 ? "e-" : "e+") + (magnitude.size() < 2 ? "0" : "") + magnitude;
  }
  if (exponent < 0) return out + "0." + std::string(-exponent - 1, '0') + digits;
  if (length <= exponent + 1) return out + digits + std::string(exponent + 1 - length, '0') + ".0";
  return out + digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
}

// str.isprintable() as repr() consults it: exact on Latin-1; above, the separators, format
// characters, surrogates and private-use areas. Python also escapes unassigned code points,
// which only its Unicode tables know.
bool python_printable(char32_t code) {
  if (code < 0x7F) return code >= 0x20;
  if (code <= 0xA0 || code == 0xAD) return false;
  struct Range {
    char32_t first, last;
  };
  static constexpr Range kNotPrintable[] = {
      {0x600, 0x605},   {0x61C, 0x61C},     {0x6DD, 0x6DD},     {0x70F, 0x70F},     {0x8E2, 0x8E2},
      {0x1680, 0x1680}, {0x180E, 0x180E},   {0x2000, 0x200F},   {0x2028, 0x202F},   {0x205F, 0x2064},
      {0x2066, 0x206F}, {0x3000, 0x3000},   {0xD800, 0xF8FF},   {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},
      {0xFFFE, 0xFFFF}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F}, {0xF0000, 0x10FFFF}};
  return std::none_of(std::begin(kNotPrintable), std::end(kNotPrintable),
                      [code](const Range& range) { return code >= range.first && code <= range.last; });
}

// repr() of a str: single quotes unless only double quotes avoid escaping one.
std::string python_string_repr(std::string_view text) {
  const char quote = text.find('\'') != text.npos && text.find('"') == text.npos ? '"' : '\'';
  std::string out(1, quote);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t code = next_code_point(text, i);
    if (code == static_cast<char32_t>(quote) || code == U'\\') {
      out += '\\';
      out += static_cast<char>(code);
    } else if (code == U'\t' || code == U'\n' || code == U'\r') {
      out += code == U'\t' ? "\\t" : code == U'\n' ? "\\n" : "\\r";
    } else if (python_printable(code)) {
      out += text.substr(start, i - start);
    } else {
      out += code < 0x100 ? "\\x" + hex(code, 2) : code < 0x10000 ? "\\u" + hex(code, 4) : "\\U" + hex(code, 8);
    }
  }
  return out + quote;
}

// Members sorted by key (code point order, which is UTF-8 byte order), as sorted() and
// json.dumps(sort_keys=True) give them.
std::vector<std::pair<const std::string*, const Json*>> sorted_members(const Json& object) {
  std::vector<std::pair<const std::string*, const Json*>> members;
  for (auto it = object.begin(); it != object.end(); ++it) members.emplace_back(&it.key(), &it.value());
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
  return members;
}

// A number as both repr() and json.dumps() write it.
std::string number_text(const Json& value) {
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number_float()) return python_float(value.get<double>());
  const auto& digits = value.get_binary();  // an integer beyond 64 bits (PythonValueBuilder)
  return std::string(digits.begin(), digits.end());
}

std::string python_repr(const Json& value) {
  if (value.is_null()) return "None";
  if (value.is_boolean()) return value.get<bool>() ? "True" : "False";
  if (value.is_string()) return python_string_repr(value.get_ref<const std::string&>());
  if (!value.is_structured()) return number_text(value);
  std::string out(1, value.is_array() ? '[' : '{');
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (it != value.begin()) out += ", ";
    if (value.is_object()) out += python_string_repr(it.key()) + ": ";
    out += python_repr(it.value());
  }
  return out + (value.is_array() ? ']' : '}');
}

std::string python_str(const Json& value) { return value.is_string() ? value.get<std::string>() : python_repr(value); }

// ---- json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True) ------------

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const char32_t code = next_code_point(text, i);
    switch (code) {
      case U'"': out += "\\\""; break;
      case U'\\': out += "\\\\"; break;
      case U'\n': out += "\\n"; break;
      case U'\r': out += "\\r"; break;
      case U'\t': out += "\\t"; break;
      case U'\b': out += "\\b"; break;
      case U'\f': out += "\\f"; break;
      default:
        if (code >= 0x20 && code < 0x7F) {
          out += static_cast<char>(code);
        } else if (code < 0x10000) {
          out += "\\u" + hex(code, 4);
        } else {  // a surrogate pair, as ensure_ascii writes it
          out += "\\u" + hex(0xD800 + ((code - 0x10000) >> 10), 4) + "\\u" + hex(0xDC00 + (code & 0x3FF), 4);
        }
    }
  }
  out += '"';
}

std::string compact_json(const Json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  std::string out;
  if (value.is_string()) {
    append_json_string(out, value.get_ref<const std::string&>());
  } else if (value.is_array()) {
    out += '[';
    for (const Json& element : value) out += (out.size() > 1 ? "," : "") + compact_json(element);
    out += ']';
  } else if (value.is_object()) {
    out += '{';
    for (const auto& [key, member] : sorted_members(value)) {
      if (out.size() > 1) out += ',';
      append_json_string(out, *key);
      out += ':' + compact_json(*member);
    }
    out += '}';
  } else {
    out = number_text(value);
  }
  return out;
}

// ---- The toolkit's mapping.to_cmd_args and to_env_vars ----------------------------------------

bool is_reserved(const std::string& key) {
  return key.starts_with("sagemaker_") || key == "_tuning_objective_metric" || key == "default_user_module_name";
}

// "--key", or "-k" when the key is one character (a code point, as Python's len counts).
std::string argument_name(const std::string& key) {
  const auto length = std::count_if(key.begin(), key.end(), [](char c) { return (c & 0xC0) != 0x80; });
  if (length == 0) return "";
  return (length == 1 ? "-" : "--") + key;
}

// str() of the value, except that None is empty and a dict becomes sorted k=v pairs.
std::string argument_value(const Json& value) {
  if (value.is_null()) return "";
  if (!value.is_object()) return python_str(value);
  std::string out;
  for (const auto& [key, member] : sorted_members(value)) {
    if (!out.empty()) out += ',';
    out += *key + "=" + python_str(*member);
  }
  return out;
}

// Python's str.upper() also maps non-ASCII letters; a key is ASCII in every job we know of.
std::string environment_name(const std::string& key) {
  std::string name = "SM_HP_" + key;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
  return name;
}

std::string environment_value(const Json& value) {
  if (value.is_null()) return "";
  return value.is_string() ? value.get<std::string>() : compact_json(value);
}

// sagemaker_program and sagemaker_submit_directory as the toolkit uses them.
std::optional<std::string> script_setting(const std::map<std::string, std::string>& hyperparameters,
                                          const std::string& key) {
  const auto found = hyperparameters.find(key);
  if (found == hyperparameters.end()) return std::nullopt;
  const Json value = decode(found->second);
  return value.is_string() ? value.get<std::string>() : found->second;
}

}  // namespace

ToolkitHyperparameters render_for_toolkit(const std::map<std::string, std::string>& hyperparameters) {
  ToolkitHyperparameters rendered;
  Json user = Json::object();
  for (const auto& [key, raw] : hyperparameters) {  // std::map: code point order, as sorted() in Python
    if (is_reserved(key)) continue;
    Json value = decode(raw);
    rendered.arguments.push_back(argument_name(key));
    rendered.arguments.push_back(argument_value(value));
    rendered.environment.emplace_back(environment_name(key), environment_value(value));
    user[key] = std::move(value);
  }
  rendered.environment.emplace_back("SM_HPS", compact_json(user));
  rendered.environment.emplace_back("SM_USER_ARGS", compact_json(Json(rendered.arguments)));
  rendered.program = script_setting(hyperparameters, "sagemaker_program");
  rendered.submit_directory = script_setting(hyperparameters, "sagemaker_submit_directory");
  return rendered;
}

}  // namespace api::training
