/*
 * queries.c - the catalog queries of the PostgreSQL dumper.
 *
 * Every query reads one family of objects for the whole database (or for
 * the OIDs passed as oid[] parameters, NULL meaning "all"), orders its
 * rows, and asks the server to deparse: pg_get_*def, format_type,
 * pg_get_expr.  The session's search_path is empty, so everything the
 * server prints outside pg_catalog is schema-qualified.  Column positions
 * are fixed: pg_build.c reads them by the Q*_ enums in pg_dump_int.h,
 * which must stay in step with the SELECT lists here.
 *
 * Version switches (server_version_num): 13 tgparentid; 14 attcompression,
 * multiranges; 15 colliculocale; 17 colllocale.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dump/pg/pg_dump_int.h"
#include "sqlparse.h"
#include "util/xmalloc.h"

#define USERNS(n) n ".nspname !~ '^pg_' AND " n ".nspname <> 'information_schema'"
/*
 * An extension membership ('e') always refers to the extension: saying so
 * lets the server read the few such rows through pg_depend's reference
 * index instead of scanning the whole of pg_depend once per query.
 */
#define NOTEXT(cat, oid) \
	"NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.refclassid = 'pg_extension'::regclass " \
	"AND x.classid = '" cat "'::regclass AND x.objid = " oid " AND x.deptype = 'e')"
/* made by the server along with another object (a range type's constructors) */
#define NOTINTERNAL(cat, oid) \
	"NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '" cat "'::regclass " \
	"AND x.objid = " oid " AND x.deptype = 'i')"
#define COLLNAME(x) \
	"(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co " \
	"JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = " x ")"
/* a shell type (CREATE TYPE name; with no definition yet) */
#define SHELLTYPE(t) "(" t ".typtype = 'p' AND NOT " t ".typisdefined)"
#define SELECTED(p, x) "(" p "::oid[] IS NULL OR " x " = ANY(" p "::oid[]))"
const char ss_pgq_setup[] =
	"BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\n"
	"SELECT pg_catalog.set_config('search_path', '', true);\n"
	"SET LOCAL statement_timeout = 0;\n"
	"SET LOCAL lock_timeout = '10s';\n"
	"SET LOCAL idle_in_transaction_session_timeout = 0;\n"
	"SET LOCAL extra_float_digits = 3;\n"
	"SET LOCAL DateStyle = ISO;\n"
	"SET LOCAL IntervalStyle = postgres;\n"
	"SET LOCAL quote_all_identifiers = off;\n"
	"SET LOCAL jit = off;\n"
	"SET LOCAL work_mem = '64MB';\n"
	"SET LOCAL max_parallel_workers_per_gather = 0;\n"
	"SELECT current_setting('server_version_num')::int, current_setting('server_version'),\n"
	"       current_setting('server_encoding'),\n"
	"       (SELECT string_agg(word, ' ') FROM pg_get_keywords() WHERE catcode <> 'U');\n";

/* Inventory: every candidate object with what selection needs. */
static const char q_inventory[] =
	"SELECT 'n' AS k, n.oid, NULL::name AS nsp, n.nspname AS name, ''::text AS sub, 0::oid AS parent\n"
	"FROM pg_namespace n WHERE " USERNS("n") " AND " NOTEXT("pg_namespace", "n.oid") "\n"
	"UNION ALL\n"
	"SELECT 'c', c.oid, n.nspname, c.relname, c.relkind::text,\n"
	"  coalesce((SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = c.oid AND c.relispartition),\n"
	"           (SELECT d.refobjid FROM pg_depend d WHERE c.relkind = 'S' AND d.classid = 'pg_class'::regclass\n"
	"              AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')\n"
	"              AND d.refobjsubid > 0 LIMIT 1), 0::oid)\n"
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	"WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " USERNS("n") " AND " NOTEXT("pg_class", "c.oid") "\n"
	"UNION ALL\n"
	"SELECT 't', t.oid, n.nspname, t.typname, t.typtype::text, 0::oid\n"
	"FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace\n"
	"WHERE (t.typtype IN ('e', 'c', 'd', 'r') OR " SHELLTYPE("t") ") AND (t.typtype <> 'c' OR\n"
	"  t.typrelid IN (SELECT oid FROM pg_class WHERE relkind = 'c'))\n"
	"  AND " USERNS("n") " AND " NOTEXT("pg_type", "t.oid") "\n"
	"UNION ALL\n"
	"SELECT 'p', p.oid, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), 0::oid\n"
	"FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace\n"
	"WHERE " USERNS("n") " AND " NOTEXT("pg_proc", "p.oid") " AND " NOTINTERNAL("pg_proc", "p.oid") "\n"
	"UNION ALL\n"
	"SELECT 'O', o.oid, n.nspname, o.oprname, '', 0::oid\n"
	"FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace\n"
	"WHERE " USERNS("n") " AND " NOTEXT("pg_operator", "o.oid") "\n"
	"UNION ALL\n"
	"SELECT 'l', c.oid, n.nspname, c.collname, '', 0::oid\n"
	"FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace\n"
	"WHERE c.oid >= 16384 AND " USERNS("n") " AND " NOTEXT("pg_collation", "c.oid") "\n"
	"UNION ALL\n"
	"SELECT 'e', x.oid, n.nspname, x.extname, '', 0::oid\n"
	"FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.oid >= 16384\n"
	/* servers, never dumped with patterns: listed so that a foreign table that needs one is told */
	"UNION ALL\n"
	"SELECT 'V', s.oid, NULL, s.srvname, '', 0::oid\n"
	"FROM pg_foreign_server s WHERE s.oid >= 16384 AND " NOTEXT("pg_foreign_server", "s.oid") "\n"
	"ORDER BY 1, 3, 4, 5";

/*
 * Dependency edges between user objects, each end mapped to the object
 * that is dumped for it: a table's row type and a view's _RETURN rule to
 * the relation, an array or multirange type to its element or range type,
 * an extension member to its extension.  tab is the relation a dependent
 * object (default, constraint, trigger, rule, policy, index) belongs to.
 * Left out: edges to schemas and automatic edges from a dependent object
 * to its own table (the builder adds both), and the edge from a serial
 * sequence to its column (OWNED BY: the table's default needs the
 * sequence, not the other way round).  Automatic edges kept: a
 * partition's to its parent.
 */
static const char q_depend_head[] =
	"WITH m(cl, id, k, o, mcl, tab) AS (\n"
	" SELECT 'pg_class'::regclass, c.oid, CASE WHEN c.relkind = 'c' THEN 't' ELSE 'c' END,\n"
	"   CASE WHEN c.relkind = 'c' THEN c.reltype ELSE c.oid END,\n"
	"   CASE WHEN c.relkind = 'c' THEN 'pg_type'::regclass ELSE 'pg_class'::regclass END,\n"
	"   ix.indrelid\n"
	" FROM pg_class c LEFT JOIN pg_index ix ON ix.indexrelid = c.oid WHERE c.oid >= 16384\n"
	" UNION ALL\n"
	" SELECT 'pg_type'::regclass, t.oid,\n"
	"   CASE WHEN r.relkind <> 'c' THEN 'c' ELSE 't' END,\n"
	"   CASE WHEN r.relkind <> 'c' THEN r.oid WHEN el.oid IS NOT NULL THEN el.oid\n";
