#pragma once

#include <random>
#include <string_view>
#include <vector>

#include "emulator/model/tuning_request.h"
#include "emulator/objective/objective_library.h"
#include "emulator/search/search_space.h"

namespace emulator::objective {

struct TrialInput {
  std::string_view training_image;
  const model::TuningObjective& objective;
  const model::HyperParameters& hyper_parameters;  // everything the job receives
  const search::SearchSpace& space;
  const std::vector<double>& unit_point;           // the tuned values in the unit cube
  const ObjectiveLibrary* library = nullptr;       // surfaces defined as data, by image
};

struct TrialOutcome {
  double objective_value = 0;
  // Seconds of training on an instance of speed 1.0 (ml.m5.xlarge); the lifecycle divides
  // by the speed of the instance the job actually got, so a fallback changes duration.
  double work_seconds = 0;
};

// What a training job would report. An image the library defines gets its test function of
// the named hyperparameters plus noise; built-in xgboost images get a surface shaped like
// xgboost's (learning rate × rounds, depth, sampling); other images a smooth seeded bowl
// over the tuned coordinates. Noise comes only from the engine handed in.
TrialOutcome evaluate(const TrialInput& input, std::mt19937_64& noise);

// Whether larger values of the objective are better: from the metric's name (auc, accuracy,
// f1 … versus rmse, loss, error …), else from the tuning direction.
bool higher_is_better(const model::TuningObjective& objective);

// The objective after each of `epochs` epochs (1-based: curve[e - 1]), ending exactly at
// `final_value`: a saturating curve from a poor start, so a worse configuration is worse
// at every epoch, with a little seeded noise on the way.
std::vector<double> learning_curve(double final_value, bool higher_is_better, int epochs,
                                   std::mt19937_64& noise);

// How many epochs (rounds) a job trains for: an epochs-like hyperparameter, xgboost's
// num_round, else 10.
int epochs_of(const model::HyperParameters& hyper_parameters);

// Quality in (0, 1], 1 = best, from which metric values are derived; exposed for tests.
double xgboost_quality(const model::HyperParameters& hyper_parameters);

}  // namespace emulator::objective
