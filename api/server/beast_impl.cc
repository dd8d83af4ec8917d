// The one translation unit that compiles Beast's definitions. Every target linking
// api_server gets BOOST_BEAST_SEPARATE_COMPILATION (PUBLIC), so all TUs agree.
#include <utility>  // before Asio: Boost 1.74 awaitable.hpp needs std::exchange

#include <boost/beast/src.hpp>
