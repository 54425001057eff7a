#!/usr/bin/env bash
# ssync migrate on PostgreSQL: golang-migrate's advisory-lock id (computed
# here independently and read from pg_locks), runners waiting on each
# other, 8 concurrent runners, SIGINT / SIGTERM / SIGKILL.
. "$(dirname "$0")/../lib/common.sh"

if ! have_pg; then
	skip "no PostgreSQL: $SSYNC_TEST_PG_SKIP" 35
	done_testing
fi

first() { printf '%s\n' "$1" | head -1; }
row() { pg_sql "$1" "SELECT version, dirty FROM schema_migrations"; }
# lock_id SCHEMA TABLE DB: golang-migrate's formula, with Python's zlib.
lock_id() {
	python3 -c 'import sys, zlib; print(zlib.crc32(b"\0".join(a.encode() for a in sys.argv[1:])) * 1486364155 % 2**32)' "$@"
}
# wait_sql DB SQL: wait (up to 15 s) until SQL returns a non-empty, non-zero answer.
wait_sql() {
	local i v
	for i in $(seq 1 150); do
		v=$(pg_sql "$1" "$2" 2>/dev/null)
		[ -n "$v" ] && [ "$v" != 0 ] && return 0
		sleep 0.1
	done
	return 1
}
# bg NAME CMD...: run in the background, output in $T_TMP/NAME.{out,err}, pid in $BG.
bg() {
	local name=$1
	shift
	"$@" >"$T_TMP/$name.out" 2>"$T_TMP/$name.err" &
	BG=$!
}

D=$T_TMP/m
mkdir -p "$D"
printf 'CREATE TABLE a (id int);\n' >"$D/1_a.up.sql"
printf 'CREATE TABLE slow (id int);\nSELECT pg_sleep(3);\n' >"$D/2_slow.up.sql"
printf 'CREATE TABLE c (id int);\n' >"$D/3_c.up.sql"

# --- the lock id, seen in pg_locks ----------------------------------------
U=$(pg_fresh_db mig_lock)
want=$(lock_id public schema_migrations /mig_lock)
bg a "$SSYNC" migrate -path "$D" -database "$U" up
A=$BG
wait_sql mig_lock "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $want AND objsubid = 1"
ok $? "while migrating, pg_locks shows advisory lock $want (crc32 of public/schema_migrations//mig_lock, by Python)"
# A second runner meanwhile waits on the lock, then finds nothing to do.
bg b "$SSYNC" migrate -path "$D" -database "$U" up
B=$BG
wait_sql mig_lock "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $want"
ok $? "a second runner waits on the same lock"
kill -0 "$B" 2>/dev/null
ok $? "... and is still running while the first holds it"
wait "$A"
is "$?" 0 "the first runner succeeds"
wait "$B"
is "$?" 0 "the second runner succeeds"
like "$(cat "$T_TMP/a.err")" $'1/u a .*\n2/u slow .*\n3/u c ' "the first applied everything"
is "$(cat "$T_TMP/b.err")" "no change" "the second found no change"
is "$(pg_sql mig_lock "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")" 0 "no advisory lock is left"

# Without a path in the URL the database name comes from current_database() (no slash).
U2=$(pg_fresh_db mig_lock2)
want2=$(lock_id public my_table mig_lock2)
bg a "$SSYNC" migrate -path "$D" -database "postgres://postgres@127.0.0.1:$SSYNC_TEST_PG_PORT?dbname=mig_lock2&sslmode=disable&x-migrations-table=my_table" up
A=$BG
wait_sql mig_lock2 "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $want2"
ok $? "URL without a path, custom table: lock $want2 (current_database(), no slash)"
wait "$A"

# A quoted schema.table: the lock uses the unquoted names.
U3=$(pg_fresh_db mig_lock3)
pg_sql mig_lock3 "CREATE SCHEMA sch" >/dev/null
want3=$(lock_id sch Versions /mig_lock3)
bg a "$SSYNC" migrate -path "$D" -database "$U3&x-migrations-table=%22sch%22.%22Versions%22&x-migrations-table-quoted=true" up
A=$BG
wait_sql mig_lock3 "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $want3"
ok $? "quoted \"sch\".\"Versions\": lock $want3"
wait "$A"

# --- lock timeouts ----------------------------------------------------------
U4=$(pg_fresh_db mig_lock4)
want4=$(lock_id public schema_migrations /mig_lock4)
psql -X -q -d "$(pg_url mig_lock4)" -c "SELECT pg_advisory_lock($want4)" -c "SELECT pg_sleep(3)" >/dev/null 2>&1 &
H=$!
wait_sql mig_lock4 "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $want4"
run "$SSYNC" migrate --strict-lock-timeout -lock-timeout 1 -path "$D" -database "$U4" up
is "$(first "$T_ERR")" "error: failed to open database: timeout: can't acquire database lock" \
	"--strict-lock-timeout: -lock-timeout also bounds the first lock"
is "$T_RC" 1 "... exit 1"
run "$SSYNC" migrate -lock-timeout 1 -path "$D" -database "$U4" up 1
is "$T_RC" 0 "without it, golang-migrate's behaviour: the first lock waits as long as it takes"
wait "$H"

