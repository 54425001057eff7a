#!/usr/bin/env bash
# ssync migrate on the suite's MariaDB: every command, golang-migrate's
# tracking table and rows, URL options, failing migrations (file,
# line:column, error number, SQLSTATE), the Shiori MySQL set from the
# corpus and migrations-example/mysql up and down.
. "$(dirname "$0")/../lib/common.sh"

if ! have_mysql; then
	skip "no MariaDB: ${SSYNC_TEST_MYSQL_SKIP:-not started}" 1
	done_testing
fi

M() { run "$SSYNC" migrate "$@"; }
row() { my_sql "$1" "SELECT version, dirty FROM ${2:-schema_migrations}"; }
rows() { my_sql "$1" "SELECT count(*) FROM ${2:-schema_migrations}"; }
has_table() { my_sql "$1" "SELECT count(*) FROM information_schema.tables WHERE table_schema = '$1' AND table_name = '$2'"; }
first() { printf '%s\n' "$1" | head -1; }

# --- the lifecycle --------------------------------------------------------
U=$(my_fresh_db mig_my)
D=$T_TMP/m
mkdir -p "$D"
printf 'CREATE TABLE t1 (id int primary key);\n' >"$D/1_one.up.sql"
printf 'DROP TABLE t1;\n' >"$D/1_one.down.sql"
printf 'CREATE TABLE t2 (id int);\nINSERT INTO t2 VALUES (1), (2);\n' >"$D/2_two.up.sql"
printf 'DROP TABLE t2;\n' >"$D/2_two.down.sql"
printf -- '-- nothing to undo\n' >"$D/3_three.up.sql"
printf 'CREATE VIEW v4 AS SELECT 1 AS x;\n' >"$D/4_four.up.sql"
printf 'DROP VIEW v4;\n' >"$D/4_four.down.sql"

M -path "$D" -database "$U" version
is "$T_ERR" "error: no migration" "version with no migration"
is "$T_RC" 1 "... exits 1"
is "$(my_sql mig_my "SELECT column_name, column_type, is_nullable, column_key FROM information_schema.columns WHERE table_schema = 'mig_my' AND table_name = 'schema_migrations' ORDER BY ordinal_position" | tr '\t\n' ' |')" \
	"version bigint(20) NO PRI|dirty tinyint(1) NO |" \
	"opening created golang-migrate's table: version bigint primary key, dirty boolean"

M -path "$D" -database "$U" up 2
is "$T_RC" 0 "up 2 exits 0"
like "$T_ERR" $'^1/u one \\([0-9.]+(ns|µs|ms|s)\\)\n2/u two \\([0-9.]+(ns|µs|ms|s)\\)$' "up 2: one line per migration"
is "$T_OUT" "" "nothing on stdout"
is "$(row mig_my)" "2	0" "row (2, 0)"
M -path "$D" -database "$U" version
is "$T_ERR" "2" "version prints 2"
M -path "$D" -database "$U" up
like "$T_ERR" $'^3/u three .*\n4/u four ' "up applies the rest (a comment-only file too)"
is "$(row mig_my)" "4	0" "row (4, 0)"
M -path "$D" -database "$U" up
is "$T_ERR" "no change" "up at the last version: no change"
is "$T_RC" 0 "... exits 0"
M -path "$D" -database "$U" up 1
is "$T_ERR" "error: file does not exist" "up 1 with nothing pending"

M -path "$D" -database "$U" down 1
like "$T_ERR" '^4/d four ' "down 1"
M -path "$D" -database "$U" down 1
like "$T_ERR" '^3/d <empty> ' "down through an up-only version: a nil migration"
is "$(row mig_my)" "2	0" "row (2, 0)"
M -path "$D" -database "$U" down 5
like "$T_ERR" $'^2/d two .*\n1/d one .*\nerror: limit 3 short$' "down 5 from 2: limit 3 short"
is "$(rows mig_my)" 0 "at no version the table is empty"
M -path "$D" -database "$U" down -all
is "$T_ERR" "no change" "down -all at no version"

