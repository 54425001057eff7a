#!/usr/bin/env bash
# bench/dump/run.sh - ssync dump side by side with pg_dump --schema-only.
#
#   bench/dump/run.sh [SIZE...]        (default: 2000 10000)
#
# For each size, starts from a fresh database holding the generated schema
# of gen-schema.sh (SIZE tables; VACUUM ANALYZE'd, as a live database's
# catalog would be), then alternates ROUNDS runs (default 5) of
#   ssync dump -o FILE            (two connections sharing one snapshot)
#   ssync dump -j 1 -o FILE       (one connection)
#   pg_dump -s -f FILE
# and prints the median wall time, the peak resident memory and the number
# of statements the server logged for one run of each (log_statement=all,
# set for that session only through PGOPTIONS).
#
# Uses a throwaway PostgreSQL server (tests/lib/servers.sh) unless
# BENCH_PG_URL names a superuser connection to an existing one.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
SSYNC=${SSYNC:-$top/ssync}
ROUNDS=${ROUNDS:-5}
sizes=${*:-2000 10000}

[ -x "$SSYNC" ] || { echo "bench: build ssync first ($SSYNC)" >&2; exit 1; }
command -v pg_dump >/dev/null || { echo "bench: pg_dump not found" >&2; exit 1; }
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ssync-bench.XXXXXX")
chmod 755 "$work"
if [ -z "${BENCH_PG_URL:-}" ]; then
	SSYNC_TEST_TMP=$work
	. "$top/tests/lib/servers.sh"
	ss_pg_start || { echo "bench: $SSYNC_TEST_PG_SKIP" >&2; exit 1; }
	trap 'ss_pg_stop; rm -rf "$work"' EXIT
	BENCH_PG_URL=$SSYNC_TEST_PG_URL
	log=$work/pg/server.log
else
	trap 'rm -rf "$work"' EXIT
	log=
fi
base=${BENCH_PG_URL%%\?*}
base=${base%/*}
q='?sslmode=disable'

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# statements CMD...: how many statements the server logged for one run
statements() {
	[ -n "$log" ] || { echo "n/a"; return; }
	local before after
	before=$(wc -l <"$log")
	PGOPTIONS='-c log_statement=all' "$@" >/dev/null 2>&1
	sleep 0.5
	after=$(tail -n +"$((before + 1))" "$log" | grep -cE 'LOG:  (statement|execute)')
	echo "$after"
}

printf '| tables | tool | wall time (median of %s) | peak memory | statements logged |\n' "$ROUNDS"
printf '|---:|---|---:|---:|---:|\n'
for n in $sizes; do
	db=bench_$n
	psql -X -q -d "$BENCH_PG_URL" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
	url="$base/$db$q"
	sh "$here/gen-schema.sh" "$n" >"$work/gen.sql"
	psql -X -q -v ON_ERROR_STOP=1 -d "$url" -f "$work/gen.sql" >"$work/gen.log" 2>&1 ||
		{ echo "bench: loading $n tables failed" >&2; tail -3 "$work/gen.log" >&2; exit 1; }
	psql -X -q -d "$url" -c "VACUUM ANALYZE" >/dev/null 2>&1
	# warm the OS cache once for every tool
	"$SSYNC" dump -d "$url" -o "$work/s.sql" && pg_dump -s -d "$url" -f "$work/p.sql" ||
		exit 1
	: >"$work/all"
	for i in $(seq 1 "$ROUNDS"); do
		for tool in ssync ssync1 pg_dump; do
			case $tool in
			ssync) cmd=("$SSYNC" dump -d "$url" -o "$work/s.sql") ;;
			ssync1) cmd=("$SSYNC" dump -j 1 -d "$url" -o "$work/s1.sql") ;;
			pg_dump) cmd=(pg_dump -s -d "$url" -f "$work/p.sql") ;;
			esac
			"$TIME" -f "$tool %e %M" -a -o "$work/all" "${cmd[@]}" >/dev/null 2>"$work/err" ||
				{ cat "$work/err" >&2; exit 1; }
		done
	done
	pg_s=$(awk '$1 == "pg_dump" { print $2 }' "$work/all" | median)
	for tool in ssync ssync1 pg_dump; do
		t=$(awk -v t="$tool" '$1 == t { print $2 }' "$work/all" | median)
		m=$(awk -v t="$tool" '$1 == t && $3 > m { m = $3 } END { print m }' "$work/all")
		case $tool in
		ssync) label="ssync dump"; st=$(statements "$SSYNC" dump -d "$url" -o "$work/s.sql") ;;
		ssync1) label="ssync dump -j 1"; st=$(statements "$SSYNC" dump -j 1 -d "$url" -o "$work/s1.sql") ;;
		pg_dump) label="pg_dump -s"; st=$(statements pg_dump -s -d "$url" -f "$work/p.sql") ;;
		esac
		ratio=$(awk -v a="$t" -v b="$pg_s" 'BEGIN { printf "%.2f", a / b }')
		printf '| %s | %s | %s s (%s× pg_dump) | %s MB | %s |\n' "$n" "$label" "$t" "$ratio" \
			"$(awk -v k="$m" 'BEGIN { printf "%.0f", k / 1024 }')" "$st"
	done
	psql -X -q -d "$BENCH_PG_URL" -c "DROP DATABASE $db" >/dev/null 2>&1
done
echo
echo "machine: $(nproc) cores, $(uname -sr); load average at the end:$(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /')"
