#!/usr/bin/env bash
# `npm run infra:down`: stops the local Kafka broker. Postgres and Redis are not ours: left running.
#   --wipe (or KAFKA_WIPE=1)  also delete Kafka's data dir (all topics and committed offsets).
set -euo pipefail
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/kafka/stop.sh" "$@"
