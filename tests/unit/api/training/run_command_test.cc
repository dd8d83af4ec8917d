#include "api/training/run_command.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "api/training/job_definition.h"

namespace api::training {
namespace {

RunContext script_job() {
  RunContext run;
  run.job_name = "job-1";
  run.job_arn = "arn:aws:sagemaker:us-east-1:123456789012:training-job/job-1";
  run.region = "us-east-1";
  run.instance_type = "ml.m5.4xlarge";
  run.hyperparameters = {{"sagemaker_program", "\"train.py\""}, {"lr", "0.1"}, {"opt", "\"adam\""}};
  run.definition = *read_job_definition(R"({
      "AlgorithmSpecification": {"TrainingImage": "img/x:1", "TrainingInputMode": "File"},
      "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3Uri": "s3://b/t"}}}],
      "CheckpointConfig": {"S3Uri": "s3://b/ck", "LocalPath": "/opt/ml/ck"},
      "Environment": {"MY_VAR": "1", "TRAINING_JOB_NAME": "spoofed"}})");
  run.toolkit = render_for_toolkit(run.hyperparameters);
  return run;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST(RunCommand, ScriptModeRunsThePythonProgramInItsCodeFolder) {
  const auto run = script_job();
  const JobPaths local{"/work/jobs/job-1", "/work/jobs/job-1/checkpoints"};
  const auto plan = plan_for(run, ImageMap{});
  ASSERT_TRUE(plan);
  const auto spec = command_for(*plan, run, local, {"/usr/bin/python3", {{"PATH", "/bin"}}, {}});
  EXPECT_EQ(spec.argv, (std::vector<std::string>{"/usr/bin/python3", "train.py", "--lr", "0.1", "--opt", "adam"}));
  EXPECT_EQ(spec.workdir, "/work/jobs/job-1/code");
  EXPECT_TRUE(has(spec.environment, "PATH=/bin"));
  EXPECT_TRUE(has(spec.environment, "SM_MODEL_DIR=/work/jobs/job-1/model"));
  EXPECT_TRUE(has(spec.environment, "SM_CHANNEL_TRAIN=/work/jobs/job-1/input/data/train"));
  EXPECT_TRUE(has(spec.environment, "SM_HP_OPT=adam"));
  EXPECT_TRUE(has(spec.environment, "MY_VAR=1"));
  EXPECT_TRUE(has(spec.environment, "TRAINING_JOB_NAME=job-1"));  // the request may not spoof it
  EXPECT_TRUE(has(spec.environment, "AWS_REGION=us-east-1"));
}

TEST(RunCommand, AJobNeitherMappedNorInScriptModeIsNotRunHere) {
  auto run = script_job();
  run.hyperparameters.erase("sagemaker_program");
  run.toolkit = render_for_toolkit(run.hyperparameters);
  EXPECT_FALSE(plan_for(run, ImageMap{}));
}

TEST(RunCommand, AContainerGetsTheFolderPartsMountedOneByOneAndItsEnvironmentWithE) {
  const auto map = ImageMap::parse(R"([{"image": "img/.*", "container": "local:1", "engine": "/bin/true"}])", "/bin");
  ASSERT_TRUE(map.ok()) << map.error();
  const auto run = script_job();
  const JobPaths local{"/w/jobs/job-1", "/w/jobs/job-1/checkpoints"};
  const auto plan = plan_for(run, *map);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->kind, RunPlan::Kind::Container);
  const auto spec = command_for(*plan, run, local, {"python3", {}, {{"DOCKER_HOST", "unix:///d.sock"}}});
  const std::vector<std::string> start = {"/bin/true",
                                          "run",
                                          "--rm",
                                          "--hostname",
                                          "algo-1",
                                          "-v",
                                          "/w/jobs/job-1/input:/opt/ml/input",
                                          "-v",
                                          "/w/jobs/job-1/model:/opt/ml/model",
                                          "-v",
                                          "/w/jobs/job-1/output:/opt/ml/output",
                                          "-v",
                                          "/w/jobs/job-1/checkpoints:/opt/ml/ck"};
  ASSERT_GT(spec.argv.size(), start.size());
  EXPECT_EQ(std::vector<std::string>(spec.argv.begin(), spec.argv.begin() + long(start.size())), start);
  EXPECT_EQ(spec.argv.back(), "train");
  EXPECT_EQ(spec.argv[spec.argv.size() - 2], "local:1");
  EXPECT_TRUE(has(spec.argv, "SM_MODEL_DIR=/opt/ml/model"));
  EXPECT_TRUE(has(spec.argv, "TRAINING_JOB_NAME=job-1"));
  EXPECT_EQ(spec.environment, (std::vector<std::string>{"DOCKER_HOST=unix:///d.sock"}));
}

TEST(RunCommand, EntrypointAndArgumentsReplaceTrain) {
  const auto map = ImageMap::parse(R"([{"image": "img/.*", "container": "local:1", "engine": "/bin/true"}])", "/bin");
  auto run = script_job();
  run.definition.container_entrypoint = {"python3", "-u"};
  run.definition.container_arguments = {"main.py", "--fast"};
  const auto spec = command_for(*plan_for(run, *map), run, {"/w", "/w/checkpoints"}, {});
  const std::vector<std::string> tail = {"local:1", "-u", "main.py", "--fast"};
  EXPECT_EQ(std::vector<std::string>(spec.argv.end() - 4, spec.argv.end()), tail);
  EXPECT_TRUE(has(spec.argv, "--entrypoint"));
}

}  // namespace
}  // namespace api::training
