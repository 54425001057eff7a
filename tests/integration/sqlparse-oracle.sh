#!/usr/bin/env bash
# The PostgreSQL grammar as oracle: for every corpus file listed in
# pg-statement-counts.tsv (statement counts from libpg_query, psql
# backslash lines blanked), "ssync filter --list" must find the same number
# of statements once psql-meta and copy-data items are left out.
SSYNC_NO_SERVERS=1
. "$(dirname "$0")/../lib/common.sh"

tsv=${SSYNC_CORPUS:+$SSYNC_CORPUS/pg-statement-counts.tsv}
if [ -z "$tsv" ] || [ ! -f "$tsv" ]; then
	skip "corpus with pg-statement-counts.tsv not found"
	done_testing
fi

files=0
while IFS=$'\t' read -r want file; do
	case "$want" in ''|statements) continue ;; esac
	files=$((files + 1))
	run "$SSYNC" filter --list --dialect postgres "$SSYNC_CORPUS/$file"
	if [ "$T_RC" -ne 0 ]; then
		ok 1 "$file splits"
		diag "$T_ERR"
		continue
	fi
	got=$(printf '%s\n' "$T_OUT" | awk -F'\t' 'NF && $2 != "psql-meta" && $2 != "copy-data"' | wc -l)
	is "$got" "$want" "$file: $want statements"
done <"$tsv"
ok "$([ "$files" -gt 0 ]; echo $?)" "the oracle lists files ($files)"
done_testing
