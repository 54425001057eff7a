# pg.sh - sourced by the PostgreSQL tests of ssync filter
# (tests/integration/filter*.sh): pg_facts DB prints a database's tables,
# columns, constraints, indexes, sequences, comments, row security and
# policies, one per line, sorted, for comparing two databases.
SYS="n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"

# Tables, columns, constraints, indexes, sequences and comments, one per line.
pg_facts() {
	pg_sql "$1" "
	SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || c.relpersistence::text
	  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE c.relkind IN ('r', 'p', 'S', 'f') AND $SYS
	UNION ALL
	SELECT 'col ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' ||
	       format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END ||
	       coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') ||
	       ' [' || a.attidentity::text || a.attgenerated::text || ']' || coalesce(' collate ' || co.collname, '')
	  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
	  JOIN pg_namespace n ON n.oid = c.relnamespace
	  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
	  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
	 WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f') AND $SYS
	UNION ALL
	SELECT 'con ' || n.nspname || '.' || c.relname || '.' || con.conname || ' ' || con.contype::text || ' ' ||
	       pg_get_constraintdef(con.oid) || CASE WHEN con.convalidated THEN '' ELSE ' (not validated)' END
	  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
	  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE $SYS
	UNION ALL
	SELECT 'dom ' || n.nspname || '.' || t.typname || '.' || con.conname || ' ' ||
	       pg_get_constraintdef(con.oid) || CASE WHEN con.convalidated THEN '' ELSE ' (not validated)' END
	  FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid
	  JOIN pg_namespace n ON n.oid = t.typnamespace WHERE $SYS
	UNION ALL
	SELECT 'idx ' || n.nspname || '.' || t.relname || ' ' || pg_get_indexdef(x.indexrelid) ||
	       CASE WHEN x.indisvalid THEN '' ELSE ' (invalid)' END ||
	       CASE WHEN x.indisclustered THEN ' (clustered)' ELSE '' END ||
	       CASE WHEN x.indisreplident THEN ' (replica identity)' ELSE '' END
	  FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
	  JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p') AND $SYS
	UNION ALL
	SELECT 'seq ' || schemaname || '.' || sequencename || ' ' || data_type || ' ' || start_value || ' ' ||
	       increment_by || ' ' || max_value || ' ' || cycle
	  FROM pg_sequences
	UNION ALL
	SELECT 'cmt ' || n.nspname || '.' || c.relname || coalesce('.' || a.attname, '') || ' ' || d.description
	  FROM pg_description d JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
	  JOIN pg_namespace n ON n.oid = c.relnamespace
	  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
	 WHERE c.relkind IN ('r', 'p', 'S', 'f') AND $SYS
	UNION ALL
	SELECT 'rls ' || n.nspname || '.' || c.relname || ' ' || c.relrowsecurity::text || c.relforcerowsecurity::text ||
	       ' ' || c.relreplident::text
	  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE c.relkind IN ('r', 'p') AND $SYS
	UNION ALL
	SELECT 'pol ' || schemaname || '.' || tablename || '.' || policyname || ' ' || cmd || ' ' ||
	       coalesce(qual, '') || ' ' || coalesce(with_check, '') FROM pg_policies
	ORDER BY 1"
}

