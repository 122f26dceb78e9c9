#!/usr/bin/env bash
# Build and run e2e specs while holding a lock, so several people working in one tree on one
# machine never build over each other's running server. Usage: scripts/e2e-locked.sh [spec files]
set -euo pipefail
cd "$(dirname "$0")/.."
exec flock /tmp/so-hop-534-e2e.lock bash -c 'npx vite build >/tmp/so-hop-534-build.log 2>&1 || { tail -40 /tmp/so-hop-534-build.log; exit 1; }; npx playwright test "$@"' _ "$@"
