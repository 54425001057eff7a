#!/usr/bin/env bash
# MySQL splitting checked against the real client: for each MySQL script of
# the corpus, the mariadb client running the whole file and sqlp-exec
# feeding ssync's split statements one at a time to the same MariaDB server
# must leave the same schema (compared as mariadb-dump --no-data output of
# every database the script touched) and agree on success or failure.
# Both stop at the first failing statement; when the client stops early,
# both also run the whole file going on past errors (--force).
# What the client does besides splitting is kept out of the comparison:
# it drops the '\r' of CRLF line ends everywhere, string literals included
# (the helper does the same with --strip-cr), and it strips comments unless
# told --comments (given here, so routine bodies keep theirs on both sides).
. "$(dirname "$0")/../lib/common.sh"

EXEC="$SSYNC_BUILDDIR/tests/sqlparse/sqlp-exec"
DUMP=$(command -v mariadb-dump || command -v mysqldump)
if ! have_mysql; then
	skip "MariaDB not available: ${SSYNC_TEST_MYSQL_SKIP:-}"
	done_testing
fi
if [ -z "$SSYNC_CORPUS" ]; then
	skip "corpus not found"
	done_testing
fi
if [ -z "$DUMP" ] || [ ! -x "$EXEC" ]; then
	skip "mariadb-dump or sqlp-exec missing"
	done_testing
fi

my_dbs() { my_sql "" "SHOW DATABASES" | sort; }
# Dump the structure of every database not in $1 (a file), then drop them.
dump_and_drop() {
	local before=$1 dbs
	dbs=$(my_dbs | comm -23 - "$before")
	[ -n "$dbs" ] || return 0
	# shellcheck disable=SC2086
	"$DUMP" --no-defaults --protocol=tcp -h127.0.0.1 -P"$SSYNC_TEST_MYSQL_PORT" \
		-u"$SSYNC_TEST_MYSQL_USER" -p"$SSYNC_TEST_MYSQL_PASSWORD" --no-data --skip-comments \
		--routines --triggers --events --skip-dump-date --databases $dbs 2>&1
	for db in $dbs; do my_cli -e "DROP DATABASE \`$db\`"; done
}

