#pragma once

#include <boost/regex.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "capacity_model/result.h"

namespace api::training {

// What runs a training image (--image-map FILE, design.md "Real training code"): a local
// command, or a local container image through Docker or Podman.
struct ImageRunner {
  std::string image_pattern;             // the regex, as written
  std::vector<std::string> command;      // a local process ...
  std::optional<std::string> workdir;    // ... started here (default: the job folder)
  std::optional<std::string> container;  // ... or this local image
  std::string engine;                    // the container engine's program (docker or podman)
};

// The map, in file order: the first entry whose regex matches the whole TrainingImage wins.
class ImageMap {
 public:
  // Parses the JSON list; a container entry's engine is its "engine" member, else docker or
  // podman, whichever is on `path` (the PATH to search); an engine that is not there is an
  // error now, at start-up, not when the first job runs.
  static capacity_model::Result<ImageMap, std::string> parse(const std::string& json, const std::string& path);
  static capacity_model::Result<ImageMap, std::string> load(const std::filesystem::path& file, const std::string& path);

  const ImageRunner* find(const std::string& training_image) const;
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    boost::regex pattern;
    ImageRunner runner;
  };
  std::vector<Entry> entries_;
};

}  // namespace api::training
