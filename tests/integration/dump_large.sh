#!/usr/bin/env bash
# ssync dump on a generated schema of 2,000+ tables (enums, identity and
# serial columns, checks, foreign keys, indexes, views, functions,
# triggers, partitions): round trip, --split, and a fixed query count.
. "$(dirname "$0")/../lib/common.sh"
. "$SSYNC_SRCDIR/tests/integration/data/dump_lib.sh"

if ! have_pg; then
	skip "PostgreSQL not available" 9
	done_testing
fi

A=$(pg_fresh_db large_a)
sh "$SSYNC_SRCDIR/bench/dump/gen-schema.sh" 2000 >"$T_TMP/gen.sql"
psql_cmd -d "$A" -f "$T_TMP/gen.sql" >"$T_TMP/gen.log" 2>&1
ok $? "generated 2,000-table schema loads"
n=$(pg_sql large_a "SELECT count(*) FROM pg_class WHERE relkind IN ('r','p') AND relnamespace::regnamespace::text ~ '^s[0-9]$'")
ok $([ "$n" -ge 2000 ] && echo 0 || echo 1) "it has $n tables"

dump_roundtrip "$A" large_b "$T_TMP/rt" "2,000 tables"

run "$SSYNC" dump -d "$A" -v --split "$T_TMP/pre.sql" "$T_TMP/post.sql"
like "$T_ERR" "catalog: 10 queries in 3 round trips" "the same few queries whatever the size (10 with two connections)"
C=$(pg_fresh_db large_c)
psql_cmd -d "$C" -f "$T_TMP/pre.sql" >"$T_TMP/c.log" 2>&1 && psql_cmd -d "$C" -f "$T_TMP/post.sql" >>"$T_TMP/c.log" 2>&1
ok $? "--split PRE then POST load"
"$SSYNC" dump -d "$C" -o "$T_TMP/c.sql"
cmp -s "$T_TMP/c.sql" "$T_TMP/rt/a.sql"
ok $? "PRE+POST rebuild the same schema"

done_testing
