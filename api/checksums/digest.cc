#include "api/checksums/digest.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <type_traits>
#include <variant>

#include "api/checksums/crc.h"
#include "api/checksums/hashes.h"

namespace api::checksums {
namespace {

struct NamedAlgorithm {
  Algorithm algorithm;
  std::string_view name;
};
constexpr NamedAlgorithm kNames[] = {{Algorithm::crc32, "CRC32"},         {Algorithm::crc32c, "CRC32C"},
                                     {Algorithm::crc64nvme, "CRC64NVME"}, {Algorithm::sha1, "SHA1"},
                                     {Algorithm::sha256, "SHA256"},       {Algorithm::md5, "MD5"}};

template <typename Word>
std::string big_endian(Word value) {
  std::string out(sizeof(Word), '\0');
  for (std::size_t i = 0; i < sizeof(Word); ++i) out[i] = static_cast<char>(value >> (8 * (sizeof(Word) - 1 - i)));
  return out;
}

}  // namespace

std::optional<Algorithm> parse_algorithm(std::string_view name) {
  for (const auto& known : kNames) {
    if (known.algorithm != Algorithm::md5 && known.name.size() == name.size() &&
        std::equal(name.begin(), name.end(), known.name.begin(),
                   [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; })) {
      return known.algorithm;
    }
  }
  return std::nullopt;
}

std::string_view name_of(Algorithm algorithm) {
  for (const auto& known : kNames) {
    if (known.algorithm == algorithm) return known.name;
  }
  return {};
}

std::string header_of(Algorithm algorithm) {
  std::string header = "x-amz-checksum-";
  for (char c : name_of(algorithm)) header += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return header;
}

struct Digest::State {
  Algorithm algorithm;
  std::uint64_t crc = 0;
  std::variant<std::monostate, Md5, Sha1, Sha256> hash;
};

Digest::Digest(Algorithm algorithm) : state_(std::make_unique<State>()) {
  state_->algorithm = algorithm;
  switch (algorithm) {
    case Algorithm::md5: state_->hash.emplace<Md5>(); break;
    case Algorithm::sha1: state_->hash.emplace<Sha1>(); break;
    case Algorithm::sha256: state_->hash.emplace<Sha256>(); break;
    default: break;
  }
}

Digest::~Digest() = default;
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;

void Digest::update(std::string_view bytes) {
  auto& s = *state_;
  switch (s.algorithm) {
    case Algorithm::crc32:
      // zlib takes at most UINT_MAX bytes a call.
      for (std::size_t at = 0; at < bytes.size(); at += UINT_MAX) {
        const auto n = static_cast<uInt>(std::min<std::size_t>(UINT_MAX, bytes.size() - at));
        s.crc = ::crc32(static_cast<uLong>(s.crc), reinterpret_cast<const Bytef*>(bytes.data() + at), n);
      }
      return;
    case Algorithm::crc32c: s.crc = crc32c(static_cast<std::uint32_t>(s.crc), bytes); return;
    case Algorithm::crc64nvme: s.crc = crc64nvme(s.crc, bytes); return;
    default:
      std::visit(
          [&](auto& hash) {
            if constexpr (!std::is_same_v<std::decay_t<decltype(hash)>, std::monostate>) hash.update(bytes);
          },
          s.hash);
  }
}

std::string Digest::digest() {
  auto& s = *state_;
  switch (s.algorithm) {
    case Algorithm::crc32:
    case Algorithm::crc32c: return big_endian(static_cast<std::uint32_t>(s.crc));
    case Algorithm::crc64nvme: return big_endian(s.crc);
    default:
      return std::visit(
          [](auto& hash) -> std::string {
            if constexpr (std::is_same_v<std::decay_t<decltype(hash)>, std::monostate>) {
              return {};
            } else {
              return hash.finish();
            }
          },
          s.hash);
  }
}

std::string digest_of(Algorithm algorithm, std::string_view bytes) {
  Digest digest(algorithm);
  digest.update(bytes);
  return digest.digest();
}

}  // namespace api::checksums
