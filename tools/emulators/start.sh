#!/usr/bin/env bash
# Start a local emulator in the background and wait until it is ready.
# Usage: tools/emulators/start.sh pubsub|bigquery
#
# On success writes tools/emulators/.run/<name>.env (shell-sourceable) and prints it:
#   pubsub:   PUBSUB_EMULATOR_PID, PUBSUB_EMULATOR_HOST=127.0.0.1:PORT
#   bigquery: BIGQUERY_EMULATOR_PID,
#             BIGQUERY_EMULATOR_HOST=http://127.0.0.1:PORT/bigquery/v2 (as @google-cloud/bigquery reads it),
#             BIGQUERY_REST_ENDPOINT=http://127.0.0.1:PORT (for the client's apiEndpoint option),
#             BIGQUERY_STORAGE_EMULATOR_HOST=127.0.0.1:PORT (gRPC Storage Read/Write),
#             BIGQUERY_EMULATOR_PROJECT=test-project
# If the emulator is already running (pid alive), prints the existing env file and exits 0.
# Logs: .run/<name>.log. Ports default to 0 (free port); override with PSTEST_PORT,
# BQEMU_REST_PORT, BQEMU_GRPC_PORT; project with BQEMU_DEFAULT_PROJECT_ID.
# Timeout: EMULATOR_START_TIMEOUT seconds (default 60).
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="$DIR/.run"
NAME="${1:-}"
TIMEOUT="${EMULATOR_START_TIMEOUT:-60}"

die() {
  echo "start.sh: $1" >&2
  exit 1
}

case "$NAME" in
  pubsub)
    CMD=("$DIR/.bin/pstest-server")
    [[ -x "${CMD[0]}" ]] || die "Pub/Sub emulator not built: run tools/emulators/install.sh"
    ;;
  bigquery)
    CMD=("$DIR/.venv/bin/python" "$DIR/bigquery/launch.py")
    [[ -x "${CMD[0]}" ]] || die "BigQuery emulator venv missing: run tools/emulators/install.sh"
    ;;
  *) die "usage: start.sh pubsub|bigquery" ;;
esac

mkdir -p "$RUN"
ENV_FILE="$RUN/$NAME.env"
OUT="$RUN/$NAME.out"
LOG="$RUN/$NAME.log"

if [[ -f "$ENV_FILE" ]]; then
  old_pid="$(sed -n 's/^[A-Z_]*_EMULATOR_PID=//p' "$ENV_FILE" | head -n1)"
  if [[ -n "$old_pid" ]] && kill -0 "$old_pid" 2>/dev/null; then
    cat "$ENV_FILE"
    exit 0
  fi
  rm -f "$ENV_FILE"
fi

: >"$OUT"
nohup "${CMD[@]}" >"$OUT" 2>"$LOG" </dev/null &
PID=$!

deadline=$((SECONDS + TIMEOUT))
READY=""
while :; do
  READY="$(grep -m1 '^READY ' "$OUT" 2>/dev/null || true)"
  [[ -z "$READY" ]] || break
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "start.sh: $NAME emulator exited before becoming ready; last log lines:" >&2
    tail -n 20 "$LOG" >&2 || true
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    kill -TERM "$PID" 2>/dev/null || true
    echo "start.sh: $NAME emulator not ready after ${TIMEOUT}s; last log lines:" >&2
    tail -n 20 "$LOG" >&2 || true
    exit 1
  fi
  sleep 0.1
done

field() { tr ' ' '\n' <<<"$READY" | sed -n "s/^$1=//p"; }

TMP="$ENV_FILE.tmp"
case "$NAME" in
  pubsub)
    {
      echo "PUBSUB_EMULATOR_PID=$PID"
      echo "PUBSUB_EMULATOR_HOST=${READY#READY }"
    } >"$TMP"
    ;;
  bigquery)
    {
      echo "BIGQUERY_EMULATOR_PID=$PID"
      # @google-cloud/bigquery uses BIGQUERY_EMULATOR_HOST verbatim as its base URL, so it must
      # include /bigquery/v2. BIGQUERY_REST_ENDPOINT is the bare origin for the apiEndpoint option.
      echo "BIGQUERY_EMULATOR_HOST=http://$(field rest)/bigquery/v2"
      echo "BIGQUERY_REST_ENDPOINT=http://$(field rest)"
      echo "BIGQUERY_STORAGE_EMULATOR_HOST=$(field grpc)"
      echo "BIGQUERY_EMULATOR_PROJECT=$(field project)"
    } >"$TMP"
    ;;
esac
mv -f "$TMP" "$ENV_FILE"
cat "$ENV_FILE"
