#include "api/sts/issued_credentials.h"

#include <cstdint>
#include <random>

#include "api/server/request_id.h"

namespace api::sts {
namespace {

constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

// `count` characters of `alphabet` drawn from `rng` (the modulo bias is irrelevant here).
std::string draw(std::mt19937_64& rng, std::string_view alphabet, std::size_t count) {
  std::string out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out += alphabet[rng() % alphabet.size()];
  return out;
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

}  // namespace

TemporaryCredentials new_credentials() {
  auto& rng = server::unpredictable_random();
  return TemporaryCredentials{"ASIA" + draw(rng, kBase32, 16), draw(rng, kBase64, 40),
                              "AmtEmulatorSession/" + draw(rng, kBase64, 200)};
}

std::string role_id(std::string_view role_arn) {
  // std::mt19937_64 is specified to the bit, so the id is the same on every platform and run.
  std::mt19937_64 rng(fnv1a(role_arn));
  return "AROA" + draw(rng, kUpperAlnum, 17);
}

}  // namespace api::sts
