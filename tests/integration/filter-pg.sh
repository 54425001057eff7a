#!/usr/bin/env bash
# ssync filter on real PostgreSQL dumps: load the pre-sync file into an
# empty database with ON_ERROR_STOP, then the post-sync file, and compare
# with the original dump loaded into another database: the same tables,
# columns, constraints, indexes and comments, and none of the stripped
# classes (views, triggers, rules, grants, owners, ...).
#
# Dumps: Danbooru's structure.sql (corpus), and pg_dump -s of databases
# built at test time from the dumper's fixture of every object kind and
# from the Harbor and OpenMeter migration sets (corpus).
. "$(dirname "$0")/../lib/common.sh"

if ! have_pg; then
	skip "PostgreSQL not available: ${SSYNC_TEST_PG_SKIP:-}" 1
	done_testing
fi
PG_DUMP=${SSYNC_TEST_PG_BINDIR:+$SSYNC_TEST_PG_BINDIR/}pg_dump
cd "$T_TMP" || exit 1
. "$SSYNC_SRCDIR/tests/filter/pg.sh"

# Objects of the classes the default profile strips, counted.
pg_stripped() {
	pg_sql "$1" "
	SELECT 'views ' || count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE c.relkind IN ('v', 'm') AND $SYS
	UNION ALL SELECT 'triggers ' || count(*) FROM pg_trigger WHERE NOT tgisinternal
	UNION ALL SELECT 'rules ' || count(*) FROM pg_rules WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
	UNION ALL SELECT 'event-triggers ' || count(*) FROM pg_event_trigger
	UNION ALL SELECT 'publications ' || count(*) FROM pg_publication
	UNION ALL SELECT 'grants ' || count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE c.relacl IS NOT NULL AND $SYS
	UNION ALL SELECT 'default-privileges ' || count(*) FROM pg_default_acl
	UNION ALL SELECT 'security-labels ' || count(*) FROM pg_seclabel
	UNION ALL SELECT 'other-owners ' || count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user) AND $SYS"
}

NONE="views 0
triggers 0
rules 0
event-triggers 0
publications 0
grants 0
default-privileges 0
security-labels 0
other-owners 0"

# roundtrip NAME DUMP [filter options]: the whole proof for one dump.
roundtrip() {
	local name=$1 dump=$2
	shift 2
	local orig filt rc

	orig=$(pg_fresh_db "filter_${name}_orig") && filt=$(pg_fresh_db "filter_${name}_filt") || {
		ok 1 "$name: create databases"
		return
	}
	psql_cmd -d "$orig" -f "$dump" >/dev/null 2>"$name.orig.err"
	ok $? "$name: the original dump loads"
	run "$SSYNC" filter -o "$name.pre.sql" --post-sync "$name.post.sql" --report "$name.report" "$@" "$dump"
	is "$T_RC" 0 "$name: ssync filter exits 0"
	[ "$T_RC" = 0 ] || { diag "$T_ERR"; return; }
	psql_cmd -d "$filt" -f "$name.pre.sql" >/dev/null 2>"$name.pre.err"
	rc=$?
	ok $rc "$name: the pre-sync file loads into an empty database (ON_ERROR_STOP)"
	[ $rc = 0 ] || diag "$(cat "$name.pre.err")"
	psql_cmd -d "$filt" -f "$name.post.sql" >/dev/null 2>"$name.post.err"
	rc=$?
	ok $rc "$name: then the post-sync file"
	[ $rc = 0 ] || diag "$(cat "$name.post.err")"
	pg_facts "filter_${name}_orig" >"$name.orig.facts"
	pg_facts "filter_${name}_filt" >"$name.filt.facts"
	ok "$(diff "$name.orig.facts" "$name.filt.facts" >"$name.diff"; echo $?)" \
		"$name: same tables, columns, constraints, indexes and comments ($(grep -c . "$name.orig.facts") facts)"
	[ -s "$name.diff" ] && diag "$(head -20 "$name.diff")"
	is "$(pg_stripped "filter_${name}_filt")" "$NONE" "$name: none of the stripped classes"
}

# --- every object kind the dumper knows ------------------------------------------
psql_cmd -d "$SSYNC_TEST_PG_URL" -c "DO \$\$ BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ssync_reader') THEN CREATE ROLE ssync_reader; END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'Odd Role') THEN CREATE ROLE \"Odd Role\"; END IF;
	END \$\$" >/dev/null
src=$(pg_fresh_db filter_kinds_src)
psql_cmd -d "$src" -f "$SSYNC_SRCDIR/tests/integration/data/dump_kinds.sql" >/dev/null 2>&1 &&
	psql_cmd -d "$src" -c "ALTER TABLE app.scratch OWNER TO ssync_reader;
		ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO ssync_reader;
		CREATE PUBLICATION filter_pub FOR TABLE app.users;" >/dev/null 2>&1
ok $? "fixture of every object kind built"
"$PG_DUMP" -s -d "$src" >kinds.sql
ok $? "pg_dump -s of it"
like "$(pg_stripped filter_kinds_src | tr '\n' ' ')" "views 5 triggers [1-9] rules 2 .*publications 1.*grants [1-9].*default-privileges [1-9].*other-owners [1-9]" \
	"the original has views, triggers, rules, a publication, grants, default privileges and another owner"
roundtrip kinds kinds.sql
rep=$(cat kinds.report)
like "$rep" "	view	app.v_cycle	stripped" "kinds: views stripped"
like "$rep" "	function	app.cycle_fn	stripped	uses the row type of view app.v_cycle" \
	"kinds: a function taking a stripped view's row type goes with it"
