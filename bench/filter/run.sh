#!/bin/sh
# run.sh [MB] - ssync filter against the bare splitter on a generated
# pg_dump-style file of MB megabytes (default 200), made in a temporary
# directory and removed afterwards (never committed).  Each command runs
# 5 times; the run with the least CPU time is shown with its wall time,
# throughput and peak resident memory (GNU time).  ssync links the
# database client libraries: about 11 MB of its resident memory is there
# before it reads a byte.  Run from the build directory after "make".
set -eu
mb=${1:-200}
here=$(cd "$(dirname "$0")" && pwd)
build=$(pwd)
ssync=$build/ssync
split=$build/bench/filter/split-bench
[ -x "$ssync" ] && [ -x "$split" ] || { echo "run from the build directory after make" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ssync-bench-filter.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$here/gen-dump.sh" "$mb" >"$tmp/dump.sql"
size=$(wc -c <"$tmp/dump.sql")
items=$("$split" "$tmp/dump.sql" | cut -d' ' -f1)
echo "input: $size bytes, $items items (statements, client lines, COPY data pieces)"
cat "$tmp/dump.sql" >/dev/null	# warm the page cache

# measure NAME CMD...: best of 5 by CPU time (user + system; the machine may
# be shared, so wall time is noisier), with that run's wall time and peak RSS
measure() {
	name=$1
	shift
	best= wall= rss=
	for i in 1 2 3 4 5; do
		/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
		read -r e u sy m <"$tmp/time"
		c=$(echo "$u + $sy" | bc)
		if [ -z "$best" ] || [ "$(echo "$c < $best" | bc)" = 1 ]; then best=$c wall=$e rss=$m; fi
	done
	[ "$(echo "$best > 0" | bc)" = 1 ] || best=0.01
	mbs=$(echo "scale=1; $size / 1048576 / $best" | bc)
	[ "$base" = 0 ] && base=$best
	ratio=$(echo "scale=2; $best / $base" | bc | sed 's/^\./0./')
	printf '%-44s %6.2f s %6.2f s %7s MB/s %7d KiB  %s x\n' "$name" "$best" "$wall" "$mbs" "$rss" "$ratio"
}
printf '%-44s %8s %8s %12s %11s  %s\n' "" "CPU" "wall" "CPU MB/s" "peak RSS" "CPU vs split"
base=0
measure "split (sqlparse lexer alone)" "$split" "$tmp/dump.sql"
measure "ssync filter --list > /dev/null" "$ssync" filter --list "$tmp/dump.sql"
measure "ssync filter -o pre.sql (default)" "$ssync" filter -o "$tmp/pre.sql" "$tmp/dump.sql"
measure "ssync filter -o pre.sql --post-sync post.sql" \
	"$ssync" filter -o "$tmp/pre.sql" --post-sync "$tmp/post.sql" "$tmp/dump.sql"
measure "  ... --keep data (all COPY data written)" \
	"$ssync" filter -o "$tmp/pre.sql" --post-sync "$tmp/post.sql" --keep data "$tmp/dump.sql"
measure "  ... --report report.txt" \
	"$ssync" filter -o "$tmp/pre.sql" --post-sync "$tmp/post.sql" --report "$tmp/r.txt" "$tmp/dump.sql"
