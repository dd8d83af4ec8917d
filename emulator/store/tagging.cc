#include "emulator/store/tagging.h"

#include <algorithm>

namespace emulator::store {
namespace {

constexpr std::string_view kTuningJobKind = "hyper-parameter-tuning-job/";
constexpr std::string_view kTrainingJobKind = "training-job/";

// SageMaker's words, without the ARN.
Error no_such_resource() { return validation_error("Resource does not exist"); }

}  // namespace

Result<std::vector<model::Tag>*> tags_of(JobStore& jobs, const model::Scope& scope, std::string_view arn) {
  const auto lower = lower_case(arn);
  const auto prefix = lower_case("arn:aws:sagemaker:" + scope.region + ":" + scope.account + ":");
  if (lower.rfind(prefix, 0) != 0) return no_such_resource();
  const std::string_view rest = std::string_view(lower).substr(prefix.size());
  if (rest.rfind(kTuningJobKind, 0) == 0) {
    if (auto* job = jobs.find_tuning_job(rest.substr(kTuningJobKind.size()))) return &job->tags;
  } else if (rest.rfind(kTrainingJobKind, 0) == 0) {
    if (auto* job = jobs.find_training_job(rest.substr(kTrainingJobKind.size()))) return &job->tags;
  }
  return no_such_resource();
}

Status check_new_tags(const std::vector<model::Tag>& tags) {
  std::vector<model::Tag> merged;
  return add_tags(merged, tags);
}

Status add_tags(std::vector<model::Tag>& tags, const std::vector<model::Tag>& added) {
  auto merged = tags;
  for (const auto& tag : added) {
    if (lower_case(tag.key).rfind("aws:", 0) == 0) {
      return validation_error("Tag keys starting with 'aws:' are reserved for AWS use: " + tag.key);
    }
    auto it = std::find_if(merged.begin(), merged.end(), [&](const model::Tag& t) { return t.key == tag.key; });
    if (it != merged.end()) it->value = tag.value;
    else merged.push_back(tag);
  }
  if (merged.size() > kMaxTagsPerResource) {
    return validation_error("A resource can have at most 50 tags; this request would leave it with " +
                            std::to_string(merged.size()) + ".");
  }
  tags = std::move(merged);
  return Done{};
}

void delete_tags(std::vector<model::Tag>& tags, const std::vector<std::string>& keys) {
  std::erase_if(tags, [&](const model::Tag& t) { return std::find(keys.begin(), keys.end(), t.key) != keys.end(); });
}

}  // namespace emulator::store
