// The one translation unit that compiles Asio's definitions. Every target linking
// api_server gets BOOST_ASIO_SEPARATE_COMPILATION (PUBLIC), so all TUs agree.
#include <utility>  // before Asio: Boost 1.74 awaitable.hpp needs std::exchange

#include <boost/asio/impl/src.hpp>
