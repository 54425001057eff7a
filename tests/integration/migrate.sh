#!/usr/bin/env bash
# ssync migrate: every command and flag, with golang-migrate's messages and
# exit codes, against the suite's PostgreSQL.
. "$(dirname "$0")/../lib/common.sh"

M() { run "$SSYNC" migrate "$@"; }
row() { pg_sql "$1" "SELECT version, dirty FROM ${2:-schema_migrations}"; }
first() { printf '%s\n' "$1" | head -1; }

# --- flags that need no database ------------------------------------------
M -version
is "$T_RC" 0 "-version exits 0"
like "$T_ERR" '^[0-9]+\.[0-9]+\.[0-9]+$' "-version prints the bare version on stderr"
is "$T_OUT" "" "-version writes nothing on stdout"
M -version -help
like "$T_ERR" '^[0-9]+\.' "-version wins over -help"
M -help
is "$T_RC" 0 "-help exits 0"
like "$T_OUT" 'goto V' "-help lists the commands"
M
is "$T_RC" 2 "no command exits 2"
M bogus
is "$T_RC" 2 "an unknown command exits 2"
like "$T_ERR" "unknown migrate command 'bogus'" "the unknown command is named"
M -bogus up
is "$T_RC" 2 "an unknown flag exits 2"
M -prefetch x up
is "$T_RC" 2 "a bad -prefetch value exits 2"
M -lock-timeout=0x10 -prefetch 0 -path /nonexistent up
is "$T_RC" 1 "Go integer syntax for -lock-timeout (0x10), -prefetch 0 accepted"
for v in up down goto force version drop create; do
	M "$v" -help
	is "$T_RC" 0 "$v -help exits 0"
done

# --- URL and source errors ------------------------------------------------
unset DATABASE_URL
M -path /tmp up
is "$T_ERR" "error: failed to parse scheme from database URL: URL cannot be empty" "no database URL"
is "$T_RC" 1 "... exits 1"
M -database nourl -path /tmp up
is "$T_ERR" "error: failed to parse scheme from database URL: no scheme" "a database URL without scheme"
M -database postgres://x/y up
is "$T_ERR" "error: failed to parse scheme from source URL: URL cannot be empty" "no source URL"
M -path /nonexistent-dir -database postgres://x/y up
is "$T_ERR" 'error: failed to open source, "file:///nonexistent-dir": open /nonexistent-dir/.: no such file or directory' \
	"a missing directory"
M -path /tmp -database foo://x up
like "$T_ERR" '^error: failed to open database: database driver: unknown driver foo \(forgotten import\?\)' \
	"an unknown database driver"

if ! have_pg; then
	skip "no PostgreSQL: $SSYNC_TEST_PG_SKIP" 94
	done_testing
fi

# --- the lifecycle --------------------------------------------------------
U=$(pg_fresh_db mig_cli)
D=$T_TMP/m
mkdir -p "$D"
printf 'CREATE TABLE t1 (id int primary key);\n' >"$D/1_one.up.sql"
printf 'DROP TABLE t1;\n' >"$D/1_one.down.sql"
printf 'CREATE TABLE t2 (id int);\n' >"$D/2_two.up.sql"
printf 'DROP TABLE t2;\n' >"$D/2_two.down.sql"
printf -- '-- nothing to undo\n' >"$D/3_three.up.sql"
printf 'CREATE VIEW v4 AS SELECT 1 AS x;\n' >"$D/4_four.up.sql"
printf 'DROP VIEW v4;\n' >"$D/4_four.down.sql"
echo 'not a migration' >"$D/README.md"

M -path "$D" -database "$U" version
is "$T_ERR" "error: no migration" "version with no migration"
is "$T_RC" 1 "... exits 1"
is "$(pg_sql mig_cli "SELECT count(*) FROM information_schema.columns WHERE table_name = 'schema_migrations'")" 2 \
	"opening created the tracking table (version, dirty)"

