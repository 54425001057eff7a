#!/usr/bin/env bash
# ssync migrate on PostgreSQL: failing migrations (dirty row, force, the
# file:line:column of the error), how bodies run (one implicit
# transaction, x-multi-statement, x-statement-timeout), odd files.
. "$(dirname "$0")/../lib/common.sh"

if ! have_pg; then
	skip "no PostgreSQL: $SSYNC_TEST_PG_SKIP" 65
	done_testing
fi

# --short-errors: ssync's one-line report (the default, golang-migrate's text, is checked at the end).
M() { run "$SSYNC" migrate --short-errors "$@"; }
first() { printf '%s\n' "$1" | head -1; }
row() { pg_sql "$1" "SELECT version, dirty FROM schema_migrations"; }
has_table() { pg_sql "$1" "SELECT count(*) FROM pg_tables WHERE tablename = '$2'"; }

U=$(pg_fresh_db mig_err)
D=$T_TMP/m
mkdir -p "$D"
printf 'CREATE TABLE a (id int PRIMARY KEY);\n' >"$D/1_a.up.sql"
printf 'DROP TABLE a;\n' >"$D/1_a.down.sql"
printf 'CREATE TABLE e2 (id int);\nCREATE TABLE e3 (id int,);\n' >"$D/2_bad.up.sql"
printf 'DROP TABLE e2;\n' >"$D/2_bad.down.sql"

# --- a syntax error: position -> file line:column -------------------------
M -path "$D" -database "$U" up
is "$T_RC" 1 "a failing migration exits 1"
like "$T_ERR" '^1/u a ' "the good migration before it is applied"
is "$(first "$(echo "$T_ERR" | sed -n 2,99p)")" \
	"error: migration failed in $D/2_bad.up.sql:2:25: syntax error at or near \")\" (SQLSTATE 42601)" \
	"the error names file:line:column, the server message and SQLSTATE"
like "$T_ERR" $'    2 \\| CREATE TABLE e3 \\(id int,\\);\n      \\|                         \\^' \
	"the failing line is shown with a caret under the column"
like "$T_ERR" "note: the tracking table now says 2 \\(dirty\\).*'force 1'" "a note says how to recover"
is "$(row mig_err)" "2|t" "the row is left (2, dirty)"
is "$(has_table mig_err e2)" 0 "the whole file was one transaction: e2 was rolled back"
M -path "$D" -database "$U" up
is "$(first "$T_ERR")" "error: Dirty database version 2. Fix and force version." "then: Dirty database version 2"
is "$T_RC" 1 "... exits 1"
M -path "$D" -database "$U" down 1
is "$(first "$T_ERR")" "error: Dirty database version 2. Fix and force version." "down refuses too"
M -path "$D" -database "$U" goto 1
is "$(first "$T_ERR")" "error: Dirty database version 2. Fix and force version." "goto refuses too"
M -path "$D" -database "$U" version
is "$T_ERR" "2 (dirty)" "version says 2 (dirty)"
M -path "$D" -database "$U" force 1
is "$(row mig_err)" "1|f" "force 1 repairs the row"
printf 'CREATE TABLE e2 (id int);\nCREATE TABLE e3 (id int);\n' >"$D/2_bad.up.sql"
M -path "$D" -database "$U" up
like "$T_ERR" '^2/u bad ' "after fixing the file, up applies it"
is "$(row mig_err)" "2|f" "row (2, clean)"

# A failing down leaves the previous version dirty.
printf 'DROP TABLE nosuch;\n' >"$D/2_bad.down.sql"
M -path "$D" -database "$U" down 1
is "$T_RC" 1 "a failing down exits 1"
is "$(row mig_err)" "1|t" "a failed 2.down leaves (1, dirty)"
like "$(first "$T_ERR")" "^error: migration failed in $D/2_bad.down.sql:1:1: table \"nosuch\" does not exist \\(SQLSTATE 42P01\\)" \
	"the down file is named"
like "$T_ERR" "'force 2' to retry" "recovering a down means forcing the version it started from"
M -path "$D" -database "$U" force 2

# --- positions in CRLF and multibyte files --------------------------------
printf -- '-- caf\xc3\xa9 cr\xc3\xa8me \xe2\x82\xac\r\nCREATE TABLE c (n text DEFAULT '"'"'\xe2\x82\xac\xe2\x82\xac'"'"');\r\nINSERT INTO c VALUES ('"'"'\xc3\xa9'"'"', 1 +);\r\n' >"$D/3_crlf.up.sql"
M -path "$D" -database "$U" up
like "$(first "$T_ERR")" "^error: migration failed in $D/3_crlf.up.sql:3:31: syntax error at or near \"\\)\"" \
	"CRLF line ends and multibyte characters: line 3, column 31 (characters)"