# The MySQL scripts: those auto-detection reads as MySQL, and everything in
# a mysql/ migration directory (plain SQL without markers).
mapfile -t files < <(find "$SSYNC_CORPUS" -type f \( -name '*.sql' -o -name '*.SQL' \) | sort)
checked=0
for f in "${files[@]}"; do
	case "$f" in
		*/mysql/*) ;;
		*) "$SSYNC" filter --list -v "$f" 2>&1 >/dev/null | grep -q 'dialect mysql' || continue ;;
	esac
	name=${f#"$SSYNC_CORPUS"/}
	checked=$((checked + 1))
	my_dbs >"$T_TMP/before"

	my_cli -e 'CREATE DATABASE sqlp_cmp'
	my_cli --comments --default-character-set=utf8mb4 sqlp_cmp <"$f" >"$T_TMP/client.out" 2>&1
	client_rc=$?
	dump_and_drop "$T_TMP/before" >"$T_TMP/client.dump"

	my_cli -e 'CREATE DATABASE sqlp_cmp'
	"$EXEC" --dialect mysql --strip-cr "$(my_url sqlp_cmp)" "$f" >"$T_TMP/exec.out" 2>&1
	exec_rc=$?
	dump_and_drop "$T_TMP/before" >"$T_TMP/exec.dump"

	diag "$name: client exit $client_rc, one-at-a-time exit $exec_rc"
	is "$([ $exec_rc -eq 0 ] && echo ok || echo failed)" \
		"$([ $client_rc -eq 0 ] && echo ok || echo failed)" \
		"$name: one statement at a time succeeds/fails like the client"
	if grep -q -e '^mariadb-dump: ' -e '^mysqldump: ' "$T_TMP/client.dump" "$T_TMP/exec.dump"; then
		ok 1 "$name: the schemas could not be dumped"
		grep -h -e '^mariadb-dump: ' -e '^mysqldump: ' "$T_TMP/client.dump" "$T_TMP/exec.dump" | sed 's/^/# /'
	fi
	if [ "$client_rc" -ne 0 ] && [ "${name##*/}" = statements.sql ] &&
		grep -q 'comment with ideographic space' "$f"; then
		# Skeema's torture file: "--" followed by U+3000 or U+00A0 is a
		# comment to sqlparse (and to Skeema) but not to the mysql client,
		# so past the first error the two read the rest of it differently.
		skip "$name: past errors the client reads '--<U+3000>' differently (deliberate)"
	elif [ "$client_rc" -ne 0 ]; then
		# The client stopped early: go on past errors (--force) both ways
		# to compare the rest of the file too.
		my_cli -e 'CREATE DATABASE sqlp_cmp'
		my_cli --force --comments --default-character-set=utf8mb4 sqlp_cmp <"$f" >/dev/null 2>&1
		dump_and_drop "$T_TMP/before" >"$T_TMP/client.force"
		my_cli -e 'CREATE DATABASE sqlp_cmp'
		"$EXEC" --force --dialect mysql --strip-cr "$(my_url sqlp_cmp)" "$f" >/dev/null 2>&1
		dump_and_drop "$T_TMP/before" >"$T_TMP/exec.force"
		if cmp -s "$T_TMP/client.force" "$T_TMP/exec.force"; then
			ok 0 "$name: same schema as the client going on past errors ($(grep -c '^CREATE' "$T_TMP/client.force") CREATE statements)"
		else
			ok 1 "$name: same schema as the client going on past errors"
			diff "$T_TMP/client.force" "$T_TMP/exec.force" | head -20 | sed 's/^/# /'
		fi
	fi
	if ! cmp -s "$T_TMP/client.dump" "$T_TMP/exec.dump"; then
		ok 1 "$name: same schema as the client"
		diff "$T_TMP/client.dump" "$T_TMP/exec.dump" | head -20 | sed 's/^/# /'
		sed 's/^/# client: /' "$T_TMP/client.out" | head -5
		sed 's/^/# exec: /' "$T_TMP/exec.out" | head -5
	else
		ok 0 "$name: same schema as the client ($(grep -c '^CREATE' "$T_TMP/client.dump") CREATE statements)"
	fi
done
ok "$([ "$checked" -gt 0 ]; echo $?)" "MySQL scripts found in the corpus ($checked)"

# Migration directories: every .up.sql in version order, on one database.
for dir in $(find "$SSYNC_CORPUS" -type d -name mysql | sort); do
	mapfile -t ups < <(find "$dir" -maxdepth 1 -name '*.up.sql' | sort)
	[ "${#ups[@]}" -gt 0 ] || continue
	name=${dir#"$SSYNC_CORPUS"/}
	my_dbs >"$T_TMP/before"
	my_cli -e 'CREATE DATABASE sqlp_cmp'
	client_rc=0
	for f in "${ups[@]}"; do
		my_cli --comments --default-character-set=utf8mb4 sqlp_cmp <"$f" >>"$T_TMP/client.out" 2>&1 ||
			client_rc=1
	done
	dump_and_drop "$T_TMP/before" >"$T_TMP/client.dump"
	my_cli -e 'CREATE DATABASE sqlp_cmp'
	exec_rc=0
	for f in "${ups[@]}"; do
		"$EXEC" --dialect mysql --strip-cr "$(my_url sqlp_cmp)" "$f" >>"$T_TMP/exec.out" 2>&1 ||
			exec_rc=1
	done
	dump_and_drop "$T_TMP/before" >"$T_TMP/exec.dump"
	is "$exec_rc" "$client_rc" "$name: ${#ups[@]} migrations in order, same outcome"
	cmp -s "$T_TMP/client.dump" "$T_TMP/exec.dump"
	ok $? "$name: same schema after all migrations ($(grep -c '^CREATE' "$T_TMP/client.dump") CREATE statements)"
done
done_testing
