#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace api::training {

// What the SageMaker training toolkit (script mode) makes of a training job's HyperParameters
// (training-contract.md §2.2–§2.4), computed here so that a process-mode job starts its script
// exactly as a framework container would, whether or not the toolkit is installed.
struct ToolkitHyperparameters {
  // The script's argv after the program: `--key value` pairs in key order (§2.3).
  std::vector<std::string> arguments;
  // SM_HP_<NAME> for every user hyperparameter in key order, then SM_HPS and SM_USER_ARGS (§2.4).
  std::vector<std::pair<std::string, std::string>> environment;
  // sagemaker_program and sagemaker_submit_directory, JSON-decoded when they are JSON strings.
  std::optional<std::string> program;
  std::optional<std::string> submit_directory;

  // The toolkit runs a user script only when the job names one.
  bool script_mode() const { return program.has_value(); }
};

// `hyperparameters` are the job's HyperParameters as sent (values often JSON-encoded, such as
// "\"adam\""). Every value goes through Python's json.loads (a value that is not JSON stays
// the raw string); keys starting with `sagemaker_` and the toolkit's other reserved keys
// (`_tuning_objective_metric`, `default_user_module_name`) are not user hyperparameters.
ToolkitHyperparameters render_for_toolkit(const std::map<std::string, std::string>& hyperparameters);

}  // namespace api::training
