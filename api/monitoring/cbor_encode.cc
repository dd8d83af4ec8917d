#include <cmath>
#include <cstdint>
#include <cstring>

#include "api/monitoring/cbor_codec.h"

namespace api::monitoring {
namespace {

using service_model::Shape;
using service_model::ShapeType;

// CBOR major types (RFC 8949 §3.1), already shifted into the initial byte's top three bits.
constexpr std::uint8_t kUnsigned = 0x00, kNegative = 0x20, kText = 0x60, kArray = 0x80, kMap = 0xa0, kTag = 0xc0;

void head(std::string& out, std::uint8_t major, std::uint64_t argument) {
  if (argument < 24) {
    out += char(major | argument);
    return;
  }
  int bytes = argument <= 0xff ? 1 : argument <= 0xffff ? 2 : argument <= 0xffffffffULL ? 4 : 8;
  out += char(major | (bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27));
  for (int i = bytes - 1; i >= 0; --i) out += char((argument >> (8 * i)) & 0xff);
}

void text(std::string& out, std::string_view s) {
  head(out, kText, s.size());
  out += s;
}

void integer(std::string& out, std::int64_t n) {
  if (n >= 0) return head(out, kUnsigned, std::uint64_t(n));
  head(out, kNegative, std::uint64_t(-(n + 1)));
}

void float64(std::string& out, double d) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &d, sizeof bits);
  out += char(0xfb);
  for (int i = 7; i >= 0; --i) out += char((bits >> (8 * i)) & 0xff);
}

void number(std::string& out, const Shape& shape, const nlohmann::json& value) {
  const bool floating = shape.type == ShapeType::kDouble || shape.type == ShapeType::kFloat;
  if (!floating && value.is_number_integer()) return integer(out, value.get<std::int64_t>());
  float64(out, value.get<double>());
}

void timestamp(std::string& out, const nlohmann::json& value) {
  head(out, kTag, 1);
  const double seconds = value.get<double>();
  if (value.is_number_integer() || seconds == std::floor(seconds)) return integer(out, std::int64_t(seconds));
  float64(out, seconds);
}

void encode(std::string& out, const Shape& shape, const nlohmann::json& value) {
  switch (shape.type) {
    case ShapeType::kStructure: {
      std::size_t present = 0;
      for (const auto& m : shape.members) present += value.contains(m.name) && !value[m.name].is_null();
      head(out, kMap, present);
      for (const auto& m : shape.members) {
        if (!value.contains(m.name) || value[m.name].is_null()) continue;
        text(out, m.name);
        encode(out, *m.target.shape, value[m.name]);
      }
      return;
    }
    case ShapeType::kList:
      head(out, kArray, value.size());
      for (const auto& item : value) encode(out, *shape.list_member.shape, item);
      return;
    case ShapeType::kMap:
      head(out, kMap, value.size());
      for (auto it = value.begin(); it != value.end(); ++it) {
        text(out, it.key());
        encode(out, *shape.map_value.shape, it.value());
      }
      return;
    case ShapeType::kTimestamp: return timestamp(out, value);
    case ShapeType::kBoolean: out += char(value.get<bool>() ? 0xf5 : 0xf4); return;
    case ShapeType::kString: return text(out, value.get<std::string>());
    default: return number(out, shape, value);
  }
}

}  // namespace

std::string encode_cbor(const nlohmann::json& value, const service_model::Shape& shape) {
  std::string out;
  encode(out, shape, value);
  return out;
}

std::string encode_cbor_strings(const nlohmann::json& object) {
  std::string out;
  head(out, kMap, object.size());
  for (auto it = object.begin(); it != object.end(); ++it) {
    text(out, it.key());
    text(out, it.value().get<std::string>());
  }
  return out;
}

}  // namespace api::monitoring
