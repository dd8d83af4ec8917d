#include "api/control/control_api.h"
#include "api/control/query_string.h"
#include "api/control/replies.h"

namespace api::control {

// The instance catalog the capacity model runs on (fixtures/catalog/instance-types.json), read
// only: a client (the dashboard) prices BillableTimeInSeconds with the same figures.
server::HttpResponse ControlApi::get_catalog(const server::HttpRequest& request) const {
  if (auto query = query_of(request, {}); !query) return query.error();
  nlohmann::json types = nlohmann::json::array();
  for (const auto& spec : control_.catalog().all()) {
    types.push_back({{"name", spec.name},
                     {"vcpus", spec.vcpus},
                     {"memoryGiB", spec.memory_gib},
                     {"gpus", spec.gpus},
                     {"pricePerHour", spec.price_per_hour},
                     {"speed", spec.speed}});
  }
  return reply(200, {{"instanceTypes", types}});
}

}  // namespace api::control
