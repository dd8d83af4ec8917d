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

}  // namespace
}  // namespace api::s3
