#!/usr/bin/env bash
# The E2E layer: the real app window under a virtual display and a private D-Bus session
# (so the single-instance check talks to this run's app only), driven over WebDriver.
set -euo pipefail
cd "$(dirname "$0")/.."
test -x target/debug/laju || cargo build --quiet --bin laju
exec dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x900x24" \
  node --test --test-concurrency=1 tests/e2e/