static const char q_depend_multirange[] =
	"        WHEN mr.rngtypid IS NOT NULL THEN mr.rngtypid\n";
static const char q_depend_mid[] =
	"        ELSE t.oid END,\n"
	"   CASE WHEN r.relkind <> 'c' THEN 'pg_class'::regclass ELSE 'pg_type'::regclass END, NULL::oid\n"
	" FROM pg_type t LEFT JOIN pg_class r ON r.oid = t.typrelid\n"
	"   LEFT JOIN pg_type el ON el.typarray = t.oid\n";
static const char q_depend_multirange_join[] =
	"   LEFT JOIN pg_range mr ON mr.rngmultitypid = t.oid\n";
static const char q_depend_tail[] =
	" WHERE t.oid >= 16384\n"
	" UNION ALL SELECT 'pg_proc'::regclass, oid, 'p', oid, 'pg_proc'::regclass, NULL FROM pg_proc WHERE oid >= 16384\n"
	" UNION ALL SELECT 'pg_operator'::regclass, oid, 'O', oid, 'pg_operator'::regclass, NULL FROM pg_operator WHERE oid >= 16384\n"
	" UNION ALL SELECT 'pg_namespace'::regclass, oid, 'n', oid, 'pg_namespace'::regclass, NULL FROM pg_namespace WHERE oid >= 16384\n"
	" UNION ALL SELECT 'pg_extension'::regclass, oid, 'e', oid, 'pg_extension'::regclass, NULL FROM pg_extension WHERE oid >= 16384\n"
	" UNION ALL SELECT 'pg_collation'::regclass, oid, 'l', oid, 'pg_collation'::regclass, NULL FROM pg_collation WHERE oid >= 16384\n"
	" UNION ALL SELECT 'pg_foreign_server'::regclass, oid, 'V', oid, 'pg_foreign_server'::regclass, NULL FROM pg_foreign_server WHERE oid >= 16384\n"
	/* an operator class only as an extension's member (btree_gist's, say): an index needs it */
	" UNION ALL SELECT 'pg_opclass'::regclass, oid, 'k', oid, 'pg_opclass'::regclass, NULL FROM pg_opclass WHERE oid >= 16384\n"
	" UNION ALL SELECT 'pg_constraint'::regclass, oid, 'o', oid, 'pg_constraint'::regclass,\n"
	"   CASE WHEN conrelid <> 0 THEN conrelid END FROM pg_constraint WHERE oid >= 16384\n"
	" UNION ALL SELECT 'pg_attrdef'::regclass, oid, 'd', oid, 'pg_attrdef'::regclass, adrelid FROM pg_attrdef WHERE oid >= 16384\n"
	" UNION ALL SELECT 'pg_rewrite'::regclass, oid, CASE WHEN rulename = '_RETURN' THEN 'c' ELSE 'r' END,\n"
	"   CASE WHEN rulename = '_RETURN' THEN ev_class ELSE oid END,\n"
	"   CASE WHEN rulename = '_RETURN' THEN 'pg_class'::regclass ELSE 'pg_rewrite'::regclass END, ev_class\n"
	"   FROM pg_rewrite WHERE oid >= 16384\n"
	" UNION ALL SELECT 'pg_trigger'::regclass, oid, 'g', oid, 'pg_trigger'::regclass, tgrelid FROM pg_trigger WHERE oid >= 16384\n"
	" UNION ALL SELECT 'pg_policy'::regclass, oid, 'y', oid, 'pg_policy'::regclass, polrelid FROM pg_policy WHERE oid >= 16384\n"
	")\n"
	"SELECT a.k, a.o, coalesce(a.tab, 0::oid),\n"
	"  CASE WHEN x.refobjid IS NOT NULL THEN 'e' ELSE b.k END, coalesce(x.refobjid, b.o)\n"
	"FROM pg_depend d\n"
	"JOIN m a ON a.cl = d.classid AND a.id = d.objid\n"
	"JOIN m b ON b.cl = d.refclassid AND b.id = d.refobjid\n"
	"LEFT JOIN pg_depend x ON x.classid = b.mcl AND x.objid = b.o AND x.objsubid = 0 AND x.deptype = 'e'\n"
	"  AND x.refclassid = 'pg_extension'::regclass\n"
	"WHERE d.objid >= 16384 AND d.refobjid >= 16384 AND d.refclassid <> 'pg_namespace'::regclass\n"
	"  AND (d.deptype = 'n' OR (d.deptype = 'a' AND d.classid = 'pg_class'::regclass\n"
	"       AND d.refclassid = 'pg_class'::regclass AND d.objsubid = 0 AND d.refobjsubid = 0))";

/*
 * The same edges unmapped, for a dump without patterns: the builder
 * already knows every row type, array type, multirange and _RETURN rule
 * of what it dumps (as aliases), so the server only filters pg_depend.
 * 'x' rows are extension memberships (ext oid, member class, member oid),
 * array types of member types included.
 */
#define CLASSCODE(col) \
	"CASE " col " WHEN 'pg_class'::regclass THEN 'c' WHEN 'pg_type'::regclass THEN 't'\n" \
	"  WHEN 'pg_proc'::regclass THEN 'p' WHEN 'pg_constraint'::regclass THEN 'o'\n" \
	"  WHEN 'pg_attrdef'::regclass THEN 'd' WHEN 'pg_rewrite'::regclass THEN 'r'\n" \
	"  WHEN 'pg_trigger'::regclass THEN 'g' WHEN 'pg_policy'::regclass THEN 'y'\n" \
	"  WHEN 'pg_extension'::regclass THEN 'e' WHEN 'pg_collation'::regclass THEN 'l'\n" \
	"  WHEN 'pg_operator'::regclass THEN 'O' END"
static const char q_depend_raw[] =
	"SELECT " CLASSCODE("d.classid") ", d.objid, 0::oid, " CLASSCODE("d.refclassid") ", d.refobjid\n"
	"FROM pg_depend d\n"
	"WHERE d.objid >= 16384 AND d.refobjid >= 16384 AND d.refclassid <> 'pg_namespace'::regclass\n"
	"  AND (d.deptype = 'n' OR (d.deptype = 'a' AND d.classid = 'pg_class'::regclass\n"
	"       AND d.refclassid = 'pg_class'::regclass AND d.objsubid = 0 AND d.refobjsubid = 0))\n"
	"UNION ALL\n"
	"SELECT 'x', e.refobjid, 0, " CLASSCODE("e.classid") ", e.objid\n"
	"FROM pg_depend e WHERE e.deptype = 'e' AND e.refclassid = 'pg_extension'::regclass\n"
	"UNION ALL\n"
	"SELECT 'x', e.refobjid, 0, 't', t.typarray\n"
	"FROM pg_depend e JOIN pg_type t ON t.oid = e.objid\n"
	"WHERE e.deptype = 'e' AND e.refclassid = 'pg_extension'::regclass AND e.classid = 'pg_type'::regclass\n"
	"  AND t.typarray <> 0";

