#include "emulator/telemetry/event_paging.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace emulator::telemetry {
namespace {

constexpr int kMaxEvents = 10'000;
constexpr std::size_t kMaxPageBytes = 1'048'576;
constexpr std::size_t kEventOverheadBytes = 26;  // CloudWatch counts each event's message plus 26 bytes

struct Position {
  bool forward = true;
  std::size_t index = 0;
};

std::string token_of(Position position) {
  return std::string(position.forward ? "f/" : "b/") + std::to_string(position.index) + "/s";
}

std::optional<Position> parse_token(std::string_view token) {
  if (token.size() < 5 || (token[0] != 'f' && token[0] != 'b') || token[1] != '/' ||
      token.substr(token.size() - 2) != "/s") {
    return std::nullopt;
  }
  const auto digits = token.substr(2, token.size() - 4);
  Position position{token[0] == 'f', 0};
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), position.index);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return position;
}

bool in_window(const LogEvent& event, const EventsQuery& query) {
  return (!query.start_time || event.timestamp >= *query.start_time) &&
         (!query.end_time || event.timestamp < *query.end_time);
}

}  // namespace

LogsResult<EventsPage> page_events(const std::vector<LogEvent>& events, const EventsQuery& query) {
  Position from{query.start_from_head, query.start_from_head ? 0 : events.size()};
  if (query.next_token) {
    const auto parsed = parse_token(*query.next_token);
    if (!parsed || parsed->index > events.size()) return invalid_parameter("The specified nextToken is invalid.");
    from = *parsed;
  }
  const std::size_t limit = std::size_t(query.limit.value_or(kMaxEvents));
  // The indices of the page, in stream order: after `from` going forward, before it going back.
  std::vector<std::size_t> picked;
  std::size_t bytes = 0;
  const auto take = [&](std::size_t i) {
    if (!in_window(events[i], query)) return true;
    bytes += events[i].message.size() + kEventOverheadBytes;
    if (picked.size() == limit || (bytes > kMaxPageBytes && !picked.empty())) return false;
    picked.push_back(i);
    return true;
  };
  if (from.forward) {
    for (std::size_t i = from.index; i < events.size() && take(i); ++i) {
    }
  } else {
    for (std::size_t i = from.index; i > 0 && take(i - 1); --i) {
    }
    std::reverse(picked.begin(), picked.end());
  }
  EventsPage page;
  for (const auto i : picked) page.events.push_back(events[i]);
  if (picked.empty()) {
    page.next_forward_token = token_of({true, from.index});
    page.next_backward_token = token_of({false, from.index});
  } else {
    page.next_forward_token = token_of({true, picked.back() + 1});
    page.next_backward_token = token_of({false, picked.front()});
  }
  // At the end, the token sent comes back as it was.
  if (picked.empty() && query.next_token) {
    (from.forward ? page.next_forward_token : page.next_backward_token) = *query.next_token;
  }
  return page;
}

}  // namespace emulator::telemetry
