#include "api/monitoring/cbor_codec.h"

#include <gtest/gtest.h>

#include "api/monitoring/cloudwatch_model.h"

namespace api::monitoring {
namespace {

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out += char(v);
  return out;
}

std::string hex(const std::string& data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : data) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

TEST(CborDecode, ReadsWhatBotocoreSendsWithTaggedTimestamps) {
  // PutMetricData as botocore 1.43 serialises it: {"Namespace": "E", "MetricData": [{"MetricName":
  // "L", "Timestamp": tag1(1735689600), "Value": 1.0}]}
  const auto body =
      bytes({0xa2, 0x69, 'N', 'a',  'm', 'e', 's',  'p',  'a',  'c',  'e', 0x61, 'E', 0x6a, 'M',  'e',  't',  'r',
             'i',  'c',  'D', 'a',  't', 'a', 0x81, 0xa3, 0x6a, 'M',  'e', 't',  'r', 'i',  'c',  'N',  'a',  'm',
             'e',  0x61, 'L', 0x69, 'T', 'i', 'm',  'e',  's',  't',  'a', 'm',  'p', 0xc1, 0x1a, 0x67, 0x74, 0x85,
             0x80, 0x65, 'V', 'a',  'l', 'u', 'e',  0xfb, 0x3f, 0xf0, 0,   0,    0,   0,    0,    0});
  const auto decoded = decode_cbor(body);
  ASSERT_TRUE(decoded);
  EXPECT_EQ((*decoded)["Namespace"], "E");
  EXPECT_EQ((*decoded)["MetricData"][0]["Timestamp"], 1735689600);
  EXPECT_DOUBLE_EQ((*decoded)["MetricData"][0]["Value"].get<double>(), 1.0);
}

TEST(CborDecode, AcceptsIndefiniteLengthsHalfAndSingleFloats) {
  // {_ "a": [_ half 1.5, single 2.5], "t": tag1(half 2.0)}, an indefinite text key "b"
  const auto body = bytes({0xbf, 0x61, 'a',  0x9f, 0xf9, 0x3e, 0x00, 0xfa, 0x40, 0x20, 0,    0,   0xff,
                           0x61, 't',  0xc1, 0xf9, 0x40, 0x00, 0x7f, 0x61, 'b',  0xff, 0xf5, 0xff});
  const auto decoded = decode_cbor(body);
  ASSERT_TRUE(decoded);
  EXPECT_DOUBLE_EQ((*decoded)["a"][0].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ((*decoded)["a"][1].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ((*decoded)["t"].get<double>(), 2.0);
  EXPECT_EQ((*decoded)["b"], true);
  const auto negative = decode_cbor(bytes({0xa1, 0x61, 'n', 0x38, 0x63}));  // {"n": -100}
  EXPECT_EQ((*negative)["n"], -100);
}

TEST(CborDecode, RefusesBrokenBodiesAndTakesAnEmptyOne) {
  EXPECT_FALSE(decode_cbor(bytes({0xa1, 0x61})));
  EXPECT_FALSE(decode_cbor(bytes({0xa0, 0xa0})));             // two items
  EXPECT_FALSE(decode_cbor(bytes({0xa1, 0x01, 0x02})));       // a key that is not text
  EXPECT_FALSE(decode_cbor(bytes({0x7f, 0x41, 'x', 0xff})));  // a byte chunk inside a text string
  EXPECT_FALSE(decode_cbor(std::string(100, char(0x81))));    // nested past the limit
  EXPECT_EQ(*decode_cbor(""), nlohmann::json::object());
}

TEST(CborEncode, TimestampsAreTagOneAndDoublesAreFloats) {
  const auto* shape = output_shape("GetMetricData");
  ASSERT_NE(shape, nullptr);
  const nlohmann::json output = {
      {"MetricDataResults",
       {{{"Id", "m1"}, {"Timestamps", {1704164640, 1704164580.5}}, {"Values", {1.5, 2}}, {"StatusCode", "Complete"}}}}};
  // a1 "MetricDataResults" [ {Id, StatusCode, Timestamps [c1 1a.., c1 fb..], Values [fb 1.5, fb 2.0]} ] in
  // model order (the fixture's, alphabetical)
  const std::string expected =
      "a1"
      "71" +
      hex("MetricDataResults") +
      "81"
      "a4"
      "62" +
      hex("Id") + "62" + hex("m1") + "6a" + hex("StatusCode") + "68" + hex("Complete") + "6a" + hex("Timestamps") +
      "82"
      "c11a65937d20"
      "c1fb41d964df39200000"
      "66" +
      hex("Values") +
      "82"
      "fb3ff8000000000000"
      "fb4000000000000000";
  EXPECT_EQ(hex(encode_cbor(output, *shape)), expected);
}

TEST(CborEncode, ErrorMapsAreTextStrings) {
  EXPECT_EQ(hex(encode_cbor_strings({{"__type", "x"}, {"message", ""}})),
            "a2"
            "66" +
                hex("__type") + "61" + hex("x") + "67" + hex("message") + "60");
}

}  // namespace
}  // namespace api::monitoring
