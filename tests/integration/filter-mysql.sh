#!/usr/bin/env bash
# ssync filter on MySQL scripts, loaded with the mariadb client: the
# pre-sync file into an empty database, then the post-sync file, compared
# with the original loaded into another database (tables, columns,
# indexes, keys, checks, routines, events), and no triggers or views.
# Scripts: the Sakila schema (corpus: CRLF, DELIMITER, inline keys and
# foreign keys, DROP/CREATE SCHEMA and USE), a mariadb-dump of a fixture
# built here (view stand-ins, triggers, routines, events, AUTO_INCREMENT=N),
# and a phpMyAdmin-style export (multi-action ALTER TABLE).
. "$(dirname "$0")/../lib/common.sh"

if ! have_mysql; then
	skip "MariaDB not available: ${SSYNC_TEST_MYSQL_SKIP:-}" 1
	done_testing
fi
cd "$T_TMP" || exit 1
DUMP=$(command -v mariadb-dump || command -v mysqldump)

my_facts() {	# my_facts DB: the schema, one fact per line, sorted
	my_sql "$1" "
	SELECT CONCAT('table ', TABLE_NAME, ' ', ENGINE, ' ', TABLE_COLLATION) FROM information_schema.TABLES
	 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
	UNION ALL
	SELECT CONCAT_WS(' ', 'column', TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE,
	       IFNULL(COLUMN_DEFAULT, '-'), EXTRA, COLLATION_NAME) FROM information_schema.COLUMNS
	 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES
	       WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE')
	UNION ALL
	SELECT CONCAT_WS(' ', 'index', TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, INDEX_TYPE)
	  FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
	UNION ALL
	SELECT CONCAT_WS(' ', 'constraint', TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE)
	  FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
	UNION ALL
	-- InnoDB: NO ACTION is RESTRICT; MariaDB records RESTRICT as NO ACTION when
	-- ALTER TABLE adds the key under FOREIGN_KEY_CHECKS=0, as the dumps set
	SELECT CONCAT_WS(' ', 'fk', TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME,
	       REPLACE(UPDATE_RULE, 'NO ACTION', 'RESTRICT'), REPLACE(DELETE_RULE, 'NO ACTION', 'RESTRICT'))
	  FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
	UNION ALL
	SELECT CONCAT_WS(' ', 'check', TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE)
	  FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
	UNION ALL
	SELECT CONCAT_WS(' ', 'routine', ROUTINE_TYPE, ROUTINE_NAME) FROM information_schema.ROUTINES
	 WHERE ROUTINE_SCHEMA = DATABASE()
	UNION ALL
	SELECT CONCAT_WS(' ', 'event', EVENT_NAME) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()
	ORDER BY 1"
}

my_stripped() {	# my_stripped DB: triggers and views
	my_sql "$1" "SELECT CONCAT('triggers ', (SELECT COUNT(*) FROM information_schema.TRIGGERS
		WHERE TRIGGER_SCHEMA = DATABASE()), ' views ', (SELECT COUNT(*) FROM information_schema.VIEWS
		WHERE TABLE_SCHEMA = DATABASE()))"
}

# roundtrip NAME SCRIPT ORIGDB [filter options]: the original is already in ORIGDB
roundtrip() {
	local name=$1 script=$2 orig=$3
	shift 3
	local filt="filter_${name}_filt"

	run "$SSYNC" filter -o "$name.pre.sql" --post-sync "$name.post.sql" --report "$name.report" "$@" "$script"
	is "$T_RC" 0 "$name: ssync filter exits 0"
	[ "$T_RC" = 0 ] || { diag "$T_ERR"; return; }
	my_fresh_db "$filt" >/dev/null
	my_cli "$filt" <"$name.pre.sql" >/dev/null 2>"$name.pre.err"
	ok $? "$name: the pre-sync file loads with the mariadb client"
	[ -s "$name.pre.err" ] && diag "$(cat "$name.pre.err")"
	my_cli "$filt" <"$name.post.sql" >/dev/null 2>"$name.post.err"
	ok $? "$name: then the post-sync file"
	[ -s "$name.post.err" ] && diag "$(cat "$name.post.err")"
	my_facts "$orig" >"$name.orig.facts"
	my_facts "$filt" >"$name.filt.facts"
	ok "$(diff "$name.orig.facts" "$name.filt.facts" >"$name.diff"; echo $?)" \
		"$name: same tables, columns, indexes, keys, checks, routines ($(grep -c . "$name.orig.facts") facts)"
	[ -s "$name.diff" ] && diag "$(head -20 "$name.diff")"
	is "$(my_stripped "$filt")" "triggers 0 views 0" "$name: no triggers, no views"
}

