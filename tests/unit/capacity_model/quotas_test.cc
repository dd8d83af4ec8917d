#include "capacity_model/quotas.h"

#include <gtest/gtest.h>

namespace capacity_model {
namespace {

QuotaSettings limits(std::optional<int> default_limit,
                     std::map<std::string, std::optional<int>, std::less<>> types = {}) {
  return QuotaSettings{default_limit, std::move(types)};
}

TEST(QuotaExceededMessage, IsSageMakersText) {
  EXPECT_EQ(quota_exceeded_message(QuotaExceeded{"ml.p3.2xlarge", 0, 0, 1}),
            "The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 "
            "Instances, with current utilization of 0 Instances and a request delta of 1 "
            "Instances. Please contact AWS support to request an increase for this limit.");
  EXPECT_EQ(quota_exceeded_message(QuotaExceeded{"ml.g5.xlarge", 4, 3, 2}),
            "The account-level service limit 'ml.g5.xlarge for training job usage' is 4 "
            "Instances, with current utilization of 3 Instances and a request delta of 2 "
            "Instances. Please contact AWS support to request an increase for this limit.");
}

TEST(QuotaBook, NoLimitByDefault) {
  QuotaBook book;
  EXPECT_EQ(book.limit("ml.p3.2xlarge"), std::nullopt);
  EXPECT_EQ(book.acquire("111122223333", "ml.p3.2xlarge", 1000), std::nullopt);
  EXPECT_EQ(book.utilization("111122223333", "ml.p3.2xlarge"), 1000);
}

TEST(QuotaBook, ZeroLimitRefusesTheFirstInstance) {
  const QuotaBook book(limits(std::nullopt, {{"ml.p3.2xlarge", 0}}));
  const auto exceeded = book.check("111122223333", "ml.p3.2xlarge", 1);
  ASSERT_TRUE(exceeded);
  EXPECT_EQ(exceeded->instance_type, "ml.p3.2xlarge");
  EXPECT_EQ(exceeded->limit, 0);
  EXPECT_EQ(exceeded->utilization, 0);
  EXPECT_EQ(exceeded->delta, 1);
  EXPECT_EQ(book.check("111122223333", "ml.m5.xlarge", 50), std::nullopt);
}

TEST(QuotaBook, UtilizationPlusDeltaAgainstTheLimit) {
  QuotaBook book(limits(std::nullopt, {{"ml.g5.xlarge", 4}}));
  EXPECT_EQ(book.acquire("a", "ml.g5.xlarge", 3), std::nullopt);
  const auto over = book.acquire("a", "ml.g5.xlarge", 2);
  ASSERT_TRUE(over);
  EXPECT_EQ(over->limit, 4);
  EXPECT_EQ(over->utilization, 3);
  EXPECT_EQ(over->delta, 2);
  EXPECT_EQ(book.utilization("a", "ml.g5.xlarge"), 3);            // a refused acquire takes nothing
  EXPECT_EQ(book.acquire("a", "ml.g5.xlarge", 1), std::nullopt);  // exactly at the limit
  EXPECT_TRUE(book.check("a", "ml.g5.xlarge", 1));
  // Accounts count apart.
  EXPECT_EQ(book.acquire("b", "ml.g5.xlarge", 4), std::nullopt);
  book.release("a", "ml.g5.xlarge", 2);
  EXPECT_EQ(book.utilization("a", "ml.g5.xlarge"), 2);
  EXPECT_EQ(book.check("a", "ml.g5.xlarge", 2), std::nullopt);
}

TEST(QuotaBook, ReleaseNeverGoesBelowZero) {
  QuotaBook book(limits(2));
  book.acquire("a", "ml.m5.xlarge", 1);
  book.release("a", "ml.m5.xlarge", 5);
  EXPECT_EQ(book.utilization("a", "ml.m5.xlarge"), 0);
  book.release("nobody", "ml.m5.xlarge", 1);
  EXPECT_EQ(book.utilization("nobody", "ml.m5.xlarge"), 0);
  EXPECT_EQ(book.acquire("a", "ml.m5.xlarge", 2), std::nullopt);
}

TEST(QuotaBook, DefaultAppliesToUnlistedTypesAndNullLiftsIt) {
  QuotaBook book(limits(8, {{"ml.p4d.24xlarge", 1}, {"ml.m5.xlarge", std::nullopt}}));
  EXPECT_EQ(book.limit("ml.c5.xlarge"), 8);
  EXPECT_EQ(book.limit("ml.p4d.24xlarge"), 1);
  EXPECT_EQ(book.limit("ml.m5.xlarge"), std::nullopt);
  EXPECT_TRUE(book.check("a", "ml.c5.xlarge", 9));
  EXPECT_FALSE(book.check("a", "ml.m5.xlarge", 9));
  book.set_limit("ml.c5.xlarge", 10);
  EXPECT_FALSE(book.check("a", "ml.c5.xlarge", 9));
  book.set_limit("ml.p4d.24xlarge", std::nullopt);
  EXPECT_FALSE(book.check("a", "ml.p4d.24xlarge", 100));
}

TEST(QuotaBook, NothingRequestedNeverExceeds) {
  QuotaBook book(limits(0));
  EXPECT_EQ(book.check("a", "ml.m5.xlarge", 0), std::nullopt);
  EXPECT_EQ(book.acquire("a", "ml.m5.xlarge", -1), std::nullopt);
  EXPECT_EQ(book.utilization("a", "ml.m5.xlarge"), 0);
}

TEST(QuotaBook, ClearUsageKeepsLimits) {
  QuotaBook book(limits(2));
  book.acquire("a", "ml.m5.xlarge", 2);
  book.clear_usage();
  EXPECT_EQ(book.utilization("a", "ml.m5.xlarge"), 0);
  EXPECT_EQ(book.limit("ml.m5.xlarge"), 2);
}

}  // namespace
}  // namespace capacity_model
