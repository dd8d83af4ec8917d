#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace emulator::sim {

// FNV-1a 64 over the bytes. Exposed because std::hash differs between standard libraries
// and across runs is allowed to, while seeds, golden files and tie-breaks must not.
std::uint64_t stable_hash(std::string_view text);

// An engine for one named stream of randomness (say "strategy/<tuning job>" or "demand"),
// seeded from splitmix64(seed XOR stable_hash(name)). Separate streams keep one
// component's draws from shifting another's when it draws more or less often. The engine's
// output is fixed by the standard on every platform; std distributions are not (libstdc++
// and libc++ differ), so code that must replay across platforms should map the raw
// 64-bit outputs itself.
std::mt19937_64 make_stream(std::uint64_t seed, std::string_view stream_name);

// An engine's whole state as text (the standard's stream format, the same on every platform),
// so a snapshot can resume a stream where it was; engine_from_text throws std::invalid_argument for
// text that is not such a state.
std::string to_text(const std::mt19937_64& engine);
std::mt19937_64 engine_from_text(const std::string& text);

}  // namespace emulator::sim