# --- Sakila (corpus) ------------------------------------------------------------
if [ -n "$SSYNC_CORPUS" ]; then
	sakila="$SSYNC_CORPUS/moscas__mysql-sakila-db/sakila-schema.sql"
	my_fresh_db filter_sakila_orig >/dev/null
	# The original recreates and USEs its own database: load it into ours without
	# those three lines.  Its views name tables that this copy of the file never
	# creates (add1, film_1212): they fail in the original too, hence --force.
	grep -Ev '^(DROP SCHEMA|CREATE SCHEMA|USE) ' "$sakila" | my_cli --force filter_sakila_orig >/dev/null 2>sakila.orig.err
	is "$(grep -c '^ERROR 1146' sakila.orig.err)" 7 "sakila: the original loads but for its 7 broken views"
	is "$(my_stripped filter_sakila_orig)" "triggers 3 views 0" "sakila: the original has 3 triggers"
	roundtrip sakila "$sakila" filter_sakila_orig
	rep=$(cat sakila.report)
	like "$rep" "	database	sakila	stripped" "sakila: DROP/CREATE SCHEMA and USE stripped"
	like "$rep" "	table	film_actor	kept	table: kept by default; rewritten: moved 2 foreign-key, 1 index" \
		"sakila: inline keys moved to post-sync"
	like "$(cat sakila.post.sql)" "ALTER TABLE \`rental\`"$'\r' "sakila: one ALTER TABLE per table, CRLF kept"
	# only the changes the routines need: // for the first, $$ for the other four, then ;
	is "$(grep '^DELIMITER' sakila.pre.sql | tr -d '\r' | tr '\n' ' ')" "DELIMITER // DELIMITER \$\$ DELIMITER ; " \
		"sakila: DELIMITER lines where the routines need them"
else
	skip "no corpus" 11
fi

# --- a mariadb-dump: view stand-ins, triggers, routines, events, AUTO_INCREMENT ------
cat >fixture.sql <<'EOF'
CREATE TABLE parent (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(40) NOT NULL,
	UNIQUE KEY uq_name (name)) ENGINE=InnoDB;
CREATE TABLE child (id int NOT NULL AUTO_INCREMENT, parent_id int NOT NULL, note text, score int DEFAULT 0,
	PRIMARY KEY (id), KEY ix_parent (parent_id), FULLTEXT KEY ft_note (note),
	CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE,
	CONSTRAINT ck_score CHECK (score >= 0)) ENGINE=InnoDB;
CREATE TABLE audit (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, what varchar(100)) ENGINE=InnoDB;
INSERT INTO parent (name) VALUES ('a'), ('b');
INSERT INTO child (parent_id, note) VALUES (1, 'x'), (2, 'y');
CREATE VIEW v_child AS SELECT c.id, p.name FROM child c JOIN parent p ON p.id = c.parent_id;
CREATE VIEW v_v AS SELECT * FROM v_child;
DELIMITER //
CREATE TRIGGER tr_child AFTER INSERT ON child FOR EACH ROW BEGIN INSERT INTO audit (what) VALUES (CONCAT('child ', NEW.id)); END//
CREATE PROCEDURE p_count(OUT n int) BEGIN SELECT COUNT(*) INTO n FROM child; END//
CREATE FUNCTION f_double(x int) RETURNS int DETERMINISTIC RETURN x * 2//
DELIMITER ;
CREATE EVENT ev_clean ON SCHEDULE EVERY 1 DAY DO DELETE FROM audit WHERE id < 0;
EOF
my_fresh_db filter_fx_src >/dev/null
my_cli filter_fx_src <fixture.sql
ok $? "fixture built"
"$DUMP" --no-defaults --protocol=tcp -h127.0.0.1 -P"$SSYNC_TEST_MYSQL_PORT" -u"$SSYNC_TEST_MYSQL_USER" \
	-p"$SSYNC_TEST_MYSQL_PASSWORD" --no-data --routines --events --triggers filter_fx_src >fx.dump.sql
ok $? "mariadb-dump --no-data --routines --events --triggers"
my_fresh_db filter_fx_orig >/dev/null
my_cli filter_fx_orig <fx.dump.sql
ok $? "the dump loads"
roundtrip fx fx.dump.sql filter_fx_orig
rep=$(cat fx.report)
like "$rep" "	drop	v_child	stripped	follows the view v_child after it" "fx: DROP TABLE before a view stand-in stripped with it"
like "$rep" "	table	child	kept	.*removed AUTO_INCREMENT=N" "fx: AUTO_INCREMENT=N removed"
unlike "$(cat fx.pre.sql fx.post.sql)" "AUTO_INCREMENT=|999999|v_child" "fx: no counter, no sandbox line, no view"
is "$(my_sql filter_fx_filt "SELECT IFNULL(AUTO_INCREMENT, 1) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'child'")" \
	1 "fx: the counter starts afresh"

