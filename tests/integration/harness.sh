#!/usr/bin/env bash
# The test harness itself: both servers started by the suite answer, on
# loopback, and a table can be created and read back in each.
. "$(dirname "$0")/../lib/common.sh"

if have_pg; then
	like "$SSYNC_TEST_PG_URL" '^postgres://postgres@127\.0\.0\.1:[0-9]+/postgres' "PostgreSQL URL is on loopback"
	url=$(pg_fresh_db harness_t)
	ok $? "fresh PostgreSQL database"
	run psql -X -q -v ON_ERROR_STOP=1 -d "$url" -c "CREATE TABLE t (id int primary key, name text); INSERT INTO t VALUES (1, 'one')"
	is "$T_RC" 0 "create a table in PostgreSQL"
	is "$(pg_sql harness_t 'SELECT name FROM t WHERE id = 1')" "one" "read it back"
	is "$(pg_sql harness_t 'SHOW server_version_num' | cut -c1-2)" "15" "the server is PostgreSQL 15"
	is "$(pg_sql harness_t "SELECT inet_server_addr()")" "127.0.0.1" "connected over loopback TCP"
else
	skip "PostgreSQL not available: ${SSYNC_TEST_PG_SKIP:-}" 6
fi

if have_mysql; then
	like "$SSYNC_TEST_MYSQL_URL" '^mysql://ssync:[^@]+@tcp\(127\.0\.0\.1:[0-9]+\)/$' "MariaDB URL is on loopback"
	url=$(my_fresh_db harness_t)
	ok $? "fresh MariaDB database"
	run my_cli harness_t -e "CREATE TABLE t (id int primary key, name text); INSERT INTO t VALUES (1, 'one')"
	is "$T_RC" 0 "create a table in MariaDB"
	is "$(my_sql harness_t 'SELECT name FROM t WHERE id = 1')" "one" "read it back"
	like "$(my_sql harness_t 'SELECT VERSION()')" 'MariaDB' "the server is MariaDB"
else
	skip "MariaDB not available: ${SSYNC_TEST_MYSQL_SKIP:-}" 5
fi

if have_mssql; then
	ok 0 "SSYNC_TEST_MSSQL_URL is set: SQL Server live tests run in their own scripts"
else
	skip "no SQL Server: set SSYNC_TEST_MSSQL_URL to run SQL Server live tests"
fi
done_testing
