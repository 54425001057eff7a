#!/usr/bin/env bash
# ssync filter on the SQL Server sample scripts (Northwind, AdventureWorks):
# classification and pre/post split against reviewed golden files
# (tests/filter/tsql/*.golden; regenerate deliberately with
# tests/filter/regen-goldens.sh), and the shape of what sqlcmd will read:
# every batch closed by GO, no empty batches, clustered keys before the
# data, foreign keys and secondary indexes after it.  No SQL Server here.
SSYNC_NO_SERVERS=1
. "$(dirname "$0")/../lib/common.sh"
. "$SSYNC_SRCDIR/tests/filter/golden.sh"

cd "$T_TMP" || exit 1

echo "$FILTER_GOLDENS" | while read -r path name; do
	[ -n "$path" ] || continue
	echo "$path $name"
done >goldens.txt

while read -r path name; do
	base=$(basename "$path")
	case $path in
	tests/*) ;;
	*) if [ -z "$SSYNC_CORPUS" ]; then skip "no corpus: $base" 11; continue; fi ;;
	esac
	mkdir -p "w.$base"
	filter_golden "$(golden_input "$path" "$SSYNC_SRCDIR" "$SSYNC_CORPUS")" "$PWD/w.$base" >"$base.golden" 2>"$base.err"
	ok $? "$base: filtered"
	diff -u "$SSYNC_SRCDIR/tests/filter/$name.golden" "$base.golden" >"$base.diff"
	ok $? "$base: classification, fates and outputs match tests/filter/$name.golden"
	[ -s "$base.diff" ] && diag "$(head -30 "$base.diff")"

	pre="w.$base/pre.sql" post="w.$base/post.sql"
	for f in "$pre" "$post"; do
		kind=${f##*/}
		is "$(grep -v '^[[:space:]]*$' "$f" | tail -1 | tr -d '\r')" "GO" "$base $kind: ends with GO"
		# two GO lines with only blanks and comments between them: an empty batch
		empty=$(tr -d '\r' <"$f" | awk '/^GO( [0-9]+)?$/ { if (go) n++; go = 1; next }
			/^[[:space:]]*$|^[[:space:]]*--/ { next } { go = 0 } END { print n + 0 }')
		is "$empty" 0 "$base $kind: no empty batches"
	done
	unlike "$(cat "$pre")" "FOREIGN KEY" "$base: no foreign key in pre-sync"
	like "$(cat "$post")" "FOREIGN KEY" "$base: foreign keys in post-sync"
	unlike "$(grep -E '^ *CREATE +(UNIQUE +)?(NONCLUSTERED +)?(PRIMARY +)?(XML +)?INDEX' "$pre")" "INDEX" \
		"$base: no nonclustered index in pre-sync"
	unlike "$(cat "$pre" "$post")" "CREATE +VIEW|CREATE TRIGGER|^INSERT|SET IDENTITY_INSERT" \
		"$base: views, triggers and data stripped"
	# every statement of post-sync is a deferred one of the report (or an ALTER made from a
	# CREATE TABLE): count the GO-terminated batches against the deferred items
	deferred=$(grep -c '	deferred	' "w.$base/report.txt")
	moved=$(grep -c 'rewritten: moved' "w.$base/report.txt")
	batches=$(tr -d '\r' <"$post" | grep -c '^GO')
	ok "$([ "$batches" -ge 1 ] && [ "$batches" -le $((deferred + moved + 20)) ]; echo $?)" \
		"$base: post-sync holds $batches batches for $deferred deferred statements and $moved moved keys"
done <goldens.txt

# handwritten.sql: constraints inside column definitions move as table constraints;
# a T-SQL ALTER TABLE ... ADD list is split by fate
pre="w.handwritten.sql/pre.sql" post="w.handwritten.sql/post.sql"
like "$(cat "$pre")" "	\[RegionID\] int NOT NULL,
	\[ManagerID\] int NULL,
	\[Email\] nvarchar\(100\) NULL,
	\[Code\] nchar\(4\) NOT NULL, -- the region's code" "handwritten: the rest of each column stays as written"
like "$(cat "$pre")" "CONSTRAINT \[DF_Regions_Name\] DEFAULT \(N''\) CHECK \(\[Name\] <> N'x'\)" \
	"handwritten: DEFAULT and CHECK constraints stay"
like "$(cat "$post")" "	ADD FOREIGN KEY \(\[RegionID\]\) REFERENCES \[dbo\].\[Regions\] \(\[RegionID\]\) ON DELETE CASCADE NOT FOR REPLICATION,
	CONSTRAINT \[FK_Stores_Manager\] FOREIGN KEY \(\[ManagerID\]\) REFERENCES \[dbo\].\[Stores\],
	UNIQUE \(\[Email\]\),
	CONSTRAINT \[FK_Stores_Code\] FOREIGN KEY" "handwritten: one ADD list, in the order of the CREATE TABLE"
like "$(cat "$post")" "N'CONSTRAINT', \[FK_Stores_Manager\]" "handwritten: the extended property on a moved key follows it"
like "$(cat "$pre")" "ROWGUIDCOL NOT NULL UNIQUE DEFAULT \(newid\(\)\)," \
	"handwritten: a FILESTREAM table keeps the UNIQUE of its ROWGUIDCOL (needed at creation)"
like "$(cat "$pre")" "ALTER TABLE \[dbo\].\[Visits\] WITH CHECK ADD CONSTRAINT \[PK_Visits\] PRIMARY KEY CLUSTERED \(\[VisitID\]\),
	\[Note\] nvarchar\(200\) NULL,
	CONSTRAINT \[CK_Visits_At\] CHECK" "handwritten: an ADD list keeps its key, column and check in pre-sync"
like "$(cat "$post")" "ALTER TABLE \[dbo\].\[Visits\] WITH CHECK ADD CONSTRAINT \[FK_Visits_Stores\] FOREIGN KEY" \
	"handwritten: and its foreign key goes to post-sync, WITH CHECK and all"
like "$(cat "$post")" "ALTER TABLE \[dbo\].\[Visits\] ADD CONSTRAINT \[UQ_Visits\] UNIQUE \(\[StoreID\], \[At\]\)
GO" "handwritten: a unique key leaves its default behind"

# the state statements SSMS and install scripts write after an object follow it:
# ALTER INDEX ... DISABLE with its index, ENABLE/DISABLE TRIGGER with its trigger
# (table or DDL trigger), instead of staying behind in pre-sync where they fail
printf '%s\r\nGO\r\n' 'CREATE TABLE [dbo].[T] ([id] int NOT NULL)' \
	'CREATE NONCLUSTERED INDEX [ix] ON [dbo].[T] ([id])' 'ALTER INDEX [ix] ON [dbo].[T] DISABLE' \
	'CREATE TRIGGER [ddl] ON DATABASE FOR CREATE_TABLE AS PRINT 1' 'DISABLE TRIGGER [ddl] ON DATABASE' \
	'CREATE TRIGGER [dbo].[trg] ON [dbo].[T] AFTER INSERT AS PRINT 1' \
	'DISABLE TRIGGER [dbo].[trg] ON [dbo].[T]' >states.sql
run "$SSYNC" filter -o states.pre.sql --post-sync states.post.sql --report states.txt states.sql
is "$T_RC" 0 "state statements: filtered"
is "$(grep -c '^states.sql:[35]:1	index	ix on dbo.T	deferred	' states.txt)" 2 \
	"ALTER INDEX ... ON t DISABLE is deferred with its index"
is "$(grep -c '^states.sql:[79]:1	event-trigger	ddl	stripped	' states.txt)" 2 \
	"DISABLE TRIGGER ... ON DATABASE is stripped with the DDL trigger"
like "$(cat states.txt)" "	trigger-state	dbo.trg on dbo.T	stripped	" "DISABLE TRIGGER ... ON table is stripped with the trigger"
is "$(grep -v '^--' states.pre.sql | grep -c -i 'trigger\|ALTER INDEX' | tr -d ' ')" 0 "state statements: none left in pre-sync"

# sqlcmd's :r runs another file: once, where it stands, not from every file
printf '%s\nGO\n' 'CREATE TABLE [dbo].[P] ([id] int NOT NULL)' ':r data.sql' \
	'CREATE INDEX [ix] ON [dbo].[P] ([id])' >reads.sql
printf ':setvar X 1\n:R more.sql\nGO\n' >>reads.sql
run "$SSYNC" filter -o reads.pre.sql --post-sync reads.post.sql --report reads.txt reads.sql
is "$T_RC" 0 ":r: filtered"
like "$(cat reads.txt)" "reads.sql:3:1	client	:r	kept	client: runs another file" ":r is kept once"
like "$(cat reads.txt)" "reads.sql:8:1	client	:R	kept	client: runs another file" ":R too, in any case"
like "$(cat reads.pre.sql)" ":r data.sql" ":r in the pre-sync file"
unlike "$(cat reads.post.sql)" ":[rR] " ":r not in the post-sync file"
like "$(cat reads.post.sql)" ":setvar X 1" ":setvar is still copied to every file"

if [ -z "$SSYNC_CORPUS" ]; then
	skip "no corpus" 7
	done_testing
fi
# Northwind: the inline foreign keys of CREATE TABLE become ALTER TABLE in post-sync
post="w.instnwnd.sql/post.sql" pre="w.instnwnd.sql/pre.sql"
like "$(cat "$post")" 'ALTER TABLE \[Orders\]' "instnwnd: Orders' foreign keys moved to post-sync"
like "$(cat "$pre")" 'CONSTRAINT "PK_Orders" PRIMARY KEY  CLUSTERED' "instnwnd: its clustered key stays"
like "$(cat "$pre")" 'CONSTRAINT "CK_Products_UnitPrice" CHECK' "instnwnd: CHECK constraints stay"
# AdventureWorks: sqlcmd variables in both files, extended property on the DDL trigger stripped
pre="w.instawdb.sql/pre.sql" post="w.instawdb.sql/post.sql"
like "$(cat "$post")" ':setvar DatabaseName "AdventureWorks"' "instawdb: :setvar lines in post-sync too"
unlike "$(cat "$pre")" "ddlDatabaseTriggerLog\]" "instawdb: the DDL trigger and its extended property are stripped"
like "$(cat "$pre")" "CREATE UNIQUE CLUSTERED INDEX \[AK_BillOfMaterials" "instawdb: a clustered index stays in pre-sync"
is "$(head -c3 "$pre" | od -An -tx1 | tr -d ' ')" efbbbf "instawdb: UTF-8 byte-order mark kept"

done_testing
