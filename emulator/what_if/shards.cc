#include "emulator/what_if/shards.h"

#include <algorithm>
#include <charconv>

namespace emulator::what_if {
namespace {

using Refusal = std::string;

std::string shard_name(const Shard& shard) { return std::to_string(shard.index) + "/" + std::to_string(shard.count); }

std::optional<Refusal> misfit(const Report& first, const Report& other) {
  const auto differs = [&](const std::string& what) {
    return "shard " + shard_name(other.shard) + " has another " + what + " than shard " + shard_name(first.shard);
  };
  if (other.scenario_fingerprint != first.scenario_fingerprint) return differs("scenario");
  if (other.seed_base != first.seed_base) return differs("seed base (--seed)");
  if (other.runs != first.runs) return differs("number of runs (--runs)");
  if (other.shard.count != first.shard.count) return differs("shard count");
  if (other.sections.size() != first.sections.size()) return differs("number of requests (--compare)");
  for (std::size_t i = 0; i < first.sections.size(); ++i) {
    if (other.sections[i].request_fingerprint != first.sections[i].request_fingerprint) {
      return differs("request " + std::to_string(i + 1) + " (" + other.sections[i].request + ")");
    }
  }
  return std::nullopt;
}

// A shard holds exactly the seeds it owns, in each section (a file cut short or edited by hand
// would otherwise merge into a result no single process makes).
std::optional<Refusal> misfit_runs(const Report& part) {
  const auto owned = runs_of(part.runs, part.shard);
  for (const auto& section : part.sections) {
    bool same = section.runs.size() == owned.size();
    for (std::size_t i = 0; same && i < owned.size(); ++i) {
      same = section.runs[i].seed == part.seed_base + std::uint64_t(owned[i]);
    }
    if (!same) {
      return "shard " + shard_name(part.shard) + " does not hold the runs it owns for request " + section.request +
             " (" + std::to_string(owned.size()) + " runs, seeds " + std::to_string(part.seed_base) +
             " + i with i mod " + std::to_string(part.shard.count) + " = " + std::to_string(part.shard.index) + ")";
    }
  }
  return std::nullopt;
}

std::optional<Refusal> misfit_indices(const std::vector<Report>& parts) {
  const int count = parts.front().shard.count;
  std::vector<int> seen(count, 0);
  for (const auto& part : parts) ++seen[part.shard.index];
  for (int i = 0; i < count; ++i) {
    if (seen[i] > 1) return "shard " + shard_name({i, count}) + " is given " + std::to_string(seen[i]) + " times";
  }
  for (int i = 0; i < count; ++i) {
    if (seen[i] == 0) return "shard " + shard_name({i, count}) + " is missing";
  }
  return std::nullopt;
}

}  // namespace

capacity_model::Result<Shard, std::string> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  Shard shard;
  const auto number = [](std::string_view digits, int& out) {
    const auto* end = digits.data() + digits.size();
    const auto [ptr, error] = std::from_chars(digits.data(), end, out);
    return !digits.empty() && error == std::errc() && ptr == end;
  };
  if (slash == std::string_view::npos || !number(text.substr(0, slash), shard.index) ||
      !number(text.substr(slash + 1), shard.count) || shard.count < 1 || shard.index < 0 ||
      shard.index >= shard.count) {
    return std::string("--shard must be I/N with 0 <= I < N, e.g. 0/4; got '") + std::string(text) + "'";
  }
  return shard;
}

std::vector<int> runs_of(int runs, Shard shard) {
  std::vector<int> mine;
  for (int run = shard.index; run < runs; run += shard.count) mine.push_back(run);
  return mine;
}

capacity_model::Result<Report, std::string> merge(std::vector<Report> parts) {
  if (parts.empty()) return std::string("nothing to merge");
  for (const auto& part : parts) {
    if (auto refusal = misfit(parts.front(), part)) return *refusal;
    if (auto refusal = misfit_runs(part)) return *refusal;
  }
  if (auto refusal = misfit_indices(parts)) return *refusal;
  Report merged = parts.front();
  merged.shard = {0, 1};
  for (std::size_t s = 0; s < merged.sections.size(); ++s) {
    auto& runs = merged.sections[s].runs;
    runs.clear();
    for (auto& part : parts) {
      std::move(part.sections[s].runs.begin(), part.sections[s].runs.end(), std::back_inserter(runs));
    }
    std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.seed < b.seed; });
  }
  return merged;
}

}  // namespace emulator::what_if
