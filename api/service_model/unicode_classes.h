#pragma once

#include <string>
#include <string_view>

namespace api::service_model {

// Unicode general-category tests for the Java classes \p{L}, \p{N} and \p{Z}.
bool is_unicode_letter(char32_t c);     // \p{L}: Lu Ll Lt Lm Lo
bool is_unicode_number(char32_t c);     // \p{N}: Nd Nl No
bool is_unicode_separator(char32_t c);  // \p{Z}: Zs Zl Zp

// Decodes UTF-8 to code points. Ill-formed sequences (which nlohmann::json never hands
// over) become U+FFFD, one per offending byte.
std::u32string decode_utf8(std::string_view text);

}  // namespace api::service_model