like "$T_ERR" $'    3 \\| INSERT INTO c VALUES \\(\'\xc3\xa9\', 1 \\+\\);\n      \\|                               \\^' \
	"the caret lines up in characters, without the CR"
M -path "$D" -database "$U" force 2
rm "$D/3_crlf.up.sql"

# A long line (a minified statement) is cut to a window around the column.
printf "INSERT INTO a VALUES %s(1, 'x');\n" "$(printf '(1),%.0s' $(seq 1 100))" >"$D/3_long.up.sql"
M -path "$D" -database "$U" up
like "$(first "$T_ERR")" "3_long.up.sql:1:423: VALUES lists must all be the same length" "an error far into a long line"
# (column 423 is the "1" of "(1, 'x')": 4 + 12 * 4 bytes into the excerpt, plus one)
like "$T_ERR" $'    1 \\| \\.\\.\\.[(),1]+\\(1, \'x\'\\);\n      \\|    {51}\\^' "its excerpt is a window around the column, the caret under it"
M -path "$D" -database "$U" force 2
rm "$D/3_long.up.sql"

# --- errors without a position, detail, hint, context ---------------------
printf 'CREATE TABLE d (id int);\nCREATE TABLE a (id int);\n' >"$D/3_nopos.up.sql"
M -path "$D" -database "$U" up
is "$(first "$T_ERR")" "error: migration failed in $D/3_nopos.up.sql:2:1: relation \"a\" already exists (SQLSTATE 42P07)" \
	"no position from the server: the failing statement is counted and located"
M -path "$D" -database "$U" force 2
printf 'INSERT INTO a VALUES (1);\nINSERT INTO a VALUES (1);\n' >"$D/3_nopos.up.sql"
M -path "$D" -database "$U" up
like "$T_ERR" $'\ndetail: Key \\(id\\)=\\(1\\) already exists\\.' "the server's detail is shown"
is "$(pg_sql mig_err "SELECT count(*) FROM a")" 0 "the first INSERT was rolled back with the file"
M -path "$D" -database "$U" force 2
printf 'SELECT nosuchfunc(1);\n' >"$D/3_nopos.up.sql"
M -path "$D" -database "$U" up
like "$T_ERR" $'\nhint: No function matches the given name' "the server's hint is shown"
M -path "$D" -database "$U" force 2
printf 'DO $$\nBEGIN\n  PERFORM 1;\n  RAISE EXCEPTION '"'"'boom %%'"'"', 42;\nEND\n$$;\n' >"$D/3_nopos.up.sql"
M -path "$D" -database "$U" up
like "$T_ERR" 'boom 42 \(SQLSTATE P0001\)' "a PL/pgSQL exception"
like "$T_ERR" $'\ncontext: PL/pgSQL function inline_code_block line 4 at RAISE' "its context line is shown"
M -path "$D" -database "$U" force 2
rm "$D/3_nopos.up.sql"

# --- how a body runs ------------------------------------------------------
printf 'BEGIN;\nCREATE TABLE tx1 (id int);\nCOMMIT;\nCREATE TABLE tx2 (id int);\n' >"$D/3_tx.up.sql"
printf 'CREATE TABLE open1 (id int);\nBEGIN;\nCREATE TABLE open2 (id int);\n' >"$D/4_open.up.sql"
M -path "$D" -database "$U" up
like "$T_ERR" '^3/u tx ' "a file with its own BEGIN/COMMIT runs"
like "$T_ERR" "error: migration failed in $D/4_open.up.sql: the migration left a transaction open \\(BEGIN without COMMIT\\); it was rolled back" \
	"a file that leaves a transaction open fails"
is "$(row mig_err)" "4|t" "... leaving its version dirty"
is "$(has_table mig_err open2)" 0 "the open transaction was rolled back"
M -path "$D" -database "$U" force 3
rm "$D/4_open.up.sql"
printf 'BEGIN;\nCREATE TABLE inblock (id int);\nSELECT 1/0;\nCOMMIT;\n' >"$D/4_aborted.up.sql"
M -path "$D" -database "$U" up
is "$(first "$T_ERR")" "error: migration failed in $D/4_aborted.up.sql:3:1: division by zero (SQLSTATE 22012)" \
	"a failure inside the file's own BEGIN ... COMMIT"
