#!/usr/bin/env bash
# ssync filter without servers: outputs, headers, report formats, errors
# (file:line:col, no output left behind), usage errors, selection files,
# and that kept statements are the input's bytes.
SSYNC_NO_SERVERS=1
. "$(dirname "$0")/../lib/common.sh"

tab=$(printf '\t')
cd "$T_TMP" || exit 1

cat >dump.sql <<'SQL'
--
-- PostgreSQL database dump
--
\restrict k3y

SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE SCHEMA app;
CREATE TABLE app.users (id integer NOT NULL, email text);
ALTER TABLE app.users OWNER TO alice;
CREATE TABLE app.audit (id integer, what text);
CREATE VIEW app.v AS SELECT id FROM app.users;
COPY app.users (id, email) FROM stdin;
1	a;b
\.
ALTER TABLE ONLY app.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX users_email ON app.users USING btree (email);
CREATE INDEX audit_what ON app.audit USING btree (what);
CREATE TRIGGER t BEFORE INSERT ON app.users FOR EACH ROW EXECUTE FUNCTION app.f();
GRANT SELECT ON TABLE app.users TO bob;

\unrestrict k3y
SQL

# --- defaults: standard output, header, nothing deferred ---------------------
run "$SSYNC" filter dump.sql
is "$T_RC" 0 "filter to standard output exits 0"
is "$T_ERR" "" "nothing on stderr"
like "$(echo "$T_OUT" | head -1)" "^-- ssync filter: the pre-sync part of dump.sql \(postgres\):" "header first"
like "$T_OUT" "-- stripped: 1 view, 1 trigger, 1 owner, 1 grant, 1 copy" "header counts what was stripped"
like "$T_OUT" "-- deferred: nothing \(no --post-sync file\)" "and that nothing was deferred"
like "$T_OUT" "CREATE UNIQUE INDEX users_email" "without --post-sync indexes stay in pre-sync"
unlike "$T_OUT" "OWNER TO|GRANT|CREATE VIEW|CREATE TRIGGER|COPY|a;b" "stripped kinds are absent"
like "$T_OUT" '^\\restrict [A-Za-z0-9]{64}$' "\\restrict regenerated with a 64-character key"
unlike "$T_OUT" "k3y" "the input's key is not reused"

run "$SSYNC" filter - <dump.sql
is "$T_RC" 0 "standard input works"
like "$T_OUT" "the pre-sync part of <stdin>" "and is named <stdin>"

# --- two files --------------------------------------------------------------------
run "$SSYNC" filter -o pre.sql --post-sync post.sql dump.sql
is "$T_RC" 0 "-o and --post-sync exit 0"
is "$T_OUT" "" "nothing on standard output"
pre=$(cat pre.sql) post=$(cat post.sql)
like "$pre" "ADD CONSTRAINT users_pkey PRIMARY KEY" "primary key in pre-sync"
unlike "$pre" "CREATE (UNIQUE )?INDEX" "indexes not in pre-sync"
like "$post" "CREATE UNIQUE INDEX users_email" "unique index in post-sync"
like "$post" "CREATE INDEX audit_what" "index in post-sync"
like "$post" "^SET statement_timeout = 0;" "session lines in post-sync too"
like "$post" "^-- ssync filter: the post-sync part of dump.sql" "post-sync header"
like "$post" "-- deferred to the post-sync part: 1 index, 1 unique-index" "with the deferred counts"
key_pre=$(sed -n 's/^\\restrict //p' pre.sql) key_post=$(sed -n 's/^\\restrict //p' post.sql)
ok "$([ -n "$key_pre" ] && [ "$key_pre" != "$key_post" ]; echo $?)" "each file has its own key"
is "$(sed -n 's/^\\unrestrict //p' post.sql)" "$key_post" "\\unrestrict matches \\restrict"
is "$(ls -A | grep -c '^\.')" 0 "no temporary files left"

