#!/bin/sh
# run-tests.sh - run every test of ssync and print "N passed, N failed".
#
# Starts throwaway PostgreSQL and MariaDB servers (tests/lib/servers.sh),
# runs the C unit tests and the integration scripts, each producing TAP,
# and stops the servers on every exit path.  Counts are TAP test points.
# Environment:
#   SSYNC_TESTS=unit      unit tests only (no servers)
#   SSYNC_TEST_FILTER=RE  only tests whose name matches RE
#   SSYNC_KEEP_TMP=1      keep the temporary directory (server logs)
set -u

: "${SSYNC_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${SSYNC_BUILDDIR:=$SSYNC_SRCDIR}"
: "${SSYNC_UNIT_TESTS:=}"
: "${SSYNC_TESTS:=all}"
: "${SSYNC_TEST_FILTER:=.}"
export SSYNC_SRCDIR SSYNC_BUILDDIR

if [ -z "${BASH_VERSION:-}" ] && command -v bash >/dev/null 2>&1; then
	exec bash "$0" "$@"
fi

. "$SSYNC_SRCDIR/tests/lib/servers.sh"

SSYNC_TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ssync-test.XXXXXX")
export SSYNC_TEST_TMP
trap 'ss_servers_stop' EXIT
trap 'exit 130' INT TERM

passed=0 failed=0 skipped=0
failures=

if [ "$SSYNC_TESTS" != unit ]; then
	echo "# starting test servers in $SSYNC_TEST_TMP"
	ss_servers_start
	SSYNC_TEST_SERVERS_STARTED=suite
	export SSYNC_TEST_SERVERS_STARTED
	[ -n "$SSYNC_TEST_PG_URL" ] && echo "# PostgreSQL on 127.0.0.1:$SSYNC_TEST_PG_PORT" ||
		echo "# PostgreSQL not available: $SSYNC_TEST_PG_SKIP"
	[ -n "$SSYNC_TEST_MYSQL_URL" ] && echo "# MariaDB on 127.0.0.1:$SSYNC_TEST_MYSQL_PORT" ||
		echo "# MariaDB not available: $SSYNC_TEST_MYSQL_SKIP"
	[ -n "${SSYNC_TEST_MSSQL_URL:-}" ] && echo "# SQL Server: live tests enabled (SSYNC_TEST_MSSQL_URL)" ||
		echo "# SQL Server: live tests skipped (set SSYNC_TEST_MSSQL_URL to a real server)"
	# CI sets SSYNC_TEST_REQUIRE_SERVERS=1: a server that does not start there
	# is a failure, not a reason to skip most of the suite
	if [ "${SSYNC_TEST_REQUIRE_SERVERS:-0}" = 1 ]; then
		for srv in PostgreSQL:"$SSYNC_TEST_PG_URL" MariaDB:"$SSYNC_TEST_MYSQL_URL"; do
			if [ -z "${srv#*:}" ]; then
				echo "not ok - ${srv%%:*} did not start (SSYNC_TEST_REQUIRE_SERVERS=1)"
				failed=$((failed + 1))
				failures="$failures ${srv%%:*}-server"
			fi
		done
	fi
fi

# run_tap NAME CMD...: run one TAP producer, count its points.
run_tap() {
	name=$1
	shift
	log="$SSYNC_TEST_TMP/$(echo "$name" | tr '/' '_').log"
	start=$(date +%s)
	timeout "${SSYNC_TEST_TIMEOUT:-900}" "$@" >"$log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	p=$(grep -Ec '^ok [0-9]+' "$log")
	s=$(grep -Eic '^ok [0-9]+[^#]*# *skip' "$log")
	f=$(grep -Ec '^not ok [0-9]+' "$log")
	# TAP TODO: a known bug that the test shows; "not ok ... # TODO" is not a failure
	t=$(grep -Eic '^not ok [0-9]+[^#]*# *todo' "$log")
	f=$((f - t))
	p=$((p - s))
	plan=$(grep -Eo '^1\.\.[0-9]+' "$log" | tail -1 | cut -c4-)
	total=$((p + s + f + t))
	extra=
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1; extra=" (exit status $rc)"
	elif [ -z "$plan" ]; then
		f=$((f + 1)); extra=" (no TAP plan: the test stopped early)"
	elif [ "$plan" -ne "$total" ]; then
		f=$((f + 1)); extra=" (planned $plan, ran $total)"
	fi
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	if [ "$f" -gt 0 ]; then
		printf 'FAIL %-40s %4d passed %3d failed %3d skipped %4ds%s\n' "$name" "$p" "$f" "$s" "$secs" "$extra"
		grep -E -A12 '^not ok' "$log" | head -60 | sed 's/^/    /'
		[ -n "$extra" ] && tail -15 "$log" | sed 's/^/    | /'
		failures="$failures $name"
	else
		printf 'PASS %-40s %4d passed %3d skipped %4ds\n' "$name" "$p" "$s" "$secs"
		grep -Ei '^ok [0-9]+[^#]*# *skip' "$log" | sort -u -t'#' -k2 | head -3 | sed 's/^/    /'
		grep -Ei '^not ok [0-9]+[^#]*# *todo' "$log" | sed 's/^/    /'
	fi
}

for t in $SSYNC_UNIT_TESTS; do
	echo "$t" | grep -Eq -- "$SSYNC_TEST_FILTER" || continue
	run_tap "$t" "$SSYNC_BUILDDIR/$t"
done

if [ "$SSYNC_TESTS" != unit ]; then
	for t in "$SSYNC_SRCDIR"/tests/integration/*.sh; do
		[ -e "$t" ] || continue
		rel="tests/integration/$(basename "$t")"
		echo "$rel" | grep -Eq -- "$SSYNC_TEST_FILTER" || continue
		run_tap "$rel" bash "$t"
	done
fi

[ -n "$failures" ] && echo "# failed:$failures"
[ "$skipped" -gt 0 ] && echo "# $skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
