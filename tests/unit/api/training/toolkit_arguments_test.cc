#include "api/training/toolkit_arguments.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace api::training {
namespace {

using Strings = std::vector<std::string>;

std::map<std::string, std::string> environment_of(const ToolkitHyperparameters& rendered) {
  return {rendered.environment.begin(), rendered.environment.end()};
}

// The command-line value the toolkit makes of one hyperparameter value, as sent.
std::string argument(const std::string& sent) {
  const ToolkitHyperparameters rendered = render_for_toolkit({{"hp", sent}});
  EXPECT_EQ(rendered.arguments.size(), 2u);
  return rendered.arguments.at(1);
}

// Its SM_HP_ variable.
std::string variable(const std::string& sent) {
  return environment_of(render_for_toolkit({{"hp", sent}})).at("SM_HP_HP");
}

// Each row of training-contract.md §2.3: the argument and the SM_HP_<NAME> value.
TEST(ToolkitArguments, ContractTable) {
  struct Row {
    std::string sent, argument, variable;
  };
  const std::vector<Row> rows = {
      {"10", "10", "10"},
      {"0.1000", "0.1", "0.1"},
      {"1e3", "1000.0", "1000.0"},
      {"1e-5", "1e-05", "1e-05"},
      {"\"adam\"", "adam", "adam"},
      {"adam", "adam", "adam"},
      {"true", "True", "true"},
      {"True", "True", "True"},
      {"null", "", ""},
      {"[64, 32]", "[64, 32]", "[64,32]"},
      {"{\"k\": [1,2]}", "k=[1, 2]", "{\"k\":[1,2]}"},
      {"01", "01", "01"},
      {"+1", "+1", "+1"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(argument(row.sent), row.argument) << row.sent;
    EXPECT_EQ(variable(row.sent), row.variable) << row.sent;
  }
}

TEST(ToolkitArguments, FloatsAsPythonReprWritesThem) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"0.1", "0.1"},
      {"1e3", "1000.0"},
      {"1e-5", "1e-05"},
      {"1e16", "1e+16"},
      {"1.5e16", "1.5e+16"},
      {"9999999999999998.0", "9999999999999998.0"},
      {"123456789.0", "123456789.0"},
      {"-0.0", "-0.0"},
      {"0.0", "0.0"},
      {"1.5", "1.5"},
      {"0.0001", "0.0001"},
      {"0.00012", "0.00012"},
      {"2.5e-7", "2.5e-07"},
      {"-3.25E+2", "-325.0"},
      {"1e100", "1e+100"},
      {"1e-100", "1e-100"},
      {"5e-324", "5e-324"},
      {"1.7976931348623157e308", "1.7976931348623157e+308"},
      {"0.30000000000000004", "0.30000000000000004"},
  };
  for (const auto& [sent, python] : cases) {
    EXPECT_EQ(argument(sent), python) << sent;
    EXPECT_EQ(variable(sent), python) << sent;  // json.dumps writes floats with repr too
  }
}

TEST(ToolkitArguments, IntegersInDecimalEvenBeyondSixtyFourBits) {
  EXPECT_EQ(argument("-7"), "-7");
  EXPECT_EQ(argument("-0"), "0");
  EXPECT_EQ(argument("18446744073709551615"), "18446744073709551615");
  EXPECT_EQ(argument("123456789012345678901234567890"), "123456789012345678901234567890");
  EXPECT_EQ(argument("[-123456789012345678901234567890]"), "[-123456789012345678901234567890]");
  const auto environment = environment_of(render_for_toolkit({{"big", "123456789012345678901234567890"}}));
  EXPECT_EQ(environment.at("SM_HP_BIG"), "123456789012345678901234567890");
  EXPECT_EQ(environment.at("SM_HPS"), "{\"big\":123456789012345678901234567890}");
}

