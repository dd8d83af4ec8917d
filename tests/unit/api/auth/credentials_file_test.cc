#include "api/auth/credentials_file.h"

#include <gtest/gtest.h>

namespace api::auth {
namespace {

TEST(CredentialsFile, EveryProfileAddsItsPair) {
  const auto keys = parse_credentials(
      "# team keys\n[default]\naws_access_key_id = AKIDONE\naws_secret_access_key=secret/one\n\n"
      "[ci]\n; the CI's\naws_access_key_id=AKIDTWO\naws_secret_access_key = two\nregion = eu-west-1\n");
  ASSERT_TRUE(keys) << keys.error();
  EXPECT_EQ(*keys, (KeyPairs{{"AKIDONE", "secret/one"}, {"AKIDTWO", "two"}}));
}

TEST(CredentialsFile, HalfAPairOrNoPairIsAnError) {
  const auto half = parse_credentials("[default]\naws_access_key_id = AKIDONE\n");
  ASSERT_FALSE(half);
  EXPECT_EQ(half.error(), "profile [default] needs both aws_access_key_id and aws_secret_access_key");
  EXPECT_FALSE(parse_credentials("# nothing\n"));
  const auto garbled = parse_credentials("[default]\njust words\n");
  ASSERT_FALSE(garbled);
  EXPECT_EQ(garbled.error(), "line 2: expected name = value");
}

}  // namespace
}  // namespace api::auth