# --- report ----------------------------------------------------------------------
run "$SSYNC" filter -o pre.sql --post-sync post.sql --report rep.txt dump.sql
is "$T_RC" 0 "--report exits 0"
rep=$(cat rep.txt)
like "$rep" "^dump.sql:4:1${tab}psql-meta${tab}\\\\restrict${tab}kept${tab}" "report: psql-meta line"
like "$rep" "^dump.sql:13:1${tab}view${tab}app.v${tab}stripped${tab}view: stripped by default$" "report: view stripped"
like "$rep" "^dump.sql:14:1${tab}copy${tab}app.users${tab}stripped" "report: COPY stripped"
like "$rep" "^dump.sql:15:1${tab}copy-data${tab}app.users${tab}stripped${tab}copy-data: goes with its COPY" "report: its data too"
like "$rep" "^dump.sql:18:1${tab}unique-index${tab}users_email on app.users${tab}deferred" "report: deferred"
is "$(wc -l <rep.txt)" 16 "one line per statement"

run "$SSYNC" filter -o pre.sql --post-sync post.sql --report rep.json --report-format json dump.sql
is "$T_RC" 0 "--report-format json exits 0"
if command -v jq >/dev/null 2>&1; then
	is "$(jq -r '.statements | length' rep.json)" 16 "json: every statement"
	is "$(jq -r '.statements[] | select(.object == "users_email") | .fate + " " + .to' rep.json)" \
		"deferred post" "json: fate and destination"
	is "$(jq -r '.summary.stripped.view' rep.json)" 1 "json: summary counts"
else
	skip "jq not installed" 3
fi
# a name in another encoding (Latin-1 here) still gives valid JSON (UTF-8): U+FFFD for its byte
printf 'CREATE TABLE public.caf\351 (id int);\n' >latin1.sql
run "$SSYNC" filter --dialect postgres -o pre1.sql --report rep1.json --report-format json latin1.sql
is "$T_RC" 0 "a Latin-1 name: filtered"
like "$(cat rep1.json)" '"object": "public.caf\\ufffd"' "json: the byte that is not UTF-8 is written U+FFFD"
is "$(LC_ALL=C grep -c "$(printf '\351')" rep1.json)" 0 "json: no byte of it is left"

run "$SSYNC" filter -o pre.sql --report - dump.sql
is "$T_RC" 0 "--report - with -o writes the report to standard output"
like "$T_OUT" "^dump.sql:18:1${tab}unique-index" "report on standard output"

# --- errors: position, exit status, nothing left behind ---------------------------
printf 'CREATE TABLE a (x int);\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n' >bad.sql
echo "old contents" >keep.sql
run "$SSYNC" filter -o keep.sql --post-sync post2.sql --report rep2.txt bad.sql
is "$T_RC" 1 "unterminated dollar quote exits 1"
like "$T_ERR" "^ssync: bad.sql:2:36: unterminated dollar-quoted string" "error names file:line:col"
is "$(cat keep.sql)" "old contents" "an existing -o file is untouched"
ok "$([ ! -e post2.sql ] && [ ! -e rep2.txt ]; echo $?)" "no post-sync file or report created"
is "$(ls -A | grep -c '^\.')" 0 "no temporary files left"
run "$SSYNC" filter bad.sql
is "$T_OUT" "" "nothing reaches standard output after an error"

run "$SSYNC" filter no-such-file.sql
is "$T_RC" 1 "a missing file exits 1"
like "$T_ERR" "cannot open 'no-such-file.sql'" "and names the file"

run "$SSYNC" filter --strip nonsense dump.sql
is "$T_RC" 2 "unknown kind: usage error"
like "$T_ERR" "unknown kind 'nonsense'" "names the kind"
run "$SSYNC" filter --strip index --keep index dump.sql
is "$T_RC" 2 "a kind given to two options: usage error"
run "$SSYNC" filter --defer index dump.sql
is "$T_RC" 2 "--defer without --post-sync: usage error"
like "$T_ERR" "--defer needs --post-sync" "says why"
run "$SSYNC" filter --defer session --post-sync p.sql dump.sql
is "$T_RC" 2 "session lines cannot be deferred"
run "$SSYNC" filter --include-table '(' dump.sql
is "$T_RC" 2 "bad pattern: usage error"
like "$T_ERR" "--include-table '\(':.*offset" "names the pattern and the offset"
run "$SSYNC" filter -o same.sql --post-sync same.sql dump.sql
is "$T_RC" 2 "-o and --post-sync naming one file: usage error"
run "$SSYNC" filter --report - dump.sql
is "$T_RC" 2 "--report - without -o: usage error"
run "$SSYNC" filter --report-format xml --report r.txt dump.sql
is "$T_RC" 2 "unknown report format: usage error"
run "$SSYNC" filter --dialect cobol dump.sql
is "$T_RC" 2 "unknown dialect: usage error"

