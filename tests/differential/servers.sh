#!/bin/sh
# servers.sh DIR: start throwaway PostgreSQL 15 and MariaDB servers in DIR
# that log every statement they receive, for compare.py, and print the
# environment it reads (eval "$(tests/differential/servers.sh DIR)").
# PostgreSQL: jsonlog with log_statement=all (statements that fail to parse
# come with their error); MariaDB: the general log, as a table.  Stop them
# with servers.sh DIR stop.
set -eu
dir=$(mkdir -p "$1" && cd "$1" && pwd)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pgport=${DIFF_PG_PORT:-55499}
myport=${DIFF_MY_PORT:-55498}
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else sh -c "$*"; fi; }
if [ "${2:-}" = stop ]; then
	as_pg "$pgbin/pg_ctl -D $dir/pg -m fast stop" >/dev/null 2>&1 || true
	[ -f "$dir/my.pid" ] && kill "$(cat "$dir/my.pid")" 2>/dev/null || true
	exit 0
fi
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_pg "$pgbin/initdb -D $dir/pg -A trust -U postgres" >/dev/null
mkdir -p "$dir/pglog" && { [ "$(id -u)" != 0 ] || chown postgres "$dir/pglog"; }
cat >>"$dir/pg/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pgport
unix_socket_directories = '$dir'
fsync = off
logging_collector = on
log_destination = 'jsonlog'
log_directory = '$dir/pglog'
log_filename = 'pg.log'
log_statement = 'all'
log_min_messages = error
log_min_error_statement = error
CONF
as_pg "$pgbin/pg_ctl -D $dir/pg -l $dir/pg.boot -w start" >/dev/null
user=; [ "$(id -u)" = 0 ] && user=--user=mysql && chown mysql "$dir"
mariadb-install-db --no-defaults --datadir="$dir/my" $user --auth-root-authentication-method=normal \
	--skip-test-db >"$dir/my.install" 2>&1
mariadbd --no-defaults --datadir="$dir/my" $user --port="$myport" --bind-address=127.0.0.1 \
	--socket="$dir/my.sock" --pid-file="$dir/my.pid" --log-error="$dir/my.err" --skip-log-bin \
	--general-log=1 --log-output=TABLE >/dev/null 2>&1 &
for _ in $(seq 60); do mariadb --no-defaults --socket="$dir/my.sock" -uroot -e 'SELECT 1' \
	>/dev/null 2>&1 && break; sleep 0.5; done
mariadb --no-defaults --socket="$dir/my.sock" -uroot -e "
	CREATE USER 'diffc'@'%' IDENTIFIED BY 'diff'; GRANT ALL ON *.* TO 'diffc'@'%';
	CREATE USER 'diffs'@'%' IDENTIFIED BY 'diff'; GRANT ALL ON *.* TO 'diffs'@'%';
	CREATE DATABASE difft;"
echo "export DIFF_PG_PORT=$pgport DIFF_PG_LOG=$dir/pglog/pg.json DIFF_MY_PORT=$myport DIFF_MY_SOCKET=$dir/my.sock"
