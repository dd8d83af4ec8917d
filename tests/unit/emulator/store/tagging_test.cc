#include "emulator/store/tagging.h"

#include <gtest/gtest.h>

namespace emulator::store {
namespace {

const model::Scope kScope{"123456789012", "us-east-1"};

struct Fixture {
  JobStore jobs;
  Fixture() {
    model::TuningJob tuning;
    tuning.name = "Tune-1";
    tuning.arn = model::tuning_job_arn(kScope, tuning.name);
    jobs.add_tuning_job(tuning);
    model::TrainingJob training;
    training.name = "train-1";
    training.spec = std::make_shared<model::TrainingJobSpec>();
    jobs.add_training_job(training);
  }
};

TEST(Tagging, FindsTuningAndTrainingJobsByArnInAnyCase) {
  Fixture f;
  EXPECT_TRUE(tags_of(f.jobs, kScope, "arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/tune-1").ok());
  EXPECT_TRUE(tags_of(f.jobs, kScope, "ARN:AWS:SAGEMAKER:US-EAST-1:123456789012:TRAINING-JOB/TRAIN-1").ok());
}

TEST(Tagging, UnknownOrForeignArnsAreValidationErrors) {
  Fixture f;
  for (const char* arn : {"arn:aws:sagemaker:us-east-1:123456789012:training-job/nope",
                          "arn:aws:sagemaker:eu-west-1:123456789012:training-job/train-1",
                          "arn:aws:sagemaker:us-east-1:210987654321:training-job/train-1",
                          "arn:aws:sagemaker:us-east-1:123456789012:model/train-1", "not-an-arn"}) {
    auto found = tags_of(f.jobs, kScope, arn);
    ASSERT_FALSE(found.ok()) << arn;
    EXPECT_EQ(found.error().code, ErrorCode::ValidationException);
  }
}

TEST(Tagging, AddOverwritesByKeyAndDeleteRemoves) {
  std::vector<model::Tag> tags{{"a", "1"}};
  ASSERT_TRUE(add_tags(tags, {{"a", "2"}, {"b", "3"}}).ok());
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].value, "2");
  delete_tags(tags, {"a", "missing"});
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].key, "b");
}

TEST(Tagging, RefusesReservedKeysAndMoreThanFiftyWithoutChangingAnything) {
  std::vector<model::Tag> tags{{"a", "1"}};
  EXPECT_FALSE(add_tags(tags, {{"b", "2"}, {"aws:owner", "x"}}).ok());
  EXPECT_EQ(tags.size(), 1u);
  std::vector<model::Tag> many;
  for (int i = 0; i < 50; ++i) many.push_back({"k" + std::to_string(i), "v"});
  EXPECT_FALSE(add_tags(tags, many).ok());
  EXPECT_EQ(tags.size(), 1u);
  EXPECT_TRUE(check_new_tags(many).ok());
}

}  // namespace
}  // namespace emulator::store
