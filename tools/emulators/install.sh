#!/usr/bin/env bash
# Install the local emulators used by Tributary's integration tests.
#   - Pub/Sub: builds pubsub/ (Google's pstest fake) into .bin/pstest-server
#   - BigQuery: creates .venv with the pinned bqemulator from bigquery/requirements.txt
# Idempotent and quiet; prints one line per component. Exits non-zero on failure.
# Usage: tools/emulators/install.sh [pubsub|bigquery]...   (default: both)
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG="$(mktemp -t tributary-emulators-install.XXXXXX)"
trap 'rm -f "$LOG"' EXIT

fail() {
  echo "install.sh: $1" >&2
  if [[ -s "$LOG" ]]; then
    echo "---- last output ----" >&2
    tail -n 40 "$LOG" >&2
  fi
  exit 1
}

install_pubsub() {
  command -v go >/dev/null 2>&1 || fail "Go toolchain not found on PATH (needed to build the Pub/Sub emulator)"
  local bin="$DIR/.bin/pstest-server"
  mkdir -p "$DIR/.bin"
  # go build is itself incremental; -mod=readonly makes go.sum authoritative.
  (cd "$DIR/pubsub" && GOFLAGS=-mod=readonly go build -trimpath -o "$bin.tmp" .) >"$LOG" 2>&1 \
    || fail "building the Pub/Sub emulator (tools/emulators/pubsub) failed"
  mv -f "$bin.tmp" "$bin"
  echo "pubsub:   $bin"
}

find_python() {
  local c
  for c in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [[ -n "$c" ]] || continue
    if command -v "$c" >/dev/null 2>&1 &&
      "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

install_bigquery() {
  local venv="$DIR/.venv" req="$DIR/bigquery/requirements.txt"
  local stamp="$venv/.requirements.sha256" want
  want="$(sha256sum "$req" | cut -d' ' -f1)"
  if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "bigquery: $venv (up to date)"
    return 0
  fi
  local py
  py="$(find_python)" || fail "Python >= 3.11 not found (set PYTHON=/path/to/python3.11)"
  if [[ ! -x "$venv/bin/python" ]]; then
    "$py" -m venv "$venv" >"$LOG" 2>&1 || fail "creating the venv $venv with $py failed (Debian: apt-get install python3-venv)"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >"$LOG" 2>&1 \
    || fail "pip install -r tools/emulators/bigquery/requirements.txt failed"
  "$venv/bin/python" -c 'import bqemulator.server, numpy' >"$LOG" 2>&1 \
    || fail "bqemulator does not import after install"
  echo "$want" >"$stamp"
  echo "bigquery: $venv"
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(pubsub bigquery)
for t in "${targets[@]}"; do
  case "$t" in
    pubsub) install_pubsub ;;
    bigquery) install_bigquery ;;
    *) fail "unknown emulator '$t' (expected pubsub or bigquery)" ;;
  esac
done
