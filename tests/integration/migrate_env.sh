#!/usr/bin/env bash
# ssync migrate on PostgreSQL: tracking-table names, URL parameters, sslmode,
# the init-container environment (DB_MIGRATIONS_*, --wait) and the
# Neosync-style owner role.
. "$(dirname "$0")/../lib/common.sh"

if ! have_pg; then
	skip "no PostgreSQL: $SSYNC_TEST_PG_SKIP" 40
	done_testing
fi

M() { run "$SSYNC" migrate "$@"; }
first() { printf '%s\n' "$1" | head -1; }
base="postgres://postgres@127.0.0.1:$SSYNC_TEST_PG_PORT"

D=$T_TMP/m
mkdir -p "$D"
printf 'CREATE TABLE IF NOT EXISTS one (id int);\n' >"$D/1_one.up.sql"
printf 'DROP TABLE one;\n' >"$D/1_one.down.sql"
printf "CREATE TABLE settings AS SELECT current_setting('application_name') AS app, current_schema() AS sch;\n" \
	>"$D/2_settings.up.sql"

# --- tracking table names -------------------------------------------------
U=$(pg_fresh_db mig_tables)
M -path "$D" -database "$U&x-migrations-table=my_versions" up 1
is "$(pg_sql mig_tables "SELECT version, dirty FROM my_versions")" "1|f" "x-migrations-table names the table"
is "$(pg_sql mig_tables "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'")" 0 \
	"... and schema_migrations is not created"
M -path "$D" -database "$U&x-migrations-table=s1.t" up 1
is "$T_RC" 0 "x-migrations-table=s1.t"
is "$(pg_sql mig_tables "SELECT schemaname FROM pg_tables WHERE tablename = 's1.t'")" "public" \
	"an unquoted dotted name is one identifier in the current schema"
pg_sql mig_tables "CREATE SCHEMA s1" >/dev/null
M -path "$D" -database "$U&x-migrations-table=%22s1%22.%22Ver%20sions%22&x-migrations-table-quoted=true" up 1
is "$T_RC" 0 "x-migrations-table-quoted with a schema"
is "$(pg_sql mig_tables "SELECT version FROM s1.\"Ver sions\"")" 1 "... the table is s1.\"Ver sions\" (case and space kept)"
M -path "$D" -database "$U&x-migrations-table=plain&x-migrations-table-quoted=1" up 1
like "$T_ERR" "x-migrations-table must be quoted \\(for instance '\"migrate\".\"schema_migrations\"'\\) when x-migrations-table-quoted is enabled, current value is: plain" \
	"quoted=1 with an unquoted name"
M -path "$D" -database "$U&x-migrations-table=%22a%22.%22b%22.%22c%22&x-migrations-table-quoted=true" up 1
like "$T_ERR" '""a"\."b"\."c"" MigrationsTable contains too many dot characters' "three quoted parts"
M -path "$D" -database "$U&x-migrations-table-quoted=yes" up 1
like "$T_ERR" 'unable to parse option x-migrations-table-quoted: strconv.ParseBool: parsing "yes": invalid syntax' \
	"a bad Go bool"

# Environment: DB_MIGRATIONS_TABLE (the URL wins when it names one).
U2=$(pg_fresh_db mig_envtab)
DB_MIGRATIONS_TABLE=neosync_api_schema_migrations run "$SSYNC" migrate -path "$D" -database "$U2" up 1
is "$(pg_sql mig_envtab "SELECT version FROM neosync_api_schema_migrations")" 1 "DB_MIGRATIONS_TABLE names the table"
DB_MIGRATIONS_TABLE=ignored run "$SSYNC" migrate -path "$D" -database "$U2&x-migrations-table=from_url" up 1
is "$(pg_sql mig_envtab "SELECT count(*) FROM pg_tables WHERE tablename IN ('from_url', 'ignored')")" 1 \
	"x-migrations-table in the URL wins over DB_MIGRATIONS_TABLE"
is "$(pg_sql mig_envtab "SELECT count(*) FROM pg_tables WHERE tablename = 'from_url'")" 1 "... it is from_url"
pg_sql mig_envtab "CREATE SCHEMA neo" >/dev/null
DB_MIGRATIONS_TABLE='"neo"."versions"' DB_MIGRATIONS_TABLE_QUOTED=true run "$SSYNC" migrate -path "$D" -database "$U2" up 1
is "$(pg_sql mig_envtab "SELECT version FROM neo.versions")" 1 "DB_MIGRATIONS_TABLE_QUOTED"