/*
 * Schemas, extensions and collations: one shape; plus every comment
 * ('d' rows: oid, class code in name, objsubid in a) so no other query
 * has to probe pg_description row by row.
 */
static const char q_misc_head[] =
	"SELECT 'n' AS k, n.oid, NULL::name AS nsp, n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner,\n"
	/* against the privileges initdb gave (public's USAGE for PUBLIC), as pg_dump
	   does: a REVOKE of them is dumped, a GRANT of them is not */
	"  n.nspacl::text AS acl, CASE WHEN n.nspacl IS NOT NULL THEN COALESCE((SELECT pip.initprivs\n"
	"    FROM pg_init_privs pip WHERE pip.objoid = n.oid AND pip.objsubid = 0\n"
	"      AND pip.classoid = 'pg_namespace'::regclass), acldefault('n'::\"char\", n.nspowner))::text END AS defacl,\n"
	"  NULL::text AS descr,\n"
	"  NULL::text AS a, NULL::text AS b, NULL::text AS c, NULL::text AS e, NULL::text AS f\n"
	"FROM pg_namespace n WHERE " USERNS("n") " AND " NOTEXT("pg_namespace", "n.oid") "\n"
	"  AND " SELECTED("$1", "n.oid") "\n"
	"UNION ALL\n"
	"SELECT 'e', x.oid, n.nspname, x.extname, pg_get_userbyid(x.extowner), NULL, NULL,\n"
	"  NULL::text, x.extversion, NULL, NULL, NULL, NULL\n"
	"FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace\n"
	"WHERE x.oid >= 16384 AND " SELECTED("$2", "x.oid") "\n"
	"UNION ALL\n"
	"SELECT 'l', c.oid, n.nspname, c.collname, pg_get_userbyid(c.collowner), NULL, NULL,\n"
	"  NULL::text, c.collprovider::text, c.collcollate::text, c.collctype::text,\n";
