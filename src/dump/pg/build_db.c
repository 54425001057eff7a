/*
 * build_db.c - catalog rows -> dump objects for what belongs to the
 * database rather than to a table: schemas, extensions, collations, text
 * search dictionaries and configurations, default privileges,
 * publications, casts and event triggers, and the warning that counts
 * the kinds not dumped yet.  All from the MISC query's rows, told apart
 * by their first column.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dump/pg/build_int.h"
#include "util/err.h"
#include "util/log.h"
#include "util/xmalloc.h"

/*
 * Were only some schemas or tables asked for?  Then, as pg_dump -n/-t
 * does, what belongs to the whole database is left out.
 */
static int only_some(const struct ctx *c)
{
	const struct ss_dump_select *sel = c->o->select;

	return sel && (sel->include_schema.n || sel->include_table.n);
}

/* --- schemas, extensions, collations ------------------------------------ */

static void build_default_acls(struct ctx *c, const PGresult *r);

/* " OPTIONS (\n    k 'v',\n    ...\n)" when there are options */
static void options_clause(struct sqlp_buf *b, const char *opts)
{
	if (opts)
		sqlp_buf_addf(b, " OPTIONS (\n    %s\n)", opts);
}

/*
 * Foreign-data wrappers, servers and user mappings, in that order (each
 * needs the one before), as pg_dump writes them; like pg_dump, none when
 * only some schemas or tables are asked for.
 */
static void build_foreign_servers(struct ctx *c, const PGresult *r)
{
	static const char kinds[] = "WVM";
	struct sqlp_buf *b = &c->b, acl = SQLP_BUF_INIT;

	if (only_some(c))
		return;
	for (const char *k = kinds; *k; k++)
	for (int i = 0; i < PQntuples(r); i++) {
		const char *name = S(r, i, MI_NAME);
		const char *what = NULL, *aclwhat = NULL;	/* none for a user mapping */
		unsigned oid = OID(r, i, MI_OID);
		char *q;
		int obj, up = -1;

		if (*S(r, i, MI_K) != *k)
			continue;
		q = qname_dup(NULL, name);
		if (*k == 'W') {
			what = aclwhat = "FOREIGN DATA WRAPPER";
			obj = ss_dump_add(c->d, SS_DK_FDW, 'W', oid, NULL, name, "", NULL);
			sqlp_buf_addf(b, "CREATE FOREIGN DATA WRAPPER %s", q);
			if (V(r, i, MI_A))
				sqlp_buf_addf(b, " HANDLER %s", V(r, i, MI_A));
			if (V(r, i, MI_B))
				sqlp_buf_addf(b, " VALIDATOR %s", V(r, i, MI_B));
		} else if (*k == 'V') {
			what = "SERVER";
			aclwhat = "FOREIGN SERVER";
			obj = ss_dump_add(c->d, SS_DK_SERVER, 'V', oid, NULL, name, "", NULL);
			up = ss_dump_lookup(c->d, 'W', OID(r, i, MI_F));
			sqlp_buf_addf(b, "CREATE SERVER %s", q);
			if (V(r, i, MI_A)) {
				sqlp_buf_addstr(b, " TYPE ");
				ss_quote_literal(b, V(r, i, MI_A));
			}
			if (V(r, i, MI_B)) {
				sqlp_buf_addstr(b, " VERSION ");
				ss_quote_literal(b, V(r, i, MI_B));
			}
			sqlp_buf_addf(b, " FOREIGN DATA WRAPPER %s", S(r, i, MI_E));
		} else {
			const char *user = S(r, i, MI_OWNER);
			char *label = ss_xasprintf("%s %s", user, name);

			obj = ss_dump_add(c->d, SS_DK_USER_MAPPING, 0, 0, NULL, name, user, label);
			free(label);
			up = ss_dump_lookup(c->d, 'V', OID(r, i, MI_F));
			sqlp_buf_addstr(b, "CREATE USER MAPPING FOR ");
			if (strcmp(user, "public"))
				ss_quote_ident(b, user);
			else
				sqlp_buf_addstr(b, "public");
			sqlp_buf_addf(b, " SERVER %s", q);
		}
		options_clause(b, V(r, i, MI_C));
		sqlp_buf_addstr(b, ";\n");
		if (what) {
			owner_line(c, b, what, q, V(r, i, MI_OWNER));
			comment_line(b, what, q, descr(c, *k, oid, 0));
			acl_diff(&acl, aclwhat, q, NULL, V(r, i, MI_ACL), V(r, i, MI_DEFACL));
		}
		c->d->objs[obj].text = finish(c, b);
		if (up >= 0)
			ss_dump_dep(c->d, obj, up, -1);
		ss_buf_check(&acl);
		if (aclwhat)
			add_acl_obj(c, obj, aclwhat, &acl);
		free(q);
	}
	sqlp_buf_release(&acl);
}

