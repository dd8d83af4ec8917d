#include "api/s3/xml_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace api::s3 {
namespace {

TEST(XmlReader, ReadsWhatBotocoreSends) {
  auto root = parse_xml(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<Object><Key>a &amp; b&#x2F;&#252;.txt</Key></Object><Object><Key>c</Key></Object><Quiet>true</Quiet></Delete>");
  ASSERT_TRUE(root) << root.error();
  EXPECT_EQ(root->name, "Delete");
  ASSERT_EQ(root->children.size(), 3u);
  EXPECT_EQ(root->children[0].child("Key")->text, "a & b/\xC3\xBC.txt");
  EXPECT_EQ(root->child("Quiet")->text, "true");
  EXPECT_EQ(root->child("Missing"), nullptr);
}

TEST(XmlReader, PrefixesCommentsAndEmptyElements) {
  auto root = parse_xml("<!-- c --><s3:A xmlns:s3='x'><s3:B/><C attr=\"1\"> t </C></s3:A>");
  ASSERT_TRUE(root) << root.error();
  EXPECT_EQ(root->name, "A");
  EXPECT_EQ(root->children[0].name, "B");
  EXPECT_EQ(root->child("C")->text, " t ");
}

TEST(XmlReader, RefusesWhatIsNotWellFormed) {
  for (std::string bad :
       std::vector<std::string>{"", "<A>", "<A></B>", "<A>&bogus;</A>", "<A><!DOCTYPE x></A>", "<A/><B/>", "text",
                                "<A x=1/>", "<A>&#0;</A>", std::string(100, '<') + "A"}) {
    EXPECT_FALSE(parse_xml(bad)) << bad;
  }
  std::string deep;
  for (int i = 0; i < 30; ++i) deep += "<A>";
  EXPECT_FALSE(parse_xml(deep));
}

}  // namespace
}  // namespace api::s3
