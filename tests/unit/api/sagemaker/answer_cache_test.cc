#include "api/sagemaker/codec/answer_cache.h"

#include <gtest/gtest.h>

namespace api::sagemaker::codec {
namespace {

using Kind = AnswerKey::Kind;

TEST(AnswerCache, AnswersAgainOnlyWhileVersionAndMomentAreTheSame) {
  AnswerCache cache;
  int record = 0;
  EXPECT_EQ(cache.find({&record, Kind::DescribeTuningJob, 7, 0}), nullptr);
  cache.store({&record, Kind::DescribeTuningJob, 7, 0}, "v7");
  ASSERT_NE(cache.find({&record, Kind::DescribeTuningJob, 7, 0}), nullptr);
  EXPECT_EQ(*cache.find({&record, Kind::DescribeTuningJob, 7, 0}), "v7");
  EXPECT_EQ(cache.find({&record, Kind::DescribeTuningJob, 8, 0}), nullptr) << "the record changed";
  EXPECT_EQ(cache.find({&record, Kind::DescribeTuningJob, 7, 1}), nullptr) << "virtual time moved the answer";
  EXPECT_EQ(cache.find({&record, Kind::TuningJobSummary, 7, 0}), nullptr) << "another kind of answer";
  cache.store({&record, Kind::DescribeTuningJob, 8, 0}, "v8");
  EXPECT_EQ(cache.size(), 1u) << "a newer answer replaces the older";
  EXPECT_EQ(*cache.find({&record, Kind::DescribeTuningJob, 8, 0}), "v8");
}

TEST(AnswerCache, StaysWithinItsBytesDroppingTheLeastRecentlyUsed) {
  AnswerCache cache(10);
  int a = 0, b = 0, c = 0;
  cache.store({&a, Kind::DescribeTrainingJob, 1, 0}, "aaaa");
  cache.store({&b, Kind::DescribeTrainingJob, 1, 0}, "bbbb");
  ASSERT_NE(cache.find({&a, Kind::DescribeTrainingJob, 1, 0}), nullptr);  // a is now the most recent
  cache.store({&c, Kind::DescribeTrainingJob, 1, 0}, "cccc");
  EXPECT_LE(cache.bytes(), 10u);
  EXPECT_EQ(cache.find({&b, Kind::DescribeTrainingJob, 1, 0}), nullptr);
  EXPECT_NE(cache.find({&a, Kind::DescribeTrainingJob, 1, 0}), nullptr);
  EXPECT_NE(cache.find({&c, Kind::DescribeTrainingJob, 1, 0}), nullptr);
}

TEST(AnswerCache, ForgetsADeletedRecordsAnswers) {
  AnswerCache cache;
  int record = 0;
  cache.store({&record, Kind::DescribeTrainingJob, 1, 0}, "describe");
  cache.store({&record, Kind::TrainingJobSummary, 1, 0}, "summary");
  cache.forget(&record);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

}  // namespace
}  // namespace api::sagemaker::codec
