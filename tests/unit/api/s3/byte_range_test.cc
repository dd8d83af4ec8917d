#include "api/s3/byte_range.h"

#include <gtest/gtest.h>

namespace api::s3 {
namespace {

using Kind = RangeRequest::Kind;

void expect_partial(std::string_view header, std::uint64_t size, std::uint64_t first, std::uint64_t last) {
  const auto range = resolve_range(header, size);
  ASSERT_EQ(range.kind, Kind::partial) << header;
  EXPECT_EQ(range.first, first) << header;
  EXPECT_EQ(range.last, last) << header;
}

TEST(ByteRange, TheThreeForms) {
  expect_partial("bytes=0-4", 12, 0, 4);
  expect_partial("bytes=6-", 12, 6, 11);
  expect_partial("bytes=-3", 12, 9, 11);
  expect_partial("bytes=5-100", 12, 5, 11);  // the end is clamped
  expect_partial("bytes=-100", 12, 0, 11);
  expect_partial("bytes=11-11", 12, 11, 11);
}

TEST(ByteRange, UnsatisfiableRanges) {
  for (std::string_view header : {"bytes=12-", "bytes=12-20", "bytes=-0"}) {
    EXPECT_EQ(resolve_range(header, 12).kind, Kind::unsatisfiable) << header;
  }
  EXPECT_EQ(resolve_range("bytes=0-", 0).kind, Kind::unsatisfiable);
  EXPECT_EQ(resolve_range("bytes=-5", 0).kind, Kind::unsatisfiable);
}

// What is no single byte range is ignored, as S3 ignores it: the whole object.
TEST(ByteRange, OtherHeadersMeanTheWholeObject) {
  for (std::string_view header : {"", "bytes=5-2", "bytes=a-b", "items=0-1", "bytes=0-1,3-4", "bytes=-", "bytes=1"}) {
    EXPECT_EQ(resolve_range(header, 12).kind, Kind::whole) << header;
  }
}

// partNumber selects a part of a multipart object; any other object is one part.
TEST(ByteRange, PartsOfAnObject) {
  const std::vector<std::uint64_t> sizes{5, 3, 1};
  const auto second = part_bytes(sizes, 9, 2);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->first, 5u);
  EXPECT_EQ(second->length, 3u);
  EXPECT_EQ(part_bytes(sizes, 9, 3)->first, 8u);
  EXPECT_EQ(part_bytes(sizes, 9, 4), std::nullopt);
  EXPECT_EQ(part_bytes(sizes, 9, 0), std::nullopt);
  const auto whole = part_bytes({}, 12, 1);
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->first, 0u);
  EXPECT_EQ(whole->length, 12u);
  EXPECT_EQ(part_bytes({}, 12, 2), std::nullopt);
}

}  // namespace
}  // namespace api::s3
