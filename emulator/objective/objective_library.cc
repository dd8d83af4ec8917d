#include "emulator/objective/objective_library.h"

#include <algorithm>

namespace emulator::objective {

std::string_view repository_of(std::string_view image) {
  const auto slash = image.rfind('/');
  auto repository = image.substr(slash == std::string_view::npos ? 0 : slash + 1);
  repository = repository.substr(0, repository.find(':'));
  return repository.substr(0, repository.find('@'));
}

const ObjectiveDefinition* ObjectiveLibrary::find_for_image(std::string_view image) const {
  const auto repository = repository_of(image);
  for (const auto& definition : definitions) {
    if (std::find(definition.images.begin(), definition.images.end(), repository) != definition.images.end()) {
      return &definition;
    }
  }
  return nullptr;
}

}  // namespace emulator::objective
