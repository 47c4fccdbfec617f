#!/usr/bin/env bash
# The footprint a user downloads and runs: builds the release .deb (as `npm run package` does),
# then prints the installer's size, the binary's size, and the memory the whole process tree
# (the app and its WebKit processes) holds 10 s after it opens on a new sample workspace, as
# PSS read from /proc/<pid>/smaps_rollup, under Xvfb with a private D-Bus session.
# Not part of `npm test`: the release build alone takes minutes. `--no-build` measures the last
# build.
set -euo pipefail
cd "$(dirname "$0")/.."
settle=${LAJU_MEASURE_SECONDS:-10}

if [ "${1:-}" != "--no-build" ]; then
  bash scripts/setup.sh test
  npx tauri build --bundles deb >/dev/null
fi
deb=$(ls -t target/release/bundle/deb/*.deb | head -1)
bin=target/release/laju
mib() { awk -v b="$1" 'BEGIN { printf "%.2f MiB", b / 1048576 }'; }

# Sums PSS (kB) over a process and all its descendants.
tree_pss() {
  local pids=("$1") all=() kb=0
  while [ ${#pids[@]} -gt 0 ]; do
    local next=()
    for p in "${pids[@]}"; do
      all+=("$p")
      mapfile -t kids < <(pgrep -P "$p" || true)
      next+=("${kids[@]}")
    done
    pids=("${next[@]}")
  done
  for p in "${all[@]}"; do
    local v
    v=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    kb=$((kb + ${v:-0}))
  done
  echo "$kb ${#all[@]}"
}

# Every process below a pid, deepest first.
descendants() {
  local kid
  for kid in $(pgrep -P "$1" || true); do
    descendants "$kid"
    echo "$kid"
  done
}

data=$(mktemp -d)
# The app and its WebKit processes go with the run, not only the session wrapper around them.
cleanup() {
  if [ -n "${app:-}" ]; then
    kill $(descendants "$app") "$app" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT
# The app runs under its own virtual display and D-Bus session, like the E2E layer.
dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x900x24" \
  env LAJU_DATA_DIR="$data" "$bin" >/dev/null 2>&1 &
app=$!
sleep "$settle"
laju=$(pgrep -f -n "^$bin" || true)
[ -n "$laju" ] || { echo "measure: the app did not start" >&2; exit 1; }
read -r pss count < <(tree_pss "$laju")

printf 'installer  %s  %s\n' "$(mib "$(stat -c %s "$deb")")" "$deb"
printf 'binary     %s  %s\n' "$(mib "$(stat -c %s "$bin")")" "$bin"
printf 'idle PSS   %s MB over %s processes, %ss after start on a new sample workspace\n' \
  "$((pss / 1000))" "$count" "$settle"
