#!/usr/bin/env bash
# ssync migrate from archives (tar.gz, tar.zst, zip) built here: the same
# result as the directory; unsafe archives refused; nothing extracted.
. "$(dirname "$0")/../lib/common.sh"

if ! have_pg; then
	skip "no PostgreSQL: $SSYNC_TEST_PG_SKIP" 22
	done_testing
fi

M() { run "$SSYNC" migrate "$@"; }
schema_of() {	# schema_of DB: the schema as pg_dump sees it, plus the tracking row
	"$SSYNC_TEST_PG_BINDIR/pg_dump" -s -d "$(pg_url "$1")" | grep -v '^--' | grep -v '^\\\(un\)\?restrict' | sed '/^$/d'
	pg_sql "$1" "SELECT version, dirty FROM schema_migrations"
}

# The set: the corpus's OpenMeter migrations when there is a corpus, else a small one.
W=$T_TMP/work
mkdir -p "$W/db/migrations/nested"
if [ -n "$SSYNC_CORPUS" ]; then
	cp "$SSYNC_CORPUS"/openmeterio__openmeter/tools/migrate/migrations/* "$W/db/migrations/"
else
	printf 'CREATE TABLE a (id int);\n' >"$W/db/migrations/1_a.up.sql"
	printf 'DROP TABLE a;\n' >"$W/db/migrations/1_a.down.sql"
	printf 'CREATE INDEX a_id ON a (id);\n' >"$W/db/migrations/2_b.up.sql"
fi
# A file deeper down is not part of the set (as in a directory).
printf 'SELECT broken syntax;\n' >"$W/db/migrations/nested/999999999999999_deep.up.sql"
echo 'not a migration' >"$W/README.md"
(cd "$W" && tar czf "$T_TMP/m.tar.gz" db README.md && tar --zstd -cf "$T_TMP/m.tar.zst" db &&
	zip -qr "$T_TMP/m.zip" db README.md)
ok $? "archives built (tar.gz, tar.zst, zip)"

U=$(pg_fresh_db mig_dir)
M -path "$W/db/migrations" -database "$U" up
is "$T_RC" 0 "the directory applies"
want=$(schema_of mig_dir)
like "$want" 'CREATE TABLE' "(the schema to compare with is not empty)"

for a in tar.gz tar.zst zip; do
	db=mig_ar_${a//./_}
	U=$(pg_fresh_db "$db")
	M -source "archive://$T_TMP/m.$a?dir=db/migrations" -database "$U" up
	is "$T_RC" 0 "archive m.$a?dir=db/migrations applies"
	is "$(schema_of "$db")" "$want" "m.$a gives the same schema and version as the directory"
	M -source "archive://$T_TMP/m.$a?dir=./db/migrations/" -database "$U" down 1
	is "$T_RC" 0 "m.$a: down 1 reads the down file from the archive"
done
# A relative archive path, as -source archive://RELATIVE (like file://).
U=$(pg_fresh_db mig_ar_rel)
(cd "$T_TMP" && "$SSYNC" migrate -source "archive://m.tar.gz?dir=db/migrations" -database "$U" up >/dev/null 2>&1)
is "$?" 0 "a relative archive:// path works"
is "$(ls "$T_TMP" | grep -v '^\(m\.\|work$\|out$\|err$\)')" "" "nothing was extracted beside the archives"

# Errors.
M -source "archive://$T_TMP/m.tar.gz?dir=nope" -database "$U" up
like "$T_ERR" "^error: failed to open source, \"archive://$T_TMP/m.tar.gz\\?dir=nope\": archive '$T_TMP/m.tar.gz' has no directory 'nope'" \
	"a missing sub-directory"
M -source "archive://$T_TMP/nonexistent.tar.gz" -database "$U" up
like "$T_ERR" "cannot open archive '$T_TMP/nonexistent.tar.gz'" "a missing archive"
python3 - "$T_TMP" <<'PY'
import io, sys, tarfile, zipfile
d = sys.argv[1]
def add(t, name, data):
    i = tarfile.TarInfo(name)
    i.size = len(data)
    t.addfile(i, io.BytesIO(data))
with tarfile.open(d + "/evil.tar.gz", "w:gz") as t:
    add(t, "1_ok.up.sql", b"SELECT 1;\n")
    add(t, "../evil.up.sql", b"DROP TABLE important;\n")
with tarfile.open(d + "/evil2.tar", "w") as t:
    add(t, "db/../../2_evil.up.sql", b"SELECT 1;\n")
with zipfile.ZipFile(d + "/evil.zip", "w") as z:
    z.writestr("1_ok.up.sql", "SELECT 1;\n")
    z.writestr("/etc/2_evil.up.sql", "SELECT 1;\n")
PY
U=$(pg_fresh_db mig_evil)
M -source "archive://$T_TMP/evil.tar.gz" -database "$U" up
like "$T_ERR" "archive '$T_TMP/evil.tar.gz' is refused: entry '../evil.up.sql' has an unsafe path" \
	"an archive with ../evil.up.sql is refused"
is "$T_RC" 1 "... exits 1"
is "$(pg_sql mig_evil "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 0 "... before anything ran"
ok "$([ ! -e "$T_TMP/../evil.up.sql" ]; echo $?)" "... and nothing was written outside"
M -source "archive://$T_TMP/evil2.tar" -database "$U" up
like "$T_ERR" "entry 'db/../../2_evil.up.sql' has an unsafe path" "a '..' inside a path is refused"
M -source "archive://$T_TMP/evil.zip" -database "$U" up
like "$T_ERR" "entry '/etc/2_evil.up.sql' has an unsafe path" "an absolute path in a zip is refused"

done_testing
