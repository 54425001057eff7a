#!/usr/bin/env bash
# migrations-example/postgres (used by the quickstart) goes up, down and up again.
. "$(dirname "$0")/../lib/common.sh"

if ! have_pg; then
	skip "no PostgreSQL: $SSYNC_TEST_PG_SKIP" 9
	done_testing
fi
X=$SSYNC_SRCDIR/migrations-example/postgres
U=$(pg_fresh_db mig_example)
run "$SSYNC" migrate -path "$X" -database "$U" up
is "$T_RC" 0 "the example set applies"
is "$(printf '%s\n' "$T_ERR" | grep -c '/u ')" 6 "six migrations"
run "$SSYNC" migrate -path "$X" -database "$U" version
is "$T_ERR" 6 "at version 6"
is "$(pg_sql mig_example "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")" \
	"accounts audit_events project_members projects schema_migrations users" "its tables exist"
pg_sql mig_example "INSERT INTO accounts (name, slug) VALUES ('Acme', 'acme'); INSERT INTO users (account_id, email) VALUES (1, 'A@x.org')" >/dev/null
run psql -X -q -d "$(pg_url mig_example)" -c "INSERT INTO users (account_id, email) VALUES (1, 'a@X.org')"
like "$T_ERR" 'users_email_key' "e-mails are unique whatever their case"
run "$SSYNC" migrate -path "$X" -database "$U" down -all
is "$T_RC" 0 "down -all"
is "$(pg_sql mig_example "SELECT string_agg(tablename, ' ') FROM pg_tables WHERE schemaname = 'public'")" \
	"schema_migrations" "back to empty"
is "$(pg_sql mig_example "SELECT count(*) FROM pg_type WHERE typname = 'user_role'") $(pg_sql mig_example "SELECT count(*) FROM pg_proc WHERE proname = 'set_updated_at'")" \
	"0 0" "types and functions are gone too"
run "$SSYNC" migrate -path "$X" -database "$U" up
is "$T_RC" 0 "and up again"
done_testing
