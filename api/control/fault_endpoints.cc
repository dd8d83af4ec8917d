#include <cmath>

#include "api/control/control_api.h"
#include "api/control/query_string.h"
#include "api/control/replies.h"

namespace api::control {

using Json = nlohmann::json;

Json ControlApi::fault_json(const capacity_model::Fault& fault) const {
  Json out = {{"id", fault.id},
              {"instanceTypes", fault.instance_types},
              {"availabilityZones", fault.zones},
              {"percentage", fault.percentage},
              {"startSeconds", double(fault.start.count()) / 1000.0},
              {"active", capacity_model::FaultBook::is_active(fault, control_.now())}};
  if (!fault.region.empty()) out["region"] = fault.region;  // absent: every region
  if (fault.duration) out["durationSeconds"] = double(fault.duration->count()) / 1000.0;
  return out;
}

server::HttpResponse ControlApi::get_faults(const server::HttpRequest& request) const {
  const auto query = query_of(request, {"region"});
  if (!query) return query.error();
  const auto region = region_of(*query);
  if (!region) return region.error();
  Json faults = Json::array();
  for (const auto& fault : control_.faults(*region)) faults.push_back(fault_json(fault));
  return reply(200, Json{{"faults", std::move(faults)}});
}

server::HttpResponse ControlApi::post_fault(const server::HttpRequest& request) {
  if (auto query = query_of(request, {}); !query) return query.error();
  auto body = object_body(request);
  if (!body) return body.error();
  capacity_model::Fault fault;
  fault.start = control_.now();
  for (auto it = body->begin(); it != body->end(); ++it) {
    const auto& key = it.key();
    const auto& value = it.value();
    if ((key == "id" || key == "region") && value.is_string()) {
      (key == "id" ? fault.id : fault.region) = value.get<std::string>();
    } else if ((key == "instanceTypes" || key == "availabilityZones") && value.is_array()) {
      auto& list = key == "instanceTypes" ? fault.instance_types : fault.zones;
      for (const auto& item : value) {
        if (!item.is_string()) return bad_request(key + ": a list of strings is required.");
        list.push_back(item.get<std::string>());
      }
    } else if (key == "percentage" && value.is_number()) {
      fault.percentage = value.get<double>();
    } else if ((key == "startSeconds" || key == "durationSeconds") && value.is_number()) {
      const double seconds = value.get<double>();
      if (!(seconds >= 0 && seconds <= 1e9)) return bad_request(key + ": must be between 0 and 1000000000 seconds.");
      const emulator::sim::SimTime at(std::llround(seconds * 1000));
      if (key == "startSeconds")
        fault.start = at;
      else
        fault.duration = at;
    } else if (key == "id" || key == "region" || key == "instanceTypes" || key == "availabilityZones" ||
               key == "percentage" || key == "startSeconds" || key == "durationSeconds") {
      return bad_request(key +
                         ": wrong type (id, region: strings; instanceTypes, availabilityZones: lists of strings; "
                         "percentage, startSeconds, durationSeconds: numbers).");
    } else {
      return bad_request(key +
                         ": unknown member (expected id, region, instanceTypes, availabilityZones, "
                         "percentage, startSeconds, durationSeconds).");
    }
  }
  if (!fault.region.empty()) {
    if (auto refusal = refuse_region("region", fault.region)) return *refusal;
  }
  auto added = control_.add_fault(std::move(fault));
  if (!added) return bad_request(added.error().message);
  return reply(201, fault_json(*added));
}

server::HttpResponse ControlApi::delete_faults(const server::HttpRequest& request) {
  const auto query = query_of(request, {"region"});
  if (!query) return query.error();
  const auto region = region_of(*query);
  if (!region) return region.error();
  control_.clear_faults(*region);
  return reply(200, Json{{"status", "ok"}});
}

server::HttpResponse ControlApi::delete_fault(const server::HttpRequest& request, std::string_view id) {
  if (auto query = query_of(request, {}); !query) return query.error();
  if (!control_.remove_fault(id)) return error(404, "NotFound", "No fault with id " + std::string(id) + ".");
  return reply(200, Json{{"status", "ok"}});
}

}  // namespace api::control
