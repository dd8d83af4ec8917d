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

}  // namespace
}  // namespace api
