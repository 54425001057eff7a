# dump_lib.sh - helpers shared by the tests/integration/dump*.sh scripts.

# dump_roles: the cluster-wide roles the fixtures grant to.
dump_roles() {
	psql -X -q -d "$SSYNC_TEST_PG_URL" -c "DO \$\$BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ssync_reader') THEN CREATE ROLE ssync_reader; END IF;
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'Odd Role') THEN CREATE ROLE \"Odd Role\"; END IF;
	END\$\$" >/dev/null
}

# pg_dump_s URL FILE: pg_dump --schema-only without its \restrict lines.
pg_dump_s() {
	pg_dump -s -d "$1" | grep -v '^\\\(un\)\?restrict ' >"$2"
}

# dump_roundtrip URL_A NAME_B DIR WHAT: ssync dump A, load it into a new
# database B, dump B again; both ssync dumps and both pg_dump -s outputs
# must be identical.  Four test points.
dump_roundtrip() {
	local a=$1 b dir=$3 what=$4
	mkdir -p "$dir"
	"$SSYNC" dump -d "$a" -o "$dir/a.sql" 2>"$dir/a.err"
	ok $? "$what: ssync dump"
	b=$(pg_fresh_db "$2")
	psql_cmd -d "$b" -f "$dir/a.sql" >"$dir/load.log" 2>&1
	if ! ok $? "$what: the dump loads into an empty database with ON_ERROR_STOP"; then
		tail -5 "$dir/load.log" | sed 's/^/# /'
	fi
	"$SSYNC" dump -d "$b" -o "$dir/b.sql" 2>"$dir/b.err"
	if ! cmp -s "$dir/a.sql" "$dir/b.sql"; then
		ok 1 "$what: second dump is byte-identical"
		diff "$dir/a.sql" "$dir/b.sql" | head -20 | sed 's/^/# /'
	else
		ok 0 "$what: second dump is byte-identical"
	fi
	pg_dump_s "$a" "$dir/pa.sql"
	pg_dump_s "$b" "$dir/pb.sql"
	if ! cmp -s "$dir/pa.sql" "$dir/pb.sql"; then
		ok 1 "$what: pg_dump -s of original and reloaded are equal"
		diff "$dir/pa.sql" "$dir/pb.sql" | head -20 | sed 's/^/# /'
	else
		ok 0 "$what: pg_dump -s of original and reloaded are equal"
	fi
}