M -path "$D" -database "$U" up 2
is "$T_RC" 0 "up 2 exits 0"
like "$T_ERR" $'^1/u one \\([0-9.]+(ns|µs|ms|s)\\)\n2/u two \\([0-9.]+(ns|µs|ms|s)\\)$' "up 2 prints one line per migration"
is "$T_OUT" "" "nothing on stdout"
is "$(row mig_cli)" "2|f" "row is (2, clean)"
M -path "$D" -database "$U" version
is "$T_ERR" "2" "version prints 2"
is "$T_RC" 0 "version exits 0"

M -path "$D" -database "$U" up
like "$T_ERR" $'^3/u three .*\n4/u four ' "up applies the rest"
is "$(row mig_cli)" "4|f" "row is (4, clean)"
M -path "$D" -database "$U" up
is "$T_ERR" "no change" "up at the last version: no change"
is "$T_RC" 0 "no change exits 0"
M -path "$D" -database "$U" up 0
is "$T_ERR" "no change" "up 0: no change"
M -path "$D" -database "$U" up 1
is "$T_ERR" "error: file does not exist" "up 1 with nothing pending"
is "$T_RC" 1 "... exits 1"
M -path "$D" -database "$U" up x
is "$T_ERR" "error: can't read limit argument N" "up x"

M -path "$D" -database "$U" down 1
like "$T_ERR" '^4/d four ' "down 1"
is "$(row mig_cli)" "3|f" "row is (3, clean)"
M -path "$D" -database "$U" down 1
like "$T_ERR" '^3/d <empty> ' "down through an up-only version is a nil migration"
is "$(row mig_cli)" "2|f" "row is (2, clean)"
M -path "$D" -database "$U" down 0
is "$T_ERR" "no change" "down 0"
M -path "$D" -database "$U" down -all 2
is "$T_ERR" "error: -all cannot be used with other arguments" "down -all N"
M -path "$D" -database "$U" down 1 2
is "$T_ERR" "error: too many arguments" "down N M"
M -path "$D" -database "$U" down 5
like "$T_ERR" $'^2/d two .*\n1/d one .*\nerror: limit 3 short$' "down 5 from 2: applies 2, then limit 3 short"
is "$T_RC" 1 "... exits 1"
is "$(pg_sql mig_cli "SELECT count(*) FROM schema_migrations")" 0 "at no version the table is empty"
M -path "$D" -database "$U" down 1
is "$T_ERR" "error: file does not exist" "down 1 at no version"
M -path "$D" -database "$U" down -all
is "$T_ERR" "no change" "down -all at no version"

# goto
M -path "$D" -database "$U" goto 3
like "$T_ERR" $'^1/u one .*\n2/u two .*\n3/u three ' "goto 3 from nothing"
M -path "$D" -database "$U" goto 1
like "$T_ERR" $'^3/d <empty> .*\n2/d two ' "goto 1 from 3"
is "$(row mig_cli)" "1|f" "row is (1, clean)"
M -path "$D" -database "$U" goto 1
is "$T_ERR" "no change" "goto the current version"
M -path "$D" -database "$U" goto
is "$T_ERR" "error: please specify version argument V" "goto without V"
M -path "$D" -database "$U" goto x
is "$T_ERR" "error: can't read version argument V" "goto x"
M -path "$D" -database "$U" goto 7
is "$(first "$T_ERR")" "error: no migration found for version 7: read down for version 7 .: file does not existerror: no migration found for version 7: read down for version 7 .: file does not exist" \
	"goto a version the source lacks: golang-migrate's doubled message"
is "$T_RC" 1 "... exits 1"

# down with and without confirmation
M -path "$D" -database "$U" down <<<'n'
like "$T_ERR" $'Are you sure you want to apply all down migrations\\? \\[y/N\\]\nNot applying all down migrations' "down, answered n"
is "$T_RC" 1 "... exits 1"
M -path "$D" -database "$U" down </dev/null
like "$T_ERR" 'Not applying all down migrations' "down with no answer (EOF)"
M -path "$D" -database "$U" down <<<' Y '
like "$T_ERR" $'Applying all down migrations\n1/d one ' "down, answered Y"
is "$(pg_sql mig_cli "SELECT count(*) FROM schema_migrations")" 0 "everything down"

