#include "api/service_model/request_validator.h"

#include <ostream>
#include <string>

#include <gtest/gtest.h>

namespace api::service_model {

// Readable gtest output for failures.
void PrintTo(const ValidationFailure& failure, std::ostream* os) { *os << failure.code << ": " << failure.message; }

namespace {

using nlohmann::json;

// sagemaker-api.md Appendix C: the boto3 request of the instance-fallback blog example.
const char* const kBlogFallbackRequest = R"({"HyperParameterTuningJobName": "demo-tune-1", "HyperParameterTuningJobConfig": {"Strategy": "Bayesian", "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"}, "ResourceLimits": {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 2}, "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.1", "MaxValue": "0.5", "ScalingType": "Auto"}], "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "1", "MaxValue": "10"}]}, "TuningJobCompletionCriteria": {"TargetObjectiveMetricValue": 0.95}}, "TrainingJobDefinition": {"StaticHyperParameters": {"num_round": "10"}, "AlgorithmSpecification": {"TrainingImage": "123.dkr.ecr.us-east-1.amazonaws.com/xgb:1", "TrainingInputMode": "File"}, "RoleArn": "arn:aws:iam::123456789012:role/R", "OutputDataConfig": {"S3OutputPath": "s3://b/out"}, "HyperParameterTuningResourceConfig": {"AllocationStrategy": "Prioritized", "InstanceConfigs": [{"InstanceType": "ml.p3.2xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}, {"InstanceType": "ml.g5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}]}, "StoppingCondition": {"MaxRuntimeInSeconds": 3600}, "RetryStrategy": {"MaximumRetryAttempts": 2}}, "Tags": [{"Key": "k", "Value": "v"}]})";

const char* const kCreateTrainingJob = R"({"TrainingJobName": "train-1", "RoleArn": "arn:aws:iam::123456789012:role/R",
  "AlgorithmSpecification": {"TrainingImage": "123.dkr.ecr.us-east-1.amazonaws.com/xgb:1", "TrainingInputMode": "File"},
  "OutputDataConfig": {"S3OutputPath": "s3://b/out"},
  "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10},
  "StoppingCondition": {"MaxRuntimeInSeconds": 3600}})";

const std::string kNamePattern32 = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}";
const std::string kNamePattern63 = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";
const std::string kTagPattern = "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)";

class RequestValidatorTest : public ::testing::Test {
 protected:
  std::optional<ValidationFailure> check(std::string_view operation, const json& body) const {
    auto valid = validator_.validate(operation, body);
    if (valid) return std::nullopt;
    return valid.error();
  }
  // The ValidationException message, or a marker when the outcome is different.
  std::string validation_message(std::string_view operation, const json& body) const {
    const auto failure = check(operation, body);
    if (!failure) return "<valid>";
    if (failure->code != kValidationException) return failure->code + ": " + failure->message;
    return failure->message;
  }
  std::string serialization_message(std::string_view operation, const json& body) const {
    const auto failure = check(operation, body);
    if (!failure) return "<valid>";
    if (failure->code != kSerializationException) return failure->code + ": " + failure->message;
    return failure->message;
  }
  static json tuning() { return json::parse(kBlogFallbackRequest); }
  static json training() { return json::parse(kCreateTrainingJob); }

  RequestValidator validator_{sagemaker_model()};
};

// --- valid requests ------------------------------------------------------------------------

TEST_F(RequestValidatorTest, BlogFallbackTuningRequestIsValid) {
  EXPECT_EQ(check("CreateHyperParameterTuningJob", tuning()), std::nullopt);
}

TEST_F(RequestValidatorTest, CreateTrainingJobRequestIsValid) {
  EXPECT_EQ(check("CreateTrainingJob", training()), std::nullopt);
}

TEST_F(RequestValidatorTest, EmptyListBodyIsValid) {
  EXPECT_EQ(check("ListTrainingJobs", json::object()), std::nullopt);
  EXPECT_EQ(check("ListHyperParameterTuningJobs", json::object()), std::nullopt);
}

TEST_F(RequestValidatorTest, UnknownMembersAreIgnored) {
  json body = tuning();
  body["NotInTheModel"] = {{"anything", 1}};
  body["HyperParameterTuningJobConfig"]["Extra"] = "x";
  EXPECT_EQ(check("CreateHyperParameterTuningJob", body), std::nullopt);
}

// --- missing required members -------------------------------------------------------------

