#!/usr/bin/env bash
# ssync dump round trips on the loadable PostgreSQL schemas of the shared
# corpus: danbooru's structure.sql, the Harbor and OpenMeter migration
# sets (their .up.sql files applied in version order).  Pagila's schema
# needs PostgreSQL 18 and pgvector, so it is not loadable on the test
# server and is left out.
. "$(dirname "$0")/../lib/common.sh"
. "$SSYNC_SRCDIR/tests/integration/data/dump_lib.sh"

if ! have_pg; then
	skip "PostgreSQL not available" 12
	done_testing
fi
if [ -z "$SSYNC_CORPUS" ]; then
	skip "corpus not found (SSYNC_CORPUS)" 12
	done_testing
fi

# load_set URL DIR [PRELUDE]: apply DIR/*.up.sql in version order, one psql run.
load_set() {
	local url=$1 dir=$2 prelude=${3:-}
	{
		[ -n "$prelude" ] && echo "$prelude"
		ls "$dir" | grep '\.up\.sql$' | sort | while read -r f; do
			printf '\\i %s\n' "$dir/$f"
		done
	} >"$T_TMP/set.sql"
	psql_cmd -d "$url" -f "$T_TMP/set.sql" >"$T_TMP/set.log" 2>&1
}

f="$SSYNC_CORPUS/danbooru__danbooru/db/structure.sql"
if [ -f "$f" ]; then
	A=$(pg_fresh_db corpus_danbooru)
	psql_cmd -d "$A" -f "$f" >"$T_TMP/danbooru.log" 2>&1
	if ok $? "danbooru structure.sql loads"; then
		dump_roundtrip "$A" corpus_danbooru_b "$T_TMP/danbooru" "danbooru"
	else
		skip "danbooru did not load" 4
	fi
else
	skip "danbooru structure.sql not in the corpus" 5
fi

d="$SSYNC_CORPUS/goharbor__harbor/make/migrations/postgresql"
if [ -d "$d" ]; then
	A=$(pg_fresh_db corpus_harbor)
	# Harbor alters golang-migrate's tracking table: it must exist first
	load_set "$A" "$d" "CREATE TABLE schema_migrations (version bigint, dirty boolean);"
	if ok $? "Harbor migrations apply"; then
		dump_roundtrip "$A" corpus_harbor_b "$T_TMP/harbor" "Harbor"
	else
		skip "Harbor did not load" 4
	fi
else
	skip "Harbor migrations not in the corpus" 5
fi

d="$SSYNC_CORPUS/openmeterio__openmeter/tools/migrate/migrations"
if [ -d "$d" ]; then
	A=$(pg_fresh_db corpus_openmeter)
	load_set "$A" "$d"
	if ok $? "OpenMeter migrations apply"; then
		dump_roundtrip "$A" corpus_openmeter_b "$T_TMP/openmeter" "OpenMeter"
	else
		skip "OpenMeter did not load" 4
	fi
else
	skip "OpenMeter migrations not in the corpus" 5
fi

done_testing