# pgx's x-lock-strategy=table: a row in a lock table instead of an advisory lock.
U7=$(pg_fresh_db mig_locktable)
M -path "$D" -database "$U7&x-lock-strategy=table" up 1
is "$T_RC" 0 "x-lock-strategy=table"
is "$(pg_sql mig_locktable "SELECT count(*) FROM schema_lock")" 0 "... the lock table is left empty"
want=$(python3 -c 'import zlib; print(zlib.crc32(b"/mig_locktable") * 1486364155 % 2**32)')
pg_sql mig_locktable "INSERT INTO schema_lock VALUES ($want)" >/dev/null
M -path "$D" -database "$U7&x-lock-strategy=table" up
like "$T_ERR" "^error: failed to open database: can't acquire lock" "a row left in it (id $want = crc32(/mig_locktable) x 1486364155): can't acquire lock"
like "$T_ERR" "hint: .*lock_id = $want" "... the hint names the row"

# --- URL parameters pass through to libpq / the server --------------------
U3=$(pg_fresh_db mig_params)
pg_sql mig_params "CREATE SCHEMA app" >/dev/null
M -path "$D" -database "$U3&application_name=ssync-test&search_path=app&connect_timeout=5&binary_parameters=yes" up
is "$T_RC" 0 "application_name, search_path, connect_timeout and lib/pq's binary_parameters are accepted"
is "$(pg_sql mig_params "SELECT app || ' ' || sch FROM app.settings")" "ssync-test app" \
	"the migrations ran with that application_name and search_path"
is "$(pg_sql mig_params "SELECT schemaname FROM pg_tables WHERE tablename = 'schema_migrations'")" "app" \
	"the tracking table is in current_schema()"

# sslmode: lib/pq requires SSL unless told otherwise; the test server has none.
U4=$(pg_fresh_db mig_ssl)
M -path "$D" -database "$base/mig_ssl" up 1
is "$T_RC" 1 "no sslmode in the URL: SSL is required (lib/pq's default)"
like "$T_ERR" '^error: failed to open database: .*SSL' "... the error says SSL"
like "$T_ERR" 'hint: .*add sslmode=disable' "... and the hint says what to do"
PGSSLMODE=disable run "$SSYNC" migrate -path "$D" -database "$base/mig_ssl" up 1
is "$T_RC" 0 "PGSSLMODE=disable is honoured (lib/pq reads it too)"
M -path "$D" -database "pgx://postgres@127.0.0.1:$SSYNC_TEST_PG_PORT/mig_ssl" version
is "$T_ERR" "1" "pgx:// URLs follow pgx: sslmode prefer"
M -path "$D" -database "postgresql://postgres@127.0.0.1:$SSYNC_TEST_PG_PORT/mig_ssl?sslmode=prefer" version
is "$T_ERR" "1" "postgresql:// and sslmode=prefer (which lib/pq refuses) work"

# --- the Neosync split-permission setup -----------------------------------
U5=$(pg_fresh_db mig_roles)
psql_cmd -d "$SSYNC_TEST_PG_URL" -c "DROP ROLE IF EXISTS mig_admin" -c "DROP ROLE IF EXISTS mig_owner" >/dev/null 2>&1
psql_cmd -d "$(pg_url mig_roles)" >/dev/null <<'SQL'
CREATE ROLE mig_owner WITH NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT NOLOGIN NOREPLICATION NOBYPASSRLS;
GRANT CREATE ON SCHEMA public TO mig_owner;
GRANT USAGE ON SCHEMA public TO mig_owner;
GRANT CREATE ON DATABASE mig_roles TO mig_owner;
CREATE ROLE mig_admin WITH LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
GRANT mig_owner TO mig_admin;
SQL
R=$T_TMP/roles
mkdir -p "$R"
printf 'CREATE SCHEMA neosync_api;\nCREATE TABLE neosync_api.accounts (id uuid PRIMARY KEY);\n' >"$R/20230808180650_initial.up.sql"
printf 'DROP SCHEMA neosync_api CASCADE;\n' >"$R/20230808180650_initial.down.sql"
printf 'CREATE TABLE neosync_api.jobs (id uuid PRIMARY KEY, account_id uuid REFERENCES neosync_api.accounts);\n' \
	>"$R/20230912000000_jobs.up.sql"
