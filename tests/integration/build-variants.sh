#!/usr/bin/env bash
# Each engine can be left out at configure time: build the committed tree
# with --with-mysql=no --with-freetds=no and check what the binary says.
# Slow (a full configure and build), so it runs only when
# SSYNC_TEST_BUILD_VARIANTS=1 (CI sets it).
SSYNC_NO_SERVERS=1
. "$(dirname "$0")/../lib/common.sh"

if [ "${SSYNC_TEST_BUILD_VARIANTS:-}" != 1 ]; then
	skip "build variants run only with SSYNC_TEST_BUILD_VARIANTS=1" 10
	done_testing
fi
if ! git -C "$SSYNC_SRCDIR" rev-parse HEAD >/dev/null 2>&1; then
	skip "not a git checkout" 10
	done_testing
fi
dir="$T_TMP/variant"
mkdir -p "$dir"
git -C "$SSYNC_SRCDIR" archive HEAD | tar -x -C "$dir"
run sh -c "cd '$dir' && autoreconf -fi && ./configure --enable-werror --with-postgresql=yes --with-mysql=no --with-freetds=no && make -j2"
is "$T_RC" 0 "./configure --with-mysql=no --with-freetds=no && make builds"
like "$T_OUT" 'MySQL/MariaDB \.+ no' "configure summary says MySQL is out"
run "$dir/ssync" version
is "$T_OUT" "$(printf 'ssync %s\nengines: postgres' "$("$SSYNC" version | head -1 | cut -d' ' -f2)")" \
	"ssync version lists only PostgreSQL"
# ssync migrate names the missing engine and its configure switch.
mkdir -p "$T_TMP/none"
run "$dir/ssync" migrate -path "$T_TMP/none" -database 'mysql://u:p@tcp(127.0.0.1:3306)/db' up
is "$(printf '%s\n' "$T_ERR" | head -1)" "error: failed to open database: this ssync was built without MySQL support (--with-mysql)" \
	"ssync migrate with a mysql:// URL says MySQL was not built"
is "$T_RC" 1 "... exit 1"
run "$dir/ssync" migrate -path "$T_TMP/none" -database 'sqlserver://sa:p@127.0.0.1:1433?database=db' up
is "$(printf '%s\n' "$T_ERR" | head -1)" "error: failed to open database: this ssync was built without SQL Server support (--with-freetds)" \
	"ssync migrate with a sqlserver:// URL says SQL Server was not built"
# The engines' SQL builds without their client libraries and is unit-tested there too.
run sh -c "cd '$dir' && make -j2 tests/unit/test_migrate_mysql tests/unit/test_migrate_mssql && tests/unit/test_migrate_mysql && tests/unit/test_migrate_mssql"
is "$T_RC" 0 "the MySQL and SQL Server engine unit tests pass in a build without either"
unlike "$T_OUT" '^not ok' "... every test of them"
run sh -c "cd '$dir' && ./configure --with-freetds=yes CPPFLAGS=-I/nonexistent ac_cv_header_sybdb_h=no"
is "$T_RC" 1 "--with-freetds=yes without FreeTDS stops configure"
like "$T_ERR$T_OUT" 'with-freetds=yes but FreeTDS db-lib' "configure names the missing package"
done_testing