TEST_F(RequestValidatorTest, EmptyCreateTuningBodyReportsEveryMissingMember) {
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", json::object()),
            "2 validation errors detected: "
            "Value null at 'hyperParameterTuningJobConfig' failed to satisfy constraint: Member must not be null; "
            "Value null at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must not be null");
}

TEST_F(RequestValidatorTest, MissingNestedRequiredMemberNamesItsDottedPath) {
  json body = tuning();
  body["HyperParameterTuningJobConfig"]["ResourceLimits"].erase("MaxParallelTrainingJobs");
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "1 validation error detected: Value null at "
            "'hyperParameterTuningJobConfig.resourceLimits.maxParallelTrainingJobs' failed to satisfy constraint: "
            "Member must not be null");
}

TEST_F(RequestValidatorTest, MissingMemberInsideAListElement) {
  json body = tuning();
  body["HyperParameterTuningJobConfig"]["ParameterRanges"]["IntegerParameterRanges"][0].erase("MaxValue");
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "1 validation error detected: Value null at "
            "'hyperParameterTuningJobConfig.parameterRanges.integerParameterRanges.1.member.maxValue' "
            "failed to satisfy constraint: Member must not be null");
}

TEST_F(RequestValidatorTest, MissingMembersAtSeveralDepthsAreAllReported) {
  json body = tuning();
  body["TrainingJobDefinition"]["AlgorithmSpecification"].erase("TrainingInputMode");
  body["TrainingJobDefinition"].erase("RoleArn");
  body["HyperParameterTuningJobConfig"]["HyperParameterTuningJobObjective"].erase("Type");
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "3 validation errors detected: "
            "Value null at 'hyperParameterTuningJobConfig.hyperParameterTuningJobObjective.type' failed to satisfy "
            "constraint: Member must not be null; "
            "Value null at 'trainingJobDefinition.algorithmSpecification.trainingInputMode' failed to satisfy "
            "constraint: Member must not be null; "
            "Value null at 'trainingJobDefinition.roleArn' failed to satisfy constraint: Member must not be null");
}

TEST_F(RequestValidatorTest, JsonNullCountsAsAbsent) {
  json body = tuning();
  body["HyperParameterTuningJobName"] = nullptr;
  body["Tags"] = nullptr;  // optional: fine
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "1 validation error detected: Value null at 'hyperParameterTuningJobName' failed to satisfy "
            "constraint: Member must not be null");
}

// --- patterns and lengths ------------------------------------------------------------------

TEST_F(RequestValidatorTest, UnderscoreInTuningJobNameGivesTheCoralPatternMessage) {
  json body = tuning();
  body["HyperParameterTuningJobName"] = "a_b";
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "1 validation error detected: Value 'a_b' at 'hyperParameterTuningJobName' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: " +
                kNamePattern32);
}

TEST_F(RequestValidatorTest, UnderscoreInTrainingJobNameMatchesTheFieldMessage) {
  json body = training();
  body["TrainingJobName"] = "a_b";
  EXPECT_EQ(validation_message("CreateTrainingJob", body),
            "1 validation error detected: Value 'a_b' at 'trainingJobName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
}

TEST_F(RequestValidatorTest, TooLongTuningJobNameGivesTwoErrors) {
  json body = tuning();
  const std::string name(33, 'a');
  body["HyperParameterTuningJobName"] = name;
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "2 validation errors detected: Value '" + name +
                "' at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must satisfy regular "
                "expression pattern: " + kNamePattern32 + "; Value '" + name +
                "' at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must have length less "
                "than or equal to 32");
}

TEST_F(RequestValidatorTest, TooLongTrainingJobNameGivesTwoErrors) {
  json body = training();
  const std::string name = "basic-zenml-project-pipeline-2023-04-24-12-22-59-886794-step-show-sagemaker-s3-link";
  body["TrainingJobName"] = name;
  EXPECT_EQ(validation_message("DescribeTrainingJob", {{"TrainingJobName", name}}),
            "2 validation errors detected: Value '" + name +
                "' at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression "
                "pattern: " + kNamePattern63 + "; Value '" + name +
                "' at 'trainingJobName' failed to satisfy constraint: Member must have length less than or equal "
                "to 63");
  EXPECT_EQ(validation_message("CreateTrainingJob", body).substr(0, 30), "2 validation errors detected: ");
}

TEST_F(RequestValidatorTest, EmptyNameBreaksPatternAndMinimumLength) {
  EXPECT_EQ(validation_message("StopHyperParameterTuningJob", {{"HyperParameterTuningJobName", ""}}),
            "2 validation errors detected: Value '' at 'hyperParameterTuningJobName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: " + kNamePattern32 +
                "; Value '' at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must have length "
                "greater than or equal to 1");
}