static const char q_misc_tail[] =
	"  c.collisdeterministic::text\n"
	"FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace\n"
	"WHERE c.oid >= 16384 AND " USERNS("n") " AND " NOTEXT("pg_collation", "c.oid") "\n"
	"  AND " SELECTED("$2", "c.oid") "\n"
	/* default privileges ('a' rows, name = object type) against what a role
	   has without them: acldefault() for a global entry, nothing for a
	   schema's (the builder leaves global ones out under include patterns) */
	"UNION ALL\n"
	"SELECT 'a', da.oid, n.nspname, da.defaclobjtype::text, pg_get_userbyid(da.defaclrole),\n"
	"  da.defaclacl::text, CASE WHEN da.defaclnamespace = 0 THEN acldefault(CASE da.defaclobjtype\n"
	"    WHEN 'S' THEN 's' ELSE da.defaclobjtype END, da.defaclrole)::text ELSE '{}' END,\n"
	"  NULL, NULL, NULL, NULL, NULL, NULL\n"
	"FROM pg_default_acl da LEFT JOIN pg_namespace n ON n.oid = da.defaclnamespace\n"
	"WHERE CASE WHEN da.defaclnamespace = 0 THEN true\n"
	"  ELSE " USERNS("n") " AND " SELECTED("$1", "da.defaclnamespace") " END\n"
	/* kinds not dumped yet, counted ('u' rows: name = kind, acl = count,
	   a = whether the kind is database-wide) so that the user is told;
	   schema-scoped ones within the selection */
	"UNION ALL\n"
	"SELECT 'u', 0, NULL, u.what, NULL, u.n::text, NULL, NULL, u.dbwide::text, NULL, NULL, NULL, NULL\n"
	"FROM (SELECT 'subscriptions' AS what, count(*) AS n, true AS dbwide FROM pg_subscription o\n"
	"    WHERE o.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())\n"
	"  UNION ALL SELECT 'procedural languages', count(*), true FROM pg_language o\n"
	"    WHERE o.oid >= 16384 AND " NOTEXT("pg_language", "o.oid") "\n"
	"  UNION ALL SELECT 'security labels', count(*), true FROM pg_seclabel\n"
	"  UNION ALL SELECT 'text search parsers', count(*), false FROM pg_ts_parser o\n"
	"    WHERE o.oid >= 16384 AND " NOTEXT("pg_ts_parser", "o.oid") " AND " SELECTED("$1", "o.prsnamespace") "\n"
	"  UNION ALL SELECT 'text search templates', count(*), false FROM pg_ts_template o\n"
	"    WHERE o.oid >= 16384 AND " NOTEXT("pg_ts_template", "o.oid") " AND " SELECTED("$1", "o.tmplnamespace") "\n"
	"  UNION ALL SELECT 'operator classes', count(*), false FROM pg_opclass o\n"
	"    WHERE o.oid >= 16384 AND " NOTEXT("pg_opclass", "o.oid") " AND " SELECTED("$1", "o.opcnamespace") "\n"
	"  UNION ALL SELECT 'operator families', count(*), false FROM pg_opfamily o\n"
	"    WHERE o.oid >= 16384 AND " NOTEXT("pg_opfamily", "o.oid") " AND " SELECTED("$1", "o.opfnamespace") "\n"
	"  UNION ALL SELECT 'conversions', count(*), false FROM pg_conversion o\n"
	"    WHERE o.oid >= 16384 AND " NOTEXT("pg_conversion", "o.oid") " AND " SELECTED("$1", "o.connamespace") "\n"
	"  UNION ALL SELECT 'base types', count(*), false FROM pg_type o\n"
	"    WHERE o.oid >= 16384 AND o.typtype = 'b' AND " NOTEXT("pg_type", "o.oid") "\n"
	"      AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = o.oid)\n"
	"      AND " SELECTED("$1", "o.typnamespace") ") u\n"
	"WHERE u.n > 0\n"
	/* foreign-data wrappers ('W': a = handler, b = validator, c = options),
	   servers ('V': a = type, b = version, c = options, e = the wrapper's
	   name, f = its oid) and user mappings ('M': name = server, owner =
	   user, c = options, f = the server's oid) */
	"UNION ALL\n"
	"SELECT 'W', o.oid, NULL, o.fdwname, pg_get_userbyid(o.fdwowner), o.fdwacl::text,\n"
	"  CASE WHEN o.fdwacl IS NOT NULL THEN acldefault('F', o.fdwowner)::text END, NULL,\n"
	"  CASE WHEN o.fdwhandler <> 0 THEN o.fdwhandler::regproc::text END,\n"
	"  CASE WHEN o.fdwvalidator <> 0 THEN o.fdwvalidator::regproc::text END,\n"
	"  (SELECT string_agg(quote_ident(op.option_name) || ' ' || quote_literal(op.option_value), E',\\n    ') FROM pg_options_to_table(o.fdwoptions) op), NULL, NULL\n"
	"FROM pg_foreign_data_wrapper o WHERE o.oid >= 16384 AND " NOTEXT("pg_foreign_data_wrapper", "o.oid") "\n"
	"UNION ALL\n"
	"SELECT 'V', o.oid, NULL, o.srvname, pg_get_userbyid(o.srvowner), o.srvacl::text,\n"
	"  CASE WHEN o.srvacl IS NOT NULL THEN acldefault('S', o.srvowner)::text END, NULL,\n"
	"  o.srvtype, o.srvversion, (SELECT string_agg(quote_ident(op.option_name) || ' ' || quote_literal(op.option_value), E',\\n    ') FROM pg_options_to_table(o.srvoptions) op),\n"
	"  (SELECT quote_ident(w.fdwname) FROM pg_foreign_data_wrapper w WHERE w.oid = o.srvfdw), o.srvfdw::text\n"
	"FROM pg_foreign_server o WHERE " NOTEXT("pg_foreign_server", "o.oid") "\n"
	"UNION ALL\n"
	"SELECT 'M', u.umid, NULL, u.srvname, u.usename, NULL, NULL, NULL, NULL, NULL,\n"
	"  (SELECT string_agg(quote_ident(op.option_name) || ' ' || quote_literal(op.option_value), E',\\n    ') FROM pg_options_to_table(u.umoptions) op), NULL, u.srvid::text\n"
	"FROM pg_user_mappings u WHERE " NOTEXT("pg_foreign_server", "u.srvid") "\n"
	/* text search dictionaries ('D': a = template, b = options) and
	   configurations ('F': a = parser, b = "token WITH dictionaries" lines) */
	"UNION ALL\n"
	"SELECT 'D', o.oid, n.nspname, o.dictname, pg_get_userbyid(o.dictowner), NULL, NULL, NULL,\n"
	"  (SELECT quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname) FROM pg_ts_template t\n"
	"     JOIN pg_namespace tn ON tn.oid = t.tmplnamespace WHERE t.oid = o.dicttemplate),\n"
	"  o.dictinitoption, NULL, NULL, NULL\n"
	"FROM pg_ts_dict o JOIN pg_namespace n ON n.oid = o.dictnamespace\n"
	"WHERE o.oid >= 16384 AND " NOTEXT("pg_ts_dict", "o.oid") " AND " SELECTED("$1", "o.dictnamespace") "\n"
	"UNION ALL\n"
	"SELECT 'F', o.oid, n.nspname, o.cfgname, pg_get_userbyid(o.cfgowner), NULL, NULL, NULL,\n"
	"  (SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) FROM pg_ts_parser p\n"
	"     JOIN pg_namespace pn ON pn.oid = p.prsnamespace WHERE p.oid = o.cfgparser),\n"
	"  (SELECT string_agg(t.alias || ' WITH ' || m.dicts, E'\\n' ORDER BY m.tok)\n"
	"     FROM (SELECT mp.maptokentype AS tok, string_agg(mp.mapdict::regdictionary::text, ', '\n"
	"             ORDER BY mp.mapseqno) AS dicts\n"
	"           FROM pg_ts_config_map mp WHERE mp.mapcfg = o.oid GROUP BY mp.maptokentype) m\n"
	"     JOIN ts_token_type(o.cfgparser) t ON t.tokid = m.tok),\n"
	"  NULL, NULL, NULL\n"
	"FROM pg_ts_config o JOIN pg_namespace n ON n.oid = o.cfgnamespace\n"
	"WHERE o.oid >= 16384 AND " NOTEXT("pg_ts_config", "o.oid") " AND " SELECTED("$1", "o.cfgnamespace") "\n"
	/* casts ('C': a, b = source and target type oids, c = function signature,
	   e = its oid, f = context and method) and event triggers ('E': a =
	   event, b = tags, c = function, e = its oid, f = enabled) */
	"UNION ALL\n"
	"SELECT 'C', o.oid, NULL, format_type(o.castsource, NULL) || ' AS ' || format_type(o.casttarget, NULL),\n"
	"  NULL, NULL, NULL, NULL, o.castsource::text, o.casttarget::text,\n"
	"  CASE WHEN o.castfunc <> 0 THEN o.castfunc::regproc::text || '('\n"
	"    || pg_get_function_identity_arguments(o.castfunc) || ')' END,\n"
	"  o.castfunc::text, o.castcontext::text || o.castmethod::text\n"
	"FROM pg_cast o WHERE o.oid >= 16384 AND " NOTEXT("pg_cast", "o.oid") "\n"
	"  AND " NOTINTERNAL("pg_cast", "o.oid") "\n"
	"UNION ALL\n"
	"SELECT 'E', o.oid, NULL, o.evtname, pg_get_userbyid(o.evtowner), NULL, NULL, NULL, o.evtevent,\n"
	"  (SELECT string_agg(quote_literal(t), ', ' ORDER BY i) FROM unnest(o.evttags) WITH ORDINALITY u(t, i)),\n"
	"  o.evtfoid::regproc::text, o.evtfoid::text, o.evtenabled::text\n"
	"FROM pg_event_trigger o WHERE " NOTEXT("pg_event_trigger", "o.oid") "\n"
	/* publications ('P': a = FOR ALL TABLES, b = what they publish, c = via
	   the partition root), their tables ('Q': oid = the table, a = column
	   list, b = row filter, e = the publication) and schemas ('R') */
	"UNION ALL\n"
	"SELECT 'P', p.oid, NULL, p.pubname, pg_get_userbyid(p.pubowner), NULL, NULL, NULL,\n"
	"  p.puballtables::text, concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END,\n"
	"    CASE WHEN p.pubupdate THEN 'update' END, CASE WHEN p.pubdelete THEN 'delete' END,\n"
	"    CASE WHEN p.pubtruncate THEN 'truncate' END),\n";
static const char q_pub_viaroot[] = "  p.pubviaroot::text,";
static const char q_pub_rels[] =
	" NULL, NULL\n"
	"FROM pg_publication p\n"
	"UNION ALL\n"
	"SELECT 'Q', pr.prrelid, NULL, p.pubname, NULL, NULL, NULL, NULL,\n";
/* 15+: a column list and a row filter per table, whole schemas */
static const char q_pub_rel_parts[] =
	"  (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.i)\n"
	"     FROM unnest(pr.prattrs::int2[]) WITH ORDINALITY k(n, i)\n"
	"     JOIN pg_attribute a ON a.attrelid = pr.prrelid AND a.attnum = k.n),\n"
	"  pg_get_expr(pr.prqual, pr.prrelid),\n";
static const char q_pub_rels_tail[] =
	"  NULL, p.oid::text, NULL\n"
	"FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid\n";
static const char q_pub_schemas[] =
	"UNION ALL\n"
	"SELECT 'R', pn.pnnspid, n.nspname, p.pubname, NULL, NULL, NULL, NULL, NULL, NULL, NULL,\n"
	"  p.oid::text, NULL\n"
	"FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid\n"
	"  JOIN pg_namespace n ON n.oid = pn.pnnspid\n";