TEST(ToolkitArguments, ListsAndDictsAsPythonReprInDocumentOrder) {
  EXPECT_EQ(argument("[\"a\", \"it's\", {\"z\": 1, \"a\": null}, [true, 1.0], []]"),
            "['a', \"it's\", {'z': 1, 'a': None}, [True, 1.0], []]");
  EXPECT_EQ(variable("[\"a\", \"it's\", {\"z\": 1, \"a\": null}, [true, 1.0], []]"),
            "[\"a\",\"it's\",{\"a\":null,\"z\":1},[true,1.0],[]]");
  EXPECT_EQ(argument("[\"both ' and \\\"\", \"back\\\\slash\", \"tab\\there\\n\"]"),
            "['both \\' and \"', 'back\\\\slash', 'tab\\there\\n']");
  EXPECT_EQ(argument("[\"caf\\u00e9\", \"\\u00a0\", \"\\u0001\", \"\\u200b\", \"\\ud83d\\ude00\"]"),
            "['café', '\\xa0', '\\x01', '\\u200b', '😀']");
}

TEST(ToolkitArguments, DictsBecomeSortedPairs) {
  EXPECT_EQ(argument("{\"b\": \"x y\", \"a\": {\"d\": 1, \"c\": 2}, \"n\": null, \"t\": true, \"l\": [\"s\"]}"),
            "a={'d': 1, 'c': 2},b=x y,l=['s'],n=None,t=True");
  EXPECT_EQ(argument("{}"), "");
  EXPECT_EQ(variable("{}"), "{}");
  EXPECT_EQ(argument("{\"a\": 1, \"a\": 2}"), "a=2");  // json.loads keeps the last
}

TEST(ToolkitArguments, NonAsciiAndControlCharacters) {
  EXPECT_EQ(variable("\"caf\\u00e9\""), "café");  // a string goes as is
  EXPECT_EQ(argument("[\"caf\\u00e9\", \"\\ud83d\\ude00\", \"q\\\"\\\\/\\b\\f\\u007f\"]"),
            "['café', '😀', 'q\"\\\\/\\x08\\x0c\\x7f']");
  EXPECT_EQ(variable("[\"caf\\u00e9\", \"\\ud83d\\ude00\", \"q\\\"\\\\/\\b\\f\\u007f\"]"),
            "[\"caf\\u00e9\",\"\\ud83d\\ude00\",\"q\\\"\\\\/\\b\\f\\u007f\"]");
  EXPECT_EQ(variable("{\"b\": {\"y\": 1, \"x\": 2}, \"a\": 0.5}"), "{\"a\":0.5,\"b\":{\"x\":2,\"y\":1}}");
}

TEST(ToolkitArguments, ValuesThatAreNotJsonStayRaw) {
  for (const std::string sent : {"01", "+1", "adam", "1.", ".5", "NotJSON [", "", "[1,]",
                                 "\xEF\xBB\xBF"
                                 "1"}) {
    EXPECT_EQ(argument(sent), sent);
    EXPECT_EQ(variable(sent), sent);
  }
  EXPECT_EQ(environment_of(render_for_toolkit({{"hp", "adam"}})).at("SM_HPS"), "{\"hp\":\"adam\"}");
  // Not UTF-8 (Python could not even read such a file): the JSON of SM_HPS carries U+FFFD.
  EXPECT_EQ(environment_of(render_for_toolkit({{"hp", "a\xff"}})).at("SM_HPS"), "{\"hp\":\"a\\ufffd\"}");
}

TEST(ToolkitArguments, KeysInCodePointOrderWithOneCharacterKeysShort) {
  const ToolkitHyperparameters rendered =
      render_for_toolkit({{"b", "1"}, {"aa", "2"}, {"a", "3"}, {"B", "4"}, {"_x", "5"}, {"\xC3\xA9", "6"}});
  EXPECT_EQ(rendered.arguments, (Strings{"-B", "4", "--_x", "5", "-a", "3", "--aa", "2", "-b", "1", "-\xC3\xA9", "6"}));
}