# --- 8 concurrent runners ---------------------------------------------------
U5=$(pg_fresh_db mig_many)
C=$T_TMP/many
mkdir -p "$C"
printf 'CREATE TABLE applied (v int);\n' >"$C/1_init.up.sql"
for v in $(seq 2 25); do
	printf 'INSERT INTO applied VALUES (%d);\nSELECT pg_sleep(0.02);\n' "$v" >"$C/${v}_step.up.sql"
done
pids=
for i in 1 2 3 4 5 6 7 8; do
	"$SSYNC" migrate -path "$C" -database "$U5" up >"$T_TMP/r$i.out" 2>"$T_TMP/r$i.err" &
	pids="$pids $!"
done
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
is "$fails" 0 "8 concurrent 'up' runs all exit 0"
is "$(pg_sql mig_many "SELECT count(*) || ' ' || count(DISTINCT v) FROM applied")" "24 24" \
	"every migration was applied exactly once"
is "$(cat "$T_TMP"/r*.err | grep -c '/u ')" 25 "25 progress lines in all"
is "$(row mig_many)" "25|f" "row (25, clean)"

# --- signals ----------------------------------------------------------------
# SIGINT during a migration: it finishes (body and clean row), no other starts.
U6=$(pg_fresh_db mig_int)
bg s "$SSYNC" migrate -path "$D" -database "$U6" up
S=$BG
wait_sql mig_int "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(3)%' AND state = 'active' AND pid <> pg_backend_pid()"
kill -INT "$S"
wait "$S"
is "$?" 130 "SIGINT: exit 130"
err=$(cat "$T_TMP/s.err")
like "$err" 'Stopping after this running migration \.\.\.' "SIGINT: golang-migrate's 'Stopping after this running migration ...'"
like "$err" '2/u slow ' "the running migration finished"
unlike "$err" '3/u c' "the next one did not start"
like "$err" 'error: stopped by SIGINT' "and it says why it stopped"
is "$(row mig_int)" "2|f" "row (2, clean): the table is truthful"
is "$(pg_sql mig_int "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")" 0 "the lock was released"

# SIGTERM (Kubernetes stopping a pod) does the same.
U7=$(pg_fresh_db mig_term)
bg s "$SSYNC" migrate -path "$D" -database "$U7" up
S=$BG
wait_sql mig_term "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(3)%' AND state = 'active' AND pid <> pg_backend_pid()"
kill -TERM "$S"
wait "$S"
is "$?" 143 "SIGTERM: exit 143"
is "$(row mig_term)" "2|f" "SIGTERM: the running migration finished, row (2, clean)"

# A second signal cancels the running statement: the body rolls back, the row stays dirty.
U8=$(pg_fresh_db mig_int2)
printf 'CREATE TABLE slow (id int);\nSELECT pg_sleep(30);\n' >"$D/2_slow.up.sql"
bg s "$SSYNC" migrate -path "$D" -database "$U8" up
S=$BG
wait_sql mig_int2 "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()"
kill -INT "$S"
sleep 0.3
kill -INT "$S"
wait "$S"
is "$?" 130 "two SIGINTs: exit 130"
err=$(cat "$T_TMP/s.err")
like "$err" 'Cancelling what the database runs now' "the second signal cancels"
like "$err" 'error: migration failed: canceling statement due to user request' "the server cancelled the statement"
like "$err" 'where: .*2_slow\.up\.sql.*\(SQLSTATE 57014\)' "... in 2_slow.up.sql (SQLSTATE 57014)"
is "$(row mig_int2)" "2|t" "row (2, dirty)"
is "$(pg_sql mig_int2 "SELECT count(*) FROM pg_tables WHERE tablename = 'slow'")" 0 "the cancelled file was rolled back"

# SIGINT while waiting for the lock ends the wait at once.
U9=$(pg_fresh_db mig_int3)
want9=$(lock_id public schema_migrations /mig_int3)
psql -X -q -d "$(pg_url mig_int3)" -c "SELECT pg_advisory_lock($want9)" -c "SELECT pg_sleep(20)" >/dev/null 2>&1 &
H=$!
wait_sql mig_int3 "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $want9"
bg s "$SSYNC" migrate -path "$D" -database "$U9" up
S=$BG
wait_sql mig_int3 "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $want9"
kill -INT "$S"
wait "$S"
is "$?" 130 "SIGINT while waiting for the lock: exit 130 at once"
like "$(cat "$T_TMP/s.err")" 'hint: interrupted while waiting for the migration lock' "... saying so"
kill "$H" 2>/dev/null
wait "$H" 2>/dev/null

# SIGKILL: the server drops the session lock; the row says dirty.
U10=$(pg_fresh_db mig_kill)
bg s "$SSYNC" migrate -path "$D" -database "$U10" up
S=$BG
wait_sql mig_kill "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()"
kill -KILL "$S"
wait "$S" 2>/dev/null
pg_sql mig_kill "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()" >/dev/null
wait_sql mig_kill "SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END FROM pg_locks WHERE locktype = 'advisory'"
run "$SSYNC" migrate -lock-timeout 5 -path "$D" -database "$U10" up
is "$(first "$T_ERR")" "error: Dirty database version 2. Fix and force version." \
	"after SIGKILL the lock is gone and the row says dirty"

done_testing
