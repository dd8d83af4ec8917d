#include "emulator/sim/rng.h"

#include <sstream>
#include <stdexcept>

namespace emulator::sim {
namespace {

constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

// One splitmix64 output: spreads nearby inputs (seeds 1, 2, 3...) far apart before they
// seed the Mersenne Twister, whose early output is poor for similar seeds.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t hash = kFnvOffsetBasis;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
  return hash;
}

std::mt19937_64 make_stream(std::uint64_t seed, std::string_view stream_name) {
  return std::mt19937_64(splitmix64(seed ^ stable_hash(stream_name)));
}

std::string to_text(const std::mt19937_64& engine) {
  std::ostringstream out;
  out << engine;
  return out.str();
}

std::mt19937_64 engine_from_text(const std::string& text) {
  std::istringstream in(text);
  std::mt19937_64 engine;
  in >> engine;
  if (in.fail() || !(in >> std::ws).eof()) throw std::invalid_argument("not the state of a random engine");
  return engine;
}

}  // namespace emulator::sim
