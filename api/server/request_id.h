#pragma once

#include <random>
#include <string>

namespace api::server {

// A fresh random UUID v4 in canonical lower-case text ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"),
// for the x-amzn-RequestId header. Random on purpose: request ids are not part of the
// deterministic simulation.
std::string new_request_id();

// The generator behind it, seeded from std::random_device once per thread: for anything else
// that must not repeat between runs (STS's issued keys), never for the simulation.
std::mt19937_64& unpredictable_random();

}  // namespace api::server
