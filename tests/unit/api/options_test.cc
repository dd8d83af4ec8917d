#include "api/options.h"

#include <map>

#include <gtest/gtest.h>

namespace api {
namespace {

capacity_model::Result<Options, OptionsError> parse(std::vector<std::string> args,
                                                    std::map<std::string, std::string> env = {}) {
  return parse_options(args, [&env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}

TEST(Options, DefaultsMatchTheContract) {
  auto o = *(parse({}));
  EXPECT_EQ(o.host, "127.0.0.1");
  EXPECT_EQ(o.port, 4599);
  EXPECT_FALSE(o.clock.has_value());
  EXPECT_FALSE(o.scenario_file.has_value());
}

TEST(Options, FlagsOverrideEnvironment) {
  auto o =
      *(parse({"--port", "5000", "--clock=manual", "--seed", "7", "--time-scale", "60"},
              {{"AMT_EMULATOR_PORT", "4000"}, {"AMT_EMULATOR_HOST", "0.0.0.0"}, {"AMT_EMULATOR_SCENARIO", "/s.json"}}));
  EXPECT_EQ(o.port, 5000);
  EXPECT_EQ(o.host, "0.0.0.0");
  EXPECT_EQ(o.scenario_file, "/s.json");
  EXPECT_EQ(o.clock, emulator::sim::ClockMode::Manual);
  EXPECT_EQ(o.seed, 7u);
  EXPECT_EQ(o.time_scale, 60.0);
}

TEST(Options, BadValuesAreExplained) {
  for (auto args : std::vector<std::vector<std::string>>{
           {"--port", "70000"}, {"--clock", "fast"}, {"--time-scale", "0"}, {"--seed", "-1"},
           {"--log-level", "loud"}, {"--bogus"}, {"--port"}, {"stray"}}) {
    auto parsed = parse(args);
    ASSERT_FALSE(parsed) << args[0];
    EXPECT_FALSE(parsed.error().message.empty());
  }
  auto from_env = parse({}, {{"AMT_EMULATOR_CLOCK", "sometimes"}});
  ASSERT_FALSE(from_env);
  EXPECT_NE(from_env.error().message.find("AMT_EMULATOR_CLOCK"), std::string::npos);
}

TEST(Options, RealTrainingIsOffUnlessAsked) {
  const auto o = *parse({});
  EXPECT_FALSE(o.training.local);
  EXPECT_FALSE(o.training.keep_job_dirs);
  EXPECT_EQ(o.training.stop_grace, std::chrono::seconds(120));
  EXPECT_EQ(o.training.max_local_jobs, 0u);  // the number of cores, decided at start-up
}

TEST(Options, RealTrainingFlagsAndTheirVariables) {
  const auto o =
      *parse({"--training", "local", "--keep-job-dirs", "--max-local-jobs=3", "--s3-dir", "/s3", "--stop-grace", "0"},
             {{"AMT_EMULATOR_WORK_DIR", "/work"},
              {"AMT_EMULATOR_IMAGE_MAP", "/map.json"},
              {"AMT_EMULATOR_PYTHON", "/venv/bin/python"}});
  EXPECT_TRUE(o.training.local);
  EXPECT_TRUE(o.training.keep_job_dirs);
  EXPECT_EQ(o.training.max_local_jobs, 3u);
  EXPECT_EQ(o.training.s3_dir, "/s3");
  EXPECT_EQ(o.training.work_dir, "/work");
  EXPECT_EQ(o.training.image_map, "/map.json");
  EXPECT_EQ(o.training.python, "/venv/bin/python");
  EXPECT_EQ(o.training.stop_grace, std::chrono::seconds(0));
  EXPECT_FALSE(parse({"--keep-job-dirs=false"})->training.keep_job_dirs);
  EXPECT_TRUE(parse({}, {{"AMT_EMULATOR_KEEP_JOB_DIRS", "1"}})->training.keep_job_dirs);
}

TEST(Options, BadRealTrainingValuesAreExplained) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--training", "docker"}, "--training must be simulated or local, got 'docker'"},
      {{"--max-local-jobs", "0"}, "--max-local-jobs must be a whole number of at least 1, got '0'"},
      {{"--keep-job-dirs=maybe"}, "--keep-job-dirs is true or false, got 'maybe'"},
      {{"--s3-dir="}, "--s3-dir needs a path"},
  };
  for (const auto& [args, message] : cases) {
    const auto o = parse(args);
    ASSERT_FALSE(o.ok()) << args[0];
    EXPECT_EQ(o.error().message, message);
  }
}

TEST(Options, SignaturesAreNotCheckedUnlessAsked) {
  const auto o = *(parse({}));
  EXPECT_FALSE(o.auth.sigv4);
  EXPECT_FALSE(o.auth.credentials_file);
  EXPECT_FALSE(o.auth.control_token);
  EXPECT_FALSE(o.auth.access_key_id);
}

TEST(Options, AuthFlagsAndTheEnvironmentKeyPair) {
  const auto o = *(parse({"--auth", "sigv4", "--credentials", "/c.ini", "--control-token=t0k"},
                         {{"AMT_EMULATOR_ACCESS_KEY_ID", "AKIDENV"}, {"AMT_EMULATOR_SECRET_ACCESS_KEY", "s3cret"}}));
  EXPECT_TRUE(o.auth.sigv4);
  EXPECT_EQ(o.auth.credentials_file, "/c.ini");
  EXPECT_EQ(o.auth.control_token, "t0k");
  EXPECT_EQ(o.auth.access_key_id, "AKIDENV");
  EXPECT_EQ(o.auth.secret_access_key, "s3cret");
  EXPECT_TRUE((*parse({}, {{"AMT_EMULATOR_AUTH", "sigv4"}})).auth.sigv4);
}

TEST(Options, AuthMistakesAreExplained) {
  EXPECT_EQ(parse({"--auth", "v4"}).error().message, "--auth must be none or sigv4, got 'v4'");
  EXPECT_EQ(parse({"--control-token="}).error().message, "--control-token needs a token");
  EXPECT_EQ(parse({}, {{"AMT_EMULATOR_ACCESS_KEY_ID", "AKIDENV"}}).error().message,
            "AMT_EMULATOR_ACCESS_KEY_ID and AMT_EMULATOR_SECRET_ACCESS_KEY go together; only the key id is set");
}

TEST(Options, StateIsInMemoryUnlessAFolderIsGiven) {
  EXPECT_FALSE(parse({})->state_dir);
  EXPECT_EQ(parse({"--state-dir", "/var/amt"})->state_dir, "/var/amt");
  EXPECT_EQ(parse({"--state-dir=/var/amt"})->state_dir, "/var/amt");
  EXPECT_EQ(parse({}, {{"AMT_EMULATOR_STATE_DIR", "/env/amt"}})->state_dir, "/env/amt");
  EXPECT_EQ(parse({"--state-dir", "/flag"}, {{"AMT_EMULATOR_STATE_DIR", "/env/amt"}})->state_dir, "/flag");
  EXPECT_FALSE(parse({}, {{"AMT_EMULATOR_STATE_DIR", ""}})->state_dir);  // set but empty: as unset
}

TEST(Options, AnEmptyStateDirIsRefused) {
  EXPECT_EQ(parse({"--state-dir="}).error().message, "--state-dir needs a path");
  EXPECT_EQ(parse({"--state-dir", ""}).error().message, "--state-dir needs a path");
  EXPECT_EQ(parse({"--state-dir"}).error().message, "--state-dir needs a value");
}

TEST(Options, AStateDirWithLocalTrainingIsRefusedNamingTheFolder) {
  const auto refused = parse({"--state-dir", "/var/amt", "--training", "local"});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("--state-dir /var/amt does not work with --training local"),
            std::string::npos);
  EXPECT_TRUE(parse({"--state-dir", "/var/amt", "--training", "simulated"}));
}

}  // namespace
}  // namespace api
