#include "api/training/image_map.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/scratch_folder.h"

namespace api::training {
namespace {

TEST(ImageMap, TheFirstEntryMatchingTheWholeImageWins) {
  const auto map = ImageMap::parse(R"([{"image": ".*/algo:.*", "command": ["python3", "a.py"], "workdir": "/w"},
                                        {"image": ".*", "command": ["b"]}])",
                                   "/bin");
  ASSERT_TRUE(map.ok()) << map.error();
  const auto* a = map->find("123.dkr.ecr.us-east-1.amazonaws.com/algo:1");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->command, (std::vector<std::string>{"python3", "a.py"}));
  EXPECT_EQ(a->workdir, "/w");
  EXPECT_EQ(map->find("other")->command, (std::vector<std::string>{"b"}));
  const auto strict = ImageMap::parse(R"([{"image": "algo", "command": ["x"]}])", "/bin");
  EXPECT_EQ(strict->find("my-algo"), nullptr);  // the whole image, not a part of it
}

TEST(ImageMap, AContainerEntryNeedsItsEngineOnPath) {
  test_support::ScratchFolder bin("image-map-test");
  const auto docker = bin.path() / "docker";
  test_support::write_file(docker, "#!/bin/sh\n");
  ::chmod(docker.c_str(), 0755);
  const auto map = ImageMap::parse(R"([{"image": ".*", "container": "mine:latest"}])", bin.path().string());
  ASSERT_TRUE(map.ok()) << map.error();
  EXPECT_EQ(map->find("x")->engine, docker.string());
  const auto podman =
      ImageMap::parse(R"([{"image": ".*", "container": "mine", "engine": "podman"}])", bin.path().string());
  ASSERT_FALSE(podman.ok());
  EXPECT_EQ(podman.error(), "[0].engine: 'podman' is not on PATH");
  const auto none = ImageMap::parse(R"([{"image": ".*", "container": "mine"}])", "/nonexistent");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error(), "[0]: runs a container, but neither docker nor podman is on PATH");
}

TEST(ImageMap, BadEntriesAreExplained) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{}", "the image map must be a JSON list"},
      {R"([{"command": ["x"]}])", "[0].image: a regex on TrainingImage is required"},
      {R"([{"image": "(", "command": ["x"]}])", "[0].image: not a regex"},
      {R"([{"image": "x"}])", "[0]: give either command or container"},
      {R"([{"image": "x", "command": []}])", "[0].command: a non-empty list of strings is required"},
      {R"([{"image": "x", "command": ["a"], "shell": true}])",
       "[0].shell: unknown member (expected image, command, workdir, container, engine)"},
  };
  for (const auto& [json, message] : cases) {
    const auto map = ImageMap::parse(json, "/bin");
    ASSERT_FALSE(map.ok()) << json;
    EXPECT_EQ(map.error().substr(0, message.size()), message) << map.error();
  }
}

}  // namespace
}  // namespace api::training
