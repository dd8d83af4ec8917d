#include "api/object_store/object_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/scratch_folder.h"

namespace api::object_store {
namespace {

namespace fs = std::filesystem;
using Keys = std::vector<std::string>;

using test_support::read_file;
using test_support::write_file;

class ObjectStoreTest : public ::testing::Test {
 protected:
  ObjectStoreTest() : dir_(scratch_.path()), store_(dir_ / "s3") {}

  void put(const std::string& key, const std::string& content) {
    auto put = store_.put_bytes("bucket", key, content);
    ASSERT_TRUE(put) << put.error();
  }

  Keys list(std::string_view prefix) {
    auto keys = store_.list("bucket", prefix);
    EXPECT_TRUE(keys) << keys.error();
    return keys ? *keys : Keys{};
  }

  test_support::ScratchFolder scratch_{"object-store-test"};
  fs::path dir_;
  ObjectStore store_;
};

TEST_F(ObjectStoreTest, PutListAndExists) {
  put("data/train.csv", "a,b\n");
  write_file(dir_ / "model.bin", "weights");
  ASSERT_TRUE(store_.put_file("bucket", "models/model.bin", dir_ / "model.bin"));

  EXPECT_TRUE(store_.exists("bucket", "data/train.csv"));
  EXPECT_FALSE(store_.exists("bucket", "data"));
  EXPECT_FALSE(store_.exists("other", "data/train.csv"));
  EXPECT_EQ(read_file(dir_ / "s3" / "bucket" / "models" / "model.bin"), "weights");
  auto path = store_.path_of("bucket", "data/train.csv");
  ASSERT_TRUE(path);
  EXPECT_EQ(*path, dir_ / "s3" / "bucket" / "data" / "train.csv");
  EXPECT_EQ(list(""), (Keys{"data/train.csv", "models/model.bin"}));
  EXPECT_EQ(list("data/"), (Keys{"data/train.csv"}));
  EXPECT_EQ(list("nothing/"), Keys{});
  auto missing_bucket = store_.list("missing", "");
  ASSERT_TRUE(missing_bucket);
  EXPECT_TRUE(missing_bucket->empty());
}

TEST_F(ObjectStoreTest, PutReplacesAndLeavesNoTemporaryFile) {
  put("k/object", "first");
  put("k/object", "second");
  EXPECT_EQ(read_file(dir_ / "s3" / "bucket" / "k" / "object"), "second");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "s3" / "bucket" / "k"), fs::directory_iterator()), 1);
  EXPECT_FALSE(store_.put_file("bucket", "k/other", dir_ / "no-such-file"));
  EXPECT_FALSE(store_.put_bytes("bucket", "k/object/inside", "a file is in the way"));
}

TEST_F(ObjectStoreTest, PrefixesAreRawAndKeysInCodePointOrder) {
  put("ckpt/run-1/a", "1");
  put("ckpt/run-10/b", "10");
  put("ckpt/run-2/c", "2");
  EXPECT_EQ(list("ckpt/run-1"), (Keys{"ckpt/run-1/a", "ckpt/run-10/b"}));
  EXPECT_EQ(list("ckpt/run-1/"), (Keys{"ckpt/run-1/a"}));
  EXPECT_EQ(list("ckpt/run"), (Keys{"ckpt/run-1/a", "ckpt/run-10/b", "ckpt/run-2/c"}));

  put("order/a-b", "");
  put("order/a/b", "");
  put("order/B", "");
  put("order/\xc3\xa9", "");  // é
  EXPECT_EQ(list("order/"), (Keys{"order/B", "order/a-b", "order/a/b", "order/\xc3\xa9"}));
}

TEST_F(ObjectStoreTest, DownloadsOneObjectByItsName) {
  put("data/train.csv", "rows");
  put("data/train.csv.bak", "old");
  auto count = store_.download("s3://bucket/data/train.csv", dir_ / "channel");
  ASSERT_TRUE(count) << count.error();
  EXPECT_EQ(*count, 1u);
  EXPECT_EQ(read_file(dir_ / "channel" / "train.csv"), "rows");
  EXPECT_FALSE(fs::exists(dir_ / "channel" / "train.csv.bak"));
}

TEST_F(ObjectStoreTest, DownloadsAPrefixAtPathsRelativeToIt) {
  put("data/a.csv", "a");
  put("data/sub/b.csv", "b");
  for (std::string uri : {"s3://bucket/data", "s3://bucket/data/"}) {
    SCOPED_TRACE(uri);
    fs::path into = dir_ / ("into-" + std::to_string(uri.size()));
    auto count = store_.download(uri, into);
    ASSERT_TRUE(count) << count.error();
    EXPECT_EQ(*count, 2u);
    EXPECT_EQ(read_file(into / "a.csv"), "a");
    EXPECT_EQ(read_file(into / "sub" / "b.csv"), "b");
  }
  auto whole_bucket = store_.download("s3://bucket", dir_ / "bucket");
  ASSERT_TRUE(whole_bucket) << whole_bucket.error();
  EXPECT_EQ(read_file(dir_ / "bucket" / "data" / "sub" / "b.csv"), "b");
}

TEST_F(ObjectStoreTest, DownloadOfARawPrefixCutsKeysAsSdkLocalModeDoes) {
  put("ckpt/run-1/a", "1");
  put("ckpt/run-10/b", "10");
  auto count = store_.download("s3://bucket/ckpt/run-1", dir_ / "restored");
  ASSERT_TRUE(count) << count.error();
  EXPECT_EQ(*count, 2u);
  EXPECT_EQ(read_file(dir_ / "restored" / "a"), "1");
  EXPECT_EQ(read_file(dir_ / "restored" / "0" / "b"), "10");
}