TEST_F(RequestValidatorTest, ViolationsFollowModelMemberOrder) {
  json body = training();
  body["TrainingJobName"] = "a_b";
  body["RoleArn"] = "role";
  body.erase("OutputDataConfig");
  EXPECT_EQ(validation_message("CreateTrainingJob", body),
            "4 validation errors detected: "
            "Value null at 'outputDataConfig' failed to satisfy constraint: Member must not be null; "
            "Value 'role' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression "
            "pattern: ^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+; "
            "Value 'role' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal "
            "to 20; "
            "Value 'a_b' at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression "
            "pattern: " + kNamePattern63);
}

TEST_F(RequestValidatorTest, AlgorithmNameEndingInDashIsRejectedByTheLookBehind) {
  json body = training();
  body["AlgorithmSpecification"] = {{"AlgorithmName", "my-algo-"}, {"TrainingInputMode", "File"}};
  EXPECT_EQ(validation_message("CreateTrainingJob", body),
            "1 validation error detected: Value 'my-algo-' at 'algorithmSpecification.algorithmName' failed to "
            "satisfy constraint: Member must satisfy regular expression pattern: "
            "^(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z\\-]*\\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})"
            "(?<!-)");
  body["AlgorithmSpecification"]["AlgorithmName"] = "arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-algo";
  EXPECT_EQ(check("CreateTrainingJob", body), std::nullopt);
}

// --- enums and numeric ranges ----------------------------------------------------------------

TEST_F(RequestValidatorTest, EnumViolationListsTheSetInModelOrder) {
  json body = tuning();
  body["HyperParameterTuningJobConfig"]["Strategy"] = "Sobol";
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "1 validation error detected: Value 'Sobol' at 'hyperParameterTuningJobConfig.strategy' failed to "
            "satisfy constraint: Member must satisfy enum value set: [Bayesian, Random, Hyperband, Grid]");
}

TEST_F(RequestValidatorTest, UnknownInstanceTypeInsideInstanceConfigs) {
  json body = tuning();
  body["TrainingJobDefinition"]["HyperParameterTuningResourceConfig"]["InstanceConfigs"][1]["InstanceType"] =
      "ml.x9.huge";
  const std::string message = validation_message("CreateHyperParameterTuningJob", body);
  EXPECT_EQ(message.rfind("1 validation error detected: Value 'ml.x9.huge' at "
                          "'trainingJobDefinition.hyperParameterTuningResourceConfig.instanceConfigs.2.member."
                          "instanceType' failed to satisfy constraint: Member must satisfy enum value set: [ml.",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find(", ml.p3.2xlarge, "), std::string::npos);
}

TEST_F(RequestValidatorTest, MaxResultsZeroAndOneHundredOne) {
  EXPECT_EQ(validation_message("ListTrainingJobs", {{"MaxResults", 0}}),
            "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have "
            "value greater than or equal to 1");
  EXPECT_EQ(validation_message("ListHyperParameterTuningJobs", {{"MaxResults", 101}}),
            "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must "
            "have value less than or equal to 100");
  EXPECT_EQ(check("ListTrainingJobs", {{"MaxResults", 100}}), std::nullopt);
}

TEST_F(RequestValidatorTest, ListTagsMaxResultsHasAMinimumOfFifty) {
  const std::string arn = "arn:aws:sagemaker:us-east-1:123456789012:training-job/t";
  EXPECT_EQ(validation_message("ListTags", {{"ResourceArn", arn}, {"MaxResults", 49}}),
            "1 validation error detected: Value '49' at 'maxResults' failed to satisfy constraint: Member must have "
            "value greater than or equal to 50");
  EXPECT_EQ(check("ListTags", {{"ResourceArn", arn}, {"MaxResults", 50}}), std::nullopt);
}

TEST_F(RequestValidatorTest, ResourceLimitBelowMinimum) {
  json body = tuning();
  body["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 0;
  body["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxRuntimeInSeconds"] = 60;
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "2 validation errors detected: Value '0' at "
            "'hyperParameterTuningJobConfig.resourceLimits.maxParallelTrainingJobs' failed to satisfy constraint: "
            "Member must have value greater than or equal to 1; Value '60' at "
            "'hyperParameterTuningJobConfig.resourceLimits.maxRuntimeInSeconds' failed to satisfy constraint: "
            "Member must have value greater than or equal to 120");
}

// --- lists and maps ------------------------------------------------------------------------

TEST_F(RequestValidatorTest, SevenInstanceConfigsExceedTheListMaximum) {
  json body = tuning();
  json configs = json::array();
  for (int i = 0; i < 7; ++i) configs.push_back({{"InstanceType", "ml.m5.xlarge"}, {"InstanceCount", 1}, {"VolumeSizeInGB", 30}});
  body["TrainingJobDefinition"]["HyperParameterTuningResourceConfig"]["InstanceConfigs"] = configs;
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "1 validation error detected: Value '" + configs.dump() +
                "' at 'trainingJobDefinition.hyperParameterTuningResourceConfig.instanceConfigs' failed to satisfy "
                "constraint: Member must have length less than or equal to 6");
}

