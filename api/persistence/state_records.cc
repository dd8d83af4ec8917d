#include "api/persistence/state_records.h"

#include <algorithm>
#include <iterator>
#include <optional>

#include "api/checksums/encoding.h"

namespace api::persistence {
namespace {

using Json = nlohmann::json;

Json mark_json(const emulator::sim::Mark& mark) {
  return Json{{"ms", mark.now.count()}, {"eventsRun", mark.events_run}};
}

// Bodies are kept as text when they are well-formed UTF-8 (JSON, forms: readable in a bug
// report), else in base64 (CBOR, gzip). The check is Unicode's table of well-formed sequences,
// the one nlohmann's writer holds strings to.
bool is_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t more = 0;
    unsigned char low = 0x80, high = 0xBF;  // the second byte's range
    if (c >= 0xC2 && c <= 0xDF) {
      more = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      more = 2;
      low = c == 0xE0 ? 0xA0 : 0x80;
      high = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
      more = 3;
      low = c == 0xF0 ? 0x90 : 0x80;
      high = c == 0xF4 ? 0x8F : 0xBF;
    } else {
      return false;
    }
    if (i + more >= text.size()) return false;
    for (std::size_t k = 1; k <= more; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return false;
    }
    i += more + 1;
  }
  return true;
}

Json request_json(const RequestRecord& record) {
  Json headers = Json::array();
  for (const auto& [name, value] : record.request.headers) headers.push_back(Json::array({name, value}));
  Json out{{"kind", "request"},
           {"mark", mark_json(record.mark)},
           {"method", record.request.method},
           {"target", record.request.target},
           {"headers", std::move(headers)}};
  if (is_utf8(record.request.body)) {
    out["body"] = record.request.body;
  } else {
    out["bodyBase64"] = checksums::base64(record.request.body);
  }
  return out;
}

Json start_json(const WorldStart& start, const char* kind) {
  return Json{{"kind", kind},
              {"seed", start.seed},
              {"epochMs", start.epoch_ms},
              {"clock", emulator::sim::to_string(start.clock)},
              {"timeScale", start.time_scale}};
}

struct Visitor {
  Json operator()(const WorldStart& start) const { return start_json(start, "start"); }
  Json operator()(const WorldSnapshot& snapshot) const {
    auto out = start_json(snapshot.start, "snapshot");
    out["world"] = snapshot.world;
    return out;
  }
  Json operator()(const RequestRecord& record) const { return request_json(record); }
  Json operator()(const ClockRecord& record) const { return Json{{"kind", "clock"}, {"mark", mark_json(record.mark)}}; }
  Json operator()(const SessionRecord& record) const {
    return Json{{"kind", "stsSession"},
                {"accessKeyId", record.access_key},
                {"account", record.session.account},
                {"arn", record.session.arn},
                {"userId", record.session.user_id},
                {"secretAccessKey", record.session.secret},
                {"sessionToken", record.session.token},
                {"expiration", record.session.expires.time_since_epoch().count()}};
  }
};

// Reading: a member of the expected type, if there is one.
template <typename T>
std::optional<T> member(const Json& json, const char* name) {
  const auto it = json.find(name);
  const bool fits = it != json.end() && (std::is_same_v<T, std::string>     ? it->is_string()
                                         : std::is_same_v<T, double>        ? it->is_number()
                                         : std::is_same_v<T, std::uint64_t> ? it->is_number_unsigned()
                                                                            : it->is_number_integer());
  if (!fits) return std::nullopt;
  return it->get<T>();
}

std::string missing(const char* name) { return std::string("member '") + name + "' is missing or of the wrong type"; }

capacity_model::Result<emulator::sim::Mark, std::string> mark_from(const Json& json) {
  const auto it = json.find("mark");
  if (it == json.end() || !it->is_object()) return std::string("member 'mark' is missing");
  const auto ms = member<std::int64_t>(*it, "ms");
  const auto events = member<std::uint64_t>(*it, "eventsRun");
  if (!ms) return missing("mark.ms");
  if (!events) return missing("mark.eventsRun");
  return emulator::sim::Mark{emulator::sim::SimTime(*ms), *events};
}

