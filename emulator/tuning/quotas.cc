#include "emulator/tuning/quotas.h"

namespace emulator::tuning {

std::string limit_exceeded_message(const std::string& limit_name, long long quota,
                                   long long utilization, long long delta) {
  return "The account-level service limit '" + limit_name + "' is " + std::to_string(quota) +
         ", with current utilization of " + std::to_string(utilization) +
         " and a request delta of " + std::to_string(delta) +
         ". Please contact AWS support to request an increase for this limit.";
}

}  // namespace emulator::tuning
