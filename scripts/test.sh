#!/usr/bin/env bash
# `npm test`: the static checks (svelte-check, then lint) on one core while vitest runs beside
# them, then the production build and the Playwright suite. Each of svelte-check, ESLint and
# Prettier keeps one core busy and vitest about one and a half, so side by side they take about
# the time of the longer (docs/TESTING.md, "Where CI's time goes"). The static checks' output is
# printed when they end; the first failure fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
# SvelteKit's generated files first: both sides would write them at their start (with the same
# content, written only when it changed).
npx svelte-kit sync || exit 1
static_log=$(mktemp)
trap 'rm -f "$static_log"' EXIT
(npm run check && npm run lint) >"$static_log" 2>&1 &
static=$!
npm run test:unit
unit=$?
echo "test: vitest done at ${SECONDS} s"
wait "$static"
static_rc=$?
echo "test: static checks done at ${SECONDS} s"
echo "---- npm run check && npm run lint ----"
cat "$static_log"
[ "$static_rc" -eq 0 ] || { echo "static checks failed (rc $static_rc)"; exit "$static_rc"; }
[ "$unit" -eq 0 ] || { echo "vitest failed (rc $unit)"; exit "$unit"; }
npm run build || exit 1
echo "test: build done at ${SECONDS} s"
npm run test:e2e
e2e=$?
echo "test: e2e done at ${SECONDS} s"
exit "$e2e"
