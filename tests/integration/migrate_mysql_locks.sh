#!/usr/bin/env bash
# ssync migrate on MariaDB: golang-migrate's GET_LOCK name (computed here
# independently, seen through IS_USED_LOCK while ssync holds it), runners
# waiting on each other, 8 concurrent runners, lock timeouts, x-no-lock,
# and signals.
. "$(dirname "$0")/../lib/common.sh"

if ! have_mysql; then
	skip "no MariaDB: ${SSYNC_TEST_MYSQL_SKIP:-not started}" 1
	done_testing
fi

first() { printf '%s\n' "$1" | head -1; }
q() { my_cli -N -B -e "$1"; }	# q SQL: a query outside any database
row() { my_sql "$1" "SELECT version, dirty FROM ${2:-schema_migrations}"; }
# lock_name DB TABLE: golang-migrate's GET_LOCK name, with Python's zlib.
lock_name() {
	python3 -c 'import sys, zlib; print(zlib.crc32(("%s:%s" % (sys.argv[1], sys.argv[2])).encode()) * 1486364155 % 2**32)' "$@"
}
# wait_sql SQL: wait (up to 15 s) until SQL answers something other than empty, 0 or NULL.
wait_sql() {
	local i v
	for i in $(seq 1 150); do
		v=$(q "$1" 2>/dev/null)
		[ -n "$v" ] && [ "$v" != 0 ] && [ "$v" != NULL ] && return 0
		sleep 0.1
	done
	return 1
}
# The session running a statement that starts with TEXT.
session_of() { echo "(SELECT id FROM information_schema.processlist WHERE info LIKE '$1%' LIMIT 1)"; }
bg() {	# bg NAME CMD...: run in the background; output in $T_TMP/NAME.{out,err}, pid in $BG
	local name=$1
	shift
	"$@" >"$T_TMP/$name.out" 2>"$T_TMP/$name.err" &
	BG=$!
}

D=$T_TMP/m
mkdir -p "$D"
printf 'CREATE TABLE a (id int);\n' >"$D/1_a.up.sql"
printf 'CREATE TABLE slow (id int);\nSELECT SLEEP(3);\n' >"$D/2_slow.up.sql"
printf 'CREATE TABLE c (id int);\n' >"$D/3_c.up.sql"

# --- the lock name, seen through IS_USED_LOCK ---------------------------------
U=$(my_fresh_db mig_my_lock)
want=$(lock_name mig_my_lock schema_migrations)
bg a "$SSYNC" migrate -path "$D" -database "$U" up
A=$BG
wait_sql "SELECT IS_USED_LOCK('$want') = $(session_of 'SELECT SLEEP(3)')"
ok $? "while migrating, IS_USED_LOCK('$want') is the migrating session (crc32 of 'mig_my_lock:schema_migrations' by Python)"
bg b "$SSYNC" migrate -path "$D" -database "$U" up
B=$BG
wait_sql "SELECT count(*) FROM information_schema.processlist WHERE info LIKE 'SELECT GET_LOCK(''$want''%'"
ok $? "a second runner waits in GET_LOCK('$want', ...)"
wait "$A"
is "$?" 0 "the first runner succeeds"
wait "$B"
is "$?" 0 "the second runner succeeds"
like "$(cat "$T_TMP/a.err")" $'1/u a .*\n2/u slow .*\n3/u c ' "the first applied everything"
is "$(cat "$T_TMP/b.err")" "no change" "the second found no change"
is "$(q "SELECT IS_USED_LOCK('$want')")" NULL "the lock is released"

# A custom table is part of the name: another lock.
U2=$(my_fresh_db mig_my_lock2)
want2=$(lock_name mig_my_lock2 my_versions)
bg a "$SSYNC" migrate -path "$D" -database "$U2?x-migrations-table=my_versions" up
A=$BG
wait_sql "SELECT IS_USED_LOCK('$want2') = $(session_of 'SELECT SLEEP(3)')"
ok $? "x-migrations-table=my_versions: lock $want2 ('mig_my_lock2:my_versions')"
wait "$A"
is "$(row mig_my_lock2 my_versions)" "3	0" "... and the run completes"

# The database named by DATABASE() when the DSN has none is the same name.
ok "$([ "$(lock_name app schema_migrations)" = 2938252834 ] && [ "$(lock_name lkm schema_migrations)" = 410179087 ]; echo $?)" \
	"the Python formula gives the spec's worked values (app: 2938252834, lkm: 410179087)"

# x-no-lock: no GET_LOCK at all.
U3=$(my_fresh_db mig_my_nolock)
want3=$(lock_name mig_my_nolock schema_migrations)
bg a "$SSYNC" migrate -path "$D" -database "$U3?x-no-lock=true" up
A=$BG
wait_sql "SELECT count(*) FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(3)%'"
is "$(q "SELECT IS_USED_LOCK('$want3')")" NULL "x-no-lock=true: no lock while migrating"
wait "$A"
is "$?" 0 "... and the run succeeds"

# --- lock timeouts --------------------------------------------------------------
U4=$(my_fresh_db mig_my_lock4)
want4=$(lock_name mig_my_lock4 schema_migrations)
my_cli -e "SELECT GET_LOCK('$want4', 0); SELECT SLEEP(14)" >/dev/null 2>&1 &
H=$!
wait_sql "SELECT IS_USED_LOCK('$want4')"
run "$SSYNC" migrate --strict-lock-timeout -lock-timeout 1 -path "$D" -database "$U4" up
is "$(first "$T_ERR")" "error: failed to open database: timeout: can't acquire database lock" \
	"--strict-lock-timeout -lock-timeout 1: the first lock gives up after a second"