# triggers kept: deferred to post-sync with their DELIMITER lines, and they load
run "$SSYNC" filter -o fxt.pre.sql --post-sync fxt.post.sql --keep trigger fx.dump.sql
my_fresh_db filter_fxt >/dev/null
my_cli filter_fxt <fxt.pre.sql && my_cli filter_fxt <fxt.post.sql
ok $? "--keep trigger: pre-sync and post-sync load"
is "$(my_stripped filter_fxt)" "triggers 1 views 0" "--keep trigger: the trigger is created by the post-sync file"
like "$(cat fxt.post.sql)" "^DELIMITER ;;$" "--keep trigger: post-sync has DELIMITER ;; for it"

# --- a phpMyAdmin-style export: keys added by multi-action ALTER TABLE ---------------
cat >pma.sql <<'EOF'
-- phpMyAdmin SQL Dump
SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";
START TRANSACTION;
SET time_zone = "+00:00";

CREATE TABLE `users` (
  `id` int(11) NOT NULL,
  `email` varchar(100) NOT NULL,
  `team_id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `users` (`id`, `email`, `team_id`) VALUES
(1, 'a@x', NULL);

CREATE TABLE `teams` (
  `id` int(11) NOT NULL,
  `name` varchar(50) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE `users`
  ADD PRIMARY KEY (`id`),
  ADD UNIQUE KEY `email` (`email`),
  ADD KEY `team_id` (`team_id`);

ALTER TABLE `teams`
  ADD PRIMARY KEY (`id`);

ALTER TABLE `users`
  MODIFY `id` int(11) NOT NULL AUTO_INCREMENT, AUTO_INCREMENT=2;

ALTER TABLE `users`
  ADD CONSTRAINT `users_ibfk_1` FOREIGN KEY (`team_id`) REFERENCES `teams` (`id`);
COMMIT;
EOF
my_fresh_db filter_pma_orig >/dev/null
my_cli filter_pma_orig <pma.sql
ok $? "phpMyAdmin export loads"
my_sql filter_pma_orig "DELETE FROM users"
roundtrip pma pma.sql filter_pma_orig
like "$(cat pma.report)" "	primary-key	users	kept	rewritten: split by fate: primary-key kept, unique deferred, index deferred" \
	"pma: ADD PRIMARY KEY stays, ADD UNIQUE KEY and ADD KEY are deferred"
like "$(cat pma.pre.sql)" "MODIFY \`id\` int\(11\) NOT NULL AUTO_INCREMENT;" "pma: AUTO_INCREMENT=2 split off the MODIFY"

# an AUTO_INCREMENT column must lead some key: where the primary key is on
# another column, the UNIQUE KEY (or KEY) on it stays in the CREATE TABLE
cat >autokey.sql <<'EOF'
CREATE TABLE `shelves` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL DEFAULT '', /* auto_increment in a comment */
  `note` varchar(64) DEFAULT 'auto_increment',
  PRIMARY KEY (`name`),
  KEY `shelves_note` (`note`),
  UNIQUE KEY `shelves_id` (`id`)
) ENGINE=InnoDB;
CREATE TABLE `bins` (
  `bin_no` int NOT NULL AUTO_INCREMENT,
  `shelf` int NOT NULL,
  PRIMARY KEY (`shelf`, `bin_no`),
  KEY `bins_no` (`bin_no`, `shelf`),
  KEY `bins_shelf` (`shelf`)
) ENGINE=InnoDB;
EOF
my_fresh_db filter_autokey_orig >/dev/null
my_cli filter_autokey_orig <autokey.sql
ok $? "autokey: the script loads"
roundtrip autokey autokey.sql filter_autokey_orig --dialect mysql
like "$(cat autokey.pre.sql)" "UNIQUE KEY \`shelves_id\` \(\`id\`\)" "autokey: the key on the AUTO_INCREMENT column stays"
like "$(cat autokey.post.sql)" "ADD KEY \`shelves_note\`" "autokey: the other key is deferred"
like "$(cat autokey.pre.sql)" "KEY \`bins_no\` \(\`bin_no\`" "autokey: a KEY leading with it stays too"
like "$(cat autokey.post.sql)" "ADD KEY \`bins_shelf\`" "autokey: the other key of that table is deferred"

# the client's commands: a statement that starts with one is the command,
# and a file it runs is run once (pre-sync), not from every output file
cat >cmds.sql <<'EOF'
CREATE TABLE parts (id int, KEY parts_id (id));
source parts_data.sql;
exit;
EOF
run "$SSYNC" filter --dialect mysql -o cmds.pre.sql --post-sync cmds.post.sql --report cmds.report cmds.sql
is "$T_RC" 0 "client commands: filtered"
like "$(cat cmds.report)" "cmds.sql:2:1	client	source	kept	client: runs another file" \
	"client commands: 'source x;' is the client's command, kept once"
like "$(cat cmds.pre.sql)" "source parts_data.sql;" "client commands: source in the pre-sync file"
unlike "$(cat cmds.post.sql)" "source" "client commands: not in the post-sync file"
like "$(cat cmds.post.sql)" "exit;" "client commands: exit copied to every file"

done_testing