static const char q_misc_descr[] =
	"UNION ALL\n"
	"SELECT 'd', d.objoid, NULL, CASE d.classoid WHEN 'pg_class'::regclass THEN 'c'\n"
	"    WHEN 'pg_namespace'::regclass THEN 'n' WHEN 'pg_type'::regclass THEN 't' WHEN 'pg_proc'::regclass THEN 'p'\n"
	"    WHEN 'pg_constraint'::regclass THEN 'o' WHEN 'pg_trigger'::regclass THEN 'g'\n"
	"    WHEN 'pg_rewrite'::regclass THEN 'r' WHEN 'pg_policy'::regclass THEN 'y'\n"
	"    WHEN 'pg_collation'::regclass THEN 'l' WHEN 'pg_extension'::regclass THEN 'e'\n"
	"    WHEN 'pg_operator'::regclass THEN 'O' WHEN 'pg_statistic_ext'::regclass THEN 's'\n"
	"    WHEN 'pg_publication'::regclass THEN 'P' WHEN 'pg_cast'::regclass THEN 'C'\n"
	"    WHEN 'pg_event_trigger'::regclass THEN 'E' WHEN 'pg_ts_dict'::regclass THEN 'D'\n"
	"    WHEN 'pg_ts_config'::regclass THEN 'F' WHEN 'pg_foreign_data_wrapper'::regclass THEN 'W'\n"
	"    WHEN 'pg_foreign_server'::regclass THEN 'V' END,\n"
	"  NULL, NULL, NULL, d.description, d.objsubid::text, NULL, NULL, NULL, NULL\n"
	"FROM pg_description d WHERE d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass\n"
	"ORDER BY 1, 3 NULLS FIRST, 4";

/*
 * A composite type is dumped when it stands alone (its relation is of kind
 * 'c'): those relations are looked up once as a set, not once per table's
 * row type.
 */
static const char q_types_head[] =
	"SELECT t.oid, n.nspname, t.typname, t.typtype::text, pg_get_userbyid(t.typowner), t.typacl::text,\n"
	"  CASE WHEN t.typacl IS NOT NULL THEN acldefault('T'::\"char\", t.typowner)::text END,\n"
	"  NULL::text,\n"
	"  CASE t.typtype\n"
	"  WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)\n"
	"                 FROM pg_enum e WHERE e.enumtypid = t.oid)\n"
	"  WHEN 'c' THEN (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)\n"
	"                   || CASE WHEN a.attcollation <> at.typcollation THEN ' COLLATE ' || " COLLNAME("a.attcollation") " ELSE '' END,\n"
	"                   E',\\n    ' ORDER BY a.attnum)\n"
	"                 FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid\n"
	"                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)\n"
	"  WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)\n"
	"  WHEN 'r' THEN (SELECT concat_ws(E',\\n    ', 'SUBTYPE = ' || format_type(r.rngsubtype, NULL),\n"
	"      CASE WHEN NOT oc.opcdefault THEN 'SUBTYPE_OPCLASS = ' || quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END,\n"
	"      CASE WHEN r.rngcollation <> st.typcollation THEN 'COLLATION = ' || " COLLNAME("r.rngcollation") " END,\n"
	"      CASE WHEN r.rngcanonical <> 0 THEN 'CANONICAL = ' || r.rngcanonical::regproc END,\n"
	"      CASE WHEN r.rngsubdiff <> 0 THEN 'SUBTYPE_DIFF = ' || r.rngsubdiff::regproc END\n";
static const char q_types_multirange[] =
	"      , 'MULTIRANGE_TYPE_NAME = ' || format_type(r.rngmultitypid, NULL)\n";
static const char q_types_tail[] =
	"      ) FROM pg_range r JOIN pg_opclass oc ON oc.oid = r.rngsubopc\n"
	"      JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace JOIN pg_type st ON st.oid = r.rngsubtype\n"
	"      WHERE r.rngtypid = t.oid)\n"
	"  END,\n"
	"  t.typnotnull, pg_get_expr(t.typdefaultbin, 0),\n"
	"  CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN " COLLNAME("t.typcollation") " END,\n"
	"  t.typrelid, t.typarray, rg.rngmultitypid\n"
	"FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_type bt ON bt.oid = t.typbasetype\n"
	"  LEFT JOIN pg_range rg ON rg.rngtypid = t.oid\n"
	"WHERE (t.typtype IN ('e', 'c', 'd', 'r') OR " SHELLTYPE("t") ") AND (t.typtype <> 'c' OR\n"
	"  t.typrelid IN (SELECT oid FROM pg_class WHERE relkind = 'c'))\n"
	"  AND " USERNS("n") " AND " NOTEXT("pg_type", "t.oid") " AND " SELECTED("$1", "t.oid") "\n"
	"ORDER BY n.nspname, t.typname";

