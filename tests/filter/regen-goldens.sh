#!/usr/bin/env bash
# regen-goldens.sh - rewrite tests/filter/*/*.golden from the current
# ssync (run from the build directory, or set SSYNC and SSYNC_CORPUS).
# A deliberate step: review "git diff tests/filter" before committing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${SSYNC:=$(pwd)/ssync}"
: "${SSYNC_CORPUS:=$here/../../../shared/corpus}"
export SSYNC
. "$here/golden.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "$FILTER_GOLDENS" | while read -r path name; do
	[ -n "$path" ] || continue
	filter_golden "$(golden_input "$path" "$here/../.." "$SSYNC_CORPUS")" "$work" >"$here/$name.golden"
	echo "wrote tests/filter/$name.golden"
done
