#include "api/object_store/multipart_uploads.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "tests/support/scratch_folder.h"

namespace api::object_store {
namespace {

namespace fs = std::filesystem;

class MultipartUploadsTest : public ::testing::Test {
 protected:
  MultipartUploadsTest() : root_(scratch_.path() / "s3"), store_(root_), uploads_(store_) {
    fs::create_directories(root_);
    EXPECT_TRUE(store_.create_bucket("alpha", "us-east-1"));
  }

  test_support::ScratchFolder scratch_{"s3-multipart"};
  fs::path root_;
  ObjectStore store_;
  MultipartUploads uploads_;
};

// The worked example of wire-protocols.md §7.4: 5 MiB of 'a' then 1000 bytes of 'b'.
TEST_F(MultipartUploadsTest, CompleteMakesTheMultipartEtag) {
  ASSERT_TRUE(uploads_.create("alpha", "big", "u1", {"text/plain", {}, {}, "", {}}, ""));
  const std::string first(MultipartUploads::kMinimumPartSize, 'a');
  auto one = uploads_.put_part("alpha", "big", "u1", 1, first, "");
  auto two = uploads_.put_part("alpha", "big", "u1", 2, std::string(1000, 'b'), "");
  ASSERT_TRUE(one && two);
  auto listed = uploads_.parts("alpha", "big", "u1");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[1].size, 1000u);
  auto made = uploads_.complete("alpha", "big", "u1", {{1, "\"" + one->etag + "\""}, {2, two->etag}});
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->etag, "8c6f96fe400c627d9394af6161f5921d-2");
  EXPECT_EQ(made->size, first.size() + 1000);
  EXPECT_EQ(store_.head_object("alpha", "big")->attributes.content_type, "text/plain");
  // The part sizes stay with the object, for GetObject's partNumber.
  EXPECT_EQ(made->part_sizes, (std::vector<std::uint64_t>{first.size(), 1000}));
  EXPECT_EQ(store_.head_object("alpha", "big")->part_sizes, made->part_sizes);
  auto gone = uploads_.find("alpha", "big", "u1");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().failure, Failure::no_such_upload);
}

// Objects completed before part sizes were recorded keep their "-N" ETag and read as one part.
TEST_F(MultipartUploadsTest, RecordsWithoutPartSizesStillDescribeTheObject) {
  ASSERT_TRUE(uploads_.create("alpha", "old", "u0", {}, ""));
  auto one = uploads_.put_part("alpha", "old", "u0", 1, std::string(MultipartUploads::kMinimumPartSize, 'a'), "");
  auto two = uploads_.put_part("alpha", "old", "u0", 2, "b", "");
  ASSERT_TRUE(one && two);
  auto made = uploads_.complete("alpha", "old", "u0", {{1, one->etag}, {2, two->etag}});
  ASSERT_TRUE(made);
  const fs::path record = store_.records() / "objects" / "alpha" / "old";
  const std::string text = test_support::read_file(record);
  const std::string older = std::regex_replace(text, std::regex(R"("partSizes":\[[0-9,]*\],)"), "");
  ASSERT_NE(older, text);
  test_support::write_file(record, older);
  auto head = store_.head_object("alpha", "old");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->etag, made->etag);
  EXPECT_TRUE(head->part_sizes.empty());
}

TEST_F(MultipartUploadsTest, CompleteChecksThePartList) {
  ASSERT_TRUE(uploads_.create("alpha", "k", "u2", {}, ""));
  auto one = uploads_.put_part("alpha", "k", "u2", 1, "small", "");
  auto two = uploads_.put_part("alpha", "k", "u2", 2, "last", "");
  ASSERT_TRUE(one && two);
  auto check = [&](std::vector<RequestedPart> parts, Failure expected) {
    auto made = uploads_.complete("alpha", "k", "u2", parts);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().failure, expected);
  };
  check({{2, two->etag}, {1, one->etag}}, Failure::invalid_part_order);
  check({{1, one->etag}, {3, two->etag}}, Failure::invalid_part);
  check({{1, two->etag}}, Failure::invalid_part);
  check({{1, one->etag}, {2, two->etag}}, Failure::entity_too_small);
  EXPECT_EQ(uploads_.complete("alpha", "other-key", "u2", {{1, one->etag}}).error().failure, Failure::no_such_upload);
  auto single = uploads_.complete("alpha", "k", "u2", {{2, two->etag}});
  ASSERT_TRUE(single) << single.error().message;
  EXPECT_EQ(single->size, 4u);
}

TEST_F(MultipartUploadsTest, CompositeChecksumWhenEveryPartHasOne) {
  ASSERT_TRUE(uploads_.create("alpha", "c", "u3", {}, "CRC32"));
  ASSERT_TRUE(uploads_.put_part("alpha", "c", "u3", 1, "hello world\n", "rwg7LQ=="));
  auto made = uploads_.complete("alpha", "c", "u3", {{1, "6f5902ac237024bdd0c176cb93063dc4"}});
  ASSERT_TRUE(made);
  const std::string& composite = made->attributes.checksums.at("CRC32");
  EXPECT_TRUE(composite.ends_with("-1")) << composite;
  EXPECT_EQ(made->attributes.checksum_type, "COMPOSITE");
}

TEST_F(MultipartUploadsTest, AbortListAndDeleteBucket) {
  ASSERT_TRUE(uploads_.create("alpha", "b", "u5", {}, ""));
  ASSERT_TRUE(uploads_.create("alpha", "a", "u4", {}, ""));
  auto listed = uploads_.list("alpha");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].key, "a");
  ASSERT_TRUE(uploads_.abort("alpha", "a", "u4"));
  EXPECT_FALSE(uploads_.abort("alpha", "a", "u4"));
  EXPECT_FALSE(uploads_.find("alpha", "b", "../u5"));
  ASSERT_TRUE(store_.delete_bucket("alpha"));
  ASSERT_TRUE(store_.create_bucket("alpha", "us-east-1"));
  EXPECT_TRUE(uploads_.list("alpha")->empty());
}

// An upload makes no folder until it completes: an aborted "a/b" leaves "a" free for an object.
TEST_F(MultipartUploadsTest, AnAbortedUploadLeavesNoFolders) {
  ASSERT_TRUE(uploads_.create("alpha", "a/b", "u6", {}, ""));
  EXPECT_FALSE(fs::exists(root_ / "alpha" / "a"));
  ASSERT_TRUE(uploads_.abort("alpha", "a/b", "u6"));
  EXPECT_TRUE(store_.put_object("alpha", "a", "x", {}));
  auto blocked = uploads_.create("alpha", "a/c", "u7", {}, "");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().failure, Failure::unstorable_key);
}

}  // namespace
}  // namespace api::object_store