#define AGGFN(col, kw) "CASE WHEN a." col " <> 0 THEN '" kw " = ' || a." col "::regproc END"
static const char q_funcs[] =
	"SELECT 'p' AS k, p.oid, n.nspname, p.proname, p.prokind::text, pg_get_function_identity_arguments(p.oid) AS args,\n"
	"  pg_get_userbyid(p.proowner), p.proacl::text,\n"
	"  CASE WHEN p.proacl IS NOT NULL THEN acldefault('f'::\"char\", p.proowner)::text END,\n"
	"  NULL::text,\n"
	"  CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) ELSE\n"
	"   'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '('\n"
	"   || pg_get_function_arguments(p.oid) || E') (\\n    ' || concat_ws(E',\\n    ',\n"
	"     'SFUNC = ' || a.aggtransfn::regproc, 'STYPE = ' || format_type(a.aggtranstype, NULL),\n"
	"     CASE WHEN a.aggtransspace <> 0 THEN 'SSPACE = ' || a.aggtransspace END,\n"
	"     " AGGFN("aggfinalfn", "FINALFUNC") ",\n"
	"     CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,\n"
	"     CASE WHEN a.aggfinalmodify <> CASE WHEN a.aggkind = 'n' THEN 'r' ELSE 'w' END THEN 'FINALFUNC_MODIFY = '\n"
	"       || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,\n"
	"     " AGGFN("aggcombinefn", "COMBINEFUNC") ", " AGGFN("aggserialfn", "SERIALFUNC") ",\n"
	"     " AGGFN("aggdeserialfn", "DESERIALFUNC") ",\n"
	"     CASE WHEN a.agginitval IS NOT NULL THEN 'INITCOND = ' || quote_literal(a.agginitval) END,\n"
	"     " AGGFN("aggmtransfn", "MSFUNC") ", " AGGFN("aggminvtransfn", "MINVFUNC") ",\n"
	"     CASE WHEN a.aggmtranstype <> 0 THEN 'MSTYPE = ' || format_type(a.aggmtranstype, NULL) END,\n"
	"     CASE WHEN a.aggmtransspace <> 0 THEN 'MSSPACE = ' || a.aggmtransspace END,\n"
	"     " AGGFN("aggmfinalfn", "MFINALFUNC") ",\n"
	"     CASE WHEN a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,\n"
	"     CASE WHEN a.aggmtransfn <> 0 AND a.aggmfinalmodify <> CASE WHEN a.aggkind = 'n' THEN 'r' ELSE 'w' END\n"
	"       THEN 'MFINALFUNC_MODIFY = ' || CASE a.aggmfinalmodify WHEN 'r' THEN 'READ_ONLY'\n"
	"       WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,\n"
	"     CASE WHEN a.aggminitval IS NOT NULL THEN 'MINITCOND = ' || quote_literal(a.aggminitval) END,\n"
	"     CASE WHEN a.aggsortop <> 0 THEN 'SORTOP = OPERATOR(' || (SELECT quote_ident(son.nspname) || '.' || so.oprname\n"
	"       FROM pg_operator so JOIN pg_namespace son ON son.oid = so.oprnamespace WHERE so.oid = a.aggsortop) || ')' END,\n"
	"     CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END,\n"
	"     CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END\n"
	"   ) || E'\\n);' END,\n"
	"  l.lanname\n"
	"FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang\n"
	"  LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid\n"
	"WHERE " USERNS("n") " AND " NOTEXT("pg_proc", "p.oid") " AND " SELECTED("$1", "p.oid") "\n"
	"  AND " NOTINTERNAL("pg_proc", "p.oid") "\n"
	"UNION ALL\n"
	"SELECT 'O', o.oid, n.nspname, o.oprname, 'o',\n"
	"  CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END || ', ' ||\n"
	"  CASE WHEN o.oprright = 0 THEN 'NONE' ELSE format_type(o.oprright, NULL) END,\n"
	"  pg_get_userbyid(o.oprowner), NULL, NULL, NULL::text,\n"
	"  'CREATE OPERATOR ' || quote_ident(n.nspname) || '.' || o.oprname || E' (\\n    ' || concat_ws(E',\\n    ',\n"
	"    'FUNCTION = ' || o.oprcode::regproc,\n"
	"    CASE WHEN o.oprleft <> 0 THEN 'LEFTARG = ' || format_type(o.oprleft, NULL) END,\n"
	"    CASE WHEN o.oprright <> 0 THEN 'RIGHTARG = ' || format_type(o.oprright, NULL) END,\n"
	"    CASE WHEN o.oprcom <> 0 THEN 'COMMUTATOR = OPERATOR(' || (SELECT quote_ident(cn.nspname) || '.' || c.oprname\n"
	"      FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace WHERE c.oid = o.oprcom) || ')' END,\n"
	"    CASE WHEN o.oprnegate <> 0 THEN 'NEGATOR = OPERATOR(' || (SELECT quote_ident(cn.nspname) || '.' || c.oprname\n"
	"      FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace WHERE c.oid = o.oprnegate) || ')' END,\n"
	"    CASE WHEN o.oprrest <> 0 THEN 'RESTRICT = ' || o.oprrest::regproc END,\n"
	"    CASE WHEN o.oprjoin <> 0 THEN 'JOIN = ' || o.oprjoin::regproc END,\n"
	"    CASE WHEN o.oprcanmerge THEN 'MERGES' END, CASE WHEN o.oprcanhash THEN 'HASHES' END\n"
	"  ) || E'\\n);', NULL\n"
	"FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace\n"
	"WHERE " USERNS("n") " AND " NOTEXT("pg_operator", "o.oid") " AND " SELECTED("$2", "o.oid") "\n"
	"ORDER BY 3, 4, 6";

/*
 * The relations' deparse calls that open relations: a view's definition
 * (the view and every relation it reads), a partitioned table's key and a
 * partition's bound.  With two connections they are read on the helper
 * with the CHECK constraints (q_reldefs), the rest of q_rels on the main
 * connection, and the builder puts them back into the relation rows.
 */
#define PARTKEYDEF "pg_get_partkeydef(c.oid)"
#define PARTBOUND "pg_get_expr(c.relpartbound, c.oid)"
#define VIEWDEF "pg_get_viewdef(c.oid, true)"
#define RELKINDS "c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
static const char q_rels_head[] =
	"SELECT c.oid, n.nspname, c.relname, c.relkind::text, c.relpersistence::text, pg_get_userbyid(c.relowner),\n"
	"  c.relacl::text, CASE WHEN c.relacl IS NOT NULL THEN\n"
	"    acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::\"char\", c.relowner)::text END,\n"
	"  NULL::text,\n"
	"  c.relispartition,\n";
static const char q_rels_defs1[] =
	"  CASE WHEN c.relkind = 'p' THEN " PARTKEYDEF " END,\n"
	"  CASE WHEN c.relispartition THEN " PARTBOUND " END,\n";
static const char q_rels_mid[] =
	"  inh.parents, inh.parent1, c.reloptions::text, tc.reloptions::text, am.amname,\n"
	"  c.relreplident::text, c.relrowsecurity, c.relforcerowsecurity,\n";
static const char q_rels_defs2[] =
	"  CASE WHEN c.relkind IN ('v', 'm') THEN " VIEWDEF " END,\n";
static const char q_rels_tail[] =
	"  format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,\n"
	"  own.refobjid, own.deptype::text, own.refobjsubid, c.reltype, rt.typarray, rw.oid,\n"
	"  CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END,\n"
	/* a foreign table's server, and its SERVER ... OPTIONS (...) clause */
	"  CASE WHEN c.relkind = 'f' THEN (SELECT ft.ftserver FROM pg_foreign_table ft WHERE ft.ftrelid = c.oid) END,\n"
	"  CASE WHEN c.relkind = 'f' THEN (SELECT 'SERVER ' || quote_ident(fs.srvname)\n"
	"      || COALESCE(E'\\nOPTIONS (\\n    ' || (SELECT string_agg(quote_ident(op.option_name) || ' ' || quote_literal(op.option_value), E',\\n    ') FROM pg_options_to_table(ft.ftoptions) op) || E'\\n)', '')\n"
	"    FROM pg_foreign_table ft JOIN pg_foreign_server fs ON fs.oid = ft.ftserver\n"
	"    WHERE ft.ftrelid = c.oid) END\n"
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	"  LEFT JOIN pg_type rt ON rt.oid = c.reltype\n"
	"  LEFT JOIN pg_rewrite rw ON rw.ev_class = c.oid AND rw.rulename = '_RETURN'\n"
	"  LEFT JOIN pg_sequence s ON s.seqrelid = c.oid\n"
		/* probed for sequences only: cheaper than joining all of pg_depend */
	"  LEFT JOIN LATERAL (SELECT d.refobjid, d.deptype, d.refobjsubid FROM pg_depend d WHERE c.relkind = 'S'\n"
	"    AND d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.objsubid = 0\n"
	"    AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0\n"
	"    LIMIT 1) own ON true\n"

	"  LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid\n"
	"  LEFT JOIN pg_am am ON am.oid = c.relam\n"
	"  LEFT JOIN (SELECT i.inhrelid,\n"
	"      string_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname), ', ' ORDER BY i.inhseqno) AS parents,\n"
	"      min(i.inhparent::text) FILTER (WHERE i.inhseqno = 1)::oid AS parent1\n"
	"    FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace\n"
	"    GROUP BY i.inhrelid) inh ON inh.inhrelid = c.oid\n"
	"WHERE " RELKINDS " AND " USERNS("n") " AND " NOTEXT("pg_class", "c.oid") "\n"
	"  AND " SELECTED("$1", "c.oid") "\n"
	"ORDER BY n.nspname, c.relname";

