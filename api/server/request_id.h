#pragma once

#include <string>

namespace api::server {

// A fresh random UUID v4 in canonical lower-case text ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"),
// for the x-amzn-RequestId header. Random on purpose: request ids are not part of the
// deterministic simulation.
std::string new_request_id();

}  // namespace api::server
