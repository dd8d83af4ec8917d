# Script mode: writes SOURCE and HEADER holding the bytes of INPUT as a string_view.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE ${HEADER} "#pragma once\n#include <string_view>\nnamespace embedded { extern const std::string_view ${SYMBOL}; }\n")
file(WRITE ${SOURCE} "#include \"embedded/${SYMBOL}.h\"\nnamespace embedded {\nstatic const char kBytes[] = {${bytes} '\\0'};\nconst std::string_view ${SYMBOL}(kBytes, ${byte_count});\n}\n")
