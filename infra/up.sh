#!/usr/bin/env bash
# `npm run infra:up`: checks Postgres and Redis (started outside this repo), then starts the local
# single-node Kafka broker (infra/kafka/start.sh). Safe to re-run: an answering broker is left alone.
set -euo pipefail
INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_DIR/.." && pwd)"

if ! command -v node >/dev/null 2>&1; then
  echo "ERROR: 'node' is not on PATH (Node 20+ needed)." >&2
  exit 1
fi
if [[ ! -d "$REPO_ROOT/node_modules/@swc-node/register" ]]; then
  echo "ERROR: node_modules is missing: run 'npm ci' in $REPO_ROOT first." >&2
  exit 1
fi

echo "[infra] checking Postgres and Redis ..."
if ! (cd "$REPO_ROOT" && node -r @swc-node/register infra/scripts/check-services.ts); then
  echo "[infra] Postgres and/or Redis are not answering (see above); start them and re-run 'npm run infra:up'." >&2
  exit 1
fi

exec bash "$INFRA_DIR/kafka/start.sh"
