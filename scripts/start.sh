#!/usr/bin/env bash
# One command from a fresh clone to the running app: install what is missing, build the UI and
# the binary (incrementally after the first time), open Laju. Extra arguments go to laju,
# e.g. `npm start -- --data-dir /tmp/laju-try`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
npm run --silent build -- --logLevel warn
cargo build --quiet --bin laju
exec target/debug/laju "$@"