is "$(has_table mig_err inblock)" 0 "... and nothing of it stays"
M -path "$D" -database "$U" force 3
rm "$D/4_aborted.up.sql"
printf 'CREATE INDEX CONCURRENTLY a_id ON a (id);\n' >"$D/4_cic.up.sql"
M -path "$D" -database "$U" up
like "$T_ERR" '^4/u cic ' "CREATE INDEX CONCURRENTLY alone in a file works (one statement, no transaction block)"
printf 'CREATE TABLE cic2 (id int);\nCREATE INDEX CONCURRENTLY cic2_id ON cic2 (id);\n' >"$D/5_cic2.up.sql"
M -path "$D" -database "$U" up
like "$T_ERR" 'CREATE INDEX CONCURRENTLY cannot run inside a transaction block' \
	"with another statement it fails, as under golang-migrate"
# x-multi-statement: one exec per statement, each committed on its own.
M -path "$D" -database "$U&x-multi-statement=true" force 4
M -path "$D" -database "$U&x-multi-statement=true" up
like "$T_ERR" '^5/u cic2 ' "x-multi-statement runs CONCURRENTLY after another statement"
printf 'CREATE TABLE m1 (id int);\nCREATE TABLE m2 (id int,);\n' >"$D/6_multi.up.sql"
M -path "$D" -database "$U&x-multi-statement=true" up
like "$(first "$T_ERR")" "^error: migration failed in $D/6_multi.up.sql:2:25: syntax error" \
	"x-multi-statement: the position inside a piece maps back to the file"
is "$(has_table mig_err m1)" 1 "x-multi-statement: the first statement stayed applied"
like "$T_ERR" 'note: with x-multi-statement the 1 statement before it stayed applied' "... and the report says so"
M -path "$D" -database "$U" force 5
printf 'CREATE TABLE big (t text DEFAULT '"'"'%0200d'"'"');\n' 0 >"$D/6_multi.up.sql"
M -path "$D" -database "$U&x-multi-statement=true&x-multi-statement-max-size=100" up
like "$T_ERR" 'statement 1 is longer than x-multi-statement-max-size \(100 bytes\)' "x-multi-statement-max-size"
# x-multi-statement splits where PostgreSQL would, not at every ';' byte
# (golang-migrate's cut tears dollar-quoted bodies apart: its issues #590, #698).
M -path "$D" -database "$U" force 5
cat >"$D/6_multi.up.sql" <<'EOF'
-- a comment; with a semicolon
CREATE FUNCTION semi() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN 'a;b';
END;
$$;
CREATE TABLE "semi;colon" (note text DEFAULT 'x;y');
/* block; comment */ CREATE INDEX CONCURRENTLY semi_note ON "semi;colon" (note);
EOF
M -path "$D" -database "$U&x-multi-statement=true" up
is "$T_RC" 0 "x-multi-statement: dollar quotes, strings, identifiers and comments holding ';' stay whole"
is "$(pg_sql mig_err "SELECT semi() || (SELECT count(*) FROM pg_indexes WHERE indexname = 'semi_note')")" "a;b1" \
	"... the function body is intact and CONCURRENTLY ran as its own statement"
M -path "$D" -database "$U" force 5
pg_sql mig_err 'DROP FUNCTION semi(); DROP TABLE "semi;colon"' >/dev/null
M -path "$D" -database "$U" force 5
printf 'SELECT pg_sleep(20);\n' >"$D/6_multi.up.sql"
M -path "$D" -database "$U&x-statement-timeout=300" up
like "$T_ERR" 'canceling statement due to user request' "x-statement-timeout cancels a long statement"
like "$T_ERR" 'hint: the statement timeout of 300 ms \(x-statement-timeout\) expired' "... and says so"
is "$(row mig_err)" "6|t" "... leaving the version dirty"
M -path "$D" -database "$U" force 5
M -path "$D" -database "$U&x-statement-timeout=abc" up
like "$T_ERR" 'unable to parse option x-statement-timeout' "a bad x-statement-timeout"
M -path "$D" -database "$U&x-multi-statement=maybe" up
like "$T_ERR" 'unable to parse option x-multi-statement: strconv.ParseBool: parsing "maybe": invalid syntax' \
	"a bad x-multi-statement"

# --- odd files -------------------------------------------------------------
rm "$D/6_multi.up.sql"
printf '\xef\xbb\xbfCREATE TABLE bom (id int);\n' >"$D/6_bom.up.sql"
: >"$D/7_empty.up.sql"
printf -- '-- only a comment\n/* and another */\n' >"$D/8_comment.up.sql"
printf ' \n\t\n' >"$D/9_blank.up.sql"
M -path "$D" -database "$U" up
is "$T_RC" 0 "a BOM, an empty file, a comment-only file and a blank file all apply"
is "$(has_table mig_err bom)" 1 "the BOM is not sent to the server"
is "$(row mig_err)" "9|f" "row (9, clean)"
printf 'SELECT 1;\0SELECT 2;\n' >"$D/10_nul.up.sql"
M -path "$D" -database "$U" up
like "$(first "$T_ERR")" "^error: migration failed in $D/10_nul.up.sql:1:10: the file contains a NUL byte" \
	"a NUL byte is reported where it is"
