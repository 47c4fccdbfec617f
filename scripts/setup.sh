#!/usr/bin/env bash
# Installs whatever this machine still lacks to run (`setup.sh app`) or test (`setup.sh test`)
# Laju. Idempotent: each step checks first, so a ready machine passes through in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-app}

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

# --- system packages (Debian 12 / Ubuntu 22.04+) -------------------------------------------
apt_needed=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
if [ "$mode" = test ]; then
  apt_needed+=(webkit2gtk-driver xvfb xauth dbus rpm)
  # The agreement document's PDF tests: text extraction, and a Latin and a CJK system font.
  apt_needed+=(poppler-utils fonts-dejavu-core fonts-wqy-microhei)
fi
missing=()
for pkg in "${apt_needed[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    say "missing system packages: ${missing[*]} — install them as root, then run this again."
    exit 1
  fi
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- toolchains ------------------------------------------------------------------------------
command -v cargo >/dev/null || { say "Rust is missing: install it from rustup, then run this again."; exit 1; }
command -v npm >/dev/null || { say "Node.js 20+ and npm are missing: install them, then run this again."; exit 1; }

# --- JavaScript dependencies ---------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- WebDriver bridge for the E2E layer ----------------------------------------------------
if [ "$mode" = test ] && ! command -v tauri-driver >/dev/null; then
  say "installing tauri-driver 2.x (cargo install, about a minute)"
  cargo install tauri-driver --version '^2' --locked --quiet
fi
