#!/usr/bin/env bash
# Builds the Linux installers this machine can make offline (.deb and .rpm) into
# target/release/bundle/. Windows, macOS and AppImage installers come from the release
# workflow on GitHub (.github/workflows/release.yml), which runs on those systems.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
npx tauri build --bundles deb,rpm "$@"
ls -lh target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm
