#!/usr/bin/env bash
# Installs what is missing, builds, then runs the emulator in the foreground. Arguments go
# to the binary; without any it listens on 127.0.0.1:4599 with the built-in default
# scenario. Example: ./scripts/run.sh --clock instant --scenario fixtures/scenarios/blog-fallback.json
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh
bash scripts/build.sh
exec build/amt-emulator "$@"
