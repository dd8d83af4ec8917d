#include "api/persistence/state_records.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace api::persistence {
namespace {

using Json = nlohmann::json;
namespace sim = emulator::sim;

// Through JSON text and back, as the journal keeps records.
Record round_trip(const Record& record) {
  auto back = record_from_json(Json::parse(to_json(record).dump()));
  if (!back) ADD_FAILURE() << back.error();
  return back ? *back : Record{ClockRecord{}};
}

RequestRecord request_with_body(std::string body) {
  RequestRecord record{
      sim::Mark{sim::SimTime(1234567), 42},
      {"POST", "/?Action=Create&x=%2F", {{"Content-Type", "application/cbor"}, {"X-Amz-Target", "T"}}, ""}};
  record.request.body = std::move(body);
  return record;
}

TEST(StateRecords, WorldStartRoundTripsInEveryClockMode) {
  for (const auto mode : {sim::ClockMode::Realtime, sim::ClockMode::Manual, sim::ClockMode::Instant}) {
    const WorldStart start{18446744073709551615ull, -5000, mode, 0.25};
    const auto json = to_json(start);
    EXPECT_EQ(json["kind"], "start");
    EXPECT_EQ(json["clock"], std::string(sim::to_string(mode)));
    const auto back = std::get<WorldStart>(round_trip(start));
    EXPECT_EQ(back.seed, start.seed);
    EXPECT_EQ(back.epoch_ms, start.epoch_ms);
    EXPECT_EQ(back.clock, mode);
    EXPECT_EQ(back.time_scale, start.time_scale);
  }
}

TEST(StateRecords, ASnapshotRoundTripsWithItsStartAndWorld) {
  const WorldSnapshot snapshot{WorldStart{7, 1000, sim::ClockMode::Instant, 60},
                               Json{{"now", 5000}, {"eventsRun", 12}, {"regions", Json::array()}}};
  const auto json = to_json(snapshot);
  EXPECT_EQ(json["kind"], "snapshot");
  const auto back = std::get<WorldSnapshot>(round_trip(snapshot));
  EXPECT_EQ(back.start.seed, 7u);
  EXPECT_EQ(back.start.clock, sim::ClockMode::Instant);
  EXPECT_EQ(back.start.time_scale, 60);
  EXPECT_EQ(back.world, snapshot.world);
  EXPECT_TRUE(begins_a_world(back));
  EXPECT_FALSE(begins_a_world(ClockRecord{}));
}

TEST(StateRecords, ASnapshotWithoutAWorldObjectDoesNotParse) {
  auto json = to_json(WorldSnapshot{WorldStart{}, Json::object()});
  json["world"] = "text";
  EXPECT_FALSE(record_from_json(json));
  json.erase("world");
  EXPECT_FALSE(record_from_json(json));
  json["world"] = Json::object();
  json.erase("seed");
  EXPECT_FALSE(record_from_json(json));
}

TEST(StateRecords, ARequestWithHeadersAndAUtf8BodyRoundTripsAsText) {
  const auto record = request_with_body("{\"name\":\"h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80\"}");
  const auto json = to_json(record);
  EXPECT_EQ(json["body"], record.request.body);
  EXPECT_FALSE(json.contains("bodyBase64"));
  const auto back = std::get<RequestRecord>(round_trip(record));
  EXPECT_EQ(back.mark, record.mark);
  EXPECT_EQ(back.request.method, "POST");
  EXPECT_EQ(back.request.target, record.request.target);
  EXPECT_EQ(back.request.headers, record.request.headers);
  EXPECT_EQ(back.request.body, record.request.body);
}

TEST(StateRecords, AnEmptyBodyIsText) {
  const auto json = to_json(request_with_body(""));
  EXPECT_EQ(json["body"], "");
  EXPECT_EQ(std::get<RequestRecord>(round_trip(request_with_body(""))).request.body, "");
}

TEST(StateRecords, BodiesThatAreNotUtf8AreKeptInBase64ByteForByte) {
  const std::string bodies[] = {
      std::string("\xBF\x64name\x63job\xFF", 11),  // CBOR
      std::string("\x1F\x8B\x08\x00\x00", 5),      // gzip, with NULs
      "abc\xFF",                                   // never valid in UTF-8
      "\xC0\x80",                                  // an overlong NUL
      "\xED\xA0\x80",                              // a UTF-16 surrogate
      "\xF4\x90\x80\x80",                          // past U+10FFFF
      "ok \xE2\x82",                               // a sequence cut off at the end
      "\xC3",                                      // a lead byte alone
  };
  for (const auto& body : bodies) {
    const auto json = to_json(request_with_body(body));
    EXPECT_FALSE(json.contains("body"));
    ASSERT_TRUE(json.contains("bodyBase64"));
    // The record must be writable as JSON at all: nlohmann refuses invalid UTF-8 strings.
    EXPECT_NO_THROW((void)json.dump());
    EXPECT_EQ(std::get<RequestRecord>(round_trip(request_with_body(body))).request.body, body);
  }
}

TEST(StateRecords, ClockAndSessionRecordsRoundTrip) {
  const ClockRecord clock{sim::Mark{sim::SimTime(987654321), 7}};
  EXPECT_EQ(to_json(clock)["kind"], "clock");
  EXPECT_EQ(std::get<ClockRecord>(round_trip(clock)).mark, clock.mark);

  const SessionRecord session{"ASIAEXAMPLE",
                              {"123456789012", "arn:aws:sts::123456789012:assumed-role/r/s", "AROAID:s", "secret/+=",
                               "FwoGZXIvYXdzEBYaDA==", std::chrono::sys_seconds(std::chrono::seconds(1796290000))}};
  EXPECT_EQ(to_json(session)["kind"], "stsSession");
  const auto back = std::get<SessionRecord>(round_trip(session));
  EXPECT_EQ(back.access_key, session.access_key);
  EXPECT_EQ(back.session.account, session.session.account);
  EXPECT_EQ(back.session.arn, session.session.arn);
  EXPECT_EQ(back.session.user_id, session.session.user_id);
  EXPECT_EQ(back.session.secret, session.session.secret);
  EXPECT_EQ(back.session.token, session.session.token);
  EXPECT_EQ(back.session.expires, session.session.expires);
}

// Each record by its kind and mark (ms), to compare lists of them.
std::vector<std::string> kinds(const std::vector<Record>& records) {
  std::vector<std::string> out;
  for (const auto& record : records) {
    auto json = to_json(record);
    out.push_back(json["kind"].get<std::string>() + (json.contains("mark") ? json["mark"]["ms"].dump() : ""));
  }
  return out;
}

ClockRecord clock_at(std::int64_t ms) { return ClockRecord{sim::Mark{sim::SimTime(ms), 0}}; }

TEST(StateRecords, OnlyAClockRecordAfterTheLastRequestIsKept) {
  auto request = request_with_body("{}");
  request.mark = sim::Mark{sim::SimTime(3000), 0};
  const SessionRecord session{"ASIAEXAMPLE", {}};
  const std::vector<Record> records{WorldStart{},   clock_at(1000), clock_at(2000), session, request,
                                    clock_at(4000), session,        clock_at(5000), session};
  EXPECT_EQ(kinds(without_superseded_clock_records(records)),
            (std::vector<std::string>{"start", "stsSession", "request3000", "stsSession", "clock5000", "stsSession"}));

  const std::vector<Record> ending_in_a_request{WorldStart{}, clock_at(1000), request};
  EXPECT_EQ(kinds(without_superseded_clock_records(ending_in_a_request)),
            (std::vector<std::string>{"start", "request3000"}));
  const std::vector<Record> nothing_to_drop{WorldStart{}, session};
  EXPECT_EQ(kinds(without_superseded_clock_records(nothing_to_drop)),
            (std::vector<std::string>{"start", "stsSession"}));
}

// A record with one member taken out or replaced: the error names that member.
void expect_refused(Json json, const std::string& named) {
  const auto record = record_from_json(json);
  ASSERT_FALSE(record) << json.dump();
  EXPECT_NE(record.error().find(named), std::string::npos) << json.dump() << " -> " << record.error();
}

TEST(StateRecords, AStartWithAMissingOrMistypedMemberIsRefusedByName) {
  const auto start = to_json(WorldStart{7, 1000, sim::ClockMode::Manual, 60});
  for (const char* name : {"seed", "epochMs", "clock", "timeScale"}) {
    auto without = start;
    without.erase(name);
    expect_refused(without, name);
    auto mistyped = start;
    mistyped[name] = Json::array();
    expect_refused(mistyped, name);
  }
  auto negative_seed = start;
  negative_seed["seed"] = -1;
  expect_refused(negative_seed, "seed");
  auto zero_scale = start;
  zero_scale["timeScale"] = 0;
  expect_refused(zero_scale, "timeScale");
  auto odd_clock = start;
  odd_clock["clock"] = "sometimes";
  expect_refused(odd_clock, "sometimes");
}

TEST(StateRecords, ARequestWithAMissingOrMistypedMemberIsRefusedByName) {
  const auto request = to_json(request_with_body("{}"));
  for (const char* name : {"mark", "method", "target", "headers", "body"}) {
    auto without = request;
    without.erase(name);
    expect_refused(without, name);
    auto mistyped = request;
    mistyped[name] = 5;
    expect_refused(mistyped, name);
  }
  auto mark_ms = request;
  mark_ms["mark"]["ms"] = "soon";
  expect_refused(mark_ms, "mark.ms");
  auto mark_events = request;
  mark_events["mark"].erase("eventsRun");
  expect_refused(mark_events, "mark.eventsRun");
  auto bad_header = request;
  bad_header["headers"] = Json::array({Json::array({"Host", 1})});
  expect_refused(bad_header, "header");
}

TEST(StateRecords, BadBase64IsRefusedByName) {
  auto request = to_json(request_with_body("\xFF"));
  for (const char* text : {"not base64!", "QUJD=", "QQ", "QU=D"}) {
    request["bodyBase64"] = text;
    expect_refused(request, "bodyBase64");
  }
}

TEST(StateRecords, ClockAndSessionRecordsWithAMissingMemberAreRefusedByName) {
  expect_refused(Json{{"kind", "clock"}}, "mark");
  const auto session = to_json(SessionRecord{"AK", {"1", "arn", "uid", "secret", "token", {}}});
  for (const char* name :
       {"accessKeyId", "account", "arn", "userId", "secretAccessKey", "sessionToken", "expiration"}) {
    auto without = session;
    without.erase(name);
    expect_refused(without, name);
  }
}

TEST(StateRecords, WhatIsNotARecordIsRefused) {
  expect_refused(Json::array(), "not a JSON object");
  expect_refused(Json{{"seed", 1}}, "kind");
  expect_refused(Json{{"kind", 3}}, "kind");
  expect_refused(Json{{"kind", "checkpoint"}}, "unknown record kind 'checkpoint'");
}

}  // namespace
}  // namespace api::persistence
