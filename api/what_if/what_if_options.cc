#include "api/what_if/what_if_options.h"

#include <charconv>
#include <limits>
#include <set>

#include "emulator/what_if/shards.h"

namespace api::what_if {
namespace {

using Parsed = capacity_model::Result<Command, std::string>;

template <typename Number>
std::optional<Number> number_of(const std::string& text) {
  Number value{};
  const auto* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// Walks "--flag value" pairs, `--compare` taking every value up to the next flag.
class Arguments {
 public:
  explicit Arguments(const std::vector<std::string>& args) : args_(args) {}
  bool done() const { return at_ >= args_.size(); }
  const std::string& next() { return args_[at_++]; }
  std::optional<std::string> value() {
    if (done() || args_[at_].rfind("--", 0) == 0) return std::nullopt;
    return next();
  }

 private:
  const std::vector<std::string>& args_;
  std::size_t at_ = 0;
};

std::optional<std::string> apply_run_flag(const std::string& flag, Arguments& in, RunCommand& run,
                                          std::optional<std::string>& request) {
  if (flag == "--compare") {
    const auto before = run.requests.size();
    while (auto path = in.value()) run.requests.push_back(*path);
    if (run.requests.size() == before) return "--compare needs at least one request file";
    return std::nullopt;
  }
  static const std::set<std::string> kFlags{"--scenario", "--request", "--runs", "--seed",
                                            "--shard",    "--json",    "--html"};
  if (!kFlags.contains(flag)) return "unknown argument '" + flag + "'";
  const auto value = in.value();
  if (!value) return flag + " needs a value";
  if (flag == "--scenario") {
    run.scenario = *value;
  } else if (flag == "--request") {
    request = *value;
  } else if (flag == "--runs") {
    const auto runs = number_of<int>(*value);
    if (!runs || *runs < 1) return "--runs must be a whole number of at least 1; got '" + *value + "'";
    run.runs = *runs;
  } else if (flag == "--seed") {
    const auto seed = number_of<std::uint64_t>(*value);
    if (!seed) return "--seed must be a whole number of at least 0; got '" + *value + "'";
    run.seed_base = *seed;
  } else if (flag == "--shard") {
    auto shard = emulator::what_if::parse_shard(*value);
    if (!shard) return shard.error();
    run.shard = *shard;
  } else if (flag == "--json") {
    run.json_out = *value;
  } else {
    run.html_out = *value;
  }
  return std::nullopt;
}

Parsed parse_run(const std::vector<std::string>& args) {
  RunCommand run;
  std::optional<std::string> request;
  Arguments in(args);
  while (!in.done()) {
    const auto& flag = in.next();
    if (auto error = apply_run_flag(flag, in, run, request)) return *error;
  }
  if (run.scenario.empty()) return std::string("--scenario is required");
  if (!request) return std::string("--request is required");
  if (run.runs == 0) return std::string("--runs is required");
  if (run.json_out.empty()) return std::string("--json is required");
  if (run.seed_base > std::numeric_limits<std::uint64_t>::max() - (run.runs - 1)) {
    return "--seed " + std::to_string(run.seed_base) + " with --runs " + std::to_string(run.runs) +
           " would go past the largest seed, " + std::to_string(std::numeric_limits<std::uint64_t>::max());
  }
  run.requests.insert(run.requests.begin(), *request);
  return Command{std::move(run)};
}

Parsed parse_merge(const std::vector<std::string>& args) {
  MergeCommand merge;
  Arguments in(args);
  while (!in.done()) {
    const auto& arg = in.next();
    if (arg.rfind("--", 0) != 0) {
      merge.inputs.push_back(arg);
      continue;
    }
    const auto value = in.value();
    if (arg != "--json" && arg != "--html") return "unknown argument '" + arg + "'";
    if (!value) return arg + " needs a value";
    (arg == "--json" ? merge.json_out : merge.html_out.emplace()) = *value;
  }
  if (merge.inputs.empty()) return std::string("merge needs the shard files to merge");
  if (merge.json_out.empty()) return std::string("--json is required");
  return Command{std::move(merge)};
}

}  // namespace

capacity_model::Result<Command, std::string> parse_what_if(const std::vector<std::string>& args) {
  if (!args.empty() && args.front() == "merge") return parse_merge({args.begin() + 1, args.end()});
  return parse_run(args);
}

std::string what_if_usage() {
  return "usage: amt-emulator what-if --scenario FILE --request REQUEST.json --runs N [--seed S0]\n"
         "                            [--shard I/N] --json OUT [--html OUT] [--compare REQUEST2.json ...]\n"
         "       amt-emulator what-if merge SHARD.json ... --json OUT [--html OUT]\n"
         "Runs a CreateHyperParameterTuningJob request body N times in process (seeds S0, S0+1, ...;\n"
         "S0 defaults to 0) in instant clock mode and reports each run and the statistics over runs.\n"
         "--shard I/N does the runs i with i mod N = I; merge joins every shard into the unsharded\n"
         "result. See docs/what-if.md.\n";
}

}  // namespace api::what_if