is "$T_RC" 1 "... exit 1"
run "$SSYNC" migrate -lock-timeout 1 -path "$D" -database "$U4" up
is "$(first "$T_ERR")" "error: failed to open database: can't acquire lock" \
	"without it, golang-migrate's GET_LOCK(name, 10): the first lock gives up after 10 seconds"
like "$T_ERR" "hint: another run holds the MySQL lock GET_LOCK\\('$want4'\\)" "... the hint names the lock"
wait "$H"
run "$SSYNC" migrate -lock-timeout 1 -path "$D" -database "$U4" up 1
is "$T_RC" 0 "once the holder is gone the lock is free"

# --- 8 concurrent runners -----------------------------------------------------------
U5=$(my_fresh_db mig_my_many)
C=$T_TMP/many
mkdir -p "$C"
printf 'CREATE TABLE applied (v int);\n' >"$C/1_init.up.sql"
for v in $(seq 2 25); do
	printf 'INSERT INTO applied VALUES (%d);\nDO SLEEP(0.02);\n' "$v" >"$C/${v}_step.up.sql"
done
pids=
for i in 1 2 3 4 5 6 7 8; do
	"$SSYNC" migrate -path "$C" -database "$U5" up >"$T_TMP/r$i.out" 2>"$T_TMP/r$i.err" &
	pids="$pids $!"
done
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
is "$fails" 0 "8 concurrent 'up' runs all exit 0"
is "$(my_sql mig_my_many "SELECT concat(count(*), ' ', count(DISTINCT v)) FROM applied")" "24 24" \
	"every migration was applied exactly once"
is "$(cat "$T_TMP"/r*.err | grep -c '/u ')" 25 "25 progress lines in all"
is "$(row mig_my_many)" "25	0" "row (25, 0)"

# --- signals --------------------------------------------------------------------------
# SIGINT during a migration: it finishes (body and clean row), no other starts.
U6=$(my_fresh_db mig_my_int)
want6=$(lock_name mig_my_int schema_migrations)
bg s "$SSYNC" migrate -path "$D" -database "$U6" up
S=$BG
wait_sql "SELECT count(*) FROM information_schema.processlist WHERE db = 'mig_my_int' AND info LIKE 'SELECT SLEEP(3)%'"
kill -INT "$S"
wait "$S"
is "$?" 130 "SIGINT: exit 130"
err=$(cat "$T_TMP/s.err")
like "$err" 'Stopping after this running migration \.\.\.' "SIGINT: golang-migrate's message"
like "$err" '2/u slow ' "the running migration finished"
unlike "$err" '3/u c' "the next one did not start"
is "$(row mig_my_int)" "2	0" "row (2, 0)"
is "$(q "SELECT IS_USED_LOCK('$want6')")" NULL "the lock was released"

# A second signal stops the running statement (KILL QUERY); the row stays dirty.
U7=$(my_fresh_db mig_my_int2)
want7=$(lock_name mig_my_int2 schema_migrations)
printf 'CREATE TABLE slow (id int);\nSELECT SLEEP(30);\n' >"$D/2_slow.up.sql"
bg s "$SSYNC" migrate -path "$D" -database "$U7" up
S=$BG
wait_sql "SELECT count(*) FROM information_schema.processlist WHERE db = 'mig_my_int2' AND info LIKE 'SELECT SLEEP(30)%'"
kill -INT "$S"
sleep 0.3
kill -INT "$S"
wait "$S"
is "$?" 130 "two SIGINTs: exit 130"
err=$(cat "$T_TMP/s.err")
like "$err" 'Cancelling what the database runs now' "the second signal cancels"
like "$err" 'Error 1317: Query execution was interrupted' "the server stopped the statement"
like "$err" '\(SQLSTATE 70100\)' "... with its SQLSTATE"
is "$(row mig_my_int2)" "2	1" "row (2, dirty)"
is "$(q "SELECT count(*) FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(30)%'")" 0 \
	"nothing runs on the server any more"
is "$(q "SELECT IS_USED_LOCK('$want7')")" NULL "the lock was released"

# SIGINT while waiting for the lock ends the wait at once (KILL QUERY of the GET_LOCK).
U8=$(my_fresh_db mig_my_int3)
want8=$(lock_name mig_my_int3 schema_migrations)
my_cli -e "SELECT GET_LOCK('$want8', 0); SELECT SLEEP(8)" >/dev/null 2>&1 &
H=$!
wait_sql "SELECT IS_USED_LOCK('$want8')"
bg s "$SSYNC" migrate -path "$D" -database "$U8" up
S=$BG
wait_sql "SELECT count(*) FROM information_schema.processlist WHERE info LIKE 'SELECT GET_LOCK(''$want8''%'"
kill -INT "$S"
wait "$S"
is "$?" 130 "SIGINT while waiting for the lock: exit 130"
like "$(cat "$T_TMP/s.err")" 'hint: interrupted while waiting for the migration lock' "... saying so"
is "$(q "SELECT count(*) FROM information_schema.processlist WHERE info LIKE 'SELECT GET_LOCK(''$want8''%'")" 0 \
	"... and its GET_LOCK no longer waits on the server"
kill "$H" 2>/dev/null
wait "$H" 2>/dev/null

done_testing
