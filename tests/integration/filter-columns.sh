#!/usr/bin/env bash
# Constraints written inside column definitions, as hand-written schemas
# and migrations write them (pg_dump never does): "parent_id int
# REFERENCES parents (id)", "code text UNIQUE".  With --post-sync they
# leave the CREATE TABLE for an ALTER TABLE in the post-sync file, like
# table constraints: the pre-sync database takes rows in any order, and
# pre-sync then post-sync build what the script builds.  On MariaDB a
# column UNIQUE moves too; a column REFERENCES stays where it is (MySQL
# 8.4 ignores it, MariaDB creates the key: moving it would change one of
# them), and a warning says so.
. "$(dirname "$0")/../lib/common.sh"

cd "$T_TMP" || exit 1

# --- PostgreSQL --------------------------------------------------------------------
if have_pg; then
	. "$SSYNC_SRCDIR/tests/filter/pg.sh"
	cat >schema.sql <<'SQL'
CREATE TABLE parents (
    id integer PRIMARY KEY,
    code text NOT NULL UNIQUE,
    "Region" text CONSTRAINT parents_region_key UNIQUE NULLS NOT DISTINCT WITH (fillfactor = 90),
    key text UNIQUE
);
CREATE TABLE kinds (id integer NOT NULL CONSTRAINT kinds_pk PRIMARY KEY, name text);
CREATE TABLE children (
    id integer NOT NULL PRIMARY KEY,
    parent_id integer NOT NULL REFERENCES parents (id) ON DELETE CASCADE,
    kind_id integer CONSTRAINT children_kind_fk REFERENCES kinds DEFERRABLE INITIALLY DEFERRED,
    "Serial No" text -- what the label says
        UNIQUE,
    qty integer CHECK (qty > 0) REFERENCES kinds (id) ON UPDATE SET NULL,
    CONSTRAINT children_pair UNIQUE (parent_id, kind_id)
);
COMMENT ON CONSTRAINT children_kind_fk ON children IS 'the kind';
SQL
	orig=$(pg_fresh_db filter_cols_orig) && filt=$(pg_fresh_db filter_cols_filt) &&
		pre_only=$(pg_fresh_db filter_cols_pre)
	ok $? "PostgreSQL: three databases"
	psql_cmd -d "$orig" -f schema.sql >/dev/null
	ok $? "the hand-written schema loads"
	run "$SSYNC" filter -o pre.sql --post-sync post.sql --report report.txt schema.sql
	is "$T_RC" 0 "filtered"
	unlike "$(cat pre.sql)" "REFERENCES|UNIQUE" "no foreign key or unique constraint left in pre-sync"
	like "$(cat pre.sql)" "    parent_id integer NOT NULL,
    kind_id integer,
    \"Serial No\" text -- what the label says
,
    qty integer CHECK \(qty > 0\)