TEST_F(RequestValidatorTest, EmptyListBelowItsMinimum) {
  const std::string arn = "arn:aws:sagemaker:us-east-1:123456789012:training-job/t";
  EXPECT_EQ(validation_message("DeleteTags", {{"ResourceArn", arn}, {"TagKeys", json::array()}}),
            "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have "
            "length greater than or equal to 1");
}

TEST_F(RequestValidatorTest, ListOfStringsNamesTheElement) {
  const std::string arn = "arn:aws:sagemaker:us-east-1:123456789012:training-job/t";
  EXPECT_EQ(validation_message("DeleteTags", {{"ResourceArn", arn}, {"TagKeys", {"ok", "bad#key", nullptr}}}),
            "2 validation errors detected: Value 'bad#key' at 'tagKeys.2.member' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: " + kTagPattern +
                "; Value null at 'tagKeys.3.member' failed to satisfy constraint: Member must not be null");
}

TEST_F(RequestValidatorTest, TagKeyPathUsesOneBasedMemberIndex) {
  json body = tuning();
  body["Tags"] = {{{"Key", "fine"}, {"Value", "v"}}, {{"Key", "bad#key"}, {"Value", "v"}}, {{"Key", "k"}}};
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "2 validation errors detected: Value 'bad#key' at 'tags.2.member.key' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: " + kTagPattern +
                "; Value null at 'tags.3.member.value' failed to satisfy constraint: Member must not be null");
}

TEST_F(RequestValidatorTest, UnicodeTagValuesSatisfyThePropertyClasses) {
  const std::string arn = "arn:aws:sagemaker:us-east-1:123456789012:training-job/t";
  const json tags = {{{"Key", "équipe"}, {"Value", "Données d'été"}},  // apostrophe is not allowed
                     {{"Key", "東京"}, {"Value", "データ 2024 ½"}},
                     {{"Key", "Ελλάδα"}, {"Value", "Привет\u00a0мир"}}};
  EXPECT_EQ(validation_message("AddTags", {{"ResourceArn", arn}, {"Tags", tags}}),
            "1 validation error detected: Value 'Données d'été' at 'tags.1.member.value' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: " + kTagPattern);
  json fixed = tags;
  fixed[0]["Value"] = "Données été";
  EXPECT_EQ(check("AddTags", {{"ResourceArn", arn}, {"Tags", fixed}}), std::nullopt);
}

TEST_F(RequestValidatorTest, TagValueLengthCountsCodePointsNotBytes) {
  const std::string arn = "arn:aws:sagemaker:us-east-1:123456789012:training-job/t";
  std::string value;
  for (int i = 0; i < 256; ++i) value += "é";  // 512 bytes, 256 code points
  EXPECT_EQ(check("AddTags", {{"ResourceArn", arn}, {"Tags", {{{"Key", "k"}, {"Value", value}}}}}), std::nullopt);
  value += "é";
  EXPECT_NE(validation_message("AddTags", {{"ResourceArn", arn}, {"Tags", {{{"Key", "k"}, {"Value", value}}}}})
                .find("at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or "
                      "equal to 256"),
            std::string::npos);
}

TEST_F(RequestValidatorTest, HyperparameterValueOf2501CharactersGivesTheMapValueMessage) {
  json body = tuning();
  const std::string big(2501, 'x');
  body["TrainingJobDefinition"]["StaticHyperParameters"] = {{"big", big}, {"num_round", "10"}};
  EXPECT_EQ(validation_message("CreateHyperParameterTuningJob", body),
            "1 validation error detected: Value '{\"big\":\"" + big +
                "\",\"num_round\":\"10\"}' at 'trainingJobDefinition.staticHyperParameters' failed to satisfy "
                "constraint: Map value must satisfy constraint: [Member must have length less than or equal to "
                "2500, Member must have length greater than or equal to 0, Member must satisfy regular expression "
                "pattern: .*]");
  body["TrainingJobDefinition"]["StaticHyperParameters"]["big"] = std::string(2500, 'x');
  EXPECT_EQ(check("CreateHyperParameterTuningJob", body), std::nullopt);
}

