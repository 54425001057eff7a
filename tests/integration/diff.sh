#!/usr/bin/env bash
# ssync diff on PostgreSQL: the script it prints, run on the old schema,
# gives the new one (what it cannot express is a "-- by hand:" comment, and
# only that is left); identical schemas give no statement; --exit-code.
. "$(dirname "$0")/../lib/common.sh"

# apply FROM TO WHAT: run the script that turns FROM into TO on FROM;
# leaves the script in $T_OUT's place in $script.  One test point.
apply() {
	run "$SSYNC" diff --from "$1" --to "$2"
	script=$T_OUT
	printf '%s\n' "$T_OUT" >"$T_TMP/script.sql"
	run psql -X -q -v ON_ERROR_STOP=1 -d "$1" -f "$T_TMP/script.sql"
	if ! is "$T_RC" 0 "$3: the script runs"; then
		diag "$T_ERR"
	fi
}

run "$SSYNC" diff --from postgres://x@127.0.0.1:1/db
is "$T_RC" 2 "no --to: exit 2"
like "$T_ERR" "give --from URL and --to URL" "no --to: says so"
run "$SSYNC" diff --from mysql://u@127.0.0.1:1/db --to postgres://x@127.0.0.1:1/db
is "$T_RC" 1 "a MySQL side: exit 1"
run "$SSYNC" diff --from 'postgres://u:S3cretPw@127.0.0.1:1/db?sslmode=disable&connect_timeout=2' \
	--to postgres://x@127.0.0.1:1/db
ok $([ "$T_RC" -ne 0 ] && echo 0 || echo 1) "unreachable server: non-zero exit"
unlike "$T_ERR" "S3cretPw" "unreachable server: password not printed"
run "$SSYNC" diff --help
is "$T_RC" 0 "--help: exit 0"

if ! have_pg; then
	skip "PostgreSQL not available" 37
	done_testing
fi

. "$SSYNC_SRCDIR/tests/integration/data/dump_lib.sh"
dump_roles

# the schema as it is ...
old=$(pg_fresh_db ss_diff_old)
pg_sql ss_diff_old "
CREATE TABLE t (id serial PRIMARY KEY, name text, old_col int,
	price numeric(10,2) DEFAULT 0 NOT NULL, CONSTRAINT name_len CHECK (length(name) < 50));
CREATE INDEX t_name ON t (name);
CREATE TABLE gone (id int PRIMARY KEY, t_id int REFERENCES t(id));
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'select x + 1';
CREATE FUNCTION g() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN RETURN NEW; END\$\$;
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION g();
CREATE VIEW v AS SELECT id FROM t;
CREATE SEQUENCE s INCREMENT BY 1;
COMMENT ON COLUMN t.name IS 'old comment';
COMMENT ON COLUMN t.price IS 'in euros';
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
GRANT SELECT ON t TO ssync_reader;
GRANT UPDATE ON v TO ssync_reader WITH GRANT OPTION;" >/dev/null
# ... and as it should be
new=$(pg_fresh_db ss_diff_new)
pg_sql ss_diff_new "
CREATE TABLE t (id serial PRIMARY KEY, name varchar(100) NOT NULL,
	price numeric(12,2) DEFAULT 1, added timestamptz DEFAULT now(),
	CONSTRAINT name_len CHECK (length(name) < 100));
CREATE INDEX t_name ON t (lower(name));
CREATE TABLE newt (id int PRIMARY KEY, t_id int REFERENCES t(id));
CREATE INDEX newt_t ON newt (t_id);
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'select x + 2';
CREATE FUNCTION g() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN RETURN NEW; END\$\$;
CREATE VIEW v AS SELECT id, name FROM t;
CREATE SEQUENCE s INCREMENT BY 5;
COMMENT ON COLUMN t.price IS 'in cents';
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS bigint CHECK (VALUE > 0);
GRANT SELECT, INSERT ON t TO ssync_reader;
GRANT SELECT ON t TO \"Odd Role\";" >/dev/null

run "$SSYNC" diff --from "$old" --to "$new" -v
is "$T_RC" 0 "diff: exit 0"
like "$T_OUT" "DROP TABLE public.gone;" "a table that went is dropped"
like "$T_OUT" "DROP TRIGGER t_touch ON public.t;" "a trigger that went is dropped"
like "$T_OUT" "ALTER TABLE public.t DROP COLUMN old_col;" "a column that went is dropped"
like "$T_OUT" "ALTER TABLE public.t ALTER COLUMN name TYPE character varying\(100\);" "a column's new type"
like "$T_OUT" "ALTER TABLE public.t ALTER COLUMN price SET DEFAULT 1;" "a column's new default"
like "$T_OUT" "ALTER TABLE public.t ALTER COLUMN price DROP NOT NULL;" "a column no longer NOT NULL"
like "$T_OUT" "ALTER TABLE public.t ADD COLUMN added timestamp with time zone DEFAULT now\(\);" "a new column"
like "$T_OUT" "CREATE OR REPLACE FUNCTION public.f" "a changed function is replaced"
like "$T_OUT" "CREATE OR REPLACE VIEW public.v" "a changed view is replaced"
like "$T_OUT" "ALTER SEQUENCE public.s" "a changed sequence is altered"
like "$T_OUT" "by hand: TYPE public.posint differs" "a changed domain is left to a hand"
like "$T_OUT" "REVOKE SELECT ON TABLE public.t FROM ssync_reader;" "a changed grant: the old one is revoked"
like "$T_OUT" "GRANT INSERT,SELECT ON TABLE public.t TO ssync_reader;" "a changed grant: the new one is made"
like "$T_OUT" "REVOKE UPDATE ON TABLE public.v FROM ssync_reader CASCADE;" "a grant that went is revoked"
like "$T_ERR" "1 change left to do by hand" "says how many changes need a hand"
printf '%s\n' "$T_OUT" >"$T_TMP/diff.sql"

