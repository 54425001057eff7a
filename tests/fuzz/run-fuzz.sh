#!/bin/sh
# run-fuzz.sh [BUILDDIR] [SECONDS]: run each libFuzzer target that was built
# (sqlparse's four, the filter's, the URL parser's, migration names') for
# SECONDS in all (default 60, shared between the targets), seeded with the
# golden inputs and the shared corpus of real scripts (cut into 4 KiB pieces
# at run time; nothing is copied into the tree), or with URLs and file names
# for the last two.  Exits non-zero on the first finding; the crashing input
# is left in the work directory.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src}
total=${2:-60}
corpus=${SSYNC_CORPUS:-$src/../shared/corpus}
work=$(mktemp -d "${TMPDIR:-/tmp}/sqlparse-fuzz.XXXXXX")
targets="postgres mysql tsql auto"
# the filter engine's target (src/filter), when it was built
[ -x "$build/tests/fuzz/fuzz_filter" ] && targets="$targets filter"
# and the URL parser's (no password survives redaction)
[ -x "$build/tests/fuzz/fuzz_url" ] && targets="$targets url"
# and migration file names against golang-migrate's pattern
[ -x "$build/tests/fuzz/fuzz_migname" ] && targets="$targets migname"
per=$((total / $(echo $targets | wc -w)))
[ "$per" -ge 1 ] || per=1

mkdir -p "$work/seeds"
for f in "$src"/tests/sqlparse/*/*.sql; do
	cp "$f" "$work/seeds/golden-$(basename "$(dirname "$f")")-$(basename "$f")"
done
if [ -d "$corpus" ]; then
	i=0
	find "$corpus" -type f \( -name '*.sql' -o -name '*.SQL' \) | sort | while read -r f; do
		i=$((i + 1))
		split -b 4096 -a 3 "$f" "$work/seeds/corpus-$i-"
	done
else
	echo "# corpus not found at $corpus: seeding with the golden files only"
fi
# the URL parser starts from URLs of each form it reads
mkdir -p "$work/seeds-url"
i=0
for u in 'postgres://user:secretpw@db.example:5432/app?sslmode=disable&options=-c%20role%3Downer' \
	'postgresql://u:pw%40x@[::1]:5433/db?password=hidden&x-migrations-table=s.t' \
	'mysql://root:hunterpw@tcp(127.0.0.1:3306)/app?tls=skip-verify&x-multi-statement=true' \
	'mysql://u:pa?ss@unix(/run/mysqld/mysqld.sock)/db' \
	'sqlserver://sa:PasswordX@localhost:1433?database=app&encrypt=disable'; do
	i=$((i + 1))
	printf '%s' "$u" >"$work/seeds-url/url-$i"
done
mkdir -p "$work/seeds-migname"
printf '1_init.up.sql' >"$work/seeds-migname/a"
printf '20240101120000_add.users.down.sql' >"$work/seeds-migname/b"
printf '0001_a.up.b.down.sql' >"$work/seeds-migname/c"
status=0
for t in $targets; do
	seeds=$work/seeds dict=$src/tests/fuzz/sqlparse.dict
	[ "$t" = url ] && seeds=$work/seeds-url dict=
	[ "$t" = migname ] && seeds=$work/seeds-migname dict=
	set -- -max_len=8192
	[ -n "$dict" ] && set -- "$@" -dict="$dict"
	bin="$build/tests/fuzz/fuzz_$t"
	[ -x "$bin" ] || { echo "missing $bin (configure CC=clang --enable-fuzzing)"; exit 2; }
	mkdir -p "$work/new-$t"
	echo "== fuzz_$t for ${per}s"
	if ! ( cd "$work" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
		"$bin" -max_total_time="$per" -timeout=10 -rss_limit_mb=1024 "$@" \
		-print_final_stats=1 "$work/new-$t" "$seeds" >"$work/fuzz-$t.log" 2>&1 ); then
		tail -40 "$work/fuzz-$t.log"
		echo "fuzz_$t: FINDING (inputs in $work)"
		status=1
		break
	fi
	grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$work/fuzz-$t.log" | tr '\n' ' '
	echo
done
[ "$status" -eq 0 ] && rm -rf "$work"
exit "$status"
