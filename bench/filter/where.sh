#!/bin/bash
# where.sh [MB] - where the CPU time of ssync filter goes, next to the bare
# splitter's, on a generated pg_dump-style file of MB megabytes (default
# 200): perf samples (cpu-clock, 10 kHz, with call chains) counted by what
# the process was doing: its own code, or the system call it was in
# (reading the input, writing the outputs, copying each output behind its
# header, replacing the previous file, removing the temporary one).  Needs
# perf allowed to sample the kernel (perf_event_paranoid <= 1, or root).
# Shares of one run each: sampling slows a run down, and the load of a
# shared machine moves the totals, so compare the shares (for the time
# itself see bench/filter/run.sh).  Run from the build directory after
# "make".
set -eu
mb=${1:-200}
here=$(cd "$(dirname "$0")" && pwd)
build=$(pwd)
ssync=$build/ssync
split=$build/bench/filter/split-bench
[ -x "$ssync" ] && [ -x "$split" ] || { echo "run from the build directory after make" >&2; exit 2; }
command -v perf >/dev/null 2>&1 || { echo "needs perf" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ssync-bench-where.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$here/gen-dump.sh" "$mb" >"$tmp/dump.sql"
cat "$tmp/dump.sql" >/dev/null	# warm the page cache
cd "$tmp"

# where NAME CMD...: one run, the second of two (the first makes the output files exist)
where() {
	name=$1
	shift
	"$@" >/dev/null 2>&1
	perf record -q -e cpu-clock -F 10000 -g -o perf.data "$@" >/dev/null 2>&1
	echo "$name:"
	perf script -i perf.data 2>/dev/null | awk '
	/^[^ \t]/ { if (started) tally(); started = 1; stack = ""; next }
	/^[ \t]*$/ { next }
	{ stack = stack " " $2 }
	function tally(   k) {
		k = "own code (user space)"
		if (stack ~ /copy_file_range/) k = "copy_file_range: each output behind its header"
		else if (stack ~ /ksys_write/) k = "write: the outputs"
		else if (stack ~ /ksys_read/) k = "read: the input"
		else if (stack ~ /do_renameat/) k = "rename: over the previous output (freed)"
		else if (stack ~ /do_unlinkat/) k = "unlink: the temporary body"
		else if (stack ~ /exc_page_fault/) k = "page faults"
		else if (stack ~ /entry_SYSCALL/) k = "other system calls"
		c[k]++; n++
	}
	END {
		tally()
		for (k in c) printf "  %5.1f%%  %s\n", 100 * c[k] / n, k
	}' | sort -k1,1 -rn
}
where "split (sqlparse lexer alone)" "$split" dump.sql
where "ssync filter -o pre.sql" "$ssync" filter -o pre.sql dump.sql
where "ssync filter -o pre.sql --post-sync post.sql" "$ssync" filter -o pre.sql --post-sync post.sql dump.sql