M -path "$D" -database "$U" goto 3
like "$T_ERR" $'^1/u one .*\n2/u two .*\n3/u three ' "goto 3"
M -path "$D" -database "$U" goto 1
like "$T_ERR" $'^3/d <empty> .*\n2/d two ' "goto 1"
is "$(row mig_my)" "1	0" "row (1, 0)"
M -path "$D" -database "$U" goto 7
like "$(first "$T_ERR")" "^error: no migration found for version 7: read down for version 7 .: file does not existerror: " \
	"goto an unknown version: golang-migrate's doubled message"
M -path "$D" -database "$U" down <<<'y'
like "$T_ERR" $'Applying all down migrations\n1/d one ' "down, confirmed"
is "$(rows mig_my)" 0 "everything down"

M -path "$D" -database "$U" force 3
is "$T_ERR" "" "force 3 prints nothing"
is "$(row mig_my)" "3	0" "force wrote (3, 0)"
M -path "$D" -database "$U" force -- -1
is "$(rows mig_my)" 0 "force -1 deletes the row"

# A failed first down leaves (-1, dirty), as golang-migrate's issue 330 fix.
M -path "$D" -database "$U" up 1
printf 'DROP TABLE nosuch;\n' >"$D/1_one.down.sql"
M -path "$D" -database "$U" down -all
is "$T_RC" 1 "a failing first down"
is "$(row mig_my)" "-1	1" "leaves (-1, dirty)"
M -path "$D" -database "$U" version
is "$T_ERR" "error: no migration" "version: no migration"
M -path "$D" -database "$U" up
like "$T_ERR" '^error: Dirty database version -1\. Fix and force version\.' "up: Dirty database version -1"
M -path "$D" -database "$U" force 1
is "$(row mig_my)" "1	0" "force 1 repairs it"
printf 'DROP TABLE t1;\n' >"$D/1_one.down.sql"

# --- failing migrations -----------------------------------------------------
# The one-line form (--short-errors) states the locus in the first line; the
# default puts golang-migrate's text first (tested in migrate_errors.sh).
E=$T_TMP/e
mkdir -p "$E"
U=$(my_fresh_db mig_my_err)
printf 'CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n\nINSERT INTO nosuch VALUES (2);\nINSERT INTO a VALUES (3);\n' >"$E/1_fail.up.sql"
M --short-errors -path "$E" -database "$U" up
is "$T_RC" 1 "a failing statement: exit 1"
is "$(first "$T_ERR")" "error: migration failed in $E/1_fail.up.sql:4:1: Error 1146: Table 'mig_my_err.nosuch' doesn't exist (SQLSTATE 42S02)" \
	"file, line:column of the failing statement, error number and SQLSTATE"
like "$T_ERR" $'\n    4 \\| INSERT INTO nosuch VALUES \\(2\\);\n      \\| \\^' "the line is shown with a caret"
is "$(row mig_my_err)" "1	1" "the row says (1, dirty)"
is "$(my_sql mig_my_err "SELECT group_concat(id) FROM a")" "1" \
	"statements before the failing one stay applied (MySQL commits DDL), later ones never ran"
