#include "api/sagemaker/checked_input.h"

#include <gtest/gtest.h>

namespace api::sagemaker {
namespace {

// what-if decodes the request file as CreateHyperParameterTuningJob does: same codes, same texts.
TEST(CheckedCreateTuningJob, NotJsonIsASerializationException) {
  const auto request = checked_create_tuning_job("{not json");
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().code, "SerializationException");
}

TEST(CheckedCreateTuningJob, AMissingMemberIsTheModelsValidationException) {
  const auto request = checked_create_tuning_job(R"({"HyperParameterTuningJobName":"a"})");
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().code, "ValidationException");
  EXPECT_EQ(request.error().message,
            "1 validation error detected: Value null at 'hyperParameterTuningJobConfig' failed to satisfy constraint: "
            "Member must not be null");
}

}  // namespace
}  // namespace api::sagemaker
