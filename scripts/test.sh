#!/usr/bin/env bash
# Every test layer, in order of speed. `npm test` runs them all; `npm test -- rust ui` runs the
# named ones. Layers: lint, ui, rust, bindings, e2e.
set -uo pipefail
cd "$(dirname "$0")/.."
all=(lint ui rust bindings e2e)
layers=("${@:-${all[@]}}")
[ $# -gt 0 ] || layers=("${all[@]}")

bash scripts/setup.sh test || exit 1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

layer_lint() {
  step "lint: rustfmt" && cargo fmt --all --check &&
    step "lint: svelte-check" && npm run --silent check &&
    step "lint: clippy" && cargo clippy --quiet --workspace --all-targets -- -D warnings
}
layer_ui() { step "ui: vitest" && npm run --silent test:ui; }
layer_rust() {
  step "rust: laju-core, laju-engine, tests/it" && cargo test --workspace &&
    step "rust: 200 kills at random moments (edits, an import, the schema-5 upgrade)" &&
    cargo run --quiet -p laju-engine --example crash -- 200
}
layer_bindings() { step "bindings: drift check" && bash scripts/check-bindings.sh; }
layer_e2e() { step "e2e: the real app window" && cargo build --quiet --bin laju && bash scripts/e2e.sh; }

# The app crate embeds ui/dist at compile time, so every Rust layer needs a fresh UI build.
step "build: ui" && npm run --silent build -- --logLevel warn || exit 1

passed=0 failed=0 failures=()
for layer in "${layers[@]}"; do
  start=$SECONDS
  if "layer_$layer"; then
    passed=$((passed + 1)); printf '\033[32m✓ %s (%ss)\033[0m\n' "$layer" $((SECONDS - start))
  else
    failed=$((failed + 1)); failures+=("$layer"); printf '\033[31m✗ %s (%ss)\033[0m\n' "$layer" $((SECONDS - start))
  fi
done
echo
[ $failed -eq 0 ] || echo "failed layers: ${failures[*]}"
echo "layers: $passed passed, $failed failed"
[ $failed -eq 0 ]
