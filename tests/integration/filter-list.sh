#!/usr/bin/env bash
# ssync filter --list: the listing format, dialect choice, input forms and
# errors (file:line:col on stderr, exit 1).  No servers needed.
SSYNC_NO_SERVERS=1
. "$(dirname "$0")/../lib/common.sh"

tab=$(printf '\t')

cat >"$T_TMP/dump.sql" <<'SQL'
--
-- PostgreSQL database dump
--
\restrict k3y

SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public."Actor" (id int);
COPY public."Actor" (id) FROM stdin;
1
2;3
\.
ALTER TABLE ONLY public."Actor" ADD CONSTRAINT actor_pkey PRIMARY KEY (id);
CREATE INDEX actor_idx ON public."Actor" USING btree (id);
COMMENT ON COLUMN public."Actor".id IS 'x;y';

\unrestrict k3y
SQL

run "$SSYNC" filter --list "$T_TMP/dump.sql"
is "$T_RC" 0 "--list exits 0"
is "$T_ERR" "" "nothing on stderr"
is "$T_OUT" "4:1${tab}psql-meta${tab}\\restrict
6:1${tab}session${tab}statement_timeout
7:1${tab}session${tab}search_path
8:1${tab}table${tab}public.\"Actor\"
9:1${tab}copy${tab}public.\"Actor\"
10:1${tab}copy-data${tab}public.\"Actor\"
13:1${tab}primary-key${tab}actor_pkey on public.\"Actor\"
14:1${tab}index${tab}actor_idx on public.\"Actor\"
15:1${tab}comment${tab}public.\"Actor\".id on public.\"Actor\"
17:1${tab}psql-meta${tab}\\unrestrict" "LINE:COL, class and object per item"

run "$SSYNC" filter --list -v "$T_TMP/dump.sql"
like "$T_ERR" "dialect postgres \\(pg_dump header at line 2, .restrict at line 4" \
	"--verbose names the dialect and its markers"

printf "SELECT 'C:\\\\';\nSELECT 2;\n" >"$T_TMP/path.sql"
run "$SSYNC" filter -l --dialect=postgres - <"$T_TMP/path.sql"
is "$T_RC" 0 "a backslash before a quote is plain in PostgreSQL"
run "$SSYNC" filter -l --dialect=mysql - <"$T_TMP/path.sql"
is "$T_RC" 1 "but escapes the quote in MySQL"
is "$T_ERR" "ssync: <stdin>:1:8: unterminated quoted string" \
	"the error names stdin, the line:col where the quote opened, and the construct"

printf 'DELIMITER ;;\r\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END;;\r\nDELIMITER ;\r\n' >"$T_TMP/my.sql"
run "$SSYNC" filter --list --dialect mysql "$T_TMP/my.sql"
is "$T_OUT" "1:1${tab}client${tab}DELIMITER ;;
2:1${tab}trigger${tab}t on x
3:1${tab}client${tab}DELIMITER ;" "MySQL: DELIMITER lines and a trigger body with semicolons"

printf 'SET ANSI_NULLS ON\r\nGO\r\nCREATE TABLE [dbo].[Order Details] (id int)\r\nGO 2\r\n' |
	iconv -f UTF-8 -t UTF-16LE | { printf '\377\376'; cat; } >"$T_TMP/ts.sql"
run "$SSYNC" filter --list "$T_TMP/ts.sql"
is "$T_OUT" "1:1${tab}session${tab}ANSI_NULLS
3:1${tab}table${tab}dbo.[Order Details]" "UTF-16LE T-SQL script detected and decoded"

run "$SSYNC" filter --list "$T_TMP/my.sql" "$T_TMP/ts.sql"
is "$(printf '%s\n' "$T_OUT" | wc -l)" 5 "several files are listed in order"

printf 'SELECT 1;\nSELECT $fn$ never closed;\n' >"$T_TMP/bad.sql"
run "$SSYNC" filter --list "$T_TMP/bad.sql"
is "$T_RC" 1 "an unterminated dollar quote exits 1"
is "$T_ERR" "ssync: $T_TMP/bad.sql:2:8: unterminated dollar-quoted string \$fn\$" "file:line:col and the construct"
is "$T_OUT" "1:1${tab}other${tab}" "items before the error are listed"

printf 'CREATE TABLE t (a int) ENGINE=InnoDB;\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS '"'x'"';\n' >"$T_TMP/amb.sql"
run "$SSYNC" filter --list "$T_TMP/amb.sql"
is "$T_RC" 1 "conflicting dialect markers exit 1"
like "$T_ERR" "cannot tell the SQL dialect .*name it with --dialect" "and ask for --dialect"
run "$SSYNC" filter --list --dialect postgres "$T_TMP/amb.sql"
is "$T_RC" 0 "--dialect settles it"

run "$SSYNC" filter --list --dialect oracle "$T_TMP/amb.sql"
is "$T_RC" 2 "an unknown dialect is a usage error"
like "$T_ERR" "^ssync: unknown dialect 'oracle'" "and names it"

run "$SSYNC" filter --list "$T_TMP/no-such-file.sql"
is "$T_RC" 1 "a missing file exits 1"
like "$T_ERR" "cannot open '.*no-such-file.sql'" "and names the file"

run "$SSYNC" filter "$T_TMP/dump.sql"
is "$T_RC" 0 "without --list the script is filtered (tests/integration/filter*.sh)"
like "$T_OUT" "CREATE TABLE public" "and the pre-sync part goes to standard output"

run "$SSYNC" filter --help
like "$T_OUT" "--list" "--help lists --list"
like "$T_OUT" "--dialect" "--help lists --dialect"

if [ -n "$SSYNC_CORPUS" ]; then
	run "$SSYNC" filter --list "$SSYNC_CORPUS/jOOQ__sakila/postgres-sakila-db/postgres-sakila-insert-data-using-copy.sql"
	is "$T_RC" 0 "a 2.6 MB data dump lists"
	is "$(printf '%s\n' "$T_OUT" | grep -c "${tab}copy-data${tab}")" 15 "each of its 15 COPY blocks is one copy-data line"
else
	skip "corpus not found" 2
fi

# three fields a line whatever the names hold: the client takes a tab into
# the delimiter, and quoted names may hold tabs and newlines
printf 'DELIMITER $$\tx\nSELECT 1$$\tx\nCREATE TABLE "a\tb\nc" (x int)$$\tx\n' >"$T_TMP/tabs.sql"
run "$SSYNC" filter --list --dialect mysql "$T_TMP/tabs.sql"
is "$T_RC" 0 "--list of names with tabs exits 0"
is "$(printf '%s\n' "$T_OUT" | awk -F'\t' 'NF != 3' | wc -l)" 0 "every line has three fields"
is "$(printf '%s\n' "$T_OUT" | wc -l)" 3 "one line per item"
done_testing
