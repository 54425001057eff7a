#!/usr/bin/env bash
# Views are stripped, but a kept statement that cannot be created without
# a view gets it: a function with an SQL-standard body (BEGIN ATOMIC,
# RETURN), which PostgreSQL parses at creation, a policy, a composite type
# of a view's row type.  The view (and the views it reads) is written to
# the pre-sync file before it.  A function whose body is a string is not
# checked at creation (pg_dump sets check_function_bodies off): its views
# stay out.  Proof on a pg_dump -s made here, loaded with ON_ERROR_STOP.
. "$(dirname "$0")/../lib/common.sh"

if ! have_pg; then
	skip "PostgreSQL not available: ${SSYNC_TEST_PG_SKIP:-}" 1
	done_testing
fi
PG_DUMP=${SSYNC_TEST_PG_BINDIR:+$SSYNC_TEST_PG_BINDIR/}pg_dump
cd "$T_TMP" || exit 1
. "$SSYNC_SRCDIR/tests/filter/pg.sh"

src=$(pg_fresh_db filter_views_src)
psql_cmd -d "$src" >/dev/null <<'SQL'
CREATE SCHEMA app;
CREATE TABLE app.orders (id integer PRIMARY KEY, amount numeric NOT NULL, owner name DEFAULT current_user);
CREATE VIEW app.paid AS SELECT id, amount FROM app.orders WHERE amount > 0;
COMMENT ON VIEW app.paid IS 'orders with an amount';
CREATE VIEW app.big AS SELECT id FROM app.paid WHERE amount > 100;
CREATE VIEW app.unused AS SELECT id FROM app.orders;
CREATE FUNCTION app.big_count() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM app.big; END;
CREATE FUNCTION app.paid_sum() RETURNS numeric LANGUAGE sql RETURN (SELECT sum(amount) FROM app.paid);
CREATE FUNCTION app.unused_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM app.unused $$;
CREATE TYPE app.pair AS (tag text, row_ app.paid);
ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY only_paid ON app.orders USING (id IN (SELECT id FROM app.paid));
SQL
ok $? "a schema whose functions, type and policy read views"
"$PG_DUMP" -s -d "$src" >schema.sql
ok $? "pg_dump -s of it"
run "$SSYNC" filter -o pre.sql --post-sync post.sql --report report.txt schema.sql
is "$T_RC" 0 "filtered"
dst=$(pg_fresh_db filter_views_dst)
psql_cmd -d "$dst" -f pre.sql >/dev/null 2>pre.err
ok $? "the pre-sync file loads (ON_ERROR_STOP)"
[ -s pre.err ] && diag "$(cat pre.err)"
psql_cmd -d "$dst" -f post.sql >/dev/null 2>post.err
ok $? "then the post-sync file"
[ -s post.err ] && diag "$(cat post.err)"
is "$(pg_sql filter_views_dst "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_class c
	WHERE c.relkind = 'v' AND c.relnamespace = 'app'::regnamespace")" "big paid" \
	"the views that kept objects need are there, the other one is not"
is "$(pg_sql filter_views_dst "SELECT string_agg(p.proname, ' ' ORDER BY p.proname) FROM pg_proc p
	WHERE p.pronamespace = 'app'::regnamespace")" "big_count paid_sum unused_count" "every function"
is "$(pg_sql filter_views_dst "SELECT count(*) FROM pg_policy")" 1 "the policy"
is "$(pg_sql filter_views_dst "SELECT count(*) FROM pg_type WHERE typname = 'pair'")" 1 "the type"
pg_facts filter_views_src >src.facts
pg_facts filter_views_dst >dst.facts
ok "$(diff src.facts dst.facts >facts.diff; echo $?)" "tables, columns, constraints, indexes, policies as in the source"
[ -s facts.diff ] && diag "$(cat facts.diff)"
like "$(cat report.txt)" "	view	app.big	kept	view: stripped, but function app.big_count \(schema.sql:[0-9]+\) needs it" \
	"the report says which view was written and why"
like "$(cat report.txt)" "	view	app.unused	stripped" "and which stayed out"
like "$(head -4 pre.sql)" "-- stripped: 1 view," "the header counts the one view left out"
is "$(pg_sql filter_views_dst "SELECT obj_description('app.paid'::regclass)")" "" \
	"the comment on a view written after all is not (it went by before)"

done_testing
