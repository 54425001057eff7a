#!/bin/sh
# [SMALL_MB=4] scaling.sh [BUILDDIR]: does sqlparse take linear time on long
# runs?  Each input of long_runs.py (one construct stretched: a word, a
# dollar tag, a command line, a comment, ...) is split at SMALL_MB and at
# four times that, fed in 64 KiB chunks as bench_split does; the CPU time
# should grow about four times.  A ratio over 8 (with at least 0.1 s at the
# large size) is flagged QUADRATIC?.  Each run is cut at 60 s.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src}
small=$(( ${SMALL_MB:-4} * 1000000 ))
cc=${CC:-cc}
. "$src/bench/split/tools.sh"
bench_tools scaling.sh
mkdir "$tmp/1" "$tmp/4"
python3 "$src/bench/split/long_runs.py" "$tmp/1" "$small"
python3 "$src/bench/split/long_runs.py" "$tmp/4" $((small * 4))

cpu() {
	t=$(timeout 60 "$tmp/measure" "$tmp/bench_split" "$1" "$2" 2>/dev/null | awk '{ print $2 }')
	echo "${t:-60+}"
}
printf '%-36s %9s %9s %6s\n' input "CPU s" "CPU s 4x" ratio
flagged=0
for f in "$tmp"/1/*.sql; do
	name=$(basename "$f" .sql)
	dialect=${name##*.}
	a=$(cpu "$f" "$dialect")
	b=$(cpu "$tmp/4/$name.sql" "$dialect")
	verdict=$(awk -v a="$a" -v b="$b" 'BEGIN {
		if (b == "60+") { print "- QUADRATIC?"; exit }
		r = b / (a < 0.01 ? 0.01 : a)
		printf "%.1f%s", r, (r > 8 && b >= 0.1) ? " QUADRATIC?" : "" }')
	case $verdict in *QUADRATIC*) flagged=$((flagged + 1)) ;; esac
	printf '%-36s %9s %9s %s\n' "$name" "$a" "$b" "$verdict"
done
echo "$flagged of $(ls "$tmp"/1 | wc -l) inputs flagged"
[ "$flagged" -eq 0 ]
