#!/usr/bin/env bash
# Each engine can be left out at configure time: build the committed tree
# with --with-mysql=no --with-freetds=no and check what the binary says.
# Slow (a full configure and build), so it runs only when
# SSYNC_TEST_BUILD_VARIANTS=1 (CI sets it).
SSYNC_NO_SERVERS=1
. "$(dirname "$0")/../lib/common.sh"

if [ "${SSYNC_TEST_BUILD_VARIANTS:-}" != 1 ]; then
	skip "build variants run only with SSYNC_TEST_BUILD_VARIANTS=1" 5
	done_testing
fi
if ! git -C "$SSYNC_SRCDIR" rev-parse HEAD >/dev/null 2>&1; then
	skip "not a git checkout" 5
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
run sh -c "cd '$dir' && ./configure --with-freetds=yes CPPFLAGS=-I/nonexistent ac_cv_header_sybdb_h=no"
is "$T_RC" 1 "--with-freetds=yes without FreeTDS stops configure"
like "$T_ERR$T_OUT" 'with-freetds=yes but FreeTDS db-lib' "configure names the missing package"
done_testing
