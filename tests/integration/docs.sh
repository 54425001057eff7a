#!/usr/bin/env bash
# Documentation stays true: every option a command's --help lists is
# described in its manual page, and every page the build installs exists.
SSYNC_NO_SERVERS=1
. "$(dirname "$0")/../lib/common.sh"

for cmd in migrate dump filter schema-sync diff version; do
	page="$SSYNC_SRCDIR/man/ssync-$cmd.1.in"
	case $cmd in version) page="$SSYNC_SRCDIR/man/ssync.1.in" ;; esac
	if [ ! -f "$page" ]; then
		skip "no manual page for '$cmd' yet"
		continue
	fi
	missing=
	for opt in $("$SSYNC" "$cmd" --help | grep -Eo -- '--[a-z][a-z0-9-]*' | sort -u); do
		# man(7) escapes dashes, and golang-migrate's flags are documented
		# in their single-dash form: accept --name, -name, \-\-name, \-name.
		name=${opt#--}
		esc=$(printf '%s' "$name" | sed 's/-/\\\\-/g')
		grep -Eq -- "(^|[^a-z0-9\\-])-{1,2}$name([^a-z0-9-]|\$)" "$page" ||
			grep -Eq -- "(\\\\-){1,2}$esc([^a-z0-9\\]|\\\\[^-]|\$)" "$page" ||
			missing="$missing $opt"
	done
	is "${missing:-none}" "none" "every option of 'ssync $cmd --help' is in $(basename "$page")"
done

for page in "$SSYNC_SRCDIR"/man/*.1.in; do
	name=$(basename "$page" .1.in)
	th=$(head -1 "$page" | sed 's/\\-/-/g')
	like "$th" "^\.TH $(echo "$name" | tr a-z- A-Z-) 1 " "$name.1 has a proper .TH line"
	like "$(cat "$page")" '^\.SH EXIT STATUS|^\.SH "EXIT STATUS"' "$name.1 documents the exit status"
done
done_testing
