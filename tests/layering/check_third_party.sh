#!/usr/bin/env bash
# Fails, naming the offending lines, when a third-party library or a wall clock shows up
# outside the rooms docs/architecture.md allows it in. Include paths cannot enforce this:
# these headers live in /usr/include, which every target sees.
set -uo pipefail
cd "${1:?usage: check_third_party.sh <repository root>}"

status=0
# forbid <pattern> <description> <allowed path regex>
forbid() {
  local hits
  hits=$(git ls-files 'api/*' 'emulator/*' 'capacity_model/*' | grep -E '\.(h|cc)$' |
         grep -Ev "$3" | xargs grep -nE "$1" 2>/dev/null)
  if [[ -n $hits ]]; then
    echo "$2:" >&2
    echo "$hits" >&2
    status=1
  fi
}

forbid '#include <boost/(asio|beast)' 'Asio/Beast outside api/server, the training processes and main.cc' \
  '^api/server/|^api/training/training_process|^api/main\.cc$'
# Snapshots (docs/persistence.md): any header may declare save()/load() with json_fwd.hpp, and
# the *_state.cc files that define them may use the library.
forbid '#include <nlohmann/(json\.hpp|[^j]|j[^s])' \
  'nlohmann/json outside api/, capacity_model/scenario_json* and the snapshots'"'"' *_state.cc' \
  '^api/|^capacity_model/scenario_json|_state\.cc$'
forbid '#include <Eigen/' 'Eigen outside emulator/strategies/gp/, bayesian.cc and bayesian_encoding.*' '^emulator/strategies/gp/|^emulator/strategies/bayesian(\.cc|_encoding\.(h|cc))$'
forbid '(system_clock|steady_clock|high_resolution_clock|\btime\(|gettimeofday|clock_gettime)' \
  'a wall clock below api/' '^api/'
exit $status