\);" "the rest of each column stays as written, the last without its comma"
	like "$(cat post.sql)" "ALTER TABLE \"children\"
	ADD FOREIGN KEY \(parent_id\) REFERENCES parents \(id\) ON DELETE CASCADE,
	ADD CONSTRAINT children_kind_fk FOREIGN KEY \(kind_id\) REFERENCES kinds DEFERRABLE INITIALLY DEFERRED,
	ADD UNIQUE \(\"Serial No\"\)," "post-sync: the table-constraint form of each"
	like "$(cat report.txt)" "	table	children	kept	.*moved 2 unique, 3 foreign-key .*\(4 from column definitions\)" \
		"the report counts them"
	like "$(cat report.txt)" "	comment	children_kind_fk on children	deferred" \
		"a comment on a moved constraint is deferred with it"

	psql_cmd -d "$pre_only" -f pre.sql >/dev/null 2>pre.err
	ok $? "pre-sync loads alone"
	rows="INSERT INTO children VALUES (1, 42, 7, 'a', 3);
		INSERT INTO children VALUES (2, 42, 7, 'a', 3);
		INSERT INTO parents VALUES (1, 'x', NULL, NULL), (2, 'x', NULL, NULL)"
	run psql_cmd -d "$pre_only" -c "$rows"
	is "$T_RC" 0 "pre-sync alone takes rows that break the foreign keys and unique keys"
	run psql_cmd -d "$orig" -c "$rows"
	like "$T_ERR" "violates foreign key constraint \"children_parent_id_fkey\"" \
		"(the original schema refuses them)"

	psql_cmd -d "$filt" -f pre.sql >/dev/null 2>filt.err && psql_cmd -d "$filt" -f post.sql >/dev/null 2>>filt.err
	ok $? "pre-sync then post-sync load"
	[ -s filt.err ] && diag "$(cat filt.err)"
	pg_facts filter_cols_orig >orig.facts
	pg_facts filter_cols_filt >filt.facts
	ok "$(diff orig.facts filt.facts >facts.diff; echo $?)" \
		"the same tables, columns, constraints (names, actions, deferrability) and indexes ($(wc -l <orig.facts) facts)"
	[ -s facts.diff ] && diag "$(cat facts.diff)"
	is "$(pg_sql filter_cols_filt "SELECT string_agg(conname || ':' || contype::text, ' ' ORDER BY conname COLLATE \"C\")
		FROM pg_constraint WHERE contype IN ('f', 'u') AND connamespace = 'public'::regnamespace")" \
		"children_Serial No_key:u children_kind_fk:f children_pair:u children_parent_id_fkey:f children_qty_fkey:f parents_code_key:u parents_key_key:u parents_region_key:u" \
		"the catalog has every foreign key and unique constraint, under the script's names"
	is "$(pg_sql filter_cols_filt "SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'children_kind_fk'")" \
		"the kind" "and the comment on one"
else
	skip "PostgreSQL not available: ${SSYNC_TEST_PG_SKIP:-}" 17
fi

# --- MariaDB -------------------------------------------------------------------------
if have_mysql; then
	cat >my.sql <<'SQL'
CREATE TABLE `p` (
  `id` int NOT NULL PRIMARY KEY,
  `code` varchar(10) NOT NULL UNIQUE KEY COMMENT 'unique code',
  `ts` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP UNIQUE
) ENGINE=InnoDB;
CREATE TABLE `c` (
  `id` int NOT NULL PRIMARY KEY,
  `pid` int REFERENCES `p` (`id`) ON DELETE CASCADE,
  `n` int CHECK (`n` > 0)
) ENGINE=InnoDB;
SQL
	my_fresh_db filter_cols_orig >/dev/null && my_fresh_db filter_cols_filt >/dev/null
	ok $? "MariaDB: two databases"
	my_cli filter_cols_orig <my.sql
	ok $? "the hand-written MySQL schema loads"
	run "$SSYNC" filter --dialect mysql -o my.pre.sql --post-sync my.post.sql --report my.report my.sql
	is "$T_RC" 0 "filtered"
	like "$T_ERR" "1 REFERENCES in MySQL column definitions left in pre-sync" "a warning says a column REFERENCES stays"
	like "$(cat my.pre.sql)" "  \`code\` varchar\(10\) NOT NULL COMMENT 'unique code',
  \`ts\` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
\)" "column UNIQUE removed, ON UPDATE CURRENT_TIMESTAMP kept"
	like "$(cat my.pre.sql)" "\`pid\` int REFERENCES \`p\` \(\`id\`\) ON DELETE CASCADE," "column REFERENCES left in place"
	like "$(cat my.post.sql)" "ALTER TABLE \`p\`
	ADD UNIQUE KEY \(\`code\`\),
	ADD UNIQUE \(\`ts\`\);" "the unique keys in post-sync"
	like "$(cat my.report)" "left in place \(MySQL ignores them, MariaDB creates them\)" "the report says so"
	my_cli filter_cols_filt <my.pre.sql && my_cli filter_cols_filt <my.post.sql
	ok $? "pre-sync then post-sync load"
	is "$(my_sql filter_cols_filt "SHOW CREATE TABLE p" | cut -f2-)" "$(my_sql filter_cols_orig "SHOW CREATE TABLE p" | cut -f2-)" \
		"the same table p (unique keys named as the script names them)"
	is "$(my_sql filter_cols_filt "SHOW CREATE TABLE c" | cut -f2-)" "$(my_sql filter_cols_orig "SHOW CREATE TABLE c" | cut -f2-)" \
		"the same table c (with the foreign key this server makes of the column REFERENCES)"
else
	skip "MariaDB not available: ${SSYNC_TEST_MYSQL_SKIP:-}" 10
fi

done_testing
