#include "api/monitoring/monitoring_api.h"

#include <algorithm>

#include "api/json/json_body.h"
#include "api/monitoring/cbor_codec.h"
#include "api/monitoring/cloudwatch_model.h"
#include "api/monitoring/input_check.h"
#include "api/monitoring/query_input.h"
#include "api/monitoring/request_body.h"
#include "api/monitoring/wire_envelopes.h"
#include "api/monitoring/xml_output.h"

namespace api::monitoring {
namespace {

constexpr std::string_view kServed[] = {"GetMetricData", "GetMetricStatistics", "ListMetrics", "PutMetricData"};

bool served(std::string_view operation) {
  return std::find(std::begin(kServed), std::end(kServed), operation) != std::end(kServed);
}

// Why an operation name gets no answer: one of CloudWatch's others, or none at all.
Failure not_served(std::string_view operation, std::string_view unknown_code) {
  return {std::string(unknown_code), "Operation " + std::string(operation) +
                                         " is not served by amt-emulator: CloudWatch metrics serves GetMetricData, "
                                         "GetMetricStatistics, ListMetrics and PutMetricData."};
}

}  // namespace

std::optional<std::string_view> MonitoringApi::served_operation(std::string_view operation) {
  for (auto name : kServed) {
    if (name == operation) return name;
  }
  return std::nullopt;
}

Answer MonitoringApi::call(const server::HttpRequest& request, std::string_view operation,
                           const nlohmann::json& input) {
  if (auto failure = check_input(*input_shape(operation), input)) return *failure;
  const CallContext context{store_, aws::scope_of(request.header("Authorization"), default_region_, issued_),
                            now_ms_()};
  if (operation == "PutMetricData") return put_metric_data(context, input);
  if (operation == "GetMetricStatistics") return get_metric_statistics(context, input);
  if (operation == "GetMetricData") return get_metric_data(context, input);
  return list_metrics(context, input);
}

server::HttpResponse MonitoringApi::handle_json(const server::HttpRequest& request, std::string_view operation) {
  if (!served(operation)) return json_failure(not_served(operation, "UnknownOperationException"));
  const auto body = request_body(request);
  if (!body) return json_failure(body.error());
  auto input = parse_json_object(*body);
  if (!input) return json_failure({"SerializationException", input.error()});
  auto answer = call(request, operation, *input);
  if (!answer) return json_failure(answer.error());
  return json_success(*answer);
}

server::HttpResponse MonitoringApi::handle_cbor(const server::HttpRequest& request, std::string_view operation) {
  if (!served(operation)) return cbor_failure(not_served(operation, "UnknownOperationException"));
  const auto body = request_body(request);
  if (!body) return cbor_failure(body.error());
  auto input = decode_cbor(*body);
  if (!input || !input->is_object()) {
    return cbor_failure({"SerializationException", "The request body is not one CBOR map."});
  }
  auto answer = call(request, operation, *input);
  if (!answer) return cbor_failure(answer.error());
  const auto* shape = output_shape(operation);
  return cbor_success(shape != nullptr ? encode_cbor(*answer, *shape) : encode_cbor_strings(nlohmann::json::object()));
}

server::HttpResponse MonitoringApi::handle_query(const server::HttpRequest& request, const query::Form& sent) {
  // A gzip body was routed by its credential scope alone: its fields are read only now.
  const auto body = request_body(request);
  if (!body) return query_failure(body.error());
  const auto form = request.header("Content-Encoding").empty() ? sent : query::Form::parse(*body);
  const auto action = form.value("Action");
  if (!action || action->empty()) return query_failure({"MissingAction", "Missing Action"});
  if (!served(*action)) return query_failure(not_served(*action, "InvalidAction"));
  auto input = decode_query(form, *input_shape(*action));
  if (!input) return query_failure(input.error());
  auto answer = call(request, *action, *input);
  if (!answer) return query_failure(answer.error());
  const auto* shape = output_shape(*action);
  return shape != nullptr ? query_success(*action, encode_xml(*answer, *shape)) : query_success(*action, std::nullopt);
}

}  // namespace api::monitoring
