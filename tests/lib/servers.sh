# servers.sh - start and stop throwaway PostgreSQL and MariaDB servers for
# the tests, on free loopback ports in a temporary directory.  Sourced by
# tests/run-tests.sh (once for the whole suite) and by tests/lib/common.sh
# (when a single test is run by hand).  Nothing here touches a server it
# did not start.
#
# After ss_servers_start:
#   SSYNC_TEST_PG_URL      postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable
#   SSYNC_TEST_PG_PORT
#   SSYNC_TEST_MYSQL_URL   mysql://ssync:PASSWORD@tcp(127.0.0.1:PORT)/
#   SSYNC_TEST_MYSQL_PORT, SSYNC_TEST_MYSQL_USER, SSYNC_TEST_MYSQL_PASSWORD
# An engine that could not start leaves its URL empty and its reason in
# SSYNC_TEST_PG_SKIP / SSYNC_TEST_MYSQL_SKIP.  SSYNC_TEST_MYSQL_EXTRA_OPTS
# adds server options (a test that starts its own MariaDB with TLS).

ss_free_port() {
	# Random high port that nothing answers on; racy but retried by callers.
	local p i
	for i in $(seq 1 50); do
		p=$(( 20000 + ( $(od -An -N2 -tu2 /dev/urandom) % 30000 ) ))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

ss_pg_bindir() {
	local d
	for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
		[ -x "$d/initdb" ] && { echo "$d"; return 0; }
	done
	command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
	return 1
}

# Run a command as the postgres user when we are root (PostgreSQL refuses root).
ss_as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

ss_pg_start() {
	local bindir dir port try
	SSYNC_TEST_PG_URL=
	bindir=$(ss_pg_bindir) || { SSYNC_TEST_PG_SKIP="PostgreSQL server binaries not installed"; return 1; }
	dir="$SSYNC_TEST_TMP/pg"
	mkdir -p "$dir"
	# The postgres user must be able to reach its directory.
	chmod 755 "$SSYNC_TEST_TMP"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	chmod 700 "$dir"
	if ! ss_as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
		--no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
		SSYNC_TEST_PG_SKIP="initdb failed: $(tail -1 "$dir/initdb.log")"
		return 1
	fi
	for try in 1 2 3 4 5; do
		port=$(ss_free_port) || break
		if ss_as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=100" \
			start >"$dir/pg_ctl.log" 2>&1; then
			SSYNC_TEST_PG_PORT=$port
			SSYNC_TEST_PG_BINDIR=$bindir
			SSYNC_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
			export SSYNC_TEST_PG_URL SSYNC_TEST_PG_PORT SSYNC_TEST_PG_BINDIR
			return 0
		fi
	done
	SSYNC_TEST_PG_SKIP="PostgreSQL did not start: $(tail -1 "$dir/server.log" 2>/dev/null)"
	return 1
}

ss_pg_stop() {
	local dir="$SSYNC_TEST_TMP/pg"
	[ -n "${SSYNC_TEST_PG_BINDIR:-}" ] && [ -f "$dir/data/postmaster.pid" ] &&
		ss_as_pg "$SSYNC_TEST_PG_BINDIR/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
	return 0
}

ss_mysql_start() {
	local dir port try server installer client
	SSYNC_TEST_MYSQL_URL=
	server=$(command -v mariadbd || command -v mysqld || ls /usr/sbin/mariadbd /usr/sbin/mysqld 2>/dev/null | head -1)
	installer=$(command -v mariadb-install-db || command -v mysql_install_db)
	client=$(command -v mariadb || command -v mysql)
	if [ -z "$server" ] || [ -z "$installer" ] || [ -z "$client" ]; then
		SSYNC_TEST_MYSQL_SKIP="MariaDB server not installed"
		return 1
	fi
	dir="$SSYNC_TEST_TMP/mysql"
	mkdir -p "$dir"
	local user_opt=
	if [ "$(id -u)" = 0 ]; then
		chown mysql: "$dir" 2>/dev/null && user_opt=--user=mysql || user_opt=--user=root
	fi
	if ! "$installer" --no-defaults --datadir="$dir/data" $user_opt \
		--auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1; then
		SSYNC_TEST_MYSQL_SKIP="mariadb-install-db failed: $(tail -1 "$dir/install.log")"
		return 1
	fi
	for try in 1 2 3 4 5; do
		port=$(ss_free_port) || break
		"$server" --no-defaults --datadir="$dir/data" $user_opt --port="$port" \
			--bind-address=127.0.0.1 --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \
			--log-error="$dir/error.log" --skip-log-bin --innodb-flush-log-at-trx-commit=0 \
			--innodb-doublewrite=0 --max-connections=200 ${SSYNC_TEST_MYSQL_EXTRA_OPTS:-} >/dev/null 2>&1 &
		echo $! >"$dir/server.pid"
		local i
		for i in $(seq 1 120); do
			if "$client" --no-defaults --socket="$dir/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
				break
			fi
			kill -0 "$(cat "$dir/server.pid")" 2>/dev/null || break
			sleep 0.25
		done
		if "$client" --no-defaults --socket="$dir/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
			SSYNC_TEST_MYSQL_USER=ssync
			SSYNC_TEST_MYSQL_PASSWORD='t3st-pw'
			"$client" --no-defaults --socket="$dir/mysqld.sock" -uroot -e "
				CREATE USER 'ssync'@'%' IDENTIFIED BY '$SSYNC_TEST_MYSQL_PASSWORD';
				GRANT ALL PRIVILEGES ON *.* TO 'ssync'@'%' WITH GRANT OPTION;
				CREATE USER 'ssync'@'localhost' IDENTIFIED BY '$SSYNC_TEST_MYSQL_PASSWORD';
				GRANT ALL PRIVILEGES ON *.* TO 'ssync'@'localhost' WITH GRANT OPTION;" || return 1
			SSYNC_TEST_MYSQL_PORT=$port
			SSYNC_TEST_MYSQL_SOCKET="$dir/mysqld.sock"
			SSYNC_TEST_MYSQL_CLIENT=$client
			SSYNC_TEST_MYSQL_URL="mysql://ssync:$SSYNC_TEST_MYSQL_PASSWORD@tcp(127.0.0.1:$port)/"
			export SSYNC_TEST_MYSQL_URL SSYNC_TEST_MYSQL_PORT SSYNC_TEST_MYSQL_USER \
				SSYNC_TEST_MYSQL_PASSWORD SSYNC_TEST_MYSQL_SOCKET SSYNC_TEST_MYSQL_CLIENT
			return 0
		fi
		kill "$(cat "$dir/server.pid")" 2>/dev/null
		wait "$(cat "$dir/server.pid")" 2>/dev/null
	done
	SSYNC_TEST_MYSQL_SKIP="MariaDB did not start: $(tail -1 "$dir/error.log" 2>/dev/null)"
	return 1
}

ss_mysql_stop() {
	local dir="$SSYNC_TEST_TMP/mysql" pid
	[ -f "$dir/server.pid" ] || return 0
	pid=$(cat "$dir/server.pid")
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null
	return 0
}

# Start both servers under a fresh SSYNC_TEST_TMP; failures are recorded
# as skip reasons, not fatal.
ss_servers_start() {
	if [ -z "${SSYNC_TEST_TMP:-}" ]; then
		SSYNC_TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ssync-test.XXXXXX")
		export SSYNC_TEST_TMP
	fi
	chmod 755 "$SSYNC_TEST_TMP"
	SSYNC_TEST_PG_SKIP= SSYNC_TEST_MYSQL_SKIP=
	ss_pg_start || true
	ss_mysql_start || true
	export SSYNC_TEST_PG_SKIP SSYNC_TEST_MYSQL_SKIP
}

ss_servers_stop() {
	[ -n "${SSYNC_TEST_TMP:-}" ] || return 0
	ss_pg_stop
	ss_mysql_stop
	case "$SSYNC_TEST_TMP" in
		*/ssync-test.*) [ -n "${SSYNC_KEEP_TMP:-}" ] || rm -rf "$SSYNC_TEST_TMP" ;;
	esac
}