M -path "$D" -database "$U" force 9
rm "$D/10_nul.up.sql"

# The server's notices are not printed (lib/pq drops them); -verbose shows them.
printf 'DROP TABLE IF EXISTS nonexistent;\n' >"$D/10_notice.up.sql"
M -path "$D" -database "$U" up
is "$T_ERR" "$(printf '%s' "$T_ERR" | grep -v NOTICE)" "no NOTICE lines in the output"
like "$T_ERR" '^10/u notice ' "... only the progress line"
M -path "$D" -database "$U" force 9
M -verbose -path "$D" -database "$U" up
like "$T_ERR" 'NOTICE:  table "nonexistent" does not exist, skipping' "-verbose shows them"
M -path "$D" -database "$U" force 9
rm "$D/10_notice.up.sql"

# A migration that takes the tracking table away: the next row cannot be written.
U4=$(pg_fresh_db mig_gone)
mkdir -p "$T_TMP/gone"
printf 'ALTER TABLE schema_migrations RENAME TO gone;\n' >"$T_TMP/gone/1_e.up.sql"
printf 'CREATE TABLE after_gone (id int);\n' >"$T_TMP/gone/2_f.up.sql"
M -path "$T_TMP/gone" -database "$U4" up
like "$(first "$T_ERR")" '^error: cannot write version 2 to "public"."schema_migrations": relation "public.schema_migrations" does not exist' \
	"a version row that cannot be written is said so"
is "$(has_table mig_gone after_gone)" 0 "... and the next migration did not run"

# A migration may alter the tracking table (Harbor adds a column, then drops it).
printf 'ALTER TABLE schema_migrations ADD COLUMN data_version int;\n' >"$D/10_harbor.up.sql"
printf 'CREATE TABLE after_harbor (id int);\n' >"$D/11_next.up.sql"
M -path "$D" -database "$U" up
is "$T_RC" 0 "a migration that adds a column to the tracking table"
is "$(row mig_err)" "11|f" "the row protocol still works with the extra column"

# --- the default report: golang-migrate's text, then where ---------------
U3=$(pg_fresh_db mig_compat)
G=$T_TMP/g
mkdir -p "$G"
printf 'CREATE TABLE e2(id int);\nCREATE TABLE e3 (id int,);\n' >"$G/1_e.up.sql"
run "$SSYNC" migrate -path "$G" -database "$U3" up
is "$(printf '%s\n' "$T_ERR" | head -3)" 'error: migration failed: syntax error at or near ")" (column 25) in line 2: CREATE TABLE e2(id int);
CREATE TABLE e3 (id int,);
 (details: pq: syntax error at or near ")")' "by default the error is golang-migrate's, to the letter (the file follows, verbatim)"
is "$(printf '%s\n' "$T_ERR" | sed -n 4p)" "where: $G/1_e.up.sql:2:25 (SQLSTATE 42601)" "then where it is, and the SQLSTATE"
like "$T_ERR" 'note: the tracking table now says 1 \(dirty\)' "and the recovery note"
run "$SSYNC" migrate -path "$G" -database "$U3" force -- -1
printf 'CREATE TABLE u (id int PRIMARY KEY);\nINSERT INTO u VALUES (1), (1);\n' >"$G/1_e.up.sql"
run "$SSYNC" migrate -path "$G" -database "$U3" up
is "$(printf '%s\n' "$T_ERR" | head -1)" 'error: migration failed: duplicate key value violates unique constraint "u_pkey", Key (id)=(1) already exists. in line 0: CREATE TABLE u (id int PRIMARY KEY);' \
	"no position: line 0, and golang-migrate's ', DETAIL'"
is "$(printf '%s\n' "$T_ERR" | sed -n 4p)" "where: $G/1_e.up.sql:2:1 (SQLSTATE 23505)" "where: the failing statement's line and column"

# The cockroachdb example set is not PostgreSQL: a clean error, naming where.
if [ -n "$SSYNC_CORPUS" ]; then
	U2=$(pg_fresh_db mig_crdb)
	M -path "$SSYNC_CORPUS/golang-migrate__migrate/database/cockroachdb/examples/migrations" -database "$U2" up
	like "$(first "$T_ERR")" "cockroachdb/examples/migrations/1085649617_create_users_table.up.sql:[0-9]+:[0-9]+: type \"string\" does not exist \\(SQLSTATE 42704\\)" \
		"a real file's error (CockroachDB's STRING) is located in it"
	is "$(row mig_crdb)" "1085649617|t" "... and its version is dirty"
else
	skip "no corpus" 2
fi

done_testing