/* Text search dictionaries and configurations, as pg_dump writes them. */
static void build_text_search(struct ctx *c, const PGresult *r)
{
	struct sqlp_buf *b = &c->b;

	for (int i = 0; i < PQntuples(r); i++) {
		const char *k = S(r, i, MI_K), *nsp = S(r, i, MI_NSP), *name = S(r, i, MI_NAME);
		const char *what = *k == 'D' ? "TEXT SEARCH DICTIONARY" : "TEXT SEARCH CONFIGURATION";
		char *q;
		int obj;

		if (*k != 'D' && *k != 'F')
			continue;
		q = qname_dup(nsp, name);
		obj = ss_dump_add(c->d, *k == 'D' ? SS_DK_TS_DICT : SS_DK_TS_CONFIG, *k,
				  OID(r, i, MI_OID), nsp, name, "", NULL);
		sqlp_buf_addf(b, "CREATE %s %s (\n    %s = %s", what, q,
			      *k == 'D' ? "TEMPLATE" : "PARSER", S(r, i, MI_A));
		if (*k == 'D' && V(r, i, MI_B))
			sqlp_buf_addf(b, ",\n    %s", V(r, i, MI_B));
		sqlp_buf_addstr(b, " );\n");
		if (*k == 'F' && V(r, i, MI_B)) {
			for (const char *p = V(r, i, MI_B), *nl; *p; p = *nl ? nl + 1 : nl) {
				nl = strchr(p, '\n');
				if (!nl)
					nl = p + strlen(p);
				sqlp_buf_addf(b, "ALTER TEXT SEARCH CONFIGURATION %s\n"
					      "    ADD MAPPING FOR %.*s;\n", q, (int)(nl - p), p);
			}
		}
		owner_line(c, b, what, q, V(r, i, MI_OWNER));
		comment_line(b, what, q, descr(c, *k, OID(r, i, MI_OID), 0));
		c->d->objs[obj].text = finish(c, b);
		ss_dump_dep(c->d, obj, schema_obj(c, nsp), -1);
		free(q);
	}
}

/*
 * Say what the database holds that is not dumped, rather than leave it out
 * silently.  Database-wide kinds are not counted against a selection of
 * schemas or tables (pg_dump -n/-t leaves them out too).
 */
static void warn_unsupported(struct ctx *c, const PGresult *r)
{
	int some = only_some(c);
	struct sqlp_buf list = SQLP_BUF_INIT;

	for (int i = 0; i < PQntuples(r); i++) {
		if (*S(r, i, MI_K) != 'u' || (some && B(r, i, MI_A)))
			continue;
		sqlp_buf_addf(&list, "%s%s %s", list.len ? ", " : "", S(r, i, MI_ACL),
			      S(r, i, MI_NAME));
	}
	ss_buf_check(&list);
	if (list.len)
		ss_warn("not dumped (ssync dump does not support them yet): %s", list.data);
	sqlp_buf_release(&list);
}