like "$rep" "	function	app.touch	kept	trigger-function: kept by default" "kinds: trigger function kept"
like "$rep" "	index-attach	app.events_payload	deferred" "kinds: index attach deferred"
like "$rep" "	domain	app.later	deferred	domain NOT VALID" "kinds: NOT VALID domain constraint deferred"
like "$rep" "	comment	users_touch on app.users	stripped	follows trigger users_touch" "kinds: comment follows its trigger"
is "$(grep -c '^\\restrict ' kinds.pre.sql kinds.post.sql | tr '\n' ' ')" "kinds.pre.sql:1 kinds.post.sql:1 " "kinds: \\restrict in both files"

# --keep all: the input back, byte for byte after the header (psql's \restrict keys are new)
keep_all_body() {	# keep_all_body FILE: ssync filter --keep all FILE, without its header
	"$SSYNC" filter --keep all "$1" | awk 'body { print; next } /^\r?$/ { body = 1 }' |
		sed -E 's/^\\(un)?restrict [A-Za-z0-9]+$/\\\1restrict KEY/'
}
sed -E 's/^\\(un)?restrict [A-Za-z0-9]+$/\\\1restrict KEY/' kinds.sql >kinds.norm
keep_all_body kinds.sql >kinds.keep
ok "$(cmp kinds.norm kinds.keep >/dev/null; echo $?)" "--keep all on a pg_dump -s gives the dump back, its closing comment included"
like "$(tail -n 5 kinds.keep)" "-- PostgreSQL database dump complete" "(it ends as pg_dump ends it)"

# same dump, triggers kept (deferred) and trigger functions stripped: no load, just the split
run "$SSYNC" filter -o k2.pre.sql --post-sync k2.post.sql --keep trigger --strip trigger-functions \
	--report k2.report kinds.sql
like "$(cat k2.post.sql)" "CREATE TRIGGER users_touch" "--keep trigger defers triggers"
like "$(cat k2.report)" "	function	app.touch	stripped	--strip trigger-function" "--strip trigger-functions"
like "$(cat k2.report)" "	owner	app.touch	stripped" "and what belongs to it"

# --- selection on a real dump: loadable, and only what was asked --------------------
sel=$(pg_fresh_db filter_kinds_sel)
run "$SSYNC" filter -o sel.pre.sql --post-sync sel.post.sql -N audit -T 'app\.events' kinds.sql
is "$T_RC" 0 "selection: exits 0"
psql_cmd -d "$sel" -f sel.pre.sql >/dev/null 2>sel.err && psql_cmd -d "$sel" -f sel.post.sql >/dev/null 2>>sel.err
ok $? "selection: pre-sync and post-sync files load"
[ -s sel.err ] && diag "$(grep ERROR sel.err)"
is "$(pg_sql filter_kinds_sel "SELECT string_agg(n.nspname || '.' || c.relname, ' ' ORDER BY n.nspname || '.' || c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND $SYS")" \
	'Mixed Case.Table "quoted" app.orders app.pairs app.pairs_plain app.scratch app.users' \
	"selection: the events partitions and the audit schema are out"

# --- Danbooru's structure.sql (corpus) ------------------------------------------------
if [ -n "$SSYNC_CORPUS" ]; then
	roundtrip danbooru "$SSYNC_CORPUS/danbooru__danbooru/db/structure.sql"
	like "$(cat danbooru.report)" "	other	public.index_posts_on_string_to_array_tag_string	deferred	names index" \
		"danbooru: ALTER INDEX ... SET STATISTICS follows its index"
	is "$(grep -c "	deferred	" danbooru.report)" 485 "danbooru: 93 foreign keys, 391 indexes and one ALTER INDEX deferred"
	keep_all_body "$SSYNC_CORPUS/danbooru__danbooru/db/structure.sql" >danbooru.keep
	ok "$(cmp "$SSYNC_CORPUS/danbooru__danbooru/db/structure.sql" danbooru.keep >/dev/null; echo $?)" \
		"danbooru: --keep all gives structure.sql back byte for byte"
	keep_all_body "$SSYNC_CORPUS/devrimgunduz__pagila/pagila-schema.sql" >pagila.keep
	ok "$(cmp "$SSYNC_CORPUS/devrimgunduz__pagila/pagila-schema.sql" pagila.keep >/dev/null; echo $?)" \
		"pagila: --keep all gives the dump back, its closing comment included"
else
	skip "no corpus" 10
fi

# --- pg_dump -s of the Harbor and OpenMeter migration sets (corpus) --------------------
migrated_dump() {	# migrated_dump NAME DIR [SETUP-SQL]: apply every .up.sql, print the dump file
	local db url files
	db="filter_${1}_src"
	url=$(pg_fresh_db "$db") || return 1
	[ -n "${3:-}" ] && { psql_cmd -d "$url" -c "$3" >/dev/null || return 1; }
	files=()
	while IFS= read -r f; do files+=(-f "$f"); done < <(ls "$2"/*.up.sql | sort)
	psql_cmd -d "$url" "${files[@]}" >/dev/null 2>"$1.migrate.err" || return 1
	"$PG_DUMP" -s -d "$url" >"$1.dump.sql" || return 1
}
if [ -n "$SSYNC_CORPUS" ]; then
	migrated_dump harbor "$SSYNC_CORPUS/goharbor__harbor/make/migrations/postgresql" \
		"CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)"
	ok $? "harbor: 39 migrations applied and dumped"
	roundtrip harbor harbor.dump.sql
	migrated_dump openmeter "$SSYNC_CORPUS/openmeterio__openmeter/tools/migrate/migrations"
	ok $? "openmeter: 269 migrations applied and dumped"
	roundtrip openmeter openmeter.dump.sql
	like "$(cat openmeter.report)" "	view	.*	stripped" "openmeter: views stripped"
else
	skip "no corpus" 16
fi

done_testing