# --- kinds and help ----------------------------------------------------------------
run "$SSYNC" filter --kinds
is "$T_RC" 0 "--kinds exits 0"
like "$T_OUT" "^  trigger +stripped +stripped " "--kinds: trigger stripped"
like "$T_OUT" "^  index +kept +deferred " "--kinds: index deferred with --post-sync"
like "$T_OUT" "^  trigger-function +kept +kept " "--kinds: trigger functions kept"
run "$SSYNC" filter --help
like "$T_OUT" "KIND \(see --kinds for defaults\): all, data, other" "--help lists the kind names"
like "$T_OUT" "trigger-function, clustered-index, auto-increment" "including the finer kinds"

# --- options that change fates --------------------------------------------------------
run "$SSYNC" filter --keep trigger,views --strip indexes --post-sync post3.sql -o pre3.sql dump.sql
is "$T_RC" 0 "--keep and --strip lists"
like "$(cat post3.sql)" "CREATE TRIGGER t BEFORE INSERT" "a kept trigger goes to post-sync"
like "$(cat pre3.sql)" "CREATE VIEW app.v" "a kept view stays in pre-sync"
unlike "$(cat pre3.sql post3.sql)" "CREATE INDEX audit_what" "--strip indexes"
like "$(cat post3.sql)" "CREATE UNIQUE INDEX" "unique-index is its own kind"
run "$SSYNC" filter --pre unique-index --post-sync post4.sql -o pre4.sql dump.sql
like "$(cat pre4.sql)" "CREATE UNIQUE INDEX users_email" "--pre keeps a kind in pre-sync"

# --- selection ----------------------------------------------------------------------
cat >rules.txt <<'EOF'
# selection for the test
exclude table app.audit
include schema "app"
EOF
run "$SSYNC" filter --filter-file rules.txt dump.sql
is "$T_RC" 0 "--filter-file exits 0"
unlike "$T_OUT" "audit" "excluded table and its index gone"
like "$T_OUT" "CREATE TABLE app.users" "the rest stays"
run "$SSYNC" filter -T 'app\.users' --report - -o pre5.sql dump.sql
like "$T_OUT" "users_pkey on app.users${tab}excluded${tab}table app.users not selected" "dependents of an excluded table are excluded"
printf 'include table x\nexclude column y z\n' >badrules.txt
run "$SSYNC" filter --filter-file badrules.txt dump.sql
is "$T_RC" 2 "bad filter file: usage error"
like "$T_ERR" "^ssync: badrules.txt:2:9: unknown object type 'column'" "with file:line:col"

# table selection from standard input: a first pass learns which table owns a
# sequence and a partition (the input is copied to a temporary file for it)
cat >owned.sql <<'EOF'
CREATE TABLE public.events (id int, at date) PARTITION BY RANGE (at);
CREATE SEQUENCE public.users_id_seq;
CREATE TABLE public.users (id integer DEFAULT nextval('public.users_id_seq') NOT NULL);
CREATE TABLE public.events_2024 (id int, at date);
CREATE TABLE public.orders (id int, user_id int);
ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;
ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES public.users(id);
EOF
run "$SSYNC" filter -t 'public\.(users|events)' - <owned.sql
is "$T_RC" 0 "--include-table with standard input"
like "$T_OUT" "CREATE SEQUENCE public.users_id_seq" "a sequence owned by an included table, created before it, is in"
like "$T_OUT" "CREATE TABLE public.events_2024" "a partition attached later to an included table is in"
unlike "$T_OUT" "public.orders" "other tables are out"
is "$(ls -A "${TMPDIR:-/tmp}" | grep -c '^ssync-filter-in\.')" 0 "the copy of standard input is removed"
run "$SSYNC" filter -T 'public\.users' -o /dev/null/x owned.sql
is "$T_RC" 1 "an output that cannot be created: exit 1"
run "$SSYNC" filter -T 'public\.users' -o kept-fk.sql owned.sql
like "$T_ERR" "warning: 1 foreign key kept that references tables left out by the selection" \
	"a kept foreign key to an excluded table is reported"
like "$(cat kept-fk.sql)" "orders_user_fk" "and kept"

