#!/usr/bin/env bash
# `npm test`: the whole suite. Starts what it needs (local Postgres and Redis if installed and down,
# the project's own Kafka broker), then type-checks, lints and runs the three test tiers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n=== %s ===\n' "$*"; }

step "dependencies"
bash scripts/start-local-services.sh
bash infra/up.sh

step "type-check"
npx tsc --noEmit -p tsconfig.json

step "lint and format"
npx nx show projects >/dev/null
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }

rm -rf .test-results && mkdir -p .test-results
trap 'node scripts/test-summary.js' EXIT
jest() { local tier=$1; shift; npx jest -c "jest.$tier.config.js" --ci --json --outputFile=".test-results/$tier.json" "$@"; }

step "unit tests"
jest unit

step "integration tests (real Postgres, Kafka, Redis)"
# In band: one suite stops and restarts the shared broker.
jest integration --runInBand

step "end-to-end tests (services as separate processes over HTTP and Kafka)"
jest e2e --runInBand