admin="postgres://mig_admin@127.0.0.1:$SSYNC_TEST_PG_PORT/mig_roles?sslmode=disable&x-migrations-table=neosync_api_schema_migrations"
DB_MIGRATIONS_OPTIONS='-c role=mig_owner' run "$SSYNC" migrate -path "$R" -database "$admin" up
is "$T_RC" 0 "migrations run as mig_admin with DB_MIGRATIONS_OPTIONS='-c role=mig_owner'"
is "$(pg_sql mig_roles "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'neosync_api'")" "mig_owner" \
	"the tables are owned by mig_owner"
is "$(pg_sql mig_roles "SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'neosync_api'")" "mig_owner" \
	"the schema is owned by mig_owner"
is "$(pg_sql mig_roles "SELECT tableowner FROM pg_tables WHERE tablename = 'neosync_api_schema_migrations'")" "mig_owner" \
	"the tracking table is owned by mig_owner"
DB_MIGRATIONS_OPTIONS='-c role=mig_owner' run "$SSYNC" migrate -path "$R" -database "$admin" down -all
is "$T_RC" 0 "and down again under the same role"
M -path "$R" -database "$admin" up 1
is "$(pg_sql mig_roles "SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'neosync_api'")" "mig_admin" \
	"without the options the login role owns what it creates (the contrast)"
M -path "$R" -database "$admin" down -all
DB_MIGRATIONS_OPTIONS='-c role=mig_owner' run "$SSYNC" migrate -path "$R" -database "$admin&options=-c%20statement_timeout%3D60000" up 1
is "$(pg_sql mig_roles "SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'neosync_api'")" "mig_owner" \
	"DB_MIGRATIONS_OPTIONS is appended to an options parameter already in the URL"
M -path "$R" -database "$admin&options=-c%20role%3Dmig_owner" down -all
is "$T_RC" 0 "options=-c role=... in the URL itself works too"
psql_cmd -d "$(pg_url mig_roles)" -c "DROP OWNED BY mig_admin, mig_owner" >/dev/null
psql_cmd -d "$SSYNC_TEST_PG_URL" -c "DROP DATABASE mig_roles" -c "DROP ROLE mig_admin" -c "DROP ROLE mig_owner" >/dev/null

# --- --wait and SSYNC_WAIT ------------------------------------------------
dead=$(ss_free_port)
M -path "$D" -database "postgres://postgres@127.0.0.1:$dead/x?sslmode=disable" --wait 1 up
is "$T_RC" 1 "--wait: a database that never answers fails"
like "$T_ERR" '^error: failed to open database: the database did not answer within 1s: cannot connect' \
	"... saying how long it waited"
# A proxy that starts listening only after a second: --wait gets through.
U6=$(pg_fresh_db mig_wait)
late=$(ss_free_port)
python3 - "$late" "$SSYNC_TEST_PG_PORT" 1 <<'PY' &
import socket, sys, threading, time
late, port, delay = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
# bound at once, so that no other process can take the port, but refusing
# connections (not listening) until the delay is over
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", late))
time.sleep(delay)
ls.listen(8)
ls.settimeout(20)
def pipe(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    for s in (a, b):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
try:
    while True:
        c, _ = ls.accept()
        u = socket.create_connection(("127.0.0.1", port))
        threading.Thread(target=pipe, args=(c, u), daemon=True).start()
        threading.Thread(target=pipe, args=(u, c), daemon=True).start()
except socket.timeout:
    pass
PY
proxy=$!
SSYNC_WAIT=15 run "$SSYNC" migrate -verbose -path "$D" -database "postgres://postgres@127.0.0.1:$late/mig_wait?sslmode=disable" up 1
is "$T_RC" 0 "SSYNC_WAIT: the first connection is retried until the database answers"
like "$T_ERR" 'Waiting for the database' "... saying so with -verbose"
is "$(pg_sql mig_wait "SELECT version FROM schema_migrations")" 1 "... and the migration ran"
kill "$proxy" 2>/dev/null
wait "$proxy" 2>/dev/null
SSYNC_WAIT=x run "$SSYNC" migrate -path "$D" -database "$U6" up
is "$T_RC" 2 "a bad SSYNC_WAIT is a usage error"

done_testing
