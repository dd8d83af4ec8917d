#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/objective/test_functions.h"

namespace emulator::objective {

// An objective surface a training image stands for: a standard test function whose inputs
// are named hyperparameters, with seeded noise and a training duration per epoch. Defined
// as data (fixtures/objectives/library.json); images are matched by repository name, so
// ".../branin:latest" trains on Branin.
struct ObjectiveDefinition {
  std::string name;
  TestFunction function = TestFunction::Branin;
  std::vector<std::string> images;  // repository names
  struct Input {
    std::string hyper_parameter;
    double min = 0;
    double max = 1;  // the function's domain; a missing hyperparameter sits at its centre
  };
  std::vector<Input> inputs;
  double noise = 0;  // standard deviation added to every reported value
  int default_epochs = 20;
  double seconds_per_epoch = 30;  // on an instance of speed 1.0
};

struct ObjectiveLibrary {
  std::vector<ObjectiveDefinition> definitions;

  // The definition for a training image ("<registry>/<repository>:<tag>"), if any.
  const ObjectiveDefinition* find_for_image(std::string_view image) const;
};

// The repository name of an image reference: ".../xgboost:latest" → "xgboost".
std::string_view repository_of(std::string_view image);

}  // namespace emulator::objective
