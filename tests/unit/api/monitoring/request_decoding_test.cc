#include <gtest/gtest.h>

#include "api/monitoring/cloudwatch_model.h"
#include "api/monitoring/input_check.h"
#include "api/monitoring/query_input.h"
#include "api/monitoring/request_values.h"
#include "api/monitoring/wire_time.h"
#include "api/monitoring/xml_output.h"

namespace api::monitoring {
namespace {

nlohmann::json decoded(std::string_view operation, std::string_view body) {
  auto result = decode_query(query::Form::parse(body), *input_shape(operation));
  EXPECT_TRUE(result) << (result ? "" : result.error().message);
  return result ? *result : nlohmann::json();
}

std::optional<Failure> checked(std::string_view operation, const nlohmann::json& input) {
  return check_input(*input_shape(operation), input);
}

TEST(CloudWatchModel, ServesFourOperations) {
  for (auto op : {"PutMetricData", "GetMetricData", "GetMetricStatistics", "ListMetrics"}) {
    EXPECT_NE(input_shape(op), nullptr) << op;
  }
  EXPECT_EQ(output_shape("PutMetricData"), nullptr);
  EXPECT_EQ(input_shape("PutMetricAlarm"), nullptr);
  EXPECT_EQ(cloudwatch_model().metadata().target_prefix, kTargetPrefix);
}

TEST(QueryInput, NestsListsAndTypesScalars) {
  const auto input = decoded("PutMetricData",
                             "Action=PutMetricData&Version=2010-08-01&Namespace=Emu%2FTest"
                             "&MetricData.member.1.MetricName=Latency&MetricData.member.1.Value=1.5"
                             "&MetricData.member.1.Timestamp=2024-01-02T03%3A04%3A05.500000Z"
                             "&MetricData.member.1.Dimensions.member.1.Name=Host"
                             "&MetricData.member.1.Dimensions.member.1.Value=a"
                             "&MetricData.member.2.MetricName=Sizes&MetricData.member.2.Values.member.2=3"
                             "&MetricData.member.2.Values.member.1=2&MetricData.member.2.StorageResolution=1"
                             "&MetricData.member.2.StatisticValues.Sum=5");
  EXPECT_EQ(input["Namespace"], "Emu/Test");
  const auto& first = input["MetricData"][0];
  EXPECT_DOUBLE_EQ(first["Value"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(first["Timestamp"].get<double>(), 1704164645.5);
  EXPECT_EQ(first["Dimensions"], nlohmann::json::parse(R"([{"Name": "Host", "Value": "a"}])"));
  const auto& second = input["MetricData"][1];
  EXPECT_EQ(second["Values"], nlohmann::json::parse("[2.0, 3.0]"));
  EXPECT_EQ(second["StorageResolution"], 1);
  EXPECT_DOUBLE_EQ(second["StatisticValues"]["Sum"].get<double>(), 5);
  EXPECT_FALSE(input.contains("Action"));
}

TEST(QueryInput, AnEmptyListIsSentAsNameEquals) {
  EXPECT_EQ(decoded("GetMetricStatistics", "Statistics=")["Statistics"], nlohmann::json::array());
  EXPECT_EQ(decoded("ListMetrics", "IncludeLinkedAccounts=true")["IncludeLinkedAccounts"], true);
}

TEST(QueryInput, ScalarsThatDoNotReadAsTheirTypeAreInvalid) {
  for (std::string_view body : {"Period=sixty", "Period=60.5", "StartTime=yesterday"}) {
    const auto result = decode_query(query::Form::parse(body), *input_shape("GetMetricStatistics"));
    ASSERT_FALSE(result) << body;
    EXPECT_EQ(result.error().code, "InvalidParameterValue");
  }
  const auto result = decode_query(query::Form::parse("MetricData.member.1.Value=nan"), *input_shape("PutMetricData"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "The value nan for parameter MetricData.member.1.Value is invalid.");
}

TEST(InputCheck, MissingMembersNameTheirQueryPath) {
  auto failure = checked("PutMetricData", nlohmann::json::object());
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->code, "MissingParameter");
  EXPECT_EQ(failure->message, "The parameter Namespace is required.");
  failure = checked("PutMetricData", {{"Namespace", "N"}, {"MetricData", {{{"Value", 1}}}}});
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->message, "The parameter MetricData.member.1.MetricName is required.");
}

TEST(InputCheck, EnumsLengthsSizesAndTypes) {
  auto failure = checked("PutMetricData", {{"Namespace", "N"}, {"MetricData", {{{"MetricName", "M"}, {"Unit", "x"}}}}});
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->code, "InvalidParameterValue");
  EXPECT_EQ(failure->message.substr(0, 62), "The parameter MetricData.member.1.Unit must be a value in the ");
  EXPECT_EQ(checked("ListMetrics", {{"Namespace", std::string(256, 'n')}})->message,
            "The parameter Namespace must be shorter than 256 characters.");
  EXPECT_EQ(checked("ListMetrics", {{"Namespace", ""}})->message,
            "The parameter Namespace must be longer than 0 characters.");
  EXPECT_EQ(checked("ListMetrics", {{"Namespace", ":x"}})->message, "The value :x for parameter Namespace is invalid.");
  nlohmann::json filters = nlohmann::json::array();
  for (int i = 0; i < 11; ++i) filters.push_back({{"Name", "d"}});
  EXPECT_EQ(checked("ListMetrics", {{"Dimensions", filters}})->message,
            "The collection Dimensions must not have a size greater than 10.");
  EXPECT_EQ(checked("ListMetrics", {{"RecentlyActive", "PT1H"}})->message,
            "The parameter RecentlyActive must be a value in the set [ PT3H ].");
  EXPECT_EQ(checked("ListMetrics", {{"Namespace", 5}})->message, "The value 5 for parameter Namespace is invalid.");
  EXPECT_FALSE(checked("ListMetrics", {{"Namespace", "N"}, {"Unknown", 1}}));
  // Integers are 32 bits, timestamps years 0 to 9999.
  const nlohmann::json stats = {
      {"Namespace", "N"}, {"MetricName", "M"}, {"StartTime", 0}, {"EndTime", 60}, {"Period", 60}};
  EXPECT_FALSE(checked("GetMetricStatistics", stats));
  const auto with = [&](const char* member, nlohmann::json value) {
    auto changed = stats;
    changed[member] = std::move(value);
    return checked("GetMetricStatistics", changed);
  };
  EXPECT_TRUE(with("Period", 4294967356LL));
  EXPECT_TRUE(with("Period", 18446744073709551615ULL));
  EXPECT_TRUE(with("EndTime", 1e300));
}

TEST(RequestValues, PeriodsAndTimes) {
  for (std::int64_t ok : {1, 5, 10, 20, 30, 60, 120, 86400}) EXPECT_FALSE(check_period(ok, "Period")) << ok;
  for (std::int64_t bad : {0, 2, 45, 90, -60}) EXPECT_TRUE(check_period(bad, "Period")) << bad;
  EXPECT_TRUE(check_time_range(10, 10));
  EXPECT_EQ(iso8601(1704164645.5), "2024-01-02T03:04:05.500Z");
  EXPECT_EQ(iso8601(1704164640), "2024-01-02T03:04:00Z");
  EXPECT_EQ(ms_of(nlohmann::json("2024-01-02T03:04:05Z")), 1704164645000);
  EXPECT_EQ(metric_of({{"Namespace", "N"},
                       {"MetricName", "M"},
                       {"Dimensions", {{{"Name", "b"}, {"Value", "2"}}, {{"Name", "a"}, {"Value", "1"}}}}}),
            emulator::cloudwatch::make_key("N", "M", {{"a", "1"}, {"b", "2"}}));
}

TEST(XmlOutput, ListsMapsTimestampsAndDoubles) {
  const nlohmann::json output = {
      {"Label", "L"},
      {"Datapoints",
       {{{"Timestamp", 1704164640}, {"Sum", 3.5}, {"SampleCount", 2.0}, {"ExtendedStatistics", {{"p99", 2.0}}}}}}};
  EXPECT_EQ(encode_xml(output, *output_shape("GetMetricStatistics")),
            "<Datapoints><member><ExtendedStatistics><entry><key>p99</key><value>2</value></entry>"
            "</ExtendedStatistics><SampleCount>2</SampleCount><Sum>3.5</Sum><Timestamp>2024-01-02T03:04:00Z"
            "</Timestamp></member></Datapoints><Label>L</Label>");
  EXPECT_EQ(encode_xml({{"Metrics", nlohmann::json::array()}}, *output_shape("ListMetrics")), "<Metrics></Metrics>");
}

}  // namespace
}  // namespace api::monitoring
