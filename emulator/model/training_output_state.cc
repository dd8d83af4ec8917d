#include "emulator/model/training_output_state.h"

#include "capacity_model/snapshot_json.h"
#include "emulator/model/value_state.h"

namespace emulator::model {

using capacity_model::snapshot::value_of;

using namespace snapshot;

namespace {

json planned_to_json(const PlannedOutput& plan) {
  json out = {{"begins", time_to_json(plan.begins)},
              {"ends", time_to_json(plan.ends)},
              {"epochs", plan.epochs},
              {"higher_is_better", plan.higher_is_better}};
  if (plan.final_metrics) out["final_metrics"] = array_of(*plan.final_metrics, metric_data_to_json);
  if (plan.objective_curve) out["objective_curve"] = array_of(*plan.objective_curve, number_to_json);
  return out;
}

PlannedOutput planned_from_json(const json& in) {
  PlannedOutput plan;
  plan.begins = time_from_json(in.at("begins"));
  plan.ends = time_from_json(in.at("ends"));
  plan.epochs = value_of<int>(in.at("epochs"));
  plan.higher_is_better = in.at("higher_is_better").get<bool>();
  if (auto metrics =
          get_optional(in, "final_metrics", [](const json& v) { return vector_of(v, metric_data_from_json); }))
    plan.final_metrics = std::make_shared<const std::vector<MetricData>>(std::move(*metrics));
  if (auto curve = get_optional(in, "objective_curve", [](const json& v) { return vector_of(v, number_from_json); }))
    plan.objective_curve = std::make_shared<const std::vector<double>>(std::move(*curve));
  return plan;
}

}  // namespace

json save_training_output(const TrainingOutput& output) {
  auto latest = json::object();
  for (const auto& [metric, value] : output.latest) latest[metric] = number_to_json(value);
  json out = {
      {"first_printed", time_to_json(output.first_printed)},
      {"lines", array_of(output.lines,
                         [](const PrintedLine& l) {
                           return json{{"at", time_to_json(l.at)}, {"text", l.text}};
                         })},
      {"values",
       array_of(output.values,
                [](const ReportedValue& v) {
                  return json{{"at", time_to_json(v.at)}, {"metric", v.metric}, {"value", number_to_json(v.value)}};
                })},
      {"latest", std::move(latest)},
  };
  put_optional(out, "cut", output.cut, time_to_json);
  put_optional(out, "planned", output.planned, planned_to_json);
  return out;
}

TrainingOutput load_training_output(const json& state) {
  TrainingOutput output;
  output.first_printed = time_from_json(state.at("first_printed"));
  output.cut = get_optional(state, "cut", time_from_json);
  output.planned = get_optional(state, "planned", planned_from_json);
  output.lines = vector_of(state.at("lines"), [](const json& l) {
    return PrintedLine{time_from_json(l.at("at")), l.at("text").get<std::string>()};
  });
  output.values = vector_of(state.at("values"), [](const json& v) {
    return ReportedValue{time_from_json(v.at("at")), v.at("metric").get<std::string>(),
                         number_from_json(v.at("value"))};
  });
  for (const auto& [metric, value] : state.at("latest").get<std::map<std::string, json>>()) {
    output.latest[metric] = number_from_json(value);
  }
  return output;
}

}  // namespace emulator::model
