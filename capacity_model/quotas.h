#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "capacity_model/decision.h"
#include "capacity_model/scenario.h"

namespace capacity_model {

// SageMaker's ResourceLimitExceeded text for a quota check that failed, e.g.
// "The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 Instances,
// with current utilization of 0 Instances and a request delta of 1 Instances. Please
// contact AWS support to request an increase for this limit."
std::string quota_exceeded_message(const QuotaExceeded& exceeded);

// Per-account instance quotas "for training job usage": instances of a type held by an
// account's running training jobs, across all its jobs. One book per region, as AWS quotas
// are regional. Limits are the same for every account; usage is per account.
class QuotaBook {
 public:
  explicit QuotaBook(QuotaSettings settings = {});

  // nullopt = no limit.
  std::optional<int> limit(std::string_view instance_type) const;
  void set_limit(std::string_view instance_type, std::optional<int> limit);
  int utilization(std::string_view account, std::string_view instance_type) const;

  // Exceeded when utilization + count > limit. count < 1 never exceeds.
  std::optional<QuotaExceeded> check(std::string_view account, std::string_view instance_type,
                                     int count) const;
  // check(), and on success counts the instances as used.
  std::optional<QuotaExceeded> acquire(std::string_view account, std::string_view instance_type,
                                       int count);
  // Gives instances back; usage never drops below 0.
  void release(std::string_view account, std::string_view instance_type, int count);
  void clear_usage() { used_.clear(); }

  // The state a snapshot keeps (docs/persistence.md, "Snapshots").
  nlohmann::json save() const;
  // Replaces this object's state with what save() gave; throws capacity_model::SnapshotError
  // (capacity_model/snapshot_error.h) when it does not fit this object.
  void load(const nlohmann::json& state);

 private:
  static std::string key(std::string_view account, std::string_view instance_type);

  QuotaSettings settings_;
  std::map<std::string, int, std::less<>> used_;  // "account|type" → instances
};

}  // namespace capacity_model
