#!/usr/bin/env bash
# Stop emulators started by start.sh, by the pid recorded in .run/<name>.env.
# Usage: tools/emulators/stop.sh [pubsub|bigquery]   (default: all that are running)
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="$DIR/.run"

stop_one() {
  local name="$1" env_file="$RUN/$1.env" pid
  if [[ ! -f "$env_file" ]]; then
    return 0
  fi
  pid="$(sed -n 's/^[A-Z_]*_EMULATOR_PID=//p' "$env_file" | head -n1)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "stop.sh: $name (pid $pid) ignored SIGTERM for 10s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "stopped $name (pid $pid)"
  fi
  rm -f "$env_file"
}

case "${1:-all}" in
  pubsub | bigquery) stop_one "$1" ;;
  all)
    stop_one pubsub
    stop_one bigquery
    ;;
  *)
    echo "usage: stop.sh [pubsub|bigquery]" >&2
    exit 2
    ;;
esac
