#include "api/query/xml_writer.h"

#include <gtest/gtest.h>

#include "api/query/envelope.h"

namespace api::query {
namespace {

std::string header(const server::HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (server::iequals(key, name)) return value;
  }
  return {};
}

TEST(XmlEscape, EscapesMarkupCharacters) {
  EXPECT_EQ(xml_escape(R"(a<b>&"c"'d')"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  EXPECT_EQ(xml_escape("tab\tline\nreturn\r"), "tab\tline\nreturn\r");
}

TEST(XmlEscape, KeepsUtf8AndReplacesWhatXmlCannotHold) {
  EXPECT_EQ(xml_escape("caf\xC3\xA9 \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(xml_escape(std::string("nul\0x", 5)), "nul\xEF\xBF\xBDx");
  EXPECT_EQ(xml_escape("bell\x07"), "bell\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // not UTF-8
  EXPECT_EQ(xml_escape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(xml_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(xml_escape("cut \xE2\x82"), "cut \xEF\xBF\xBD\xEF\xBF\xBD");          // a sequence cut short
}

TEST(XmlWriter, NestsElementsAndClosesWhatIsLeftOpen) {
  XmlWriter xml;
  xml.open("Root", "urn:x&y").open("Inner").leaf("Name", "a<b").close().leaf("Empty", "");
  xml.open("Unclosed");
  EXPECT_EQ(
      std::move(xml).finish(),
      R"(<Root xmlns="urn:x&amp;y"><Inner><Name>a&lt;b</Name></Inner><Empty></Empty><Unclosed></Unclosed></Root>)");
}

TEST(QueryEnvelope, SuccessWrapsTheResultAndRepeatsTheRequestId) {
  XmlWriter result;
  result.leaf("Account", "123456789012");
  const auto response =
      success("https://sts.amazonaws.com/doc/2011-06-15/", "GetCallerIdentity", std::move(result).finish());
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(header(response, "Content-Type"), "text/xml");
  const auto id = header(response, "x-amzn-RequestId");
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(response.body, R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">)"
                           "<GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult>"
                           "<ResponseMetadata><RequestId>" +
                               id + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
}

TEST(QueryEnvelope, ErrorsAreSenderFaultsUnless5xxAndEscapeTheMessage) {
  const auto bad = failure("urn:ns", "ValidationError", "Value 'a<b' is bad");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(header(bad, "Content-Type"), "text/xml");
  const auto id = header(bad, "x-amzn-RequestId");
  EXPECT_EQ(bad.body, R"(<ErrorResponse xmlns="urn:ns"><Error><Type>Sender</Type><Code>ValidationError</Code>)"
                      "<Message>Value &apos;a&lt;b&apos; is bad</Message></Error><RequestId>" +
                          id + "</RequestId></ErrorResponse>");
  const auto broken = failure({}, "InternalFailure", "oops", 500);
  EXPECT_EQ(broken.status, 500);
  EXPECT_NE(broken.body.find("<ErrorResponse><Error><Type>Receiver</Type>"), std::string::npos) << broken.body;
}

}  // namespace
}  // namespace api::query