TEST(ToolkitArguments, ReservedKeysAreNotUserHyperparameters) {
  const ToolkitHyperparameters rendered = render_for_toolkit({
      {"sagemaker_program", "\"train.py\""},
      {"sagemaker_submit_directory", "\"s3://bucket/job/source/sourcedir.tar.gz\""},
      {"sagemaker_container_log_level", "20"},
      {"sagemaker_job_name", "\"job\""},
      {"sagemaker_region", "\"us-east-1\""},
      {"sagemaker_estimator_class_name", "\"PyTorch\""},
      {"sagemaker_anything_new", "1"},
      {"_tuning_objective_metric", "\"validation:loss\""},
      {"default_user_module_name", "\"m\""},
      {"epochs", "3"},
  });
  EXPECT_EQ(rendered.arguments, (Strings{"--epochs", "3"}));
  const auto environment = environment_of(rendered);
  EXPECT_EQ(environment.size(), 3u);  // SM_HP_EPOCHS, SM_HPS, SM_USER_ARGS
  EXPECT_EQ(environment.at("SM_HPS"), "{\"epochs\":3}");
  EXPECT_TRUE(rendered.script_mode());
  EXPECT_EQ(rendered.program, "train.py");
  EXPECT_EQ(rendered.submit_directory, "s3://bucket/job/source/sourcedir.tar.gz");
}

TEST(ToolkitArguments, ScriptSettingsRawWhenNotJsonStrings) {
  const ToolkitHyperparameters rendered =
      render_for_toolkit({{"sagemaker_program", "train.sh"}, {"sagemaker_submit_directory", "[1]"}});
  EXPECT_EQ(rendered.program, "train.sh");
  EXPECT_EQ(rendered.submit_directory, "[1]");
  const ToolkitHyperparameters without = render_for_toolkit({{"epochs", "3"}});
  EXPECT_FALSE(without.script_mode());
  EXPECT_FALSE(without.submit_directory.has_value());
}

// The SDK's request of training-contract.md §3 and the SM_HPS / SM_USER_ARGS example of §2.4.
TEST(ToolkitArguments, SdkScriptModeRequest) {
  const ToolkitHyperparameters rendered = render_for_toolkit({
      {"epochs", "10"},
      {"optimizer", "\"adam\""},
      {"use-bn", "true"},
      {"layers", "[64, 32]"},
      {"lr", "0.1"},
      {"sagemaker_program", "\"train.py\""},
      {"sagemaker_container_log_level", "20"},
  });
  EXPECT_EQ(rendered.arguments, (Strings{"--epochs", "10", "--layers", "[64, 32]", "--lr", "0.1", "--optimizer", "adam",
                                         "--use-bn", "True"}));
  using Variable = std::pair<std::string, std::string>;
  EXPECT_EQ(rendered.environment,
            (std::vector<Variable>{
                {"SM_HP_EPOCHS", "10"},
                {"SM_HP_LAYERS", "[64,32]"},
                {"SM_HP_LR", "0.1"},
                {"SM_HP_OPTIMIZER", "adam"},
                {"SM_HP_USE-BN", "true"},
                {"SM_HPS", "{\"epochs\":10,\"layers\":[64,32],\"lr\":0.1,\"optimizer\":\"adam\",\"use-bn\":true}"},
                {"SM_USER_ARGS",
                 "[\"--epochs\",\"10\",\"--layers\",\"[64, 32]\",\"--lr\",\"0.1\",\"--optimizer\",\"adam\","
                 "\"--use-bn\",\"True\"]"},
            }));
}

TEST(ToolkitArguments, NoHyperparameters) {
  const ToolkitHyperparameters rendered = render_for_toolkit({});
  EXPECT_TRUE(rendered.arguments.empty());
  using Variable = std::pair<std::string, std::string>;
  EXPECT_EQ(rendered.environment, (std::vector<Variable>{{"SM_HPS", "{}"}, {"SM_USER_ARGS", "[]"}}));
}

}  // namespace
}  // namespace api::training
