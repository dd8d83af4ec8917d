#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "api/object_store/object_store.h"
#include "tests/support/scratch_folder.h"

namespace api::object_store {
namespace {

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::write_file;

class S3ObjectsTest : public ::testing::Test {
 protected:
  S3ObjectsTest() : root_(scratch_.path() / "s3"), store_(root_) {
    fs::create_directories(root_);
    EXPECT_TRUE(store_.create_bucket("alpha", "eu-west-1"));
  }

  test_support::ScratchFolder scratch_{"s3-objects"};
  fs::path root_;
  ObjectStore store_;
};

TEST_F(S3ObjectsTest, BucketsHaveRegionsAndCreatingTwiceIsRefused) {
  auto again = store_.create_bucket("alpha", "us-east-1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().failure, Failure::bucket_already_exists);
  fs::create_directories(root_ / "made-by-training");
  auto buckets = store_.buckets("us-west-2");
  ASSERT_TRUE(buckets);
  ASSERT_EQ(buckets->size(), 2u);  // the records folder is no bucket
  EXPECT_EQ((*buckets)[0].name, "alpha");
  EXPECT_EQ((*buckets)[0].region, "eu-west-1");
  EXPECT_EQ((*buckets)[1].region, "us-west-2");
  for (std::string bad : {"Upper", "ab", ".amt-s3", "a..b", "192.168.1.1", "under_score"}) {
    auto made = store_.create_bucket(bad, "us-east-1");
    ASSERT_FALSE(made) << bad;
    EXPECT_EQ(made.error().failure, Failure::invalid_bucket_name) << bad;
  }
}

// Names are global: another account's name is taken; the owner survives a new store on the
// folder; a bucket without an owner (by hand, or from before owners were kept) is everyone's.
TEST_F(S3ObjectsTest, BucketNamesAreGlobalAndOwnedByTheirCreator) {
  ASSERT_TRUE(store_.create_bucket("owned", "us-east-1", "111122223333"));
  ObjectStore reopened(root_);
  auto other = reopened.create_bucket("owned", "us-east-1", "444455556666");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().failure, Failure::bucket_name_taken);
  auto again = reopened.create_bucket("owned", "us-east-1", "111122223333");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().failure, Failure::bucket_already_exists);
  auto info = reopened.bucket("owned", "us-west-2");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->owner, "111122223333");
  EXPECT_TRUE(info->owned_by("111122223333"));
  EXPECT_FALSE(info->owned_by("444455556666"));
  fs::create_directories(root_ / "by-hand");
  auto mine = reopened.create_bucket("by-hand", "us-east-1", "444455556666");
  ASSERT_FALSE(mine);
  EXPECT_EQ(mine.error().failure, Failure::bucket_already_exists);
  EXPECT_TRUE(reopened.bucket("by-hand", "us-east-1")->owned_by("444455556666"));
  // A record written before owners were kept has none.
  write_file(root_ / ".amt-s3" / "buckets" / "by-hand.json",
             R"({"name":"by-hand","createdMs":5,"region":"eu-west-1"})");
  EXPECT_EQ(reopened.bucket("by-hand", "us-east-1")->owner, "");
}

TEST_F(S3ObjectsTest, PutHeadReadWithAttributes) {
  ObjectAttributes attributes{"text/plain", {{"owner", "me"}}, {{"CRC32", "rwg7LQ=="}}, "FULL_OBJECT", {}};
  auto put = store_.put_object("alpha", "dir/hello world+ü.txt", "hello world\n", attributes);
  ASSERT_TRUE(put) << put.error().message;
  EXPECT_EQ(put->etag, "6f5902ac237024bdd0c176cb93063dc4");
  EXPECT_EQ(read_file(root_ / "alpha" / "dir" / "hello world+ü.txt"), "hello world\n");
  auto head = store_.head_object("alpha", "dir/hello world+ü.txt");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->size, 12u);
  EXPECT_EQ(head->attributes.content_type, "text/plain");
  EXPECT_EQ(head->attributes.user_metadata, attributes.user_metadata);
  EXPECT_EQ(head->attributes.checksums.at("CRC32"), "rwg7LQ==");
  auto middle = store_.read_object("alpha", "dir/hello world+ü.txt", 6, 5);
  ASSERT_TRUE(middle);
  EXPECT_EQ(*middle, "world");
}

