#include "api/s3/post_form.h"

#include <gtest/gtest.h>

#include <string>

namespace api::s3 {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

std::string part(std::string_view disposition, std::string_view content) {
  return "--XyZ\r\nContent-Disposition: form-data; " + std::string(disposition) + "\r\n\r\n" + std::string(content) +
         "\r\n";
}

TEST(PostForm, FieldsThenTheFileWhateverFollowsIt) {
  const std::string body = part("name=\"Key\"", "up/${filename}") + part("name=\"Content-Type\"", "text/plain") +
                           "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.txt\"\r\n"
                           "Content-Type: text/plain\r\n\r\nline 1\r\n--not the boundary\r\n" +
                           part("name=\"after\"", "ignored") + "--XyZ--\r\n";
  const auto form = parse_post_form(kType, body);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->field("key"), "up/${filename}");  // names compare in lower case
  EXPECT_EQ(form->field("content-type"), "text/plain");
  EXPECT_EQ(form->field("after"), std::nullopt);
  EXPECT_TRUE(form->has_file);
  EXPECT_EQ(form->filename, "a b.txt");
  EXPECT_EQ(form->file, "line 1\r\n--not the boundary");
}

TEST(PostForm, QuotedBoundaryEmptyFileAndNoFile) {
  const auto empty = parse_post_form("multipart/form-data; boundary=\"XyZ\"",
                                     part("name=key", "k") + part("name=\"file\"; filename=\"\"", "") + "--XyZ--");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->has_file);
  EXPECT_EQ(empty->file, "");
  const auto no_file = parse_post_form(kType, part("name=key", "k") + "--XyZ--\r\n");
  ASSERT_TRUE(no_file);
  EXPECT_FALSE(no_file->has_file);
}

TEST(PostForm, WhatIsNoFormIsRefused) {
  EXPECT_FALSE(parse_post_form("multipart/form-data", part("name=key", "k") + "--XyZ--"));  // no boundary
  EXPECT_FALSE(parse_post_form(kType, "hello"));
  EXPECT_FALSE(parse_post_form(kType, part("name=key", "k")));                                          // never closed
  EXPECT_FALSE(parse_post_form(kType, "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--"));  // no name
  EXPECT_FALSE(parse_post_form(kType, "--XyZ\r\nno blank line\r\n--XyZ--"));
}

TEST(PostForm, OnlyMultipartPostsAreForms) {
  server::HttpRequest request{"POST", "/bucket", {{"Content-Type", "Multipart/Form-Data; boundary=x"}}, ""};
  EXPECT_TRUE(is_post_form(request));
  request.method = "PUT";
  EXPECT_FALSE(is_post_form(request));
  request = {"POST", "/bucket?delete", {{"Content-Type", "application/xml"}}, ""};
  EXPECT_FALSE(is_post_form(request));
}

}  // namespace
}  // namespace api::s3
