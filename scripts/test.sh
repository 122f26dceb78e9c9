#!/usr/bin/env bash
# `npm test`: the static checks in two lanes beside vitest, then the production build and the
# Playwright suite. svelte-check, ESLint and Prettier each keep one core busy and vitest about one
# and a half, so the three sides share the two cores and end at about the same time
# (docs/TESTING.md, "Where CI's time goes"). The same checks as `npm run check` and `npm run lint`;
# each lane's output is printed when it ends, and the first failure fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
# SvelteKit's generated files first: every side would write them at its start (with the same
# content, written only when it changed).
npx svelte-kit sync || exit 1
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# Lane 1: the types, then the formatting. Lane 2: ESLint, then knip and the project's own checks.
# Each writes its log and the time it ended.
lane() {
	local n=$1
	shift
	(
		bash -c "$*"
		rc=$?
		echo "test: static checks lane $n done at ${SECONDS} s"
		exit "$rc"
	) >"$logs/$n" 2>&1 &
}
lane 1 'npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings && npx prettier --check .'
lane1=$!
lane 2 'npx eslint . && npm run lint:project'
lane2=$!
npm run test:unit
unit=$?
echo "test: vitest done at ${SECONDS} s"
failed=0
for lane in 1 2; do
	pid=lane$lane
	wait "${!pid}"
	rc=$?
	echo "---- static checks, lane $lane (rc $rc) ----"
	cat "$logs/$lane"
	[ "$rc" -eq 0 ] || failed=$rc
done
[ "$failed" -eq 0 ] || { echo "static checks failed (rc $failed)"; exit "$failed"; }
[ "$unit" -eq 0 ] || { echo "vitest failed (rc $unit)"; exit "$unit"; }
npm run build || exit 1
echo "test: build done at ${SECONDS} s"
npm run test:e2e
e2e=$?
echo "test: e2e done at ${SECONDS} s"
exit "$e2e"