// A file changed behind the store's back is described from its bytes, not from a stale record.
TEST_F(S3ObjectsTest, RecordsOfChangedFilesAreNotBelieved) {
  ASSERT_TRUE(store_.put_object("alpha", "k", "one", {"text/plain", {}, {}, "", {}}));
  write_file(root_ / "alpha" / "k", "hello world\n");
  auto head = store_.head_object("alpha", "k");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->etag, "6f5902ac237024bdd0c176cb93063dc4");
  EXPECT_EQ(head->attributes.content_type, "");
}

TEST_F(S3ObjectsTest, KeysThatCannotBeFilesAreRefusedAndNothingEscapes) {
  for (std::string key : {"a/../../b", "../x", "a//b", "./a", "dir/", "/lead", ".amt-partial-1"}) {
    auto put = store_.put_object("alpha", key, "x", {});
    ASSERT_FALSE(put) << key;
    EXPECT_EQ(put.error().failure, Failure::unstorable_key) << key;
  }
  EXPECT_FALSE(fs::exists(root_ / "b"));
  EXPECT_FALSE(fs::exists(scratch_.path() / "x"));
  ASSERT_TRUE(store_.put_object("alpha", "a", "file", {}));
  auto below = store_.put_object("alpha", "a/b", "x", {});
  ASSERT_FALSE(below);
  EXPECT_EQ(below.error().failure, Failure::unstorable_key);
  ASSERT_TRUE(store_.delete_object("alpha", "a"));
  ASSERT_TRUE(store_.put_object("alpha", "a/b", "x", {}));
  auto above = store_.put_object("alpha", "a", "x", {});
  ASSERT_FALSE(above);
  // Deleting the last key below "a/" frees the name "a".
  ASSERT_TRUE(store_.delete_object("alpha", "a/b"));
  EXPECT_TRUE(store_.put_object("alpha", "a", "x", {}));
}

TEST_F(S3ObjectsTest, MissingBucketsKeysAndNotEmptyBuckets) {
  auto missing = store_.head_object("nope-bucket", "k");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().failure, Failure::no_such_bucket);
  auto no_key = store_.head_object("alpha", "k");
  ASSERT_FALSE(no_key);
  EXPECT_EQ(no_key.error().failure, Failure::no_such_key);
  EXPECT_TRUE(store_.delete_object("alpha", "never-there"));
  ASSERT_TRUE(store_.put_object("alpha", "k", "v", {}));
  auto full = store_.delete_bucket("alpha");
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().failure, Failure::bucket_not_empty);
  ASSERT_TRUE(store_.delete_object("alpha", "k"));
  ASSERT_TRUE(store_.delete_bucket("alpha"));
  EXPECT_FALSE(store_.bucket("alpha", "us-east-1"));
}

TEST_F(S3ObjectsTest, CopyKeepsOrReplacesAttributes) {
  ASSERT_TRUE(store_.put_object("alpha", "src", "hello world\n", {"text/plain", {{"a", "1"}}, {}, "", {}}));
  ASSERT_TRUE(store_.create_bucket("beta", "us-east-1"));
  auto copied = store_.copy_object("alpha", "src", "beta", "dst/copy", {"application/json", {}, {}, "", {}});
  ASSERT_TRUE(copied) << copied.error().message;
  EXPECT_EQ(copied->etag, "6f5902ac237024bdd0c176cb93063dc4");
  EXPECT_EQ(store_.head_object("beta", "dst/copy")->attributes.content_type, "application/json");
  auto missing = store_.copy_object("alpha", "nope", "beta", "x", {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().failure, Failure::no_such_key);
}

}  // namespace
}  // namespace api::object_store
