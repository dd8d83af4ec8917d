#include "emulator/model/scope.h"

#include <algorithm>

namespace emulator::model {
namespace {

// The longest region name today is 14 characters; the bound keeps a garbled one short.
constexpr std::size_t kMaxRegionName = 32;

bool all_within(std::string_view text, char first, char last) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [=](char c) { return c >= first && c <= last; });
}

}  // namespace

bool is_region_name(std::string_view name) {
  if (name.size() > kMaxRegionName) return false;
  const auto last = name.rfind('-');
  if (last == std::string_view::npos || !all_within(name.substr(last + 1), '0', '9')) return false;
  std::size_t groups = 0;
  for (auto rest = name.substr(0, last);; ++groups) {
    const auto dash = rest.find('-');
    if (!all_within(rest.substr(0, dash), 'a', 'z')) return false;
    if (dash == std::string_view::npos) return groups + 1 >= 2;
    rest.remove_prefix(dash + 1);
  }
}

std::string tuning_job_arn(const Scope& scope, std::string_view name) {
  return "arn:aws:sagemaker:" + scope.region + ":" + scope.account + ":hyper-parameter-tuning-job/" + std::string(name);
}

std::string training_job_arn(const Scope& scope, std::string_view name) {
  return "arn:aws:sagemaker:" + scope.region + ":" + scope.account + ":training-job/" + std::string(name);
}

}  // namespace emulator::model
