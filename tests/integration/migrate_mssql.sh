#!/usr/bin/env bash
# ssync migrate on a real SQL Server: every command, golang-migrate's
# tracking table, rows and sp_getapplock resource, failing migrations,
# GO batches (refused by default, split with x-batch-separator=GO),
# concurrent runners, drop, migrations-example/sqlserver and
# golang-migrate's own sqlserver examples up and down.
#
# Runs only where SSYNC_TEST_MSSQL_URL names a real server (a login that
# may CREATE and DROP DATABASE), e.g.
#   SSYNC_TEST_MSSQL_URL='sqlserver://sa:Passw0rd!@127.0.0.1:1433?database=master' \
#     SSYNC_TEST_FILTER=mssql make -s check
# Otherwise it reports a skip: no SQL Server can be installed on the build
# machines, and nothing stands in for one.  SQL goes to the server through
# ssync's own driver (tests/unit/test_migrate_mssql --sql URL SQL).
. "$(dirname "$0")/../lib/common.sh"

if ! have_mssql; then
	skip "SQL Server live tests need SSYNC_TEST_MSSQL_URL (a real server)" 1
	done_testing
fi
SQLC=$SSYNC_BUILDDIR/tests/unit/test_migrate_mssql
if [ ! -x "$SQLC" ] || ! "$SSYNC" version | grep -q sqlserver; then
	skip "this build has no SQL Server support (FreeTDS)" 1
	done_testing
fi

M() { run "$SSYNC" migrate "$@"; }
# ms_url DB: the suite's URL with database=DB.
ms_url() {
	local base=${SSYNC_TEST_MSSQL_URL%%\?*} query=
	case $SSYNC_TEST_MSSQL_URL in *\?*) query=${SSYNC_TEST_MSSQL_URL#*\?} ;; esac
	query=$(printf '%s' "$query" | tr '&' '\n' | grep -v '^database=' | paste -sd '&' -)
	echo "$base?database=$1${query:+&$query}"
}
ms_sql() { "$SQLC" --sql "$(ms_url "$1")" "$2"; }	# ms_sql DB SQL: rows, tab-separated
ms_fresh_db() {	# ms_fresh_db NAME: (re)create an empty database, print its URL
	"$SQLC" --sql "$SSYNC_TEST_MSSQL_URL" "IF DB_ID(N'$1') IS NOT NULL BEGIN ALTER DATABASE [$1] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [$1]; END; CREATE DATABASE [$1]" >/dev/null &&
		ms_url "$1"
}
row() { ms_sql "$1" "SELECT CAST(version AS varchar(20)) + ' ' + CAST(dirty AS varchar(1)) FROM ${2:-schema_migrations}"; }
rows() { ms_sql "$1" "SELECT COUNT(*) FROM ${2:-schema_migrations}"; }
has_table() { ms_sql "$1" "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = N'$2'"; }
first() { printf '%s\n' "$1" | head -1; }
# lock_name SCHEMA DB: golang-migrate's sp_getapplock resource, with Python's zlib.
lock_name() {
	python3 -c 'import sys, zlib; print(zlib.crc32(("%s\0%s" % (sys.argv[1], sys.argv[2])).encode()) * 1486364155 % 2**32)' "$@"
}

# --- the lifecycle --------------------------------------------------------
U=$(ms_fresh_db ssync_mig_ms) || { ok 1 "cannot create a database on the server SSYNC_TEST_MSSQL_URL names"; done_testing; }
D=$T_TMP/m
mkdir -p "$D"
printf 'CREATE TABLE t1 (id int PRIMARY KEY);\n' >"$D/1_one.up.sql"
printf 'DROP TABLE t1;\n' >"$D/1_one.down.sql"
printf 'CREATE TABLE t2 (id int);\nINSERT INTO t2 VALUES (1), (2);\n' >"$D/2_two.up.sql"
printf 'DROP TABLE t2;\n' >"$D/2_two.down.sql"
printf -- '-- nothing to undo\n' >"$D/3_three.up.sql"
printf 'CREATE VIEW v4 AS SELECT 1 AS x;\n' >"$D/4_four.up.sql"
printf 'DROP VIEW v4;\n' >"$D/4_four.down.sql"

M -path "$D" -database "$U" version
is "$T_ERR" "error: no migration" "version with no migration"
is "$(ms_sql ssync_mig_ms "SELECT COLUMN_NAME + ' ' + DATA_TYPE + ' ' + IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = N'schema_migrations' ORDER BY ORDINAL_POSITION" | paste -sd '|' -)" \
	"version bigint NO|dirty bit NO" "opening created golang-migrate's table [dbo].[schema_migrations]"