void ss_pgb_build_misc(struct ctx *c, const PGresult *r)
{
	struct sqlp_buf *b = &c->b;
	struct sqlp_buf acl = SQLP_BUF_INIT;

	/* schemas first (sorted by name), then extensions and collations */
	for (int pass = 0; pass < 2; pass++)
	for (int i = 0; i < PQntuples(r); i++) {
		const char *k = S(r, i, MI_K), *nsp = V(r, i, MI_NSP), *name = S(r, i, MI_NAME);
		char *q;
		int obj;

		/* the other kinds of rows are read by their own builders */
		if (pass == 0 ? *k != 'n' : *k != 'e' && *k != 'l')
			continue;
		q = qname_dup(nsp, name);
		if (*k == 'n') {
			c->nschemas++;
			obj = ss_dump_add(c->d, SS_DK_SCHEMA, 'n', OID(r, i, MI_OID), NULL, name, "", NULL);
			sqlp_buf_addf(b, "CREATE SCHEMA %s%s;\n", strcmp(name, "public") ? "" : "IF NOT EXISTS ", q);
			owner_line(c, b, "SCHEMA", q, V(r, i, MI_OWNER));
			comment_line(b, "SCHEMA", q, descr(c, 'n', OID(r, i, MI_OID), 0));
			c->d->objs[obj].text = finish(c, b);
		} else if (*k == 'e') {
			char *qe = qname_dup(NULL, name);

			obj = ss_dump_add(c->d, SS_DK_EXTENSION, 'e', OID(r, i, MI_OID), NULL, name, "", NULL);
			sqlp_buf_addf(b, "CREATE EXTENSION IF NOT EXISTS %s WITH SCHEMA ", qe);
			ss_quote_ident(b, nsp);
			sqlp_buf_addstr(b, ";\n");
			comment_line(b, "EXTENSION", qe, descr(c, 'e', OID(r, i, MI_OID), 0));
			c->d->objs[obj].text = finish(c, b);
			ss_dump_dep(c->d, obj, schema_obj(c, nsp), -1);
			free(qe);
		} else {
			const char *prov = S(r, i, MI_A), *coll = V(r, i, MI_B), *ctype = V(r, i, MI_C);
			const char *loc = V(r, i, MI_E);

			if (*prov == 'd') {
				free(q);
				continue;
			}
			obj = ss_dump_add(c->d, SS_DK_COLLATION, 'l', OID(r, i, MI_OID), nsp, name, "", NULL);
			sqlp_buf_addf(b, "CREATE COLLATION %s (provider = %s", q,
				      *prov == 'i' ? "icu" : *prov == 'b' ? "builtin" : "libc");
			if (*prov != 'c') {
				sqlp_buf_addstr(b, ", locale = ");
				ss_quote_literal(b, loc ? loc : coll ? coll : "");
			} else if (coll && ctype && !strcmp(coll, ctype)) {
				sqlp_buf_addstr(b, ", locale = ");
				ss_quote_literal(b, coll);
			} else {
				sqlp_buf_addstr(b, ", lc_collate = ");
				ss_quote_literal(b, coll ? coll : "");
				sqlp_buf_addstr(b, ", lc_ctype = ");
				ss_quote_literal(b, ctype ? ctype : "");
			}
			if (!B(r, i, MI_F))
				sqlp_buf_addstr(b, ", deterministic = false");
			sqlp_buf_addstr(b, ");\n");
			owner_line(c, b, "COLLATION", q, V(r, i, MI_OWNER));
			comment_line(b, "COLLATION", q, descr(c, 'l', OID(r, i, MI_OID), 0));
			c->d->objs[obj].text = finish(c, b);
			ss_dump_dep(c->d, obj, schema_obj(c, nsp), -1);
		}
		free(q);
	}
	/* schema grants once the schemas are objects 0..nschemas-1 */
	for (int i = 0; i < PQntuples(r); i++) {
		char *q;

		if (*S(r, i, MI_K) != 'n' || !V(r, i, MI_ACL))
			continue;
		q = qname_dup(NULL, S(r, i, MI_NAME));
		acl_diff(&acl, "SCHEMA", q, NULL, V(r, i, MI_ACL), V(r, i, MI_DEFACL));
		add_acl_obj(c, schema_obj(c, S(r, i, MI_NAME)), "SCHEMA", &acl);
		free(q);
	}
	sqlp_buf_release(&acl);
	build_text_search(c, r);
	build_foreign_servers(c, r);
	build_default_acls(c, r);
	warn_unsupported(c, r);
}

/*
 * ALTER DEFAULT PRIVILEGES: what objects a role creates later will grant.
 * A schema's entries follow the schema; global ones are left out when
 * only some schemas or tables are asked for, as pg_dump -n/-t does.
 */