/*
 * A column default cannot refer to a column (only a generated column's
 * expression can), so it is deparsed without its table: pg_get_expr with
 * a relation opens it, and building the relation cache entry of every
 * table is most of what the defaults cost on a cold backend.  Same text.
 * The default is looked up (by index) for the columns that have one
 * (atthasdef) and deparsed there: joined to all of pg_attrdef instead,
 * every row carried its stored expression through the join and the sort
 * (measured on 10,000 tables: 0.29 s instead of 0.35-0.40 s of server CPU).
 * This is the largest result (a row per column), so a value that is
 * mostly the default comes back NULL (no output call, no client copy):
 * NOT NULL false, no identity, storage as the type's, no statistics
 * target.  An identity column's sequence is a row of q_rels (its owner
 * there), where the builder finds it.
 */
static const char q_cols_head[] =
	"SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),\n"
	"  NULLIF(a.attnotnull, false), a.attislocal, NULLIF(a.attidentity, '')::text,\n"
	"  NULLIF(a.attgenerated, '')::text, ad.oid, ad.def,\n"
	"  CASE WHEN a.attcollation <> t.typcollation THEN " COLLNAME("a.attcollation") " END,\n"
	"  CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END,\n"
	"  CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END,\n";
static const char q_cols_tail[] =
	"  a.attoptions::text, a.attacl::text,\n"
	"  CASE WHEN a.attfdwoptions IS NOT NULL THEN (SELECT string_agg(quote_ident(op.option_name) || ' ' || quote_literal(op.option_value), E',\\n    ') FROM pg_options_to_table(a.attfdwoptions) op) END\n"
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	"  JOIN pg_attribute a ON a.attrelid = c.oid\n"
	"  JOIN pg_type t ON t.oid = a.atttypid\n"
	"  LEFT JOIN LATERAL (SELECT ad.oid,\n"
	"      pg_get_expr(ad.adbin, CASE WHEN a.attgenerated <> '' THEN ad.adrelid ELSE 0 END) AS def\n"
	"    FROM pg_attrdef ad WHERE a.atthasdef AND ad.adrelid = a.attrelid AND ad.adnum = a.attnum\n"
		/* OFFSET 0: not pulled up into a join with all of pg_attrdef */
	"    OFFSET 0) ad ON true\n"
	"WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')\n"
	"  AND " USERNS("n") " AND " NOTEXT("pg_class", "c.oid") " AND " SELECTED("$1", "c.oid") "\n"
	"ORDER BY a.attrelid, a.attnum";

/*
 * Constraints of tables and domains.  The CHECK constraint of a table is
 * the one kind whose pg_get_constraintdef opens the table (to name its
 * columns), so with two connections it is read apart (q_cons_tail_checks),
 * on the backend that opens every table for the indexes anyway, and the
 * rest (q_cons_tail_rest) on the other one.  Both halves come back in the
 * same order as the whole, and the builder merges them.
 */
static const char q_cons_head[] =
	"SELECT co.oid, co.conrelid, co.contypid, co.conname, co.contype::text, pg_get_constraintdef(co.oid, true),\n"
	"  co.convalidated, co.conislocal, co.coninhcount, co.conindid, co.confrelid, NULL::text\n"
	/*
	 * A constraint lives in its table's or domain's schema (SET SCHEMA
	 * moves both): connamespace saves joining all of pg_class.
	 */
	"FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace\n"
	"WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conparentid = 0 AND " USERNS("n") "\n"
	"  AND CASE WHEN co.conrelid <> 0 THEN " NOTEXT("pg_class", "co.conrelid") " AND " SELECTED("$1", "co.conrelid") "\n"
	"      ELSE " NOTEXT("pg_type", "co.contypid") " AND " SELECTED("$2", "co.contypid") " END\n";
static const char q_cons_tail_rest[] =
	"  AND (co.contype <> 'c' OR co.conrelid = 0)\n";
static const char q_cons_tail_checks[] =
	"  AND co.contype = 'c' AND co.conrelid <> 0\n";
/*
 * With the CHECK constraints, in the constraint rows' shape: 'V' (view
 * definition), 'K' (partition key) and 'B' (partition bound) rows, the
 * relation in conrelid and the text in the definition column.
 */
static const char q_reldefs[] =
	"UNION ALL\n"
	"SELECT c.oid, c.oid, 0::oid, NULL, d.k, d.def, NULL, NULL, NULL, NULL, NULL, NULL\n"
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,\n"
	"  LATERAL (SELECT 'V', " VIEWDEF " WHERE c.relkind IN ('v', 'm')\n"
	"    UNION ALL SELECT 'K', " PARTKEYDEF " WHERE c.relkind = 'p'\n"
	"    UNION ALL SELECT 'B', " PARTBOUND " WHERE c.relispartition) d(k, def)\n"
	"WHERE (c.relkind IN ('v', 'm', 'p') OR c.relispartition) AND " RELKINDS "\n"
	"  AND " USERNS("n") " AND " NOTEXT("pg_class", "c.oid") " AND " SELECTED("$1", "c.oid") "\n";
/* by position: conrelid, contypid, conname */
static const char q_cons_order[] =
	"ORDER BY 2, 3, 4";

/*
 * Only an expression column of an index can have a statistics target
 * (ALTER INDEX ... ALTER COLUMN n SET STATISTICS refuses the others), so
 * pg_attribute is probed for expression indexes only.
 */
static const char q_indexes[] =
	"SELECT i.indexrelid, i.indrelid, ic.relname, CASE WHEN co.oid IS NULL THEN pg_get_indexdef(i.indexrelid) END,\n"
	"  i.indisclustered, i.indisreplident, i.indisvalid, ic.relkind::text, co.oid, inh.inhparent, NULL::text,\n"
	"  CASE WHEN i.indexprs IS NOT NULL THEN (SELECT string_agg(a.attnum || ' ' || a.attstattarget, ','\n"
	"     ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0) END\n"
	"FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid\n"
	"  JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	"  LEFT JOIN pg_constraint co ON co.conindid = i.indexrelid AND co.conrelid = i.indrelid\n"
	"    AND co.contype IN ('p', 'u', 'x')\n"
	"  LEFT JOIN pg_inherits inh ON inh.inhrelid = i.indexrelid\n"
	"WHERE c.relkind IN ('r', 'p', 'm') AND " USERNS("n") " AND " NOTEXT("pg_class", "c.oid") "\n"
	"  AND " SELECTED("$1", "i.indrelid") "\n"
	"ORDER BY i.indrelid, ic.relname";

