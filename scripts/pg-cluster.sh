#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: initdb + pg_ctl in a temp folder, run by
# an unprivileged user (`postgres` when we are root), on a free port, listening on 127.0.0.1 only,
# no system service. Installs Debian's `postgresql` when initdb is missing.
#
#   scripts/pg-cluster.sh start [DIR]   -> prints DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres
#                                          and PGCLUSTER_DIR=DIR (a new temp folder when DIR is omitted)
#   scripts/pg-cluster.sh stop DIR      -> stops the cluster and removes DIR
#   scripts/pg-cluster.sh install       -> only installs Debian's postgresql when missing (.ci/run
#                                          does it beside npm ci)
#
# The database is throwaway: fsync stays on (the default), so durability tests mean what they say.
set -euo pipefail

find_bin() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && { echo "$d"; return 0; }
	done
	if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
	return 1
}

ensure_installed() {
	if find_bin >/dev/null; then return 0; fi
	# Test files start clusters side by side (vitest runs a file per core): one installs, the
	# others wait here and find it installed. apt refuses at once when another apt holds its lock
	# (exit 100), so it is also told to wait for one it does not know of.
	exec 9>>"${TMPDIR:-/tmp}/so-hop-534-pg-install-$(id -u).lock"
	flock 9
	if find_bin >/dev/null; then
		exec 9>&-
		return 0
	fi
	echo "Installing Debian's postgresql (initdb is missing)" >&2
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	local wait_lock=(-o DPkg::Lock::Timeout=300)
	$sudo apt-get "${wait_lock[@]}" update -qq >&2
	# The package's own service is not wanted: a policy-rc.d that refuses every start keeps it
	# stopped during the install (only when the machine has none; removed after).
	local policy=""
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
		$sudo chmod +x /usr/sbin/policy-rc.d
		policy=1
	fi
	$sudo apt-get "${wait_lock[@]}" install -y -qq postgresql >/dev/null || { [ -z "$policy" ] || $sudo rm -f /usr/sbin/policy-rc.d; exit 1; }
	if [ -n "$policy" ]; then $sudo rm -f /usr/sbin/policy-rc.d; fi
	exec 9>&-
	find_bin >/dev/null
}

# Run a command as the cluster's owner: `postgres` when we are root (PostgreSQL refuses root).
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'
}

cmd="${1:-}"
case "$cmd" in
start)
	ensure_installed
	bin="$(find_bin)"
	dir="${2:-$(mktemp -d /tmp/so-hop-534-pg-XXXXXX)}"
	mkdir -p "$dir"
	if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
	as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
	# A port taken between choosing and binding: try again with another one.
	for _ in 1 2 3 4 5; do
		port="$(free_port)"
		if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
			-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null; then
			echo "DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
			echo "PGCLUSTER_DIR=$dir"
			exit 0
		fi
	done
	cat "$dir/log" >&2
	rm -rf "$dir"
	exit 1
	;;
install)
	ensure_installed
	;;
stop)
	dir="${2:?usage: pg-cluster.sh stop DIR}"
	bin="$(find_bin)"
	if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true; fi
	rm -rf "$dir"
	;;
*)
	echo "usage: $0 start [DIR] | stop DIR | install" >&2
	exit 2
	;;
esac