TEST_F(RequestValidatorTest, HyperparameterKeyTooLongGivesTheMapKeysMessage) {
  json body = training();
  body["HyperParameters"] = {{std::string(257, 'k'), "1"}};
  EXPECT_EQ(validation_message("CreateTrainingJob", body).substr(0, 29), "1 validation error detected: ");
  EXPECT_NE(validation_message("CreateTrainingJob", body)
                .find("' at 'hyperParameters' failed to satisfy constraint: Map keys must satisfy constraint: "
                      "[Member must have length less than or equal to 256, Member must have length greater than or "
                      "equal to 0, Member must satisfy regular expression pattern: .*]"),
            std::string::npos);
}

TEST_F(RequestValidatorTest, HyperparameterValueWithNewlineFailsJavaDot) {
  json body = training();
  body["HyperParameters"] = {{"a", "line1\nline2"}};
  EXPECT_NE(validation_message("CreateTrainingJob", body).find("Map value must satisfy constraint"), std::string::npos);
}

TEST_F(RequestValidatorTest, TooManyMapEntries) {
  json body = training();
  json env = json::object();
  for (int i = 0; i < 101; ++i) env["K" + std::to_string(i)] = "v";
  body["Environment"] = env;
  EXPECT_NE(validation_message("CreateTrainingJob", body)
                .find("' at 'environment' failed to satisfy constraint: Member must have length less than or equal "
                      "to 100"),
            std::string::npos);
}

// --- JSON types: SerializationException ----------------------------------------------------

TEST_F(RequestValidatorTest, StringInAnIntegerMemberIsASerializationError) {
  json body = tuning();
  body["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxNumberOfTrainingJobs"] = "4";
  EXPECT_EQ(serialization_message("CreateHyperParameterTuningJob", body),
            "Invalid type at 'hyperParameterTuningJobConfig.resourceLimits.maxNumberOfTrainingJobs': expected a "
            "32-bit integer, got a string \"4\"");
}

TEST_F(RequestValidatorTest, FractionInAnIntegerMemberIsASerializationError) {
  json body = tuning();
  body["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 1.5;
  EXPECT_EQ(serialization_message("CreateHyperParameterTuningJob", body),
            "Invalid type at 'hyperParameterTuningJobConfig.resourceLimits.maxParallelTrainingJobs': expected a "
            "32-bit integer, got a number with a fraction 1.5");
  body["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 2.0;  // integral: fine
  EXPECT_EQ(check("CreateHyperParameterTuningJob", body), std::nullopt);
}

TEST_F(RequestValidatorTest, OutOfRangeIntegerIsASerializationError) {
  const auto failure = check("ListTrainingJobs", {{"MaxResults", 3000000000LL}});
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->code, kSerializationException);
  EXPECT_NE(failure->message.find("'maxResults'"), std::string::npos);
  EXPECT_NE(failure->message.find("out-of-range"), std::string::npos);
}

TEST_F(RequestValidatorTest, ObjectWhereAListIsExpected) {
  json body = tuning();
  body["Tags"] = {{"Key", "k"}, {"Value", "v"}};
  EXPECT_EQ(serialization_message("CreateHyperParameterTuningJob", body),
            "Invalid type at 'tags': expected an array, got an object {\"Key\":\"k\",\"Value\":\"v\"}");
}

TEST_F(RequestValidatorTest, NumberAsHyperparameterValueNamesTheEntry) {
  json body = tuning();
  body["TrainingJobDefinition"]["StaticHyperParameters"]["num_round"] = 10;
  EXPECT_EQ(serialization_message("CreateHyperParameterTuningJob", body),
            "Invalid type at 'trainingJobDefinition.staticHyperParameters.num_round': expected a string, got an "
            "integer 10");
}

TEST_F(RequestValidatorTest, StringWhereABooleanIsExpected) {
  json body = training();
  body["EnableManagedSpotTraining"] = "true";
  EXPECT_EQ(serialization_message("CreateTrainingJob", body),
            "Invalid type at 'enableManagedSpotTraining': expected a boolean, got a string \"true\"");
  body["EnableManagedSpotTraining"] = true;
  EXPECT_EQ(check("CreateTrainingJob", body), std::nullopt);
}

TEST_F(RequestValidatorTest, TypeErrorsWinOverConstraintViolations) {
  json body = tuning();
  body["HyperParameterTuningJobName"] = "a_b";
  body["TrainingJobDefinition"]["StoppingCondition"]["MaxRuntimeInSeconds"] = "3600";
  const auto failure = check("CreateHyperParameterTuningJob", body);
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->code, kSerializationException);
  EXPECT_NE(failure->message.find("'trainingJobDefinition.stoppingCondition.maxRuntimeInSeconds'"), std::string::npos);
}

