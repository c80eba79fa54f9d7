#!/usr/bin/env bash
# Stops the local Kafka broker started by start.sh: SIGTERM (clean shutdown), SIGKILL after
# KAFKA_STOP_TIMEOUT seconds (default 30). A no-op when it is not running.
#   --wipe   also delete the broker's data (topics, offsets) and run files; the jars stay.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

wipe=false
for arg in "$@"; do
  case "$arg" in
    --wipe) wipe=true ;;
    -h | --help)
      echo "usage: $0 [--wipe]"
      exit 0
      ;;
    *)
      echo "unknown argument: $arg (usage: $0 [--wipe])" >&2
      exit 2
      ;;
  esac
done
[[ "${KAFKA_WIPE:-}" == "1" || "${KAFKA_WIPE:-}" == "true" ]] && wipe=true

if pid="$(kafka_running_pid)"; then
  t0=$SECONDS
  kafka_log "stopping broker (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS - t0 >= KAFKA_STOP_TIMEOUT)); then
      kafka_log "still running after ${KAFKA_STOP_TIMEOUT}s: sending SIGKILL."
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
  rm -f "$KAFKA_PID_FILE"
  kafka_log "stopped in $((SECONDS - t0))s."
else
  rm -f "$KAFKA_PID_FILE"
  kafka_log "not running (no live broker from $KAFKA_PID_FILE): nothing to stop."
fi

if $wipe; then
  rm -rf "$KAFKA_DATA_DIR" "$KAFKA_RUN_DIR"
  kafka_log "wiped $KAFKA_DATA_DIR and $KAFKA_RUN_DIR."
fi
