#include "api/objectives/objective_library_json.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "embedded/objective_library.h"

namespace api::objectives {
namespace {

using Json = nlohmann::json;
using emulator::objective::ObjectiveDefinition;

std::string describe(const std::string& path, const std::string& problem) { return path + ": " + problem; }

}  // namespace

capacity_model::Result<emulator::objective::ObjectiveLibrary, std::string> parse_objective_library(
    std::string_view text) {
  const auto root = Json::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) return std::string("(root): must be a JSON object");
  const auto list = root.find("objectives");
  if (list == root.end() || !list->is_array()) return std::string("objectives: a list is required");
  emulator::objective::ObjectiveLibrary library;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& item = (*list)[i];
    const auto path = "objectives[" + std::to_string(i) + "]";
    if (!item.is_object()) return describe(path, "must be an object");
    ObjectiveDefinition def;
    def.name = item.value("name", "");
    if (def.name.empty()) return describe(path + ".name", "a non-empty string is required");
    const auto function = emulator::objective::test_function_from(item.value("function", ""));
    if (!function) return describe(path + ".function", "must be branin, hartmann3, hartmann6 or rosenbrock");
    def.function = *function;
    if (!item.contains("images") || !item["images"].is_array() || item["images"].empty()) {
      return describe(path + ".images", "a non-empty list of repository names is required");
    }
    for (const auto& image : item["images"]) {
      if (!image.is_string()) return describe(path + ".images", "must hold strings");
      def.images.push_back(image.get<std::string>());
    }
    if (!item.contains("inputs") || !item["inputs"].is_array()) return describe(path + ".inputs", "a list is required");
    for (std::size_t j = 0; j < item["inputs"].size(); ++j) {
      const auto& in = item["inputs"][j];
      const auto in_path = path + ".inputs[" + std::to_string(j) + "]";
      if (!in.is_object() || !in.contains("hyperParameter") || !in["hyperParameter"].is_string()) {
        return describe(in_path + ".hyperParameter", "a string is required");
      }
      ObjectiveDefinition::Input input{in["hyperParameter"].get<std::string>(), in.value("min", 0.0), in.value("max", 1.0)};
      if (!(input.min < input.max)) return describe(in_path, "min must be below max");
      def.inputs.push_back(std::move(input));
    }
    const auto needed = emulator::objective::dimension(def.function);
    if (needed != 0 ? def.inputs.size() != needed : def.inputs.size() < 2) {
      return describe(path + ".inputs", "has " + std::to_string(def.inputs.size()) + " inputs; " +
                                            item.value("function", "") + " takes " +
                                            (needed != 0 ? std::to_string(needed) : std::string("two or more")));
    }
    def.noise = item.value("noise", 0.0);
    def.default_epochs = item.value("defaultEpochs", 20);
    def.seconds_per_epoch = item.value("secondsPerEpoch", 30.0);
    if (def.noise < 0 || def.default_epochs < 1 || !(def.seconds_per_epoch > 0)) {
      return describe(path, "noise must be >= 0, defaultEpochs >= 1 and secondsPerEpoch > 0");
    }
    library.definitions.push_back(std::move(def));
  }
  return library;
}

const emulator::objective::ObjectiveLibrary& builtin_objective_library() {
  static const auto library = [] {
    auto parsed = parse_objective_library(embedded::objective_library);
    if (!parsed) throw std::runtime_error("built-in objective library: " + parsed.error());
    return std::move(*parsed);
  }();
  return library;
}

}  // namespace api::objectives