# force
M -path "$D" -database "$U" force 3
is "$T_RC" 0 "force 3"
is "$T_ERR" "" "force prints nothing"
is "$(row mig_cli)" "3|f" "force wrote (3, clean)"
M -path "$D" -database "$U" force -1
is "$T_RC" 0 "force -1 (no '--' needed)"
is "$(pg_sql mig_cli "SELECT count(*) FROM schema_migrations")" 0 "force -1 deletes the row"
M -path "$D" -database "$U" force 2
M -path "$D" -database "$U" force -- -1
is "$(pg_sql mig_cli "SELECT count(*) FROM schema_migrations")" 0 "force -- -1 works too"
M -database "$U" force -2
is "$T_ERR" "error: argument V must be >= -1" "force -2"
M -database "$U" force x
is "$T_ERR" "error: can't read version argument V" "force x"
M -database "$U" force
is "$T_ERR" "error: please specify version argument V" "force without V"
M -database "$U" force 99
M -path "$D" -database "$U" up
is "$(first "$T_ERR")" "error: no migration found for version 99: read down for version 99 .: file does not existerror: no migration found for version 99: read down for version 99 .: file does not exist" \
	"up from a version the source lacks"

# Failed first down: (-1, dirty)
M -database "$U" force 1
pg_sql mig_cli "CREATE TABLE t1 (id int)" >/dev/null 2>&1
printf 'DROP TABLE nosuch;\n' >"$D/1_one.down.sql"
M -path "$D" -database "$U" down -all
is "$T_RC" 1 "failing first down"
is "$(row mig_cli)" "-1|t" "leaves (-1, dirty)"
M -path "$D" -database "$U" version
is "$T_ERR" "error: no migration" "version says no migration for (-1, dirty)"
M -path "$D" -database "$U" up
like "$T_ERR" '^error: Dirty database version -1\. Fix and force version\.' "up says Dirty database version -1"
M -path "$D" -database "$U" force -- -1
is "$(pg_sql mig_cli "SELECT count(*) FROM schema_migrations")" 0 "force -1 clears it"
printf 'DROP TABLE t1;\n' >"$D/1_one.down.sql"

# drop
U2=$(pg_fresh_db mig_drop)
M -path "$D" -database "$U2" up
pg_sql mig_drop "CREATE SCHEMA other; CREATE TABLE other.keep (x int); CREATE TYPE mood AS ENUM ('a')" >/dev/null
M -database "$U2" drop <<<'n'
like "$T_ERR" $'Are you sure you want to drop the entire database schema\\? \\[y/N\\]\nAborted dropping the entire database schema' "drop, answered n"
is "$T_RC" 1 "... exits 1"
M -database "$U2" drop -f
is "$T_RC" 0 "drop -f"
is "$(pg_sql mig_drop "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")" 0 \
	"every table of the current schema is gone, the tracking table too"
is "$(pg_sql mig_drop "SELECT count(*) FROM other.keep")" 0 "other schemas survive"
is "$(pg_sql mig_drop "SELECT count(*) FROM pg_type WHERE typname = 'mood'")" 1 "types survive"
M -database "$U2" drop <<<'y'
like "$T_ERR" 'Dropping the entire database schema' "drop, answered y"
is "$T_RC" 0 "... exits 0"

# -verbose
U3=$(pg_fresh_db mig_verbose)
M -verbose -path "$D" -database "$U3" up 1
like "$T_ERR" '^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9:]{8} Start buffering 1/u one' "verbose: timestamped Start buffering"
like "$T_ERR" 'Read and execute 1/u one' "verbose: Read and execute"
like "$T_ERR" 'Finished 1/u one \(read [^,]+, ran [^)]+\)' "verbose: Finished ... (read, ran)"
like "$T_ERR" 'Finished after ' "verbose: Finished after"
like "$T_ERR" 'Closing source and database' "verbose: Closing source and database"
M -verbose -prefetch 0 -path "$D" -database "$U3" up 1
like "$T_ERR" 'Scheduled 2/u two' "verbose with -prefetch 0 says Scheduled"

