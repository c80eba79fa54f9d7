# Shared settings for infra/kafka/{start,stop}.sh. Sourced, not executed.
# shellcheck shell=bash

KAFKA_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$KAFKA_HOME/../.." && pwd)"

KAFKA_LIB_DIR="$KAFKA_HOME/lib"
KAFKA_DATA_DIR="$KAFKA_HOME/data"
KAFKA_RUN_DIR="$KAFKA_HOME/run"
KAFKA_PID_FILE="$KAFKA_RUN_DIR/kafka.pid"
KAFKA_LOG_FILE="$KAFKA_RUN_DIR/kafka.log"
KAFKA_PROPS_FILE="$KAFKA_RUN_DIR/server.properties"
KAFKA_LIB_MARKER="$KAFKA_LIB_DIR/.version"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"

# Fixed for the life of a data dir: a restart must find the same id or the broker refuses to start.
# 22-char base64url of 16 bytes ("CareloopKafka001"). Change it only together with `down.sh --wipe`.
KAFKA_CLUSTER_ID="Q2FyZWxvb3BLYWZrYTAwMQ"

KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms512m -Xmx1g}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}"
KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-120}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

kafka_log() { echo "[kafka] $*"; }

# Runs a TypeScript helper from infra/scripts with the repo's node_modules.
kafka_ts() {
  local script="$1"
  shift
  (cd "$REPO_ROOT" && node -r @swc-node/register "infra/scripts/$script" "$@")
}

# Prints the pid of the broker these scripts started, if that process is still a Kafka JVM.
kafka_running_pid() {
  [[ -f "$KAFKA_PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$KAFKA_PID_FILE")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid: it must be our kafka.Kafka JVM.
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka' || return 1
  fi
  echo "$pid"
}

kafka_require_java() {
  if ! command -v java >/dev/null 2>&1; then
    echo "ERROR: 'java' is not on PATH. Kafka 4.x needs Java 17+ (Debian: apt-get install -y openjdk-17-jre-headless)." >&2
    return 1
  fi
  local major
  major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  if [[ -n "$major" && "$major" -lt 17 ]]; then
    echo "ERROR: java $major found; Kafka 4.x needs Java 17 or newer." >&2
    return 1
  fi
}

kafka_require_mvn() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "ERROR: 'mvn' is not on PATH. It fetches the Kafka jars from Maven Central (Debian: apt-get install -y maven)." >&2
    return 1
  fi
}

kafka_require_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "ERROR: 'node' is not on PATH (Node 20+ is needed for the readiness check)." >&2
    return 1
  fi
  if [[ ! -d "$REPO_ROOT/node_modules/kafkajs" || ! -d "$REPO_ROOT/node_modules/@swc-node/register" ]]; then
    echo "ERROR: node_modules is missing kafkajs or @swc-node/register: run 'npm ci' in $REPO_ROOT first." >&2
    return 1
  fi
}
