# tools.sh, sourced by run.sh and scaling.sh: bench_tools NAME makes a
# temporary directory $tmp (removed on exit) and builds in it bench_split,
# linked with $build's libsqlparse, and measure.  Needs src, build and cc.
bench_tools() {
	[ -f "$build/sqlparse/libsqlparse.a" ] || { echo "$1: build ssync first (make)" >&2; exit 2; }
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqlparse-$1.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT INT TERM
	$cc -O2 -I"$src/sqlparse" "$src/bench/split/bench_split.c" "$build/sqlparse/libsqlparse.a" \
		-o "$tmp/bench_split"
	$cc -O2 "$src/bench/split/measure.c" -o "$tmp/measure"
}
