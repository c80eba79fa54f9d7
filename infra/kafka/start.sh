#!/usr/bin/env bash
# Starts the local single-node Kafka broker (KRaft) in the background and waits until it answers.
# Idempotent: a broker that is already up and answering is left alone.
# Data in infra/kafka/data survives stop/start (same cluster id); `infra/down.sh --wipe` removes it.
#
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_BROKERS (127.0.0.1:$KAFKA_PORT),
#      KAFKA_HEAP_OPTS, KAFKA_JVM_OPTS, KAFKA_READY_TIMEOUT (120 s).
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

t0=$SECONDS
kafka_require_node

# Already running?
if pid="$(kafka_running_pid)"; then
  if kafka_ts wait-for-kafka.ts --once; then
    kafka_log "already running (pid $pid) and answering at $KAFKA_BROKERS: nothing to do."
    exit 0
  fi
  kafka_log "JVM $pid is running but not answering yet; waiting for it."
  kafka_ts wait-for-kafka.ts --timeout "$KAFKA_READY_TIMEOUT" --pid-file "$KAFKA_PID_FILE" --log "$KAFKA_LOG_FILE"
  exit $?
fi
if kafka_ts wait-for-kafka.ts --once; then
  kafka_log "a Kafka broker not started by these scripts already answers at $KAFKA_BROKERS: using it, nothing to do."
  exit 0
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; then
  echo "ERROR: port 127.0.0.1:$KAFKA_PORT is taken by something that is not an answering Kafka broker." >&2
  echo "       Free it or set KAFKA_PORT (and KAFKA_BROKERS) to another port." >&2
  exit 1
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_CONTROLLER_PORT") 2>/dev/null; then
  echo "ERROR: the controller port 127.0.0.1:$KAFKA_CONTROLLER_PORT is taken (another Kafka?). Free it or set KAFKA_CONTROLLER_PORT." >&2
  exit 1
fi

kafka_require_java

# 1. Jars, fetched once; refetched when the pom changes (e.g. a version bump).
pom_hash="$(sha256sum "$KAFKA_HOME/pom.xml" | cut -d' ' -f1)"
if [[ ! -f "$KAFKA_LIB_MARKER" || "$(cat "$KAFKA_LIB_MARKER")" != "$pom_hash" ]]; then
  kafka_require_mvn
  kafka_log "fetching broker jars from Maven Central into $KAFKA_LIB_DIR ..."
  rm -rf "$KAFKA_LIB_DIR"
  mkdir -p "$KAFKA_LIB_DIR" "$KAFKA_RUN_DIR"
  if ! mvn -B -q -Dstyle.color=never -f "$KAFKA_HOME/pom.xml" dependency:copy-dependencies \
    -Dkafka.lib.dir="$KAFKA_LIB_DIR" >"$KAFKA_RUN_DIR/mvn.log" 2>&1; then
    cat "$KAFKA_RUN_DIR/mvn.log" >&2
    echo "ERROR: mvn could not fetch the Kafka jars (output above, also in $KAFKA_RUN_DIR/mvn.log)." >&2
    exit 1
  fi
  echo "$pom_hash" >"$KAFKA_LIB_MARKER"
  kafka_log "fetched $(find "$KAFKA_LIB_DIR" -name '*.jar' | wc -l) jars in $((SECONDS - t0))s."
fi

# 2. Effective config with absolute paths and the chosen ports.
mkdir -p "$KAFKA_RUN_DIR" "$KAFKA_DATA_DIR"
sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" \
  -e "s#@KAFKA_CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
  -e "s#@KAFKA_DATA_DIR@#$KAFKA_DATA_DIR#g" \
  "$KAFKA_HOME/server.properties" >"$KAFKA_PROPS_FILE"

java_common=(-cp "$KAFKA_LIB_DIR/*" "-Dlog4j2.configurationFile=$KAFKA_HOME/log4j2.properties" "-Dkafka.logs.dir=$KAFKA_RUN_DIR" -Dlog4j2.shutdownHookEnabled=false)

# 3. Format the storage once (no-op when already formatted with this id).
if [[ ! -f "$KAFKA_DATA_DIR/meta.properties" ]]; then
  kafka_log "formatting KRaft storage in $KAFKA_DATA_DIR (cluster id $KAFKA_CLUSTER_ID) ..."
  if ! java -Xmx256m "${java_common[@]}" kafka.tools.StorageTool format \
    -t "$KAFKA_CLUSTER_ID" -c "$KAFKA_PROPS_FILE" --ignore-formatted >"$KAFKA_RUN_DIR/format.log" 2>&1; then
    cat "$KAFKA_RUN_DIR/format.log" >&2
    echo "ERROR: formatting the KRaft storage failed (output above)." >&2
    exit 1
  fi
  grep -h '^Formatting' "$KAFKA_RUN_DIR/format.log" | sed 's/^/[kafka] /' || true
elif ! grep -q "^cluster.id=$KAFKA_CLUSTER_ID\$" "$KAFKA_DATA_DIR/meta.properties"; then
  echo "ERROR: $KAFKA_DATA_DIR was formatted with another cluster id; run 'bash infra/down.sh --wipe' to start afresh." >&2
  exit 1
fi

# 4. Start the JVM detached from this shell (own session), output to the log file.
if [[ -f "$KAFKA_LOG_FILE" ]]; then mv -f "$KAFKA_LOG_FILE" "$KAFKA_LOG_FILE.1"; fi
kafka_log "starting broker on 127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT), log $KAFKA_LOG_FILE"
# shellcheck disable=SC2086  # heap/JVM opts are intentionally word-split
nohup setsid java $KAFKA_HEAP_OPTS $KAFKA_JVM_OPTS "${java_common[@]}" \
  kafka.Kafka "$KAFKA_PROPS_FILE" >"$KAFKA_LOG_FILE" 2>&1 </dev/null &
echo $! >"$KAFKA_PID_FILE"
kafka_log "JVM pid $(cat "$KAFKA_PID_FILE")"

# 5. Wait until the admin client can describe the cluster (fails fast if the JVM dies).
if ! kafka_ts wait-for-kafka.ts --timeout "$KAFKA_READY_TIMEOUT" --pid-file "$KAFKA_PID_FILE" --log "$KAFKA_LOG_FILE"; then
  echo "ERROR: Kafka did not become ready; full log: $KAFKA_LOG_FILE" >&2
  exit 1
fi
kafka_log "up in $((SECONDS - t0))s. Clients: KAFKA_BROKERS=$KAFKA_BROKERS"
