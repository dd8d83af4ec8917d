#include <cmath>
#include <cstdint>
#include <cstring>

#include "api/monitoring/cbor_codec.h"

namespace api::monitoring {
namespace {

constexpr int kMaxDepth = 64;  // CloudWatch's inputs nest five levels; more is an attack
constexpr std::uint8_t kIndefinite = 31;

// RFC 8949 decoding by hand: nlohmann/json 3.11.2's from_cbor rejects tags 0 to 5, and
// timestamps are tag 1.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  std::optional<nlohmann::json> document() {
    auto value = item(0);
    if (!value || pos_ != in_.size()) return std::nullopt;
    return value;
  }

 private:
  bool byte(std::uint8_t& out) {
    if (pos_ >= in_.size()) return false;
    out = static_cast<std::uint8_t>(in_[pos_++]);
    return true;
  }

  bool big_endian(int size, std::uint64_t& out) {
    out = 0;
    for (int i = 0; i < size; ++i) {
      std::uint8_t b = 0;
      if (!byte(b)) return false;
      out = (out << 8) | b;
    }
    return true;
  }

  // The argument of an initial byte's low five bits (24..27: 1, 2, 4 or 8 bytes follow).
  bool argument(std::uint8_t info, std::uint64_t& out) {
    if (info < 24) {
      out = info;
      return true;
    }
    if (info > 27) return false;
    return big_endian(1 << (info - 24), out);
  }

  bool at_break() { return pos_ < in_.size() && static_cast<std::uint8_t>(in_[pos_]) == 0xff && ++pos_; }

  // A text or byte string, definite or made of definite chunks of the same major type.
  std::optional<std::string> string(std::uint8_t major, std::uint8_t info) {
    std::string out;
    if (info == kIndefinite) {
      while (!at_break()) {
        std::uint8_t head = 0;
        if (!byte(head) || (head >> 5) != major || (head & 31) == kIndefinite) return std::nullopt;
        auto chunk = string(major, head & 31);
        if (!chunk) return std::nullopt;
        out += *chunk;
      }
      return out;
    }
    std::uint64_t size = 0;
    if (!argument(info, size) || size > in_.size() - pos_) return std::nullopt;
    out.assign(in_.substr(pos_, size));
    pos_ += size;
    return out;
  }

  std::optional<nlohmann::json> array(std::uint8_t info, int depth) {
    auto out = nlohmann::json::array();
    std::uint64_t count = 0;
    if (info != kIndefinite && !argument(info, count)) return std::nullopt;
    for (std::uint64_t i = 0; info == kIndefinite ? !at_break() : i < count; ++i) {
      auto value = item(depth + 1);
      if (!value) return std::nullopt;
      out.push_back(std::move(*value));
    }
    return out;
  }

  std::optional<nlohmann::json> map(std::uint8_t info, int depth) {
    auto out = nlohmann::json::object();
    std::uint64_t count = 0;
    if (info != kIndefinite && !argument(info, count)) return std::nullopt;
    for (std::uint64_t i = 0; info == kIndefinite ? !at_break() : i < count; ++i) {
      std::uint8_t head = 0;
      if (!byte(head) || (head >> 5) != 3) return std::nullopt;  // keys are text strings
      auto key = string(3, head & 31);
      auto value = key ? item(depth + 1) : std::nullopt;
      if (!value) return std::nullopt;
      out[*key] = std::move(*value);
    }
    return out;
  }

  std::optional<nlohmann::json> simple(std::uint8_t info) {
    std::uint64_t bits = 0;
    switch (info) {
      case 20: return nlohmann::json(false);
      case 21: return nlohmann::json(true);
      case 22:
      case 23: return nlohmann::json(nullptr);
      case 25: return big_endian(2, bits) ? std::optional<nlohmann::json>(half(std::uint16_t(bits))) : std::nullopt;
      case 26: {
        if (!big_endian(4, bits)) return std::nullopt;
        float f = 0;
        const auto narrow = std::uint32_t(bits);
        std::memcpy(&f, &narrow, sizeof f);
        return nlohmann::json(double(f));
      }
      case 27: {
        if (!big_endian(8, bits)) return std::nullopt;
        double d = 0;
        std::memcpy(&d, &bits, sizeof d);
        return nlohmann::json(d);
      }
      default: return std::nullopt;
    }
  }

  static double half(std::uint16_t bits) {
    const int exponent = (bits >> 10) & 0x1f;
    const int mantissa = bits & 0x3ff;
    const double magnitude = exponent == 0    ? std::ldexp(mantissa, -24)
                             : exponent == 31 ? (mantissa == 0 ? INFINITY : NAN)
                                              : std::ldexp(mantissa + 1024, exponent - 25);
    return (bits & 0x8000) ? -magnitude : magnitude;
  }

  std::optional<nlohmann::json> item(int depth) {
    std::uint8_t head = 0;
    if (depth > kMaxDepth || !byte(head)) return std::nullopt;
    const std::uint8_t major = head >> 5, info = head & 31;
    std::uint64_t n = 0;
    switch (major) {
      case 0: return argument(info, n) ? std::optional<nlohmann::json>(n) : std::nullopt;
      case 1:
        if (!argument(info, n) || n > std::uint64_t(INT64_MAX)) return std::nullopt;
        return nlohmann::json(-1 - std::int64_t(n));
      case 2: {
        auto bytes = string(2, info);
        if (!bytes) return std::nullopt;
        return nlohmann::json::binary(std::vector<std::uint8_t>(bytes->begin(), bytes->end()));
      }
      case 3: {
        auto text = string(3, info);
        if (!text) return std::nullopt;
        return nlohmann::json(std::move(*text));
      }
      case 4: return array(info, depth);
      case 5: return map(info, depth);
      case 6: return argument(info, n) ? item(depth + 1) : std::nullopt;  // the tagged item (tag 1: seconds)
      default: return simple(info);
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<nlohmann::json> decode_cbor(std::string_view body) {
  if (body.empty()) return nlohmann::json::object();
  return Reader(body).document();
}

}  // namespace api::monitoring