static void build_default_acls(struct ctx *c, const PGresult *r)
{
	struct sqlp_buf *b = &c->b;
	struct sqlp_buf acl = SQLP_BUF_INIT, head = SQLP_BUF_INIT;
	int some = only_some(c);

	for (int i = 0; i < PQntuples(r); i++) {
		const char *nsp = V(r, i, MI_NSP), *role = S(r, i, MI_OWNER), *t = S(r, i, MI_NAME);
		const char *what = *t == 'r' ? "TABLES" : *t == 'S' ? "SEQUENCES" :
				   *t == 'f' ? "FUNCTIONS" : *t == 'T' ? "TYPES" : "SCHEMAS";
		char *sub, *label;
		int obj;

		if (*S(r, i, MI_K) != 'a' || c->o->no_privileges || (!nsp && some))
			continue;
		sqlp_buf_reset(&acl);
		acl_diff(&acl, what, NULL, NULL, V(r, i, MI_ACL), V(r, i, MI_DEFACL));
		ss_buf_check(&acl);
		if (!acl.len)
			continue;
		sqlp_buf_reset(&head);
		sqlp_buf_addstr(&head, "ALTER DEFAULT PRIVILEGES FOR ROLE ");
		ss_quote_ident(&head, role);
		if (nsp) {
			sqlp_buf_addstr(&head, " IN SCHEMA ");
			ss_quote_ident(&head, nsp);
		}
		sqlp_buf_addch(&head, ' ');
		ss_buf_check(&head);
		/* each GRANT or REVOKE line, behind the ALTER DEFAULT PRIVILEGES head */
		for (const char *p = acl.data, *nl; *p; p = nl + 1) {
			nl = strchr(p, '\n');
			sqlp_buf_add(b, head.data, head.len);
			sqlp_buf_add(b, p, (size_t)(nl - p + 1));
		}
		sub = ss_xasprintf("DEFAULT PRIVILEGES %s", what);
		label = ss_xasprintf("default privileges of %s%s%s on %s", role,
				     nsp ? " in schema " : "", nsp ? nsp : "", what);
		obj = ss_dump_add(c->d, SS_DK_ACL, 0, 0, NULL, role, sub, label);
		free(label);
		free(sub);
		c->d->objs[obj].text = finish(c, b);
		if (nsp)
			ss_dump_dep(c->d, obj, schema_obj(c, nsp), -1);
	}
	sqlp_buf_release(&acl);
	sqlp_buf_release(&head);
}

/*
 * Publications, then their tables (which follow their table) and schemas,
 * as pg_dump writes them; like pg_dump, none when only some schemas or
 * tables are asked for.
 */
void ss_pgb_build_publications(struct ctx *c, const PGresult *r)
{
	struct sqlp_buf *b = &c->b;

	if (only_some(c))
		return;
	for (int pass = 0; pass < 2; pass++)
	for (int i = 0; i < PQntuples(r); i++) {
		const char *k = S(r, i, MI_K), *name = S(r, i, MI_NAME);
		char *qp = qname_dup(NULL, name), *label = NULL;
		int obj, pub = -1, target = -1;

		if ((pass == 0 && *k == 'P') || (pass == 1 && (*k == 'Q' || *k == 'R'))) {
			if (pass)
				pub = ss_dump_lookup(c->d, 'P', OID(r, i, MI_E));
			target = *k == 'Q' ? ss_dump_lookup(c->d, 'c', OID(r, i, MI_OID)) :
				 *k == 'R' ? schema_obj(c, S(r, i, MI_NSP)) : 0;
		}
		if (target < 0 || (pass && pub < 0)) {
			free(qp);
			continue;
		}
		if (*k == 'P') {
			obj = ss_dump_add(c->d, SS_DK_PUBLICATION, 'P', OID(r, i, MI_OID), NULL, name,
					  "", NULL);
			sqlp_buf_addf(b, "CREATE PUBLICATION %s%s WITH (publish = '%s'%s);\n", qp,
				      B(r, i, MI_A) ? " FOR ALL TABLES" : "", S(r, i, MI_B),
				      B(r, i, MI_C) ? ", publish_via_partition_root = true" : "");
			owner_line(c, b, "PUBLICATION", qp, V(r, i, MI_OWNER));
			comment_line(b, "PUBLICATION", qp, descr(c, 'P', OID(r, i, MI_OID), 0));
		} else if (*k == 'Q') {
			const struct ss_dobj *t = &c->d->objs[target];
			char *qt = qname_dup(t->schema, t->name);

			label = ss_xasprintf("%s in %s", t->name, name);
			obj = ss_dump_add(c->d, SS_DK_PUBLICATION_REL, 0, 0, t->schema, t->name, name,
					  label);
			sqlp_buf_addf(b, "ALTER PUBLICATION %s ADD TABLE ONLY %s", qp, qt);
			if (V(r, i, MI_A))
				sqlp_buf_addf(b, " (%s)", V(r, i, MI_A));
			if (V(r, i, MI_B))
				sqlp_buf_addf(b, " WHERE (%s)", V(r, i, MI_B));
			sqlp_buf_addstr(b, ";\n");
			c->d->objs[obj].parent = target;
			free(qt);
		} else {
			char *qs = qname_dup(NULL, S(r, i, MI_NSP));

			label = ss_xasprintf("%s in %s", S(r, i, MI_NSP), name);
			obj = ss_dump_add(c->d, SS_DK_PUBLICATION_REL, 0, 0, NULL, S(r, i, MI_NSP), name,
					  label);
			sqlp_buf_addf(b, "ALTER PUBLICATION %s ADD TABLES IN SCHEMA %s;\n", qp, qs);
			free(qs);
		}
		c->d->objs[obj].text = finish(c, b);
		if (pass) {
			ss_dump_dep(c->d, obj, pub, -1);
			ss_dump_dep(c->d, obj, target, -1);
		}
		free(label);
		free(qp);
	}
}

