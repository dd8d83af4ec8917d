#include "api/s3/upload_listing.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace api::s3 {
namespace {

using Strings = std::vector<std::string>;

// S3's order: by key, then by initiation; "u/b" has two uploads, the later one with the smaller id.
const std::vector<UploadRef> kUploads = {{"top", "t1"}, {"u/a", "a1"},   {"u/b", "b9"},  {"u/b", "b2"},
                                         {"u/c", "c1"}, {"v/x/1", "x1"}, {"v/y/1", "y1"}};

Strings ids(const UploadPage& page) {
  Strings out;
  for (auto index : page.uploads) out.push_back(kUploads[index].id);
  return out;
}

TEST(UploadListing, MaxUploadsTruncatesAndNamesTheLastUploadAsTheNextMarkers) {
  const auto page = upload_page(kUploads, {"u/", "", "", "", 2});
  EXPECT_EQ(ids(page), (Strings{"a1", "b9"}));
  EXPECT_TRUE(page.truncated);
  EXPECT_EQ(page.next_key_marker, "u/b");
  EXPECT_EQ(page.next_upload_id_marker, "b9");
}

TEST(UploadListing, KeyMarkerAloneListsLaterKeysOnly) {
  EXPECT_EQ(ids(upload_page(kUploads, {"u/", "", "u/b", "", 1000})), (Strings{"c1"}));
  // Without a key marker the upload-id marker means nothing, as in S3.
  EXPECT_EQ(ids(upload_page(kUploads, {"u/", "", "", "b9", 1000})), (Strings{"a1", "b9", "b2", "c1"}));
}

TEST(UploadListing, UploadIdMarkerResumesInsideTheKeyMarkersUploads) {
  EXPECT_EQ(ids(upload_page(kUploads, {"u/", "", "u/b", "b9", 1000})), (Strings{"b2", "c1"}));
  // An upload id no longer there (completed meanwhile): ids greater than it.
  EXPECT_EQ(ids(upload_page(kUploads, {"u/", "", "u/b", "b5", 1000})), (Strings{"b9", "c1"}));
}

// Pages of one, each resuming from the one before's next markers, list everything once.
TEST(UploadListing, PagesFromTheNextMarkersListEveryUploadOnce) {
  UploadListQuery query{"", "", "", "", 1};
  Strings seen;
  for (int pages = 0; pages < 20; ++pages) {
    const auto page = upload_page(kUploads, query);
    EXPECT_LE(page.uploads.size(), 1u);
    for (const auto& id : ids(page)) seen.push_back(id);
    if (!page.truncated) break;
    query.key_marker = page.next_key_marker;
    query.upload_id_marker = page.next_upload_id_marker;
  }
  EXPECT_EQ(seen, (Strings{"t1", "a1", "b9", "b2", "c1", "x1", "y1"}));
}

TEST(UploadListing, DelimiterRollsUpCommonPrefixesThatCountOnceAndResumeAfterThem) {
  auto page = upload_page(kUploads, {"", "/", "", "", 2});
  EXPECT_EQ(ids(page), (Strings{"t1"}));
  EXPECT_EQ(page.common_prefixes, (Strings{"u/"}));
  EXPECT_TRUE(page.truncated);
  EXPECT_EQ(page.next_key_marker, "u/");
  EXPECT_EQ(page.next_upload_id_marker, "");
  page = upload_page(kUploads, {"", "/", page.next_key_marker, "", 2});
  EXPECT_TRUE(page.uploads.empty());
  EXPECT_EQ(page.common_prefixes, (Strings{"v/"}));
  EXPECT_FALSE(page.truncated);
  page = upload_page(kUploads, {"v/", "/", "", "", 1000});
  EXPECT_EQ(page.common_prefixes, (Strings{"v/x/", "v/y/"}));
}

}  // namespace
}  // namespace api::s3
