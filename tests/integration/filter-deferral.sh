#!/usr/bin/env bash
# Why deferral matters: a data sync copies tables in whatever order suits
# it.  Into a database built from the whole dump, rows that arrive before
# the rows they reference are refused, and triggers rewrite what arrives;
# into one built from the pre-sync file they are taken as they come, and
# the post-sync file then checks everything once - and refuses until the
# data is consistent.
. "$(dirname "$0")/../lib/common.sh"

if ! have_pg; then
	skip "PostgreSQL not available: ${SSYNC_TEST_PG_SKIP:-}" 1
	done_testing
fi
PG_DUMP=${SSYNC_TEST_PG_BINDIR:+$SSYNC_TEST_PG_BINDIR/}pg_dump
cd "$T_TMP" || exit 1

src=$(pg_fresh_db filter_defer_src)
psql_cmd -d "$src" >/dev/null <<'SQL'
CREATE TABLE customers (id integer PRIMARY KEY, email text NOT NULL UNIQUE, updated_at timestamptz);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id),
	amount numeric NOT NULL, updated_at timestamptz);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
SQL
"$PG_DUMP" -s -d "$src" >schema.sql
ok $? "pg_dump -s of a schema with a foreign key, a unique key and a trigger"
run "$SSYNC" filter -o pre.sql --post-sync post.sql schema.sql
is "$T_RC" 0 "filtered into pre-sync and post-sync files"

# the rows as a sync brings them: children first, a duplicate email, old timestamps
ROWS="INSERT INTO orders VALUES (10, 1, 5.00, '2020-01-01'), (11, 2, 7.50, '2020-01-02'), (12, 3, 1.00, '2020-01-03');
INSERT INTO customers VALUES (1, 'a@example.com', '2020-01-01'), (2, 'b@example.com', '2020-01-01'),
	(4, 'a@example.com', '2020-01-05');"

# --- the whole dump: the copy fails at its first row ---------------------------------
full=$(pg_fresh_db filter_defer_full)
psql_cmd -d "$full" -f schema.sql >/dev/null
run psql_cmd -d "$full" -c "$ROWS"
ok "$([ "$T_RC" != 0 ]; echo $?)" "whole dump: the child rows are refused"
like "$T_ERR" 'violates foreign key constraint "orders_customer_id_fkey"' "whole dump: by the foreign key"
run psql_cmd -d "$full" -c "INSERT INTO customers VALUES (1, 'a@example.com', '2020-01-01');
	INSERT INTO orders VALUES (10, 1, 5.00, '2020-01-01'); SELECT updated_at::date FROM orders"
unlike "$T_OUT" '2020-01-01' "whole dump: and the trigger rewrites the timestamps that do arrive"

# --- the pre-sync file: everything arrives as it was ----------------------------------
sync=$(pg_fresh_db filter_defer_sync)
psql_cmd -d "$sync" -f pre.sql >/dev/null
ok $? "pre-sync file loaded"
run psql_cmd -d "$sync" -c "$ROWS"
is "$T_RC" 0 "pre-sync: children before parents and a duplicate email are taken"
is "$(pg_sql filter_defer_sync "SELECT string_agg(id || ':' || updated_at::date, ' ' ORDER BY id) FROM orders")" \
	"10:2020-01-01 11:2020-01-02 12:2020-01-03" "pre-sync: no trigger touched the rows"
run psql_cmd -d "$sync" -c "INSERT INTO customers VALUES (1, 'dup@example.com', NULL)"
like "$T_ERR" 'duplicate key value violates unique constraint "customers_pkey"' \
	"pre-sync: the primary key is there from the start"

# --- the post-sync file checks the data: refused while it is inconsistent --------------
run psql_cmd -d "$sync" -f post.sql
ok "$([ "$T_RC" != 0 ]; echo $?)" "post-sync on inconsistent data fails"
like "$T_ERR" 'could not create unique index "customers_email_key"|violates foreign key constraint' \
	"and says which rule the data breaks"
is "$(pg_sql filter_defer_sync "SELECT count(*) FROM pg_constraint WHERE contype IN ('f', 'u') AND connamespace = 'public'::regnamespace")" 0 \
	"post-sync stopped at its first error: no key added"
# fix the data: the missing customer arrives, the duplicate goes
psql_cmd -d "$sync" -c "INSERT INTO customers VALUES (3, 'c@example.com', '2020-01-03');
	DELETE FROM customers WHERE id = 4" >/dev/null
run psql_cmd -d "$sync" -f post.sql
is "$T_RC" 0 "post-sync on the fixed data succeeds"
is "$(pg_sql filter_defer_sync "SELECT string_agg(conname, ' ' ORDER BY conname) FROM pg_constraint WHERE contype IN ('f', 'u') AND connamespace = 'public'::regnamespace")" \
	"customers_email_key orders_customer_id_fkey" "the unique key and the foreign key now hold"
run psql_cmd -d "$sync" -c "INSERT INTO orders VALUES (13, 99, 1, NULL)"
like "$T_ERR" 'violates foreign key constraint' "and guard the data from now on"
is "$(pg_sql filter_defer_sync "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")" 0 \
	"triggers stay out (stripped by default)"

done_testing