# standard output closed early: the spooled body in $TMPDIR is removed on SIGPIPE
mkdir -p spool
"$SSYNC_SRCDIR/bench/filter/gen-dump.sh" 2 >big.sql
TMPDIR=$PWD/spool "$SSYNC" filter --keep data big.sql | head -c 100 >/dev/null
is "${PIPESTATUS[0]}" 141 "a closed standard output ends the filter with SIGPIPE"
is "$(ls -A spool | wc -l)" 0 "and leaves no temporary file behind"

# --- several inputs ------------------------------------------------------------------
printf 'CREATE TABLE app.more (id int);\n' >more.sql
run "$SSYNC" filter dump.sql more.sql
like "$T_OUT" "the pre-sync part of dump.sql, more.sql" "header names both inputs"
like "$T_OUT" "CREATE TABLE app.more" "the second input follows"

# --- byte for byte: with nothing stripped, the body is the input ----------------------
body() {	# body FILE: the file without the ssync header (up to its first blank line)
	awk 'f { print; next } /^\r?$/ { f = 1 }' "$1"
}
if [ -n "$SSYNC_CORPUS" ]; then
	for f in danbooru__danbooru/db/structure.sql \
		apolloconfig__apollo/scripts/sql/profiles/mysql-default/apolloconfigdb.sql; do
		"$SSYNC" filter --keep all -o all.sql "$SSYNC_CORPUS/$f"
		body all.sql >all.body
		ok "$(cmp -s all.body "$SSYNC_CORPUS/$f"; echo $?)" "--keep all: $(basename "$f") comes out byte for byte"
	done
	# client lines regenerated, everything else the same bytes, in the same order
	for f in moscas__mysql-sakila-db/sakila-schema.sql \
		microsoft__sql-server-samples/samples/databases/northwind-pubs/instnwnd.sql \
		microsoft__sql-server-samples/samples/databases/adventure-works/oltp-install-script/instawdb.sql \
		skeema__skeema/internal/tengo/testdata/statements.sql; do
		norm() { grep -Eiv '^[[:space:]]*(delimiter|go)([[:space:]].*)?$|^[[:space:]]*$' | sed 's/[[:space:]]*$//'; }
		"$SSYNC" filter --keep all -o all.sql "$SSYNC_CORPUS/$f"
		body all.sql | norm >all.body
		[ "$(head -c3 "$SSYNC_CORPUS/$f" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
			is "$(head -c3 all.sql | od -An -tx1 | tr -d ' ')" efbbbf "$(basename "$f"): byte-order mark kept"
		norm <"$SSYNC_CORPUS/$f" | sed '1s/^\xEF\xBB\xBF//' >orig.body
		# the last statement of statements.sql has no terminator: ssync adds one
		case $f in */statements.sql) sed -i '$s/$/;/' orig.body ;; esac
		ok "$(diff all.body orig.body >/dev/null; echo $?)" \
			"--keep all: $(basename "$f") keeps every statement byte for byte"
	done
	f=moscas__mysql-sakila-db/sakila-schema.sql
	"$SSYNC" filter -o pre.sql --post-sync post.sql "$SSYNC_CORPUS/$f"
	is "$(grep -c $'\r$' pre.sql)" "$(grep -c '' pre.sql)" "CRLF input: every line of the output ends in CRLF"
else
	skip "no corpus" 8
fi

# --- devices, pipes and links are written in place, never replaced -------------
# (renaming a finished file over /dev/null once made it a regular file;
# a FIFO and a link stand in for devices here, so a regression cannot
# damage the machine's /dev/null)
mkfifo pipe.sql
timeout 20 cat pipe.sql >from-pipe.sql &
reader=$!
run "$SSYNC" filter -o pipe.sql dump.sql
wait "$reader"
is "$T_RC" 0 "filter -o FIFO exits 0"
[ -p pipe.sql ]; ok $? "the FIFO is still a FIFO"
like "$(cat from-pipe.sql)" "CREATE TABLE app.users" "the reader got the output"
echo old >target.sql
ln -s target.sql link.sql
run "$SSYNC" filter -o link.sql --report link-report.txt dump.sql
is "$T_RC" 0 "filter -o LINK exits 0"
[ -L link.sql ]; ok $? "the symbolic link is still a link"
like "$(cat target.sql)" "CREATE TABLE app.users" "its target got the output"
unlike "$(cat target.sql)" "^old" "and nothing of what was there before"
ls -a | grep -q '\.body\.' && fail=1 || fail=0
is "$fail" 0 "no temporary body left behind"

done_testing
