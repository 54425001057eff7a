#!/bin/sh
# run.sh [MB] - ssync filter against the bare splitter on a generated
# pg_dump-style file of MB megabytes (default 200), made in a temporary
# directory and removed afterwards (never committed), and against the
# floor (bench/filter/io-floor): the split plus only the output I/O the
# filter cannot avoid, the bytes it keeps written once, or also copied
# behind a header as the filter must (its header carries final counts).
# The commands run in turn, $ROUNDS rounds (default 9); each one's run with
# the least CPU time is shown with its wall time, throughput and peak
# resident memory (GNU time).  ssync links the database client libraries:
# about 11 MB of its resident memory is there before it reads a byte.  Run
# from the build directory after "make".
set -eu
mb=${1:-200}
here=$(cd "$(dirname "$0")" && pwd)
build=$(pwd)
ssync=$build/ssync
split=$build/bench/filter/split-bench
floor=$build/bench/filter/io-floor
[ -x "$ssync" ] && [ -x "$split" ] && [ -x "$floor" ] ||
	{ echo "run from the build directory after make" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ssync-bench-filter.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$here/gen-dump.sh" "$mb" >"$tmp/dump.sql"
size=$(wc -c <"$tmp/dump.sql")
items=$("$split" "$tmp/dump.sql" | cut -d' ' -f1)
echo "input: $size bytes, $items items (statements, client lines, COPY data pieces)"
cat "$tmp/dump.sql" >/dev/null	# warm the page cache
# the floor writes as many bytes as the default profile keeps
(cd "$tmp" && "$ssync" filter -o pre.sql dump.sql) || exit 1
kept=$(wc -c <"$tmp/pre.sql")

# The commands run in turn, round after round (so that a change in the load
# of a shared machine falls on all of them alike); for each, the round with
# the least CPU time (user + system) is shown with its wall time and peak RSS.
ncmd=0
add() {	# add NAME CMD: one command of the table (CMD is run by sh in $tmp)
	ncmd=$((ncmd + 1))
	eval "name_$ncmd=\$1; cmd_$ncmd=\$2"
}
add "split (sqlparse lexer alone)" "'$split' dump.sql"
add "floor: split + the bytes of pre.sql written" "'$floor' dump.sql $kept floor.sql"
add "  ... and copied behind a header" "'$floor' dump.sql $kept floor.sql header"
add "ssync filter --list > /dev/null" "'$ssync' filter --list dump.sql"
add "ssync filter -o pre.sql (default)" "'$ssync' filter -o pre.sql dump.sql"
add "ssync filter -o pre.sql --post-sync post.sql" "'$ssync' filter -o pre.sql --post-sync post.sql dump.sql"
add "  ... --keep data (all COPY data written)" "'$ssync' filter -o pre.sql --post-sync post.sql --keep data dump.sql"
add "  ... --report report.txt" "'$ssync' filter -o pre.sql --post-sync post.sql --report r.txt dump.sql"
cd "$tmp"
round=0
while [ $round -lt "${ROUNDS:-9}" ]; do
	round=$((round + 1))
	i=1
	while [ $i -le $ncmd ]; do
		eval "c=\$cmd_$i"
		/usr/bin/time -f '%e %U %S %M' -o time sh -c "$c" >/dev/null 2>err || { cat err >&2; exit 1; }
		read -r e u sy m <time
		echo "$i $(echo "$u + $sy" | bc) $e $m" >>times
		i=$((i + 1))
	done
done
printf '%-44s %8s %8s %12s %11s  %s\n' "" "CPU" "wall" "CPU MB/s" "peak RSS" "CPU vs split"
base=
i=1
while [ $i -le $ncmd ]; do
	eval "name=\$name_$i"
	read -r _ best wall rss <<EOF_BEST
$(awk -v i=$i '$1 == i' times | sort -k2,2n | head -1)
EOF_BEST
	[ "$(echo "$best > 0" | bc)" = 1 ] || best=0.01
	[ -n "$base" ] || base=$best
	mbs=$(echo "scale=1; $size / 1048576 / $best" | bc)
	ratio=$(echo "scale=2; $best / $base" | bc | sed 's/^\./0./')
	printf '%-44s %6.2f s %6.2f s %7s MB/s %7d KiB  %s x\n' "$name" "$best" "$wall" "$mbs" "$rss" "$ratio"
	i=$((i + 1))
done

# Instructions executed in user space (valgrind), steadier than times on a
# shared machine: on a 20 MB file of the same shape.
if command -v valgrind >/dev/null 2>&1; then
	"$here/gen-dump.sh" 20 >"$tmp/small.sql"
	echo
	echo "user-space instructions on a $(wc -c <"$tmp/small.sql")-byte file (valgrind --tool=callgrind):"
	ir() {
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" >/dev/null 2>"$tmp/cg.err"
		grep -o 'refs: *[0-9,]*' "$tmp/cg.err" | tr -d ', ' | cut -d: -f2
	}
	b=$(ir "$split" "$tmp/small.sql")
	for args in "split" "--list" "-o pre.sql" "-o pre.sql --post-sync post.sql"; do
		if [ "$args" = split ]; then n=$b; name="split (sqlparse lexer alone)"; else
			# shellcheck disable=SC2086
			n=$(cd "$tmp" && ir "$ssync" filter $args "$tmp/small.sql"); name="ssync filter $args"; fi
		printf '%-44s %14d  %s x\n' "$name" "$n" "$(echo "scale=2; $n / $b" | bc | sed 's/^\./0./')"
	done
fi
