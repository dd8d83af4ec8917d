#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "api/monitoring/failure.h"
#include "capacity_model/result.h"
#include "emulator/cloudwatch/metric_store.h"
#include "emulator/model/scope.h"

namespace api::monitoring {

// What one call acts on: the caller's metrics and the emulator's time, as wall milliseconds.
struct CallContext {
  emulator::cloudwatch::MetricStore& store;
  emulator::model::Scope scope;
  std::int64_t now_ms = 0;
};

// The operations over the AWS JSON form of their input, already checked against the model
// (check_input); each answers the AWS JSON form of its output or CloudWatch's error.
using Answer = capacity_model::Result<nlohmann::json, Failure>;
Answer put_metric_data(const CallContext& call, const nlohmann::json& input);
Answer get_metric_statistics(const CallContext& call, const nlohmann::json& input);
Answer get_metric_data(const CallContext& call, const nlohmann::json& input);
Answer list_metrics(const CallContext& call, const nlohmann::json& input);

}  // namespace api::monitoring
