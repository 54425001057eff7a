#!/bin/sh
# [RUNS=n] run.sh [BUILDDIR] [SIZE_MB] - how fast sqlparse splits and classifies a
# large pg_dump-style file, next to "cat" and "wc -l" (the floor: reading
# the bytes, finding the newlines) and to dbgate-query-splitter (a peer).
#
# Two inputs are built at bench time in a temporary directory, never kept,
# by concatenating real dumps from the shared corpus until SIZE_MB
# (default 256) is reached:
#   dump         Pagila's schema followed by the Sakila COPY data: a full
#                pg_dump, mostly data (the figure the target is about);
#   schema-only  Danbooru's db/structure.sql (pg_dump -s): about 4,000
#                statements per MB, the worst case for a per-statement cost;
#   owners       Pagila's schema alone (pg_dump -s without -O): 4,500
#                statements per MB, an OWNER TO after every object, and
#                functions, triggers and views that the fast path of the
#                classifier does not take.
# The tools run in turn, round after round (RUNS rounds, default 9), on
# the warm file, so that a change of load on a shared machine falls on all
# of them; for each tool the run with the least CPU time (user + system)
# is kept, with its wall time and peak RSS.  The load average is printed.
# Throughput is given both ways: on a machine shared with other work, CPU
# time is the steadier figure.  dbgate-query-splitter (installed with npm
# into the temporary directory; skipped without npm or network, or with
# SQLP_BENCH_NO_PEER=1) is about a thousand times slower: it runs once, on
# the first input only.  Every tool is one process with one thread.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src}
size_mb=${2:-256}
runs=${RUNS:-9}
corpus=${SSYNC_CORPUS:-$src/../shared/corpus}
pagila="$corpus/devrimgunduz__pagila/pagila-schema.sql"
sakila="$corpus/jOOQ__sakila/postgres-sakila-db/postgres-sakila-insert-data-using-copy.sql"
danbooru="$corpus/danbooru__danbooru/db/structure.sql"
cc=${CC:-cc}

for f in "$pagila" "$sakila" "$danbooru"; do
	[ -f "$f" ] || { echo "run.sh: needs the shared corpus (SSYNC_CORPUS): $f" >&2; exit 2; }
done
. "$src/bench/split/tools.sh"
bench_tools run.sh

dbgate=
if [ -z "${SQLP_BENCH_NO_PEER:-}" ] && command -v npm >/dev/null 2>&1 &&
	command -v node >/dev/null 2>&1 &&
	(cd "$tmp" && npm init -y >/dev/null 2>&1 &&
	 npm install --no-audit --no-fund --silent dbgate-query-splitter >/dev/null 2>&1); then
	dbgate=$(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$tmp/node_modules/dbgate-query-splitter/package.json")
	echo "peer: dbgate-query-splitter $dbgate (npm), streaming splitter, PostgreSQL options"
else
	echo "peer: dbgate-query-splitter skipped (SQLP_BENCH_NO_PEER set, or npm install failed)"
fi

# make OUT FILE...: concatenate the files, over and over, up to size_mb
make_input() {
	out=$1
	shift
	cat "$@" >"$tmp/unit.sql"
	unit=$(wc -c <"$tmp/unit.sql")
	copies=$(( (size_mb * 1048576 + unit - 1) / unit ))
	i=0
	while [ "$i" -lt "$copies" ]; do
		cat "$tmp/unit.sql"
		i=$((i + 1))
	done >"$out"
	rm -f "$tmp/unit.sql"
	sync	# no writeback of the new file during the runs
}

# keep BEST NAME CMD...: run once; print the better (less CPU) of BEST and
# this run, as "wall cpu maxrss_kb"
keep() {
	b=$1
	name=$2
	shift 2
	r=$("$tmp/measure" "$@") || { echo "$name failed" >&2; exit 1; }
	if [ -z "$b" ] || awk -v r="$r" -v b="$b" 'BEGIN { split(r, x, " "); split(b, y, " "); exit !(x[2] < y[2]) }'; then
		b=$r
	fi
	echo "$b"
}

row() {	# row NAME "wall cpu maxrss"
	awk -v name="$1" -v r="$2" -v mb="$mb" -v wc="$wc_r" -v cat="$cat_r" 'BEGIN {
		split(r, a, " "); split(wc, w, " "); split(cat, c, " ")
		wall = a[1] > 0 ? a[1] : 0.001; cpu = a[2] > 0 ? a[2] : 0.001
		wcpu = w[2] > 0 ? w[2] : 0.001; ccpu = c[2] > 0 ? c[2] : 0.001
		printf "%-24s %8.3f %8.3f %9.0f %9.0f %8.1f %9.2fx %8.2fx\n", name, wall, cpu,
			mb / wall, mb / cpu, a[3] / 1024, cpu / wcpu, cpu / ccpu }'
}

bench() {	# bench LABEL FILE PEER(yes|no)
	label=$1
	file=$2
	bytes=$(wc -c <"$file")
	mb=$(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 }")
	echo
	echo "== $label: $mb MB, $(wc -l <"$file") lines"
	echo "sqlparse: $("$tmp/bench_split" "$file" postgres)"
	cat "$file" >/dev/null	# warm the page cache
	cat_r= wc_r= sp_r=
	for _ in $(seq "$runs"); do
		cat_r=$(keep "$cat_r" cat cat "$file")
		wc_r=$(keep "$wc_r" wc wc -l "$file")
		sp_r=$(keep "$sp_r" sqlparse "$tmp/bench_split" "$file" postgres)
	done
	db_r=
	if [ "$3" = yes ] && [ -n "$dbgate" ]; then
		db_r=$(NODE_PATH="$tmp/node_modules" keep "" dbgate node "$src/bench/split/dbgate.js" "$file")
	fi
	echo "best of $runs interleaved runs; load average now: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
	printf '%-24s %8s %8s %9s %9s %8s %10s %9s\n' tool "wall s" "CPU s" "MB/s" \
		"MB/s CPU" "RSS MB" "CPU/wc -l" "CPU/cat"
	row "cat > /dev/null" "$cat_r"
	row "wc -l" "$wc_r"
	row "sqlparse split+classify" "$sp_r"
	[ -z "$db_r" ] || row "dbgate-query-splitter" "$db_r"
	rm -f "$file"
}

make_input "$tmp/dump.sql" "$pagila" "$sakila"
bench "dump (pagila-schema.sql + Sakila COPY data, concatenated)" "$tmp/dump.sql" yes
make_input "$tmp/schema.sql" "$danbooru"
bench "schema-only (danbooru structure.sql, concatenated)" "$tmp/schema.sql" no
make_input "$tmp/owners.sql" "$pagila"
bench "owners (pagila-schema.sql alone, concatenated)" "$tmp/owners.sql" no
