#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "emulator/model/errors.h"
#include "emulator/model/tuning_request.h"
#include "emulator/store/job_store.h"

namespace emulator::store {

inline constexpr std::size_t kMaxTagsPerResource = 50;

// The tag list of the tuning or training job an ARN names in this scope, matched without
// regard to case (AWS returns ARNs in both cases, §2). ValidationException when none.
Result<std::vector<model::Tag>*> tags_of(JobStore& jobs, const model::Scope& scope, std::string_view arn);

// AddTags semantics: add or overwrite by key, at most 50 per resource, no "aws:" keys.
Status add_tags(std::vector<model::Tag>& tags, const std::vector<model::Tag>& added);
void delete_tags(std::vector<model::Tag>& tags, const std::vector<std::string>& keys);
// Checks tags given at creation the same way.
Status check_new_tags(const std::vector<model::Tag>& tags);

}  // namespace emulator::store
