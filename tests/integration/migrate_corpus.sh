#!/usr/bin/env bash
# ssync migrate on real migration sets from the corpus: golang-migrate's
# PostgreSQL examples, Harbor, OpenMeter (up to the latest and back down),
# and golang-migrate's duplicates set (refused).
. "$(dirname "$0")/../lib/common.sh"

if [ -z "$SSYNC_CORPUS" ]; then
	skip "no corpus" 23
	done_testing
fi
if ! have_pg; then
	skip "no PostgreSQL: $SSYNC_TEST_PG_SKIP" 23
	done_testing
fi

M() { run "$SSYNC" migrate "$@"; }
last_version() { ls "$1" | sed -n 's/^\([0-9]*\)_.*\.\(up\|down\)\..*$/\1/p' | sort -n | tail -1 | sed 's/^0*//'; }
user_tables() {	# user_tables DB: tables outside the catalogs, sorted, one line
	pg_sql "$1" "SELECT coalesce(string_agg(schemaname || '.' || tablename, ' ' ORDER BY 1), '') FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
}

# golang-migrate's own PostgreSQL-compatible example sets.
for set in postgres yugabytedb; do
	dir=$SSYNC_CORPUS/golang-migrate__migrate/database/$set/examples/migrations
	db=mig_ex_$set
	U=$(pg_fresh_db "$db")
	M -path "$dir" -database "$U" up
	is "$T_RC" 0 "$set examples: up"
	is "$(printf '%s\n' "$T_ERR" | grep -c '/u ')" 9 "$set examples: 9 migrations applied"
	is "$(pg_sql "$db" "SELECT version, dirty FROM schema_migrations")" "1885849751|f" "$set examples: at the latest version"
	M -path "$dir" -database "$U" down -all
	is "$T_RC" 0 "$set examples: down -all"
	is "$(user_tables "$db")" "public.schema_migrations" "$set examples: back to empty (only the tracking table)"
	is "$(pg_sql "$db" "SELECT count(*) FROM schema_migrations")" 0 "$set examples: no version"
done

# Harbor: up-only, ALTERs the tracking table itself (0030 adds a column, 0040 drops it).
dir=$SSYNC_CORPUS/goharbor__harbor/make/migrations/postgresql
U=$(pg_fresh_db mig_harbor)
M -path "$dir" -database "$U" up
is "$T_RC" 0 "Harbor: up from empty"
is "$(pg_sql mig_harbor "SELECT version, dirty FROM schema_migrations")" "$(last_version "$dir")|f" "Harbor: at its latest version"
is "$(printf '%s\n' "$T_ERR" | grep -c '/u ')" "$(ls "$dir" | grep -c '\.up\.sql$')" "Harbor: one line per file"
ok "$([ "$(pg_sql mig_harbor "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" -gt 40 ]; echo $?)" \
	"Harbor: its tables exist"

# OpenMeter: 269 versions with ups and downs, empty files, atlas.sum beside them.
dir=$SSYNC_CORPUS/openmeterio__openmeter/tools/migrate/migrations
U=$(pg_fresh_db mig_openmeter)
M -path "$dir" -database "$U" up
is "$T_RC" 0 "OpenMeter: up from empty"
is "$(pg_sql mig_openmeter "SELECT version, dirty FROM schema_migrations")" "$(last_version "$dir")|f" "OpenMeter: at its latest version"
M -path "$dir" -database "$U" down -all
is "$T_RC" 0 "OpenMeter: down -all"
is "$(pg_sql mig_openmeter "SELECT count(*) FROM schema_migrations")" 0 "OpenMeter: no version"
# Its down files keep one backup table they create on the way up; nothing else remains.
is "$(user_tables mig_openmeter | sed 's/public\.om_migration_backup_[0-9a-z_]*//g; s/  */ /g; s/^ //; s/ $//')" \
	"public.schema_migrations" "OpenMeter: back to empty (but for the backup table its downs keep)"

# golang-migrate's duplicates set is refused before anything connects.
dir=$SSYNC_CORPUS/golang-migrate__migrate/source/httpfs/testdata/duplicates
M -path "$dir" -database "postgres://nowhere.invalid/x" up
is "$(printf '%s\n' "$T_ERR" | head -1)" "error: failed to open source, \"file://$dir\": duplicate migration file: 1_foobaz.up.sql" \
	"the duplicates set: golang-migrate's message"
is "$T_RC" 1 "... exits 1"

done_testing
