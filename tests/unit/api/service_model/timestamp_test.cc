#include "api/service_model/timestamp.h"

#include <gtest/gtest.h>

namespace api::service_model {
namespace {

TEST(Timestamp, EpochNumbersPassThrough) {
  EXPECT_DOUBLE_EQ(*parse_timestamp(nlohmann::json(1704164645)), 1704164645.0);
  EXPECT_DOUBLE_EQ(*parse_timestamp(nlohmann::json(1704164645.678)), 1704164645.678);
}

TEST(Timestamp, Iso8601Forms) {
  EXPECT_DOUBLE_EQ(*parse_iso8601("2024-01-02T03:04:05Z"), 1704164645.0);
  EXPECT_DOUBLE_EQ(*parse_iso8601("2024-01-02T03:04:05.678Z"), 1704164645.678);
  EXPECT_DOUBLE_EQ(*parse_iso8601("2024-01-02T05:04:05+02:00"), 1704164645.0);
  EXPECT_DOUBLE_EQ(*parse_iso8601("2024-01-01T22:04:05-0500"), 1704164645.0);
  EXPECT_DOUBLE_EQ(*parse_iso8601("2024-01-02T03:04:05"), 1704164645.0);
  EXPECT_DOUBLE_EQ(*parse_iso8601("2024-01-02"), 1704153600.0);
  EXPECT_DOUBLE_EQ(*parse_iso8601("1970-01-01T00:00Z"), 0.0);
  EXPECT_DOUBLE_EQ(*parse_iso8601("2024-02-29T00:00:00Z"), 1709164800.0);
}

TEST(Timestamp, RejectsNonTimestamps) {
  for (const char* text : {"", "yesterday", "1704164645", "2023-02-29", "2024-13-01", "2024-01-02T25:00:00Z",
                           "2024-01-02T03:04:05Zjunk", "2024-1-2"}) {
    EXPECT_FALSE(parse_iso8601(text).has_value()) << text;
  }
  EXPECT_FALSE(parse_timestamp(nlohmann::json(true)).has_value());
  EXPECT_FALSE(parse_timestamp(nlohmann::json::array()).has_value());
}

}  // namespace
}  // namespace api::service_model