static const char q_trig_head[] =
	"SELECT 'g' AS k, t.oid, t.tgrelid AS rel, t.tgname AS name, pg_get_triggerdef(t.oid, true), t.tgenabled::text,\n"
	"  NULL::text, NULL::text, NULL::text, NULL::text, NULL::text\n"
	"FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	"WHERE NOT t.tgisinternal";
static const char q_trig_parent[] = " AND t.tgparentid = 0";
static const char q_trig_tail[] =
	"\n  AND " USERNS("n") " AND " NOTEXT("pg_class", "c.oid") " AND " SELECTED("$1", "t.tgrelid") "\n";
/*
 * 13+: a partition's clone of a partitioned table's trigger is created
 * with its parent; only a clone enabled differently from it is dumped, as
 * an ALTER TABLE (the parent trigger's oid rides in the description column).
 */
static const char q_trig_clones[] =
	"UNION ALL\n"
	"SELECT 'G', t.oid, t.tgrelid, t.tgname, NULL, t.tgenabled::text, t.tgparentid::text,\n"
	"  NULL, NULL, NULL, NULL\n"
	"FROM pg_trigger t JOIN pg_trigger u ON u.oid = t.tgparentid\n"
	"  JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	"WHERE t.tgenabled <> u.tgenabled\n"
	"  AND " USERNS("n") " AND " NOTEXT("pg_class", "c.oid") " AND " SELECTED("$1", "t.tgrelid") "\n";
static const char q_trig_rest[] =
	"UNION ALL\n"
	"SELECT 'r', r.oid, r.ev_class, r.rulename, pg_get_ruledef(r.oid, true), r.ev_enabled::text,\n"
	"  NULL::text, NULL, NULL, NULL, NULL\n"
	"FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	"WHERE r.rulename <> '_RETURN' AND " USERNS("n") " AND " NOTEXT("pg_class", "c.oid") "\n"
	"  AND " SELECTED("$1", "r.ev_class") "\n"
	"UNION ALL\n"
	"SELECT 'y', p.oid, p.polrelid, p.polname, NULL, p.polcmd::text, NULL::text,\n"
	"  p.polpermissive::text,\n"
	"  (SELECT string_agg(CASE WHEN r.r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.r)) END, ', '\n"
	"     ORDER BY r.i) FROM unnest(p.polroles) WITH ORDINALITY AS r(r, i)),\n"
	"  pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)\n"
	"FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	"WHERE " USERNS("n") " AND " NOTEXT("pg_class", "c.oid") " AND " SELECTED("$1", "p.polrelid") "\n"
	"UNION ALL\n"
	/* extended statistics: permissive = its schema, roles = its owner, qual = its target */
	"SELECT 's', s.oid, s.stxrelid, s.stxname, pg_get_statisticsobjdef(s.oid), NULL, NULL,\n"
	"  sn.nspname, pg_get_userbyid(s.stxowner), s.stxstattarget::text, NULL\n"
	"FROM pg_statistic_ext s JOIN pg_namespace sn ON sn.oid = s.stxnamespace\n"
	"  JOIN pg_class c ON c.oid = s.stxrelid JOIN pg_namespace n ON n.oid = c.relnamespace\n"
	"WHERE " USERNS("n") " AND " NOTEXT("pg_class", "c.oid") " AND " NOTEXT("pg_statistic_ext", "s.oid") "\n"
	"  AND " SELECTED("$1", "s.stxrelid") "\n"
	"ORDER BY 3, 1, 4";

static char *cat(const char *const *parts)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	for (; *parts; parts++)
		sqlp_buf_addstr(&b, *parts);
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}

char *ss_pgq_build(enum ss_pgq q, int version, int split)
{
	switch (q) {
	case SS_PGQ_INVENTORY:
		return ss_xstrdup(q_inventory);
	case SS_PGQ_DEPEND_RAW:
		return ss_xstrdup(q_depend_raw);
	case SS_PGQ_DEPEND: {
		const char *p[] = { q_depend_head, version >= 140000 ? q_depend_multirange : "",
				    q_depend_mid, version >= 140000 ? q_depend_multirange_join : "",
				    q_depend_tail, NULL };
		return cat(p);
	}
	case SS_PGQ_MISC: {
		const char *loc = version >= 170000 ? "  c.colllocale,\n" :
				  version >= 150000 ? "  c.colliculocale,\n" : "  NULL::text,\n";
		const char *p[] = { q_misc_head, loc, q_misc_tail,
				    version >= 130000 ? q_pub_viaroot : "  'false',", q_pub_rels,
				    version >= 150000 ? q_pub_rel_parts : "  NULL, NULL,\n",
				    q_pub_rels_tail, version >= 150000 ? q_pub_schemas : "",
				    q_misc_descr, NULL };
		return cat(p);
	}
	case SS_PGQ_TYPES: {
		const char *p[] = { q_types_head, version >= 140000 ? q_types_multirange : "",
				    q_types_tail, NULL };
		char *sql = cat(p), *m;

		/* no multiranges before 14: keep the column, NULL */
		if (version < 140000 && (m = strstr(sql, "rg.rngmultitypid")))
			memcpy(m, "NULL::oid       ", 16);
		return sql;
	}
	case SS_PGQ_FUNCS:
		return ss_xstrdup(q_funcs);
	case SS_PGQ_RELS: {
		/* split: the deparse calls that open relations are q_reldefs' */
		const char *p[] = { q_rels_head, split ? "  NULL::text, NULL::text,\n" : q_rels_defs1,
				    q_rels_mid, split ? "  NULL::text,\n" : q_rels_defs2, q_rels_tail,
				    NULL };
		return cat(p);
	}
	case SS_PGQ_COLS: {
		const char *p[] = { q_cols_head,
				    version >= 140000 ? "  NULLIF(a.attcompression, '')::text,\n" : "  NULL::text,\n",
				    q_cols_tail, NULL };
		return cat(p);
	}
	case SS_PGQ_CONS:
	case SS_PGQ_CHECKS: {
		const char *p[] = { q_cons_head,
				    q == SS_PGQ_CHECKS ? q_cons_tail_checks : split ? q_cons_tail_rest : "",
				    q == SS_PGQ_CHECKS ? q_reldefs : "", q_cons_order, NULL };
		return cat(p);
	}
	case SS_PGQ_INDEXES:
		return ss_xstrdup(q_indexes);
	case SS_PGQ_TRIGGERS: {
		const char *p[] = { q_trig_head, version >= 130000 ? q_trig_parent : "", q_trig_tail,
				    version >= 130000 ? q_trig_clones : "", q_trig_rest, NULL };
		char *sql = cat(p), *m;

		/* no per-statistics target before 13: keep the column, NULL */
		if (version < 130000 && (m = strstr(sql, "s.stxstattarget::text")))
			memcpy(m, "NULL::text           ", 21);
		return sql;
	}
	case SS_PGQ_COUNT:
		break;
	}
	return NULL;
}
