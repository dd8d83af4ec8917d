#include "api/training/image_map.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "api/training/program_path.h"

namespace api::training {
namespace {

using Json = nlohmann::json;
using capacity_model::Result;

Result<ImageRunner, std::string> read_entry(const Json& item, const std::string& where, const std::string& path) {
  if (!item.is_object()) return where + ": must be an object";
  ImageRunner runner;
  for (auto it = item.begin(); it != item.end(); ++it) {
    const auto& key = it.key();
    if (key == "command") {
      if (!it->is_array() || it->empty()) return where + ".command: a non-empty list of strings is required";
      for (const auto& part : *it) {
        if (!part.is_string()) return where + ".command: every part must be a string";
        runner.command.push_back(part.get<std::string>());
      }
    } else if (key == "image" || key == "workdir" || key == "container" || key == "engine") {
      if (!it->is_string() || it->get<std::string>().empty()) return where + "." + key + ": a string is required";
      const auto value = it->get<std::string>();
      if (key == "image") runner.image_pattern = value;
      if (key == "workdir") runner.workdir = value;
      if (key == "container") runner.container = value;
      if (key == "engine") runner.engine = value;
    } else {
      return where + "." + key + ": unknown member (expected image, command, workdir, container, engine)";
    }
  }
  if (runner.image_pattern.empty()) return where + ".image: a regex on TrainingImage is required";
  if (runner.command.empty() == !runner.container) return where + ": give either command or container";
  if (!runner.container) return runner;
  if (runner.workdir) return where + ".workdir: only for a command";
  for (const char* candidate : {"docker", "podman"}) {
    if (runner.engine.empty() && find_on_path(candidate, path)) runner.engine = candidate;
  }
  if (runner.engine.empty()) return where + ": runs a container, but neither docker nor podman is on PATH";
  const auto engine = find_on_path(runner.engine, path);
  if (!engine) return where + ".engine: '" + runner.engine + "' is not on PATH";
  runner.engine = *engine;
  return runner;
}

}  // namespace

Result<ImageMap, std::string> ImageMap::parse(const std::string& json, const std::string& path) {
  const Json doc = Json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_array()) return std::string("the image map must be a JSON list");
  ImageMap map;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const auto where = "[" + std::to_string(i) + "]";
    auto runner = read_entry(doc[i], where, path);
    if (!runner) return runner.error();
    try {
      map.entries_.push_back({boost::regex(runner->image_pattern, boost::regex::perl), std::move(*runner)});
    } catch (const boost::regex_error& e) {
      return where + ".image: not a regex (" + e.what() + ")";
    }
  }
  return map;
}

Result<ImageMap, std::string> ImageMap::load(const std::filesystem::path& file, const std::string& path) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "cannot read the image map '" + file.string() + "'";
  std::ostringstream text;
  text << in.rdbuf();
  auto map = parse(text.str(), path);
  if (!map) return "image map '" + file.string() + "': " + map.error();
  return map;
}

const ImageRunner* ImageMap::find(const std::string& training_image) const {
  for (const auto& entry : entries_) {
    if (boost::regex_match(training_image, entry.pattern)) return &entry.runner;
  }
  return nullptr;
}

}  // namespace api::training
