#!/usr/bin/env bash
# PostgreSQL splitting checked against the real server: psql -f running a
# whole file and sqlp-exec running ssync's split statements one at a time
# through the driver must leave the same schema (pg_dump -s of the
# database) and agree on success or failure; both stop at the first error.
# Inputs: the corpus's PostgreSQL dumps and migration directories (each
# directory's .up.sql files applied in order on one database).
. "$(dirname "$0")/../lib/common.sh"

EXEC="$SSYNC_BUILDDIR/tests/sqlparse/sqlp-exec"
if ! have_pg; then
	skip "PostgreSQL not available: ${SSYNC_TEST_PG_SKIP:-}"
	done_testing
fi
if [ -z "$SSYNC_CORPUS" ] || [ ! -x "$EXEC" ]; then
	skip "corpus or sqlp-exec missing"
	done_testing
fi

# schema of a database, without pg_dump's random \restrict keys
schema() {
	pg_dump -s -d "$(pg_url "$1")" 2>&1 | grep -v -e '^\\restrict' -e '^\\unrestrict'
}

# compare NAME PREP FILE...: run the files in order both ways, PREP (SQL)
# first on each fresh database
compare() {
	local name=$1 prep=$2 f psql_rc=0 exec_rc=0
	shift 2
	pg_fresh_db sqlp_psql >/dev/null
	pg_fresh_db sqlp_exec >/dev/null
	if [ -n "$prep" ]; then
		pg_sql sqlp_psql "$prep" >/dev/null
		pg_sql sqlp_exec "$prep" >/dev/null
	fi
	for f in "$@"; do
		psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_url sqlp_psql)" -f "$f" \
			>>"$T_TMP/psql.out" 2>&1 || { psql_rc=1; break; }
	done
	for f in "$@"; do
		"$EXEC" --dialect postgres "$(pg_url sqlp_exec)" "$f" >>"$T_TMP/exec.out" 2>&1 ||
			{ exec_rc=1; break; }
	done
	diag "$name: psql exit $psql_rc, one-at-a-time exit $exec_rc"
	is "$exec_rc" "$psql_rc" "$name: statements one at a time succeed/fail like psql -f"
	schema sqlp_psql >"$T_TMP/psql.schema"
	schema sqlp_exec >"$T_TMP/exec.schema"
	if grep -q '^pg_dump: error' "$T_TMP/psql.schema" "$T_TMP/exec.schema"; then
		ok 1 "$name: pg_dump could not read the schemas"
		grep -h '^pg_dump: error' "$T_TMP/psql.schema" "$T_TMP/exec.schema" | sed 's/^/# /'
	elif cmp -s "$T_TMP/psql.schema" "$T_TMP/exec.schema"; then
		ok 0 "$name: same schema as psql -f ($(grep -c '^CREATE' "$T_TMP/psql.schema") CREATE statements)"
	else
		ok 1 "$name: same schema as psql -f"
		diff "$T_TMP/psql.schema" "$T_TMP/exec.schema" | head -20 | sed 's/^/# /'
		tail -3 "$T_TMP/psql.out" | sed 's/^/# psql: /'
		tail -3 "$T_TMP/exec.out" | sed 's/^/# exec: /'
	fi
}

C=$SSYNC_CORPUS
compare danbooru/structure.sql "" "$C/danbooru__danbooru/db/structure.sql"
compare pagila-schema.sql "" "$C/devrimgunduz__pagila/pagila-schema.sql"
mapfile -t ups < <(find "$C/goharbor__harbor/make/migrations/postgresql" -name '*.up.sql' | sort)
compare "harbor migrations (${#ups[@]})" \
	"CREATE TABLE schema_migrations (version bigint NOT NULL, dirty boolean NOT NULL)" "${ups[@]}"
mapfile -t ups < <(find "$C/openmeterio__openmeter/tools/migrate/migrations" -name '*.up.sql' | sort)
compare "openmeter migrations (${#ups[@]})" "" "${ups[@]}"
mapfile -t ups < <(find "$C/golang-migrate__migrate/database/postgres/examples/migrations" -name '*.up.sql' | sort)
compare "golang-migrate postgres examples (${#ups[@]})" "" "${ups[@]}"
done_testing