M -path "$D" -database "$U" up 2
like "$T_ERR" $'^1/u one .*\n2/u two ' "up 2"
is "$(row ssync_mig_ms)" "2 0" "row (2, 0)"
M -path "$D" -database "$U" up
like "$T_ERR" $'^3/u three .*\n4/u four ' "up applies the rest"
M -path "$D" -database "$U" up
is "$T_ERR" "no change" "no change"
M -path "$D" -database "$U" down 1
like "$T_ERR" '^4/d four ' "down 1"
M -path "$D" -database "$U" goto 1
like "$T_ERR" $'^3/d <empty> .*\n2/d two ' "goto 1"
M -path "$D" -database "$U" down -all
like "$T_ERR" '^1/d one ' "down -all"
is "$(rows ssync_mig_ms)" 0 "no version: the table is empty"
M -path "$D" -database "$U" force 3
is "$(row ssync_mig_ms)" "3 0" "force 3"
M -path "$D" -database "$U" force -- -1
is "$(rows ssync_mig_ms)" 0 "force -1"
M -path "$D" -database "$U" up 1
printf 'DROP TABLE nosuch;\n' >"$D/1_one.down.sql"
M -path "$D" -database "$U" down -all
is "$(row ssync_mig_ms)" "-1 1" "a failed first down leaves (-1, dirty)"
M -path "$D" -database "$U" force 1
printf 'DROP TABLE t1;\n' >"$D/1_one.down.sql"

# --- failing migrations and GO batches ----------------------------------------
E=$T_TMP/e
mkdir -p "$E"
U=$(ms_fresh_db ssync_mig_ms_err)
printf 'CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n\nINSERT INTO nosuch VALUES (2);\n' >"$E/1_fail.up.sql"
M -path "$E" -database "$U" up
is "$T_RC" 1 "a failing statement: exit 1"
is "$(first "$T_ERR")" "error: migration failed: Invalid object name 'nosuch'. in line 4: CREATE TABLE a (id int);" \
	"by default golang-migrate's own text comes first (the server's line, the whole file)"
M -path "$E" -database "$U" force -- -1
ms_sql ssync_mig_ms_err "DROP TABLE a" >/dev/null
M --short-errors -path "$E" -database "$U" up
like "$(first "$T_ERR")" "^error: migration failed in $E/1_fail.up.sql:4:1: Msg 208: Invalid object name 'nosuch'\\.$" \
	"--short-errors: the server's line maps to the file, with the error number"
is "$(row ssync_mig_ms_err)" "1 1" "row (1, dirty)"
M -path "$E" -database "$U" force -- -1
ms_sql ssync_mig_ms_err "DROP TABLE a" >/dev/null
printf 'CREATE TABLE g1 (id int);\nGO\nCREATE TABLE g2 (id int);\nGO\n' >"$E/1_fail.up.sql"
M --short-errors -path "$E" -database "$U" up
like "$(first "$T_ERR")" "^error: migration failed in $E/1_fail.up.sql:[0-9]+:1: Msg 102: Incorrect syntax near 'GO'" \
	"GO lines are sent as they are and fail, as with golang-migrate"
M -path "$E" -database "$U" force -- -1
ms_sql ssync_mig_ms_err "IF OBJECT_ID(N'g1') IS NOT NULL DROP TABLE g1" >/dev/null
M -path "$E" -database "$U&x-batch-separator=GO" up
is "$T_RC" 0 "x-batch-separator=GO: the file runs batch by batch"
is "$(has_table ssync_mig_ms_err g2)" 1 "... every batch ran"
printf 'CREATE TABLE g3 (id int);\nGO\n\nINSERT INTO g3 VALUES (1);\nINSERT INTO nosuch VALUES (2);\nGO\n' >"$E/2_fail.up.sql"
M --short-errors -path "$E" -database "$U&x-batch-separator=GO" up
like "$(first "$T_ERR")" "^error: migration failed in $E/2_fail.up.sql:5:1: Msg 208: " \
	"... an error in the second batch is placed in the file"
M -path "$E" -database "$U" force 1
rm "$E/2_fail.up.sql"
ms_sql ssync_mig_ms_err "DROP TABLE g3" >/dev/null
printf 'BEGIN TRAN;\nCREATE TABLE open1 (id int);\n' >"$E/2_open.up.sql"
M --short-errors -path "$E" -database "$U" up
like "$(first "$T_ERR")" "the migration left a transaction open" "a file that leaves a transaction open fails"
is "$(has_table ssync_mig_ms_err open1)" 0 "... and is rolled back"
M -path "$E" -database "$U" force 1
rm "$E/2_open.up.sql"

