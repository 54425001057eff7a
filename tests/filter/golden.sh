# golden.sh - sourced by tests/integration/filter-tsql.sh and by
# tests/filter/regen-goldens.sh: what a golden file of ssync filter holds.
#
# filter_golden INPUT WORKDIR: run "ssync filter --post-sync" on INPUT and
# print the golden text: both headers, the size and SHA-256 of both files,
# and the report.  The report
# fixes every statement's class, object and fate; the checksums catch any
# other change in what is written.
filter_golden() {
	local in=$1 dir=$2 base
	base=$(basename "$in")
	# run beside the input so that names in the files do not depend on where it is
	(cd "$(dirname "$in")" && "$SSYNC" filter -o "$dir/pre.sql" --post-sync "$dir/post.sql" \
		--report "$dir/report.txt" "$base") || return 1
	header() { awk '/^\r?$/ { exit } { print }' "$1" | sed -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//'; }
	echo "# ssync filter -o pre.sql --post-sync post.sql --report report.txt $base"
	echo "# regenerate with tests/filter/regen-goldens.sh (review the diff)"
	echo "== pre-sync header"
	header "$dir/pre.sql"
	echo "== post-sync header"
	header "$dir/post.sql"
	echo "== pre-sync: $(wc -l <"$dir/pre.sql") lines, sha256 $(sha256sum <"$dir/pre.sql" | cut -c1-64)"
	echo "== post-sync: $(wc -l <"$dir/post.sql") lines, sha256 $(sha256sum <"$dir/post.sql" | cut -c1-64)"
	echo "== report"
	cat "$dir/report.txt"
}

# golden_input PATH SRCDIR CORPUS: where an input of FILTER_GOLDENS is
# (tests/... in the source tree, anything else in the corpus).
golden_input() {
	case $1 in
	tests/*) echo "$2/$1" ;;
	*) echo "$3/$1" ;;
	esac
}

# The inputs with goldens: corpus path (or tests/... path) -> golden name.
FILTER_GOLDENS="
tests/filter/tsql/handwritten.sql tsql/handwritten
microsoft__sql-server-samples/samples/databases/northwind-pubs/instnwnd.sql tsql/instnwnd
microsoft__sql-server-samples/samples/databases/adventure-works/oltp-install-script/instawdb.sql tsql/instawdb
"