capacity_model::Result<Record, std::string> start_from(const Json& json) {
  const auto seed = member<std::uint64_t>(json, "seed");
  const auto epoch = member<std::int64_t>(json, "epochMs");
  const auto clock = member<std::string>(json, "clock");
  const auto scale = member<double>(json, "timeScale");
  if (!seed) return missing("seed");
  if (!epoch) return missing("epochMs");
  if (!clock) return missing("clock");
  if (!scale || !(*scale > 0)) return missing("timeScale");
  const auto mode = emulator::sim::parse_clock_mode(*clock);
  if (!mode) return "clock '" + *clock + "' is not a clock mode";
  return Record{WorldStart{*seed, *epoch, *mode, *scale}};
}

capacity_model::Result<Record, std::string> snapshot_from(Json& json) {
  auto start = start_from(json);
  if (!start) return start.error();
  const auto world = json.find("world");
  if (world == json.end() || !world->is_object()) return std::string("member 'world' is missing or not an object");
  return Record{WorldSnapshot{std::get<WorldStart>(*start), std::move(*world)}};
}

capacity_model::Result<Record, std::string> request_from(const Json& json) {
  auto mark = mark_from(json);
  if (!mark) return mark.error();
  RequestRecord record{*mark, {}};
  auto method = member<std::string>(json, "method");
  auto target = member<std::string>(json, "target");
  if (!method) return missing("method");
  if (!target) return missing("target");
  record.request.method = *method;
  record.request.target = *target;
  const auto headers = json.find("headers");
  if (headers == json.end() || !headers->is_array()) return std::string("member 'headers' is missing");
  for (const auto& pair : *headers) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      return std::string("a header is not a [name, value] pair of strings");
    }
    record.request.headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
  }
  if (auto body = member<std::string>(json, "body")) {
    record.request.body = std::move(*body);
  } else if (auto encoded = member<std::string>(json, "bodyBase64")) {
    auto bytes = checksums::from_base64(*encoded);
    if (!bytes) return std::string("member 'bodyBase64' is not base64");
    record.request.body = std::move(*bytes);
  } else {
    return std::string("member 'body' (or 'bodyBase64') is missing");
  }
  return Record{std::move(record)};
}

capacity_model::Result<Record, std::string> session_from(const Json& json) {
  SessionRecord record;
  const std::pair<const char*, std::string*> fields[] = {{"accessKeyId", &record.access_key},
                                                         {"account", &record.session.account},
                                                         {"arn", &record.session.arn},
                                                         {"userId", &record.session.user_id},
                                                         {"secretAccessKey", &record.session.secret},
                                                         {"sessionToken", &record.session.token}};
  for (const auto& [name, out] : fields) {
    auto value = member<std::string>(json, name);
    if (!value) return missing(name);
    *out = std::move(*value);
  }
  const auto expiration = member<std::int64_t>(json, "expiration");
  if (!expiration) return missing("expiration");
  record.session.expires = std::chrono::sys_seconds(std::chrono::seconds(*expiration));
  return Record{std::move(record)};
}

}  // namespace

Json to_json(const Record& record) { return std::visit(Visitor{}, record); }

bool begins_a_world(const Record& record) {
  return std::holds_alternative<WorldStart>(record) || std::holds_alternative<WorldSnapshot>(record);
}

std::optional<std::size_t> first_later_beginning(const std::vector<Record>& records) {
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (begins_a_world(records[i])) return i;
  }
  return std::nullopt;
}

std::vector<Record> without_superseded_clock_records(std::vector<Record> records) {
  const auto carries_a_mark = [](const Record& record) {
    return std::holds_alternative<RequestRecord>(record) || std::holds_alternative<ClockRecord>(record);
  };
  const auto last_mark = std::find_if(records.rbegin(), records.rend(), carries_a_mark);
  if (last_mark == records.rend()) return records;
  const auto end_of_superseded = std::prev(last_mark.base());  // the last record with a mark is kept
  records.erase(std::remove_if(records.begin(), end_of_superseded,
                               [](const Record& record) { return std::holds_alternative<ClockRecord>(record); }),
                end_of_superseded);
  return records;
}

capacity_model::Result<Record, std::string> record_from_json(Json json) {
  if (!json.is_object()) return std::string("a record is not a JSON object");
  const auto kind = member<std::string>(json, "kind");
  if (!kind) return missing("kind");
  if (*kind == "start") return start_from(json);
  if (*kind == "snapshot") return snapshot_from(json);
  if (*kind == "request") return request_from(json);
  if (*kind == "clock") {
    auto mark = mark_from(json);
    if (!mark) return mark.error();
    return Record{ClockRecord{*mark}};
  }
  if (*kind == "stsSession") return session_from(json);
  return "unknown record kind '" + *kind + "'";
}

}  // namespace api::persistence