TEST_F(ObjectStoreTest, DownloadOfNothingIsAnError) {
  put("data/a.csv", "a");
  auto missing = store_.download("s3://bucket/other/", dir_ / "channel");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("no object under s3://bucket/other/"), std::string::npos) << missing.error();
  EXPECT_FALSE(store_.download("s3://no-bucket/data", dir_ / "channel"));
}

TEST_F(ObjectStoreTest, DownloadsFileUris) {
  write_file(dir_ / "local" / "sourcedir.tar.gz", "archive");
  write_file(dir_ / "local" / "lib" / "util.py", "util");
  auto one = store_.download("file://" + (dir_ / "local" / "sourcedir.tar.gz").string(), dir_ / "one");
  ASSERT_TRUE(one) << one.error();
  EXPECT_EQ(*one, 1u);
  EXPECT_EQ(read_file(dir_ / "one" / "sourcedir.tar.gz"), "archive");

  auto folder = store_.download("file://" + (dir_ / "local").string(), dir_ / "folder");
  ASSERT_TRUE(folder) << folder.error();
  EXPECT_EQ(*folder, 2u);
  EXPECT_EQ(read_file(dir_ / "folder" / "lib" / "util.py"), "util");

  EXPECT_FALSE(store_.download("file://" + (dir_ / "missing").string(), dir_ / "none"));
  fs::create_directories(dir_ / "empty");
  EXPECT_FALSE(store_.download("file://" + (dir_ / "empty").string(), dir_ / "none"));
}

TEST_F(ObjectStoreTest, UploadFolderRoundTrip) {
  write_file(dir_ / "checkpoints" / "epoch-1.pt", "one");
  write_file(dir_ / "checkpoints" / "nested" / "state.json", "{}");
  auto uploaded = store_.upload_folder(dir_ / "checkpoints", "s3://bucket/ckpt");
  ASSERT_TRUE(uploaded) << uploaded.error();
  EXPECT_EQ(*uploaded, 2u);
  EXPECT_EQ(list("ckpt"), (Keys{"ckpt/epoch-1.pt", "ckpt/nested/state.json"}));

  auto restored = store_.download("s3://bucket/ckpt/", dir_ / "restored");
  ASSERT_TRUE(restored) << restored.error();
  EXPECT_EQ(read_file(dir_ / "restored" / "epoch-1.pt"), "one");
  EXPECT_EQ(read_file(dir_ / "restored" / "nested" / "state.json"), "{}");

  fs::create_directories(dir_ / "nothing");
  auto empty = store_.upload_folder(dir_ / "nothing", "s3://bucket/empty/");
  ASSERT_TRUE(empty) << empty.error();
  EXPECT_EQ(*empty, 0u);
  EXPECT_FALSE(store_.upload_folder(dir_ / "missing", "s3://bucket/x"));
}

TEST_F(ObjectStoreTest, ParsesS3Uris) {
  auto parsed = ObjectStore::parse_s3_uri("s3://my-bucket/path/to/key.csv");
  ASSERT_TRUE(parsed) << parsed.error();
  EXPECT_EQ(parsed->bucket, "my-bucket");
  EXPECT_EQ(parsed->key, "path/to/key.csv");
  for (const char* good : {"s3://bkt", "s3://bkt/", "s3://bkt/prefix/", "s3://bkt/run-1", "s3://bkt/a.b/..c"}) {
    EXPECT_TRUE(ObjectStore::parse_s3_uri(good)) << good;
  }
  for (const char* bad :
       {"s3://", "s3:///key", "s3://b/../x", "s3://b/a/..", "s3://b/./x", "s3://b//x", "s3://b/a//x", "s3://../x",
        "s3://a..b/x", "s3://b/x", "s3://My_Bucket/x", "http://x", "file:///tmp/x", "S3"}) {
    auto refused = ObjectStore::parse_s3_uri(bad);
    EXPECT_FALSE(refused) << bad;
    if (!refused) {
      EXPECT_FALSE(refused.error().empty());
    }
  }
}

TEST_F(ObjectStoreTest, NothingIsWrittenOutsideTheRoot) {
  EXPECT_FALSE(store_.put_bytes("bucket", "../escaped", "x"));
  EXPECT_FALSE(store_.put_bytes("bucket", "a/../../escaped", "x"));
  EXPECT_FALSE(store_.put_bytes("..", "escaped", "x"));
  EXPECT_FALSE(store_.put_bytes("bucket", "/escaped", "x"));
  EXPECT_FALSE(store_.put_bytes("bucket", "prefix/", "x"));
  EXPECT_FALSE(store_.put_bytes("", "escaped", "x"));
  EXPECT_FALSE(store_.path_of("bucket", "a/../b"));
  write_file(dir_ / "local" / "f", "x");
  EXPECT_FALSE(store_.upload_folder(dir_ / "local", "s3://bucket/../"));

  // A link inside the store that leads out of it is not followed by writes.
  fs::create_directories(dir_ / "outside");
  fs::create_directories(dir_ / "s3" / "bucket");
  fs::create_directory_symlink(dir_ / "outside", dir_ / "s3" / "bucket" / "link");
  auto through_link = store_.put_bytes("bucket", "link/escaped", "x");
  ASSERT_FALSE(through_link);
  EXPECT_NE(through_link.error().find("outside"), std::string::npos) << through_link.error();
  EXPECT_FALSE(store_.put_bytes("bucket", "link/deeper/escaped", "x"));

  EXPECT_FALSE(fs::exists(dir_ / "escaped"));
  EXPECT_FALSE(fs::exists(dir_ / "s3" / "escaped"));
  EXPECT_TRUE(fs::is_empty(dir_ / "outside"));
}

}  // namespace
}  // namespace api::object_store