# run on a copy of the old schema, it gives the new one, but for the domain
psql -X -q -d "$SSYNC_TEST_PG_URL" -c "DROP DATABASE IF EXISTS ss_diff_applied" \
	-c "CREATE DATABASE ss_diff_applied TEMPLATE ss_diff_old" >/dev/null
run psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_url ss_diff_applied)" -f "$T_TMP/diff.sql"
is "$T_RC" 0 "the script runs on the old schema"
diag "$T_ERR"
run "$SSYNC" diff --from "$(pg_url ss_diff_applied)" --to "$new" --exit-code
is "$T_RC" 1 "--exit-code: 1 while the domain still differs"
unlike "$T_OUT" "(gone|new)\)" "after the script, nothing is missing or extra"
is "$(printf '%s\n' "$T_OUT" | grep -c '(changed)')" 1 "after the script, only the domain differs"
like "$T_OUT" "posint" "... which is the domain"

run "$SSYNC" diff --from "$new" --to "$new" --exit-code
is "$T_RC" 0 "the same schema: exit 0 with --exit-code"
unlike "$T_OUT" "(CREATE|DROP|ALTER) " "the same schema: no statement"

# from nothing to the new schema, and from it back to nothing
empty=$(pg_fresh_db ss_diff_empty)
apply "$empty" "$new" "from nothing"
run "$SSYNC" diff --from "$empty" --to "$new" --exit-code
is "$T_RC" 0 "from nothing: it gives the new schema exactly"
psql -X -q -d "$SSYNC_TEST_PG_URL" -c "DROP DATABASE IF EXISTS ss_diff_gone" \
	-c "CREATE DATABASE ss_diff_gone TEMPLATE ss_diff_new" >/dev/null
gone=$(pg_url ss_diff_gone)
apply "$gone" "$(pg_fresh_db ss_diff_empty2)" "back to nothing (dependents dropped first)"
run "$SSYNC" diff --from "$gone" --to "$(pg_url ss_diff_empty2)" --exit-code
is "$T_RC" 0 "back to nothing: nothing is left"

# every kind the dumper knows, from nothing and back to nothing: the
# scripts run, and only the roles' default privileges are left to a hand
kinds=$(pg_fresh_db ss_diff_kinds)
psql -X -q -v ON_ERROR_STOP=1 -d "$kinds" -f "$SSYNC_SRCDIR/tests/integration/data/dump_kinds.sql" \
	>/dev/null 2>&1
nothing=$(pg_fresh_db ss_diff_nothing)
apply "$nothing" "$kinds" "every kind, from nothing"
run "$SSYNC" diff --from "$nothing" --to "$kinds" --exit-code
is "$T_RC" 0 "every kind, from nothing: no difference left"
apply "$nothing" "$(pg_fresh_db ss_diff_nothing2)" "every kind, back to nothing"
like "$script" "CREATE OR REPLACE VIEW app.v_cycle" "every kind, back to nothing: a view in a cycle is undone first"
run "$SSYNC" diff --from "$nothing" --to "$(pg_url ss_diff_nothing2)"
is "$(printf '%s\n' "$T_OUT" | grep -Ec '^(CREATE|DROP|ALTER) ')" 0 "every kind, back to nothing: nothing left to drop"
like "$T_OUT" "by hand: undo: ALTER DEFAULT PRIVILEGES FOR ROLE postgres REVOKE ALL ON FUNCTIONS FROM PUBLIC" \
	"every kind, back to nothing: a revoked default privilege is left to a hand"
like "$script" "IN SCHEMA app REVOKE USAGE ON SEQUENCES FROM ssync_reader CASCADE;" \
	"every kind, back to nothing: a default privilege granted is revoked"

# selection: only the table t
run "$SSYNC" diff --from "$old" --to "$new" --include-table t
is "$T_RC" 0 "with --include-table: exit 0"
unlike "$T_OUT" "public\.newt|public\.gone|FUNCTION public\.f" "with --include-table: only what belongs to t"
like "$T_OUT" "DROP TRIGGER t_touch ON public.t;" "with --include-table: what belongs to t"

done_testing