# --- the lock ------------------------------------------------------------------
U=$(ms_fresh_db ssync_mig_ms_lock)
want=$(lock_name dbo ssync_mig_ms_lock)
L=$T_TMP/l
mkdir -p "$L"
printf 'CREATE TABLE a (id int);\n' >"$L/1_a.up.sql"
printf "CREATE TABLE slow (id int);\nWAITFOR DELAY '00:00:03';\n" >"$L/2_slow.up.sql"
"$SSYNC" migrate -path "$L" -database "$U" up >"$T_TMP/a.out" 2>"$T_TMP/a.err" &
A=$!
held=1
for i in $(seq 1 100); do
	[ "$(ms_sql ssync_mig_ms_lock "SELECT APPLOCK_TEST('public', N'$want', 'Exclusive', 'Session')")" = 0 ] && { held=0; break; }
	sleep 0.1
done
ok "$held" "while migrating, application lock '$want' (crc32 of 'dbo\\0ssync_mig_ms_lock', by Python) is held"
wait "$A"
is "$?" 0 "the run succeeds"
is "$(ms_sql ssync_mig_ms_lock "SELECT APPLOCK_TEST('public', N'$want', 'Exclusive', 'Session')")" 1 "the lock is released"

U=$(ms_fresh_db ssync_mig_ms_many)
C=$T_TMP/many
mkdir -p "$C"
printf 'CREATE TABLE applied (v int);\n' >"$C/1_init.up.sql"
for v in $(seq 2 25); do
	printf "INSERT INTO applied VALUES (%d);\nWAITFOR DELAY '00:00:00.020';\n" "$v" >"$C/${v}_step.up.sql"
done
pids=
for i in 1 2 3 4 5 6 7 8; do
	"$SSYNC" migrate -path "$C" -database "$U" up >"$T_TMP/r$i.out" 2>"$T_TMP/r$i.err" &
	pids="$pids $!"
done
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
is "$fails" 0 "8 concurrent 'up' runs all exit 0"
is "$(ms_sql ssync_mig_ms_many "SELECT CAST(COUNT(*) AS varchar) + ' ' + CAST(COUNT(DISTINCT v) AS varchar) FROM applied")" "24 24" \
	"every migration was applied exactly once"

# --- drop, the examples ---------------------------------------------------------
X=$SSYNC_SRCDIR/migrations-example/sqlserver
U=$(ms_fresh_db ssync_mig_ms_example)
M -path "$X" -database "$U" up
is "$T_RC" 0 "migrations-example/sqlserver: up"
is "$(row ssync_mig_ms_example)" "6 0" "... row (6, 0)"
ms_sql ssync_mig_ms_example "INSERT INTO dbo.posts (user_id, title, body) VALUES (1, N't', N'b')" >/dev/null
is "$(ms_sql ssync_mig_ms_example "SELECT post_count FROM dbo.users")" 1 "... its trigger counts the post"
M -path "$X/with-go-batches" -database "$U&x-migrations-table=tag_migrations&x-batch-separator=GO" up
is "$T_RC" 0 "migrations-example/sqlserver/with-go-batches with x-batch-separator=GO"
is "$(ms_sql ssync_mig_ms_example "SELECT COUNT(*) FROM dbo.tags")" 2 "... its three batches ran"
M -path "$X/with-go-batches" -database "$U&x-migrations-table=tag_migrations&x-batch-separator=GO" down -all
is "$(has_table ssync_mig_ms_example tags)" 0 "... and down"
M -path "$X" -database "$U" down -all
is "$T_RC" 0 "migrations-example/sqlserver: down -all"
is "$(ms_sql ssync_mig_ms_example "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME NOT IN (N'schema_migrations', N'tag_migrations')")" 0 \
	"... only the tracking tables are left"
M -path "$X" -database "$U" up
M -database "$U" drop -f
is "$T_RC" 0 "drop -f"
is "$(ms_sql ssync_mig_ms_example "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'")" 0 \
	"every table is gone (foreign keys first), the tracking table too"

G=${SSYNC_CORPUS:+$SSYNC_CORPUS/golang-migrate__migrate/database/sqlserver/examples/migrations}
if [ -z "$G" ] || [ ! -d "$G" ]; then
	skip "corpus not found" 3
else
	U=$(ms_fresh_db ssync_mig_ms_gm)
	M -path "$G" -database "$U" up
	is "$T_RC" 0 "golang-migrate's sqlserver examples: up"
	is "$(row ssync_mig_ms_gm)" "1885849751 0" "... to the last version"
	M -path "$G" -database "$U" down -all
	is "$(rows ssync_mig_ms_gm)" 0 "... and down"
fi

done_testing