/*
 * Casts (after their types and function) and event triggers (after their
 * function, at the very end, as pg_dump): database-wide, so like pg_dump
 * none when only some schemas or tables are asked for.
 */
void ss_pgb_build_casts_event_triggers(struct ctx *c, const PGresult *r)
{
	struct sqlp_buf *b = &c->b;

	if (only_some(c))
		return;
	for (int i = 0; i < PQntuples(r); i++) {
		const char *k = S(r, i, MI_K), *name = S(r, i, MI_NAME), *how = S(r, i, MI_F);
		unsigned oid = OID(r, i, MI_OID), fn = OID(r, i, MI_E);
		int obj, f = fn ? ss_dump_lookup(c->d, 'p', fn) : -1;

		/* a user type or function that is not dumped (its schema is left out):
		   the cast or event trigger could not be created without it */
		if ((*k == 'C' || *k == 'E') && fn >= 16384 && f < 0) {
			ss_warn("%s %s%s%s is not dumped: its function %s is not",
				*k == 'C' ? "cast" : "event trigger", *k == 'C' ? "(" : "", name,
				*k == 'C' ? ")" : "", S(r, i, MI_C));
			continue;
		}
		if (*k == 'C') {
			int missing = -1;

			for (int t = MI_A; t <= MI_B; t++) {
				unsigned ty = OID(r, i, t);

				if (ty >= 16384 && ss_dump_lookup(c->d, 't', ty) < 0)
					missing = t;
			}
			if (missing >= 0) {
				ss_warn("cast (%s) is not dumped: one of its types is not", name);
				continue;
			}
			obj = ss_dump_add(c->d, SS_DK_CAST, 'C', oid, NULL, name, "", NULL);
			sqlp_buf_addf(b, "CREATE CAST (%s)", name);
			if (how[1] == 'f')
				sqlp_buf_addf(b, " WITH FUNCTION %s", S(r, i, MI_C));
			else
				sqlp_buf_addstr(b, how[1] == 'i' ? " WITH INOUT" : " WITHOUT FUNCTION");
			sqlp_buf_addstr(b, how[0] == 'a' ? " AS ASSIGNMENT;\n" :
					   how[0] == 'i' ? " AS IMPLICIT;\n" : ";\n");
			for (int t = MI_A; t <= MI_B; t++) {
				int ty = ss_dump_lookup(c->d, 't', OID(r, i, t));

				if (ty >= 0)
					ss_dump_dep(c->d, obj, ty, -1);
			}
			{
				char *what = ss_xasprintf("(%s)", name);

				comment_line(b, "CAST", what, descr(c, 'C', oid, 0));
				free(what);
			}
		} else if (*k == 'E') {
			char *q = qname_dup(NULL, name);

			obj = ss_dump_add(c->d, SS_DK_EVENT_TRIGGER, 'E', oid, NULL, name, "", NULL);
			sqlp_buf_addf(b, "CREATE EVENT TRIGGER %s ON %s\n", q, S(r, i, MI_A));
			if (V(r, i, MI_B))
				sqlp_buf_addf(b, "   WHEN TAG IN (%s)\n", V(r, i, MI_B));
			sqlp_buf_addf(b, "   EXECUTE FUNCTION %s();\n", S(r, i, MI_C));
			if (*how != 'O')
				sqlp_buf_addf(b, "ALTER EVENT TRIGGER %s %s;\n", q, firing_state(*how));
			owner_line(c, b, "EVENT TRIGGER", q, V(r, i, MI_OWNER));
			comment_line(b, "EVENT TRIGGER", q, descr(c, 'E', oid, 0));
			free(q);
		} else {
			continue;
		}
		c->d->objs[obj].text = finish(c, b);
		if (f >= 0)
			ss_dump_dep(c->d, obj, f, -1);
	}
}