# DATABASE_URL, --log-format json, invoked as migrate
U4=$(pg_fresh_db mig_env)
DATABASE_URL=$U4 run "$SSYNC" migrate -path "$D" up 1
is "$T_RC" 0 "DATABASE_URL is used when -database is absent"
is "$(row mig_env)" "1|f" "... and migrated that database"
M -path "$D" -database "$U4" --log-format json up 1
like "$T_ERR" '^\{"time":"[^"]+","level":"info","msg":"2/u two \(' "--log-format json progress lines"
ln -s "$SSYNC" "$T_TMP/migrate"
run "$T_TMP/migrate" -path "$D" -database "$U4" up
is "$T_RC" 0 "invoked as 'migrate'"
like "$T_ERR" '^3/u three' "... it behaves as ssync migrate"
run "$T_TMP/migrate" -help
like "$T_OUT" '^usage: migrate ' "... and calls itself migrate"

# create
C=$T_TMP/create
M create -ext sql -dir "$C" -seq init
is "$T_RC" 0 "create -seq"
is "$T_ERR" "$C/000001_init.up.sql
$C/000001_init.down.sql" "create prints the absolute paths (up, then down)"
ok "$([ -f "$C/000001_init.up.sql" ] && [ ! -s "$C/000001_init.up.sql" ]; echo $?)" "the files exist and are empty"
M create -ext .sql -dir "$C" -seq -digits 3 users
is "$(ls "$C" | tr '\n' ' ')" "000001_init.down.sql 000001_init.up.sql 002_users.down.sql 002_users.up.sql " \
	"the next sequence number, -digits 3, a leading dot in -ext"
for i in 1 2 3 4 5 6 7 8 9; do M create -ext sql -dir "$C/seq1" -seq -digits 1 "n$i"; done
is "$(ls "$C/seq1" | tail -1)" "9_n9.up.sql" "nine one-digit sequence numbers"
M create -ext sql -dir "$C/seq1" -seq -digits 1 ten
is "$T_ERR" "error: next sequence number 10 too large, at most 1 digits are allowed" "sequence overflow"
M create -ext sql -dir "$C" -seq -digits 0 x
is "$T_ERR" "error: digits must be positive" "-digits 0"
M create -ext sql -dir "$C" -seq -format unix x
is "$T_ERR" "error: the seq and format options are mutually exclusive" "-seq with -format"
M create -ext sql -dir "$C/ts" stamp
like "$T_ERR" "^$C/ts/[0-9]{14}_stamp\\.up\\.sql" "a timestamp version (default layout) in a new directory"
M create -ext sql -dir "$C/unix" -format unix stamp
like "$T_ERR" "^$C/unix/[0-9]{10}_stamp\\.up\\.sql" "-format unix"
M create -ext sql -dir "$C/tz" -tz Asia/Tokyo -format 2006 stamp
like "$T_ERR" "^$C/tz/[0-9]{4}_stamp" "-tz with a zone name"
M create -ext sql -dir "$C/tz" -tz Bogus/Zone stamp
is "$T_ERR" "unknown time zone Bogus/Zone" "an unknown -tz (no error: prefix)"
is "$T_RC" 1 "... exits 1"
M create -ext sql -dir "$C/ts2" -format 2006 stamp
M create -ext sql -dir "$C/ts2" -format 2006 stamp2
like "$T_ERR" "^error: duplicate migration version: [0-9]{4}$" "a duplicate version"
M create -ext sql
is "$T_ERR" "error: please specify name" "create without a name"
M create x
is "$T_ERR" "error: -ext flag must be specified" "create without -ext"
M create x -ext sql
is "$T_ERR" "error: -ext flag must be specified" "flags after the name are not flags (Go)"

done_testing