TEST_F(RequestValidatorTest, BodyMustBeAnObject) {
  const auto failure = check("ListTrainingJobs", json::array());
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->code, kSerializationException);
  EXPECT_EQ(failure->message, "Invalid request body: expected an object, got an array []");
}

// --- timestamps ----------------------------------------------------------------------------

TEST_F(RequestValidatorTest, TimestampsAcceptEpochNumbersAndIso8601) {
  EXPECT_EQ(check("ListTrainingJobs", {{"CreationTimeAfter", "2024-01-02T03:04:05Z"}}), std::nullopt);
  EXPECT_EQ(check("ListTrainingJobs", {{"CreationTimeAfter", "2024-01-02T03:04:05.678+00:00"}}), std::nullopt);
  EXPECT_EQ(check("ListTrainingJobs", {{"CreationTimeAfter", 1704164645}}), std::nullopt);
  EXPECT_EQ(check("ListTrainingJobs", {{"CreationTimeBefore", 1704164645.678}}), std::nullopt);
}

TEST_F(RequestValidatorTest, MalformedTimestampIsASerializationError) {
  EXPECT_EQ(serialization_message("ListTrainingJobs", {{"CreationTimeAfter", "yesterday"}}),
            "Invalid type at 'creationTimeAfter': expected a timestamp (epoch seconds or an ISO-8601 string), got a "
            "string \"yesterday\"");
  EXPECT_EQ(check("ListTrainingJobs", {{"LastModifiedTimeAfter", true}})->code, kSerializationException);
}

// --- operations and shapes -----------------------------------------------------------------

TEST_F(RequestValidatorTest, UnknownOperation) {
  const auto failure = check("CreateEndpoint", json::object());
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->code, kUnknownOperationException);
}

TEST_F(RequestValidatorTest, ValidateShapeChecksOutputShapesToo) {
  const Shape* response = sagemaker_model().shape("CreateHyperParameterTuningJobResponse");
  ASSERT_NE(response, nullptr);
  EXPECT_TRUE(validator_.validate_shape(
      *response, {{"HyperParameterTuningJobArn",
                   "arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/demo-tune-1"}}));
  const auto failure = validator_.validate_shape(*response, json::object());
  ASSERT_FALSE(failure);
  EXPECT_EQ(failure.error().message,
            "1 validation error detected: Value null at 'hyperParameterTuningJobArn' failed to "
            "satisfy constraint: Member must not be null");
}

TEST_F(RequestValidatorTest, EveryOperationAcceptsItsMinimalRequest) {
  const std::string tuning_name = R"({"HyperParameterTuningJobName": "t-1"})";
  const std::string training_name = R"({"TrainingJobName": "t-1"})";
  const std::string arn = R"("arn:aws:sagemaker:us-east-1:123456789012:training-job/t-1")";
  const std::pair<const char*, std::string> requests[] = {
      {"DescribeHyperParameterTuningJob", tuning_name},
      {"StopHyperParameterTuningJob", tuning_name},
      {"DeleteHyperParameterTuningJob", tuning_name},
      {"ListTrainingJobsForHyperParameterTuningJob", tuning_name},
      {"DescribeTrainingJob", training_name},
      {"StopTrainingJob", training_name},
      {"DeleteTrainingJob", training_name},
      {"UpdateTrainingJob", training_name},
      {"AddTags", R"({"ResourceArn": )" + arn + R"(, "Tags": []})"},
      {"ListTags", R"({"ResourceArn": )" + arn + "}"},
      {"DeleteTags", R"({"ResourceArn": )" + arn + R"(, "TagKeys": ["k"]})"},
  };
  for (const auto& [operation, body] : requests) {
    EXPECT_EQ(validation_message(operation, json::parse(body)), "<valid>") << operation;
  }
}

}  // namespace
}  // namespace api::service_model
