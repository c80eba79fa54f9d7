#!/usr/bin/env bash
# Starts a local Postgres and Redis when they are not answering and this machine has them installed
# (Debian's postgresql and redis-server packages). Anything else: infra:up says what is missing.
set -uo pipefail

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }

if [[ -z "${DATABASE_URL:-}" ]] && ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1; then
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "$version" ]]; then
    echo "[services] starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
fi

if [[ -z "${REDIS_URL:-}" ]] && ! redis_up && command -v redis-server >/dev/null 2>&1; then
  echo "[services] starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
fi

for _ in $(seq 1 30); do
  { [[ -n "${DATABASE_URL:-}" ]] || pg_up; } && { [[ -n "${REDIS_URL:-}" ]] || redis_up; } && exit 0
  sleep 1
done
exit 0