M -path "$E" -database "$U" force -- -1
my_sql mig_my_err "DROP TABLE a"
M -path "$E" -database "$U" up
is "$(printf '%s\n' "$T_ERR" | head -6)" "error: migration failed in line 0: $(cat "$E/1_fail.up.sql")
 (details: Error 1146: Table 'mig_my_err.nosuch' doesn't exist)" \
	"by default golang-migrate's own text comes first (line 0, the whole file, Error NNNN)"
like "$T_ERR" "where: $E/1_fail.up.sql:4:1 \(SQLSTATE 42S02\)" "... then where it failed"

M -path "$E" -database "$U" force -- -1
my_sql mig_my_err "DROP TABLE a"
cat >"$E/1_fail.up.sql" <<'EOF'
-- A procedure whose body holds ';', called for two result sets.
CREATE PROCEDURE two_sets()
BEGIN
  SELECT 1;
  SELECT 2;
END;
CALL two_sets();
CREATE TABLE b (id int);
INSERT INTO b VALUES ('x', 1);
EOF
M --short-errors -path "$E" -database "$U" up
is "$(first "$T_ERR")" "error: migration failed in $E/1_fail.up.sql:9:1: Error 1136: Column count doesn't match value count at row 1 (SQLSTATE 21S01)" \
	"after a BEGIN ... END body and a CALL with result sets, the right statement is named"

M -path "$E" -database "$U" force -- -1
my_sql mig_my_err "DROP TABLE b; DROP PROCEDURE two_sets"
printf -- '-- first\nSELECT 1;\n\nCREATE TABLE e (\n  id int,\n  name text,\n);\n' >"$E/1_fail.up.sql"
M --short-errors -path "$E" -database "$U" up
like "$(first "$T_ERR")" "^error: migration failed in $E/1_fail.up.sql:7:1: Error 1064: You have an error in your SQL syntax; .* near '\\)' at line 4 \\(SQLSTATE 42000\\)$" \
	"a syntax error points at the server's 'near' text"

M -path "$E" -database "$U" force -- -1
printf 'SELECT 1;\nDELIMITER $$\nCREATE PROCEDURE q() BEGIN SELECT 1; END$$\nDELIMITER ;\n' >"$E/1_fail.up.sql"
M --short-errors -path "$E" -database "$U" up
like "$(first "$T_ERR")" "^error: migration failed in $E/1_fail.up.sql:2:1: Error 1064: .*near 'DELIMITER" \
	"DELIMITER fails on the server, as with golang-migrate"
like "$T_ERR" 'hint: DELIMITER is a command of the mysql client' "... and the hint says why"

M -path "$E" -database "$U" force -- -1
printf 'SELECT 1;;SELECT 2;\n' >"$E/1_fail.up.sql"
M --short-errors -path "$E" -database "$U" up
like "$(first "$T_ERR")" "^error: migration failed in $E/1_fail.up.sql:1:10: Error 1064: .*near ';SELECT 2'" \
	"an empty statement between two is rejected where it is"

# x-statement-timeout: KILL QUERY ends the statement; the session and its lock survive.
M -path "$E" -database "$U" force -- -1
printf 'CREATE TABLE slow (id int);\nSELECT SLEEP(20);\n' >"$E/1_fail.up.sql"
M --short-errors -path "$E" -database "$U?x-statement-timeout=400" up
like "$(first "$T_ERR")" "^error: migration failed in $E/1_fail.up.sql:2:1: Error 1317: Query execution was interrupted \\(SQLSTATE 70100\\)" \
	"x-statement-timeout stops the running statement"
like "$T_ERR" 'hint: the statement timeout of 400 ms \(x-statement-timeout\) expired' "... and says so"
is "$(row mig_my_err)" "1	1" "... the version is dirty"
is "$(my_sql mig_my_err "SELECT count(*) FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(20)%'")" 0 \
	"... and nothing runs on the server any more"
M -path "$E" -database "$U?x-statement-timeout=1.5" up
like "$T_ERR" 'could not parse x-statement-timeout as float: strconv.Atoi: parsing "1.5": invalid syntax' \
	"a bad x-statement-timeout (golang-migrate's message)"

# Empty and blank files: golang-migrate sends them and fails with "Error 1065:
# Query was empty" (its issue 244); ssync sends nothing, as its PostgreSQL
# driver does, and the migration applies.
M -path "$E" -database "$U" force -- -1
my_sql mig_my_err "DROP TABLE slow"
: >"$E/1_fail.up.sql"
printf ' \n\t\n' >"$E/2_blank.up.sql"
printf -- '-- only a comment\n/* and another */\n' >"$E/3_comment.up.sql"
M -path "$E" -database "$U" up
is "$T_RC" 0 "an empty, a blank and a comment-only file apply (not Error 1065)"
is "$(row mig_my_err)" "3	0" "row (3, 0)"

# --- URL options --------------------------------------------------------------
U=$(my_fresh_db mig_my_url)
M -path "$D" -database "$U?x-migrations-table=my_versions" up 1
is "$(row mig_my_url my_versions)" "1	0" "x-migrations-table names the tracking table"
is "$(has_table mig_my_url schema_migrations)" 0 "... and the default one is not created"
my_sql mig_my_url "CREATE TABLE schemaXmigrations (x int)"
M -path "$D" -database "$U" version
is "$(has_table mig_my_url schema_migrations)" 1 \
	"'_' in the table name is not a LIKE wildcard: a look-alike table does not hide a missing one"
M -path "$D" -database "$U?x-no-lock=maybe" version
is "$T_ERR" 'error: failed to open database: could not parse x-no-lock as bool: strconv.ParseBool: parsing "maybe": invalid syntax' \
	"a bad x-no-lock (golang-migrate's message)"
mkdir -p "$T_TMP/ansi"
printf 'CREATE TABLE "quoted" (id int);\n' >"$T_TMP/ansi/1_ansi.up.sql"
M -path "$T_TMP/ansi" -database "$U?x-migrations-table=ansi_versions&sql_mode=%27ANSI_QUOTES%27" up
is "$T_RC" 0 "an unknown DSN parameter is a session variable: sql_mode=%27ANSI_QUOTES%27"
is "$(has_table mig_my_url quoted)" 1 "... which the migrations see (a double-quoted name)"
U=$(my_fresh_db mig_my_conn)
M -path "$D" -database "$U" up 2
M -path "$D" -database "$(my_url mig_my_conn)?multiStatements=false&charset=utf8mb4,utf8&parseTime=true&timeout=5s" version
is "$T_RC" 0 "multiStatements, charset lists, parseTime and timeout are accepted"
M -path "$D" -database "$(my_url mig_my_conn)?timeout=5parsecs" version
like "$T_ERR" "invalid duration '5parsecs' for timeout" "a bad Go duration"
M -path "$D" -database "mysql://$SSYNC_TEST_MYSQL_USER:$SSYNC_TEST_MYSQL_PASSWORD@unix($SSYNC_TEST_MYSQL_SOCKET)/mig_my_conn" version
is "$T_ERR" "2" "unix(socket) addresses"
M -path "$D" -database "mysql://$SSYNC_TEST_MYSQL_USER:$SSYNC_TEST_MYSQL_PASSWORD@tcp(127.0.0.1:$SSYNC_TEST_MYSQL_PORT)/" version
like "$T_ERR" "^error: failed to open database: no database name" "no database in the DSN: golang-migrate's 'no database name'"
M -path "$D" -database "mysql://$SSYNC_TEST_MYSQL_USER:wrong-pw@tcp(127.0.0.1:$SSYNC_TEST_MYSQL_PORT)/mig_my_conn" version
like "$T_ERR" "^error: failed to open database: cannot connect to MySQL: Access denied" "a wrong password"
unlike "$T_ERR" "wrong-pw" "... is never printed"
M -path "$D" -database "$(my_url mig_my_conn)?tls=skip-verify" version
is "$T_ERR" "error: failed to open database: cannot connect to MySQL: the server does not support TLS, which the URL requires (tls=)" \
	"tls=skip-verify requires TLS (this server has none)"
M -path "$D" -database "$(my_url mig_my_conn)?tls=true" version
like "$T_ERR" "^error: failed to open database: cannot connect to MySQL: .*(SSL|TLS)" "tls=true too"
M -path "$D" -database "$(my_url mig_my_conn)?tls=custom" version
like "$T_ERR" "^error: failed to open database: open : No such file or directory" \
	"tls=NAME: a custom TLS config needs x-tls-ca (golang-migrate reads it)"
M -path "$D" -database "$(my_url mig_my_conn)?tls=false" version
is "$T_ERR" "2" "tls=false: no TLS"

# --- drop -----------------------------------------------------------------------
U=$(my_fresh_db mig_my_drop)
M -path "$SSYNC_SRCDIR/migrations-example/mysql" -database "$U" up
M -database "$U" drop <<<'n'
like "$T_ERR" 'Aborted dropping the entire database schema' "drop, answered n"
M -database "$U" drop -f
is "$T_RC" 0 "drop -f"
is "$(my_sql mig_my_drop "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'mig_my_drop' AND table_type = 'BASE TABLE'")" 0 \
	"every table is gone (foreign keys did not stop it), the tracking table too"
is "$(my_sql mig_my_drop "SELECT count(*) FROM information_schema.views WHERE table_schema = 'mig_my_drop'")" 1 \
	"a view survives, as with golang-migrate (DROP TABLE IF EXISTS does not drop it)"

# --- migrations-example/mysql up and down -----------------------------------------
X=$SSYNC_SRCDIR/migrations-example/mysql
U=$(my_fresh_db mig_my_example)
M -path "$X" -database "$U" up
is "$T_RC" 0 "migrations-example/mysql: up"
is "$(printf '%s\n' "$T_ERR" | grep -c '/u ')" "$(ls "$X" | grep -c '\.up\.sql$')" "... every migration applied"
is "$(row mig_my_example)" "7	0" "... row (7, 0)"
my_sql mig_my_example "INSERT INTO users (email, name) VALUES ('a@example.com', 'A'); INSERT INTO posts (user_id, title, body, published_at) VALUES (1, 't', 'b', NOW() - INTERVAL 40 DAY)"
is "$(my_sql mig_my_example "SELECT post_count, (SELECT count(*) FROM tags) FROM users")" "1	3" \
	"... its trigger counts the post, the tags are seeded"
my_sql mig_my_example "CALL archive_posts(30)"
is "$(my_sql mig_my_example "SELECT post_count, (SELECT count(*) FROM posts_archive) FROM users")" "0	1" \
	"... its procedure archives the post (and the trigger counts the delete)"
M -path "$X" -database "$U" down -all
is "$T_RC" 0 "migrations-example/mysql: down -all"
is "$(my_sql mig_my_example "SELECT group_concat(table_name) FROM information_schema.tables WHERE table_schema = 'mig_my_example'")" \
	"schema_migrations" "... only the tracking table is left"
is "$(my_sql mig_my_example "SELECT count(*) FROM information_schema.routines WHERE routine_schema = 'mig_my_example'")" 0 \
	"... and no routine"
M -path "$X" -database "$U" up
is "$T_RC" 0 "... and up again"

# --- the Shiori MySQL set (corpus) --------------------------------------------------
S=${SSYNC_CORPUS:+$SSYNC_CORPUS/go-shiori__shiori/internal/database/migrations/mysql}
if [ -z "$S" ] || [ ! -d "$S" ]; then
	skip "corpus not found" 7
else
	U=$(my_fresh_db mig_my_shiori)
	M -path "$S" -database "$U" up
	is "$(first "$T_ERR")" "error: failed to open source, \"file://$S\": duplicate migration file: 0000_system_insert.up.sql" \
		"Shiori's two version-0000 files are refused as golang-migrate refuses them"
	like "$T_ERR" "detail: '0000_system_create.up.sql' and '0000_system_insert.up.sql' are both the up migration of version 0" \
		"... naming both files"
	is "$T_RC" 1 "... exit 1"
	# The rest, in a copy without the second 0000 file.
	C=$T_TMP/shiori
	mkdir -p "$C"
	cp "$S"/*.sql "$C"/
	rm "$C/0000_system_insert.up.sql"
	M -path "$C" -database "$U" up
	is "$T_RC" 0 "the rest of the set applies"
	is "$(row mig_my_shiori)" "10	0" "... up to version 10"
	is "$(my_sql mig_my_shiori "SELECT count(*) FROM information_schema.statistics WHERE table_schema = 'mig_my_shiori' AND index_name IN ('idx_created_at', 'idx_modified_at')")" 2 \
		"... its last migrations' indexes exist"
	M -path "$C" -database "$U" down -all
	is "$(rows mig_my_shiori)" 0 "down -all (up-only files: nil migrations) leaves no version"
fi

done_testing
