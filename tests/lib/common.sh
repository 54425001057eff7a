# common.sh - sourced by every tests/integration/*.sh script.
#
# Gives TAP helpers (ok, is, like, skip, done_testing), the paths of the
# binary, sources and corpus, and fresh databases on the suite's servers.
# A script run by hand (outside tests/run-tests.sh) starts its own servers
# and stops them when it exits.

set -u

: "${SSYNC_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SSYNC_BUILDDIR:=$SSYNC_SRCDIR}"
SSYNC="${SSYNC:-$SSYNC_BUILDDIR/ssync}"
export SSYNC SSYNC_SRCDIR SSYNC_BUILDDIR
# The shared corpus of real SQL lives beside the project checkout.
: "${SSYNC_CORPUS:=$SSYNC_SRCDIR/../shared/corpus}"
[ -d "$SSYNC_CORPUS" ] || SSYNC_CORPUS=

. "$SSYNC_SRCDIR/tests/lib/servers.sh"

if [ -z "${SSYNC_TEST_SERVERS_STARTED:-}" ] && [ -z "${SSYNC_NO_SERVERS:-}" ]; then
	ss_servers_start
	SSYNC_TEST_SERVERS_STARTED=self
	trap 'ss_servers_stop' EXIT INT TERM
fi
: "${SSYNC_TEST_TMP:=$(mktemp -d)}"
T_TMP=$(mktemp -d "$SSYNC_TEST_TMP/t.XXXXXX")
chmod 755 "$T_TMP"

_t_n=0
_t_failed=0

ok() {	# ok STATUS NAME: STATUS 0 passes
	_t_n=$((_t_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_t_n - $2"
	else
		echo "not ok $_t_n - $2"
		_t_failed=$((_t_failed + 1))
	fi
}

# run CMD...: runs, keeping stdout in $T_OUT, stderr in $T_ERR, status in $T_RC.
run() {
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	T_RC=$?
	T_OUT=$(cat "$T_TMP/out")
	T_ERR=$(cat "$T_TMP/err")
	return 0
}

is() {	# is GOT WANT NAME
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | sed '3,$s/^/#         /'
	fi
}

# Does TEXT match the extended regex RE?  Line by line, as grep, unless RE
# spans lines: grep would take each of its lines as a pattern of its own
# and match on any one, so such a RE is matched against the whole text.
matches() {	# matches TEXT RE
	case $2 in
	*'
'*)	[[ $1 =~ $2 ]] ;;
	*)	printf '%s' "$1" | grep -Eq -- "$2" ;;
	esac
}

like() {	# like TEXT EXTENDED-REGEX NAME
	if matches "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "$1" | head -20 | sed 's/^/#   got: /'
		echo "#   want match: $2"
	fi
}

unlike() {	# unlike TEXT EXTENDED-REGEX NAME
	if matches "$1" "$2"; then
		ok 1 "$3"
		printf '%s\n' "$1" | head -20 | sed 's/^/#   got: /'
	else
		ok 0 "$3"
	fi
}

skip() {	# skip REASON [COUNT]
	local i
	for i in $(seq 1 "${2:-1}"); do
		_t_n=$((_t_n + 1))
		echo "ok $_t_n # skip $1"
	done
}

diag() { printf '%s\n' "$*" | sed 's/^/# /'; }

done_testing() {
	echo "1..$_t_n"
	[ "$_t_failed" -eq 0 ]
	exit $?
}

# --- PostgreSQL helpers -------------------------------------------------
have_pg() { [ -n "${SSYNC_TEST_PG_URL:-}" ]; }
pg_url() {	# pg_url DB: URL of database DB on the test server
	echo "postgres://postgres@127.0.0.1:$SSYNC_TEST_PG_PORT/$1?sslmode=disable"
}
psql_cmd() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
pg_sql() {	# pg_sql DB SQL: run SQL, print unaligned tuples
	psql -X -q -v ON_ERROR_STOP=1 -At -d "$(pg_url "$1")" -c "$2"
}
pg_fresh_db() {	# pg_fresh_db NAME: (re)create an empty database, print its URL
	psql -X -q -d "$SSYNC_TEST_PG_URL" -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null &&
		psql -X -q -d "$SSYNC_TEST_PG_URL" -c "CREATE DATABASE \"$1\"" >/dev/null &&
		pg_url "$1"
}

# --- MariaDB helpers ----------------------------------------------------
have_mysql() { [ -n "${SSYNC_TEST_MYSQL_URL:-}" ]; }
my_url() {	# my_url DB
	echo "mysql://$SSYNC_TEST_MYSQL_USER:$SSYNC_TEST_MYSQL_PASSWORD@tcp(127.0.0.1:$SSYNC_TEST_MYSQL_PORT)/$1"
}
my_cli() {	# my_cli [DB] [args]: the mariadb client over TCP
	"$SSYNC_TEST_MYSQL_CLIENT" --no-defaults --protocol=tcp -h127.0.0.1 -P"$SSYNC_TEST_MYSQL_PORT" \
		-u"$SSYNC_TEST_MYSQL_USER" -p"$SSYNC_TEST_MYSQL_PASSWORD" "$@"
}
my_sql() {	# my_sql DB SQL: print tab-separated rows without headers
	my_cli -N -B "$1" -e "$2"
}
my_fresh_db() {	# my_fresh_db NAME: (re)create an empty database, print its URL
	my_cli -e "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\`" && my_url "$1"
}

# --- SQL Server (only where a real server is named) ---------------------
have_mssql() { [ -n "${SSYNC_TEST_MSSQL_URL:-}" ]; }
