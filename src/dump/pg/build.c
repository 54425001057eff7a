/*
 * build.c - PostgreSQL catalog rows -> dump objects with their DDL: types,
 * functions, relations, constraints, indexes, triggers, rules, policies
 * (build_db.c has the database-wide objects, build_acl.c GRANT and REVOKE;
 * build_int.h what they share).
 *
 * The server deparses (pg_get_*def, format_type, pg_get_expr); this file
 * only assembles statements around those texts: CREATE TABLE from column
 * rows, owners, comments, and GRANT/REVOKE from the difference between
 * an object's ACL and its default ACL.  Rows arrive ordered, and objects
 * are added in that order; the sort decides the final order.
 *
 * Invariants: a CHECK or DEFAULT printed inside CREATE TABLE / CREATE
 * DOMAIN is an inline child (ss_dump_frag) with a separate form in
 * alt_text, so the sort can split it off to break a cycle; a view keeps
 * a placeholder form in alt_text for the same reason.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump/pg/build_int.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/log.h"
#include "util/xmalloc.h"

static void rowmap_build(struct rowmap *m, const PGresult *r, int col)
{
	int n = r ? PQntuples(r) : 0;

	m->n = n;
	m->rk = ss_xmalloc(((size_t)n + 1) * sizeof(*m->rk));
	m->cap = 64;
	while (m->cap < (size_t)n * 2 + 2)
		m->cap *= 2;
	m->keys = ss_xcalloc(m->cap, sizeof(*m->keys));
	m->rows = ss_xcalloc(m->cap, sizeof(*m->rows));
	for (int i = 0; i < n; i++) {
		unsigned k = OID(r, i, col);
		size_t h;

		m->rk[i] = k;
		if (!k || (i > 0 && m->rk[i - 1] == k))
			continue;
		for (h = (k * 2654435761u) & (m->cap - 1); m->keys[h]; h = (h + 1) & (m->cap - 1))
			;
		m->keys[h] = k;
		m->rows[h] = i;
	}
}

/* Is row still in the group of key k? */
static int rowmap_in(const struct rowmap *m, int row, unsigned k)
{
	return row >= 0 && row < m->n && m->rk[row] == k;
}

static int rowmap_get(const struct rowmap *m, unsigned k)
{
	for (size_t h = (k * 2654435761u) & (m->cap - 1); m->keys[h]; h = (h + 1) & (m->cap - 1))
		if (m->keys[h] == k)
			return m->rows[h];
	return -1;
}

static void rowmap_free(struct rowmap *m)
{
	free(m->keys);
	free(m->rows);
	free(m->rk);
}

/* --- text helpers ----------------------------------------------------- */


static void qname(struct sqlp_buf *b, const char *schema, const char *name)
{
	if (schema) {
		ss_quote_ident(b, schema);
		sqlp_buf_addch(b, '.');
	}
	ss_quote_ident(b, name);
}

char *qname_dup(const char *schema, const char *name)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	qname(&b, schema, name);
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}

/*
 * Append strings up to a NULL.  For the statements built once per column,
 * constraint or index: sqlp_buf_addf runs vsnprintf, which costs more
 * than the copies (a fifth of the client's instructions on 10,000 tables).
 */
#ifdef __GNUC__
__attribute__((sentinel))
#endif
static void addv(struct sqlp_buf *b, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, b);
	while ((s = va_arg(ap, const char *)))
		sqlp_buf_addstr(b, s);
	va_end(ap);
}

/* The strings up to a NULL, joined (malloc'd): ss_xasprintf without the format. */
#ifdef __GNUC__
__attribute__((sentinel))
#endif
static char *joinv(const char *first, ...)
{
	va_list ap;
	size_t n = 0;
	char *out, *p;

	va_start(ap, first);
	for (const char *s = first; s; s = va_arg(ap, const char *))
		n += strlen(s);
	va_end(ap);
	p = out = ss_xmalloc(n + 1);
	va_start(ap, first);
	for (const char *s = first; s; s = va_arg(ap, const char *)) {
		size_t k = strlen(s);

		memcpy(p, s, k);
		p += k;
	}
	va_end(ap);
	*p = '\0';
	return out;
}

void owner_line(struct ctx *c, struct sqlp_buf *b, const char *what, const char *target,
		       const char *owner)
{
	if (c->o->no_owner || !owner)
		return;
	addv(b, "ALTER ", what, " ", target, " OWNER TO ", NULL);
	ss_quote_ident(b, owner);
	sqlp_buf_addstr(b, ";\n");
}

void comment_line(struct sqlp_buf *b, const char *what, const char *target,
			 const char *descr)
{
	if (!descr)
		return;
	addv(b, "COMMENT ON ", what, " ", target, " IS ", NULL);
	ss_quote_literal(b, descr);
	sqlp_buf_addstr(b, ";\n");
}

char *finish(struct ctx *c, struct sqlp_buf *b)
{
	char *s;

	ss_buf_check(b);
	s = ss_dump_strndup(c->d, b->data, b->len);
	sqlp_buf_reset(b);
	return s;
}

/*
 * Next element of an array literal ({a,"b c"}): unquoted into out.
 * Returns 0 at the end.
 */
static int array_next(const char **sp, struct sqlp_buf *out)
{
	const char *s = *sp;

	sqlp_buf_reset(out);
	if (*s == '{' || *s == ',')
		s++;
	if (!*s || *s == '}')
		return 0;
	if (*s == '"') {
		for (s++; *s && *s != '"'; s++) {
			if (*s == '\\' && s[1])
				s++;
			sqlp_buf_addch(out, *s);
		}
		if (*s == '"')
			s++;
	} else {
		while (*s && *s != ',' && *s != '}')
			sqlp_buf_addch(out, *s++);
	}
	if (*s == ',')
		s++;
	ss_buf_check(out);
	*sp = s;
	return 1;
}

/*
 * Storage options (text[] "name=value") as "name='value', ...", with a
 * prefix ("toast.") on each name.  Options named pg_* are the server's
 * own bookkeeping and cannot be set: they are left out.
 */
static void options_text(struct sqlp_buf *b, const char *arr, const char *prefix)
{
	struct sqlp_buf e = SQLP_BUF_INIT;
	const char *p = arr;

	while (p && *p && *p != '}') {
		char *eq;

		if (*p == '{' || *p == ',')
			p++;
		/* the common case: pg_* bookkeeping, skipped without copying */
		if (!strncmp(p, "pg_", 3) && !memchr(p, '"', strcspn(p, ",}"))) {
			p += strcspn(p, ",}");
			continue;
		}
		if (!array_next(&p, &e))
			break;
		if (!(eq = strchr(e.data, '=')) || !strncmp(e.data, "pg_", 3))
			continue;
		*eq = '\0';
		if (b->len)
			sqlp_buf_addstr(b, ", ");
		sqlp_buf_addstr(b, prefix);
		ss_quote_ident(b, e.data);
		sqlp_buf_addch(b, '=');
		ss_quote_literal(b, eq + 1);
	}
	sqlp_buf_release(&e);
}

/* Options of a relation (and its TOAST table) as one malloc'd string, "" if none. */
static char *rel_options(const char *opts, const char *toast)
{
	struct sqlp_buf b = SQLP_BUF_INIT;

	options_text(&b, opts, "");
	options_text(&b, toast, "toast.");
	ss_buf_check(&b);
	return sqlp_buf_detach(&b, NULL);
}

/* The schema object of that name: schemas are objects 0..nschemas-1, sorted by name. */
int schema_obj(struct ctx *c, const char *schema)
{
	size_t lo = 0, hi = c->nschemas;

	while (schema && lo < hi) {
		size_t mid = (lo + hi) / 2;
		int cmp = strcmp(c->d->objs[mid].name, schema);

		if (!cmp)
			return (int)mid;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* --- comments ------------------------------------------------------------ */

static unsigned long long cm_key(char cls, unsigned oid)
{
	return ((unsigned long long)(unsigned char)cls << 32) | oid;
}

static size_t cm_slot(const struct cmap *m, unsigned long long k, int sub)
{
	return (size_t)(((k + (unsigned long long)sub * 31) * 0x9E3779B97F4A7C15ULL) >> 24) & (m->cap - 1);
}

static void cm_build(struct cmap *m, const PGresult *r)
{
	int n = 0;

	for (int i = 0; i < PQntuples(r); i++)
		n += *S(r, i, MI_K) == 'd';
	m->cap = 64;
	while (m->cap < (size_t)n * 2 + 2)
		m->cap *= 2;
	m->keys = ss_xcalloc(m->cap, sizeof(*m->keys));
	m->subs = ss_xcalloc(m->cap, sizeof(*m->subs));
	m->texts = ss_xcalloc(m->cap, sizeof(*m->texts));
	for (int i = 0; i < PQntuples(r); i++) {
		unsigned long long k;
		int sub;
		size_t h;

		if (*S(r, i, MI_K) != 'd' || !*S(r, i, MI_NAME))
			continue;
		k = cm_key(*S(r, i, MI_NAME), OID(r, i, MI_OID));
		sub = atoi(S(r, i, MI_A));
		for (h = cm_slot(m, k, sub); m->keys[h]; h = (h + 1) & (m->cap - 1))
			;
		m->keys[h] = k;
		m->subs[h] = sub;
		m->texts[h] = V(r, i, MI_DESCR);
	}
}

/* The comment on (class, oid, subid), or NULL. */
const char *descr(const struct ctx *c, char cls, unsigned oid, int sub)
{
	const struct cmap *m = &c->cm;
	unsigned long long k = cm_key(cls, oid);

	for (size_t h = cm_slot(m, k, sub); m->keys[h]; h = (h + 1) & (m->cap - 1))
		if (m->keys[h] == k && m->subs[h] == sub)
			return m->texts[h];
	return NULL;
}

/*
 * A deparse function returned NULL: the object was dropped or changed
 * after the snapshot was taken (they read the latest catalog).  The first
 * one is remembered; the read fails and is retried once.
 */
static void changed(struct ctx *c, const char *what, const char *schema, const char *name)
{
	if (!c->changed)
		c->changed = ss_xasprintf("%s %s%s%s", what, schema ? schema : "", schema ? "." : "",
					  name);
}

/* --- types --------------------------------------------------------------- */

static void build_types(struct ctx *c, const PGresult *r)
{
	const PGresult *cr = c->res->r[SS_PGQ_CONS];
	struct sqlp_buf *b = &c->b;
	struct sqlp_buf acl = SQLP_BUF_INIT, tail = SQLP_BUF_INIT;

	for (int i = 0; i < PQntuples(r); i++) {
		const char *nsp = S(r, i, TY_NSP), *name = S(r, i, TY_NAME), *t = S(r, i, TY_TYPE);
		const char *def = V(r, i, TY_DEF);
		unsigned oid = OID(r, i, TY_OID);
		char *q = qname_dup(nsp, name);
		const char *what = *t == 'd' ? "DOMAIN" : "TYPE";
		int obj = ss_dump_add(c->d, SS_DK_TYPE, 't', oid, nsp, name, "", NULL);

		c->d->objs[obj].subkind = *t;	/* 'd': a domain (ssync diff drops it so) */

		/* what pg_depend may name instead of the type itself */
		if (OID(r, i, TY_RELID))
			ss_dump_alias(c->d, 'c', OID(r, i, TY_RELID), obj);
		if (OID(r, i, TY_ARRAY))
			ss_dump_alias(c->d, 't', OID(r, i, TY_ARRAY), obj);
		if (OID(r, i, TY_MULTI))
			ss_dump_alias(c->d, 't', OID(r, i, TY_MULTI), obj);

		ss_dump_dep(c->d, obj, schema_obj(c, nsp), -1);
		switch (*t) {
		case 'e':
			sqlp_buf_addf(b, "CREATE TYPE %s AS ENUM (\n    %s\n);\n", q,
				      def ? def : "");
			break;
		case 'c':
			sqlp_buf_addf(b, "CREATE TYPE %s AS (\n    %s\n);\n", q, def ? def : "");
			break;
		case 'r':
			sqlp_buf_addf(b, "CREATE TYPE %s AS RANGE (\n    %s\n);\n", q, def ? def : "");
			break;
		case 'p':
			/* a shell type: defined later, or never (a placeholder) */
			sqlp_buf_addf(b, "CREATE TYPE %s;\n", q);
			break;
		case 'd': {
			int row = rowmap_get(&c->dcons, oid);

			sqlp_buf_addf(b, "CREATE DOMAIN %s AS %s", q, def ? def : "");
			if (V(r, i, TY_COLLATE))
				sqlp_buf_addf(b, " COLLATE %s", V(r, i, TY_COLLATE));
			if (V(r, i, TY_DEFAULT))
				sqlp_buf_addf(b, " DEFAULT %s", V(r, i, TY_DEFAULT));
			if (B(r, i, TY_NOTNULL))
				sqlp_buf_addstr(b, " NOT NULL");
			for (; rowmap_in(&c->dcons, row, oid) && c->cons.rk[row] == 0; row++) {
				const char *cn = S(cr, row, CN_NAME), *cdef = S(cr, row, CN_DEF);
				char *qc = qname_dup(NULL, cn);
				char *target = ss_xasprintf("%s ON DOMAIN %s", qc, q);
				int ch;

				if (!B(cr, row, CN_VALID)) {
					/* NOT VALID: added after the data */
					ch = ss_dump_add(c->d, SS_DK_CONSTRAINT, 'o', OID(cr, row, CN_OID),
							 nsp, cn, name, NULL);
					sqlp_buf_addf(&tail, "ALTER DOMAIN %s ADD CONSTRAINT %s %s;\n", q, qc, cdef);
					comment_line(&tail, "CONSTRAINT", target, descr(c, 'o', OID(cr, row, CN_OID), 0));
					c->d->objs[ch].text = finish(c, &tail);
					c->d->objs[ch].parent = obj;
					ss_dump_dep(c->d, ch, obj, -1);
				} else {
					size_t start = b->len;

					ch = ss_dump_add(c->d, SS_DK_CHECK, 'o', OID(cr, row, CN_OID), nsp, cn,
							 name, NULL);
					sqlp_buf_addf(b, "\n    CONSTRAINT %s %s", qc, cdef);
					ss_dump_frag(c->d, obj, ch, start, b->len);
					sqlp_buf_addf(&tail, "ALTER DOMAIN %s ADD CONSTRAINT %s %s;\n", q, qc, cdef);
					comment_line(&tail, "CONSTRAINT", target, descr(c, 'o', OID(cr, row, CN_OID), 0));
					c->d->objs[ch].alt_text = finish(c, &tail);
					c->d->objs[ch].parent = obj;
					if (descr(c, 'o', OID(cr, row, CN_OID), 0)) {
						/* comment stays with the domain while inline */
						sqlp_buf_reset(&tail);
						comment_line(&tail, "CONSTRAINT", target, descr(c, 'o', OID(cr, row, CN_OID), 0));
					}
				}
				free(target);
				free(qc);
			}
			sqlp_buf_addstr(b, ";\n");
			break;
		}
		}
		owner_line(c, b, what, q, V(r, i, TY_OWNER));
		comment_line(b, what, q, descr(c, 't', oid, 0));
		/* comments of inline domain checks follow the domain */
		ss_buf_check(&tail);
		sqlp_buf_add(b, tail.data, tail.len);
		sqlp_buf_reset(&tail);
		c->d->objs[obj].text = finish(c, b);
		acl_diff(&acl, what, q, NULL, V(r, i, TY_ACL), V(r, i, TY_DEFACL));
		add_acl_obj(c, obj, what, &acl);
		free(q);
	}
	sqlp_buf_release(&acl);
	sqlp_buf_release(&tail);
}

/* --- functions, procedures, aggregates, operators ------------------------- */

static void build_funcs(struct ctx *c, const PGresult *r)
{
	struct sqlp_buf *b = &c->b;
	struct sqlp_buf acl = SQLP_BUF_INIT;

	for (int i = 0; i < PQntuples(r); i++) {
		const char *nsp = S(r, i, FN_NSP), *name = S(r, i, FN_NAME), *kind = S(r, i, FN_KIND);
		const char *args = S(r, i, FN_ARGS), *def = V(r, i, FN_DEF);
		char *q = qname_dup(nsp, name);
		char *sig, *label;
		const char *what;
		enum ss_dkind dk;
		int obj;

		if (!def) {
			changed(c, "function", nsp, name);
			continue;
		}
		if (*S(r, i, FN_K) == 'O') {
			/* operator names are not identifiers: never quoted */
			struct sqlp_buf t = SQLP_BUF_INIT;

			what = "OPERATOR";
			dk = SS_DK_OPERATOR;
			ss_quote_ident(&t, nsp);
			sqlp_buf_addf(&t, ".%s", name);
			ss_buf_check(&t);
			free(q);
			q = sqlp_buf_detach(&t, NULL);
		} else if (*kind == 'a') {
			what = "AGGREGATE";
			dk = SS_DK_AGGREGATE;
		} else {
			what = *kind == 'p' ? "PROCEDURE" : "FUNCTION";
			dk = SS_DK_FUNCTION;
		}
		sig = ss_xasprintf("%s(%s)", q, args);
		label = ss_xasprintf("%s(%s)", name, args);
		obj = ss_dump_add(c->d, dk, dk == SS_DK_OPERATOR ? 'O' : 'p', OID(r, i, FN_OID), nsp,
				  name, args, label);
		c->d->objs[obj].subkind = *kind;	/* 'p': a procedure */
		ss_dump_dep(c->d, obj, schema_obj(c, nsp), -1);
		sqlp_buf_addstr(b, def);
		while (b->len && b->data[b->len - 1] == '\n')
			sqlp_buf_truncate(b, b->len - 1);
		if (b->len && b->data[b->len - 1] != ';')
			sqlp_buf_addch(b, ';');
		sqlp_buf_addch(b, '\n');
		owner_line(c, b, what, sig, V(r, i, FN_OWNER));
		comment_line(b, what, sig, descr(c, dk == SS_DK_OPERATOR ? 'O' : 'p', OID(r, i, FN_OID), 0));
		c->d->objs[obj].text = finish(c, b);
		if (dk != SS_DK_OPERATOR) {
			acl_diff(&acl, *kind == 'p' ? "PROCEDURE" : "FUNCTION", sig, NULL,
				 V(r, i, FN_ACL), V(r, i, FN_DEFACL));
			add_acl_obj(c, obj, what, &acl);
		}
		if (V(r, i, FN_LANG) && !strcmp(V(r, i, FN_LANG), "c"))
			ss_warn("function %s.%s is written in C: the target needs its shared library",
				nsp, label);
		free(sig);
		free(label);
		free(q);
	}
	sqlp_buf_release(&acl);
}

/* --- relations ------------------------------------------------------------ */

/* The column row of relation rel named col, or -1. */
static int find_col(struct ctx *c, unsigned rel, const char *col)
{
	const PGresult *r = c->res->r[SS_PGQ_COLS];
	int row = rowmap_get(&c->cols, rel);

	for (; rowmap_in(&c->cols, row, rel); row++)
		if (!strcmp(S(r, row, CO_NAME), col))
			return row;
	return -1;
}

/*
 * Map each identity column (its row in the column rows) to the row of
 * its sequence among the relation rows, where the sequence's options
 * are: the sequence's owner there is the column (deptype 'i').
 */
static void identity_map(struct ctx *c, const PGresult *rel)
{
	const PGresult *r = c->res->r[SS_PGQ_COLS];

	c->identseq = ss_xcalloc((size_t)PQntuples(r) + 1, sizeof(*c->identseq));
	for (int i = 0; i < PQntuples(rel); i++) {
		unsigned tab;
		const char *col;

		if (*S(rel, i, RE_KIND) != 'S' || *S(rel, i, RE_OWNDEP) != 'i')
			continue;
		tab = OID(rel, i, RE_OWNTAB);
		col = S(rel, i, RE_OWNCOL);
		for (int row = rowmap_get(&c->cols, tab); rowmap_in(&c->cols, row, tab); row++)
			if (!strcmp(S(r, row, CO_NUM), col) && !c->identseq[row])
				c->identseq[row] = i + 1;
	}
}

/* " GENERATED ... AS IDENTITY (...)" of column row row, in c->b. */
static void identity(struct ctx *c, int row, const char *ident, const PGresult *rel)
{
	struct sqlp_buf *b = &c->b;
	int s = c->identseq[row] - 1;

	addv(b, " GENERATED ", *ident == 'a' ? "ALWAYS" : "BY DEFAULT", " AS IDENTITY (\n        ",
	     NULL);
	if (s >= 0) {
		sqlp_buf_addstr(b, "SEQUENCE NAME ");
		qname(b, S(rel, s, RE_NSP), S(rel, s, RE_NAME));
		addv(b, "\n        START WITH ", S(rel, s, RE_SEQSTART), "\n        INCREMENT BY ",
		     S(rel, s, RE_SEQINC), "\n        MINVALUE ", S(rel, s, RE_SEQMIN),
		     "\n        MAXVALUE ", S(rel, s, RE_SEQMAX), "\n        CACHE ",
		     S(rel, s, RE_SEQCACHE), B(rel, s, RE_SEQCYCLE) ? "\n        CYCLE" : "", NULL);
	}
	sqlp_buf_addstr(b, "\n    )");
}

static const char *storage_name(char s)
{
	switch (s) {
	case 'p': return "PLAIN";
	case 'e': return "EXTERNAL";
	case 'm': return "MAIN";
	case 'x': return "EXTENDED";
	}
	return NULL;
}

/*
 * Are a partition's columns in its parent's order?  PARTITION OF can only
 * make that order; a table attached with another one is dumped with its
 * own column list and an ATTACH PARTITION, as pg_dump does, so that rows
 * copied by position land in the right columns.  Yes when the parent's
 * columns were not read (it is not dumped).
 */
static int parent_column_order(struct ctx *c, unsigned oid, unsigned parent)
{
	const PGresult *r = c->res->r[SS_PGQ_COLS];
	int a = rowmap_get(&c->cols, oid), p = rowmap_get(&c->cols, parent);

	if (!rowmap_in(&c->cols, p, parent))
		return 1;
	for (; rowmap_in(&c->cols, a, oid); a++, p++)
		if (!rowmap_in(&c->cols, p, parent) || strcmp(S(r, a, CO_NAME), S(r, p, CO_NAME)))
			return 0;
	return !rowmap_in(&c->cols, p, parent);
}

/*
 * Column lines of CREATE TABLE, the ALTERs that must follow it, column
 * comments and column grants.  listed: columns printed in the statement.
 * ispart: created with PARTITION OF (its columns come from the parent).
 */
static void table_columns(struct ctx *c, int obj, const PGresult *rel, int ri, const char *q,
			  int ispart, struct sqlp_buf *after, struct sqlp_buf *comments,
			  struct sqlp_buf *acl, int *nelem)
{
	const PGresult *r = c->res->r[SS_PGQ_COLS];
	struct sqlp_buf *b = &c->b;
	unsigned oid = OID(rel, ri, RE_OID), parent = OID(rel, ri, RE_PARENT1);
	int attached = B(rel, ri, RE_ISPART) && !ispart;
	int typed = V(rel, ri, RE_OFTYPE) != NULL;
	int haveparents = V(rel, ri, RE_PARENTS) != NULL;
	const char *alter = *S(rel, ri, RE_KIND) == 'p' ? "ALTER TABLE" :
			    *S(rel, ri, RE_KIND) == 'f' ? "ALTER FOREIGN TABLE ONLY" : "ALTER TABLE ONLY";
	int row = rowmap_get(&c->cols, oid);

	for (; rowmap_in(&c->cols, row, oid); row++) {
		const char *col = S(r, row, CO_NAME), *dflt = V(r, row, CO_DEFAULT);
		const char *ident = S(r, row, CO_IDENTITY), *gen = S(r, row, CO_GENERATED);
		char *qc = qname_dup(NULL, col);
		int listed = attached || (!ispart && (B(r, row, CO_LOCAL) || !haveparents));

		if (listed && typed) {
			/* OF TYPE: the type gives the columns, the table only their options */
			if (dflt || B(r, row, CO_NOTNULL)) {
				sqlp_buf_addf(b, "%s%s WITH OPTIONS", *nelem ? ",\n    " : "\n    ", qc);
				(*nelem)++;
				if (dflt) {
					ss_dump_alias(c->d, 'd', OID(r, row, CO_DEFOID), obj);
					sqlp_buf_addf(b, " DEFAULT %s", dflt);
				}
				if (B(r, row, CO_NOTNULL))
					sqlp_buf_addstr(b, " NOT NULL");
			}
		} else if (listed) {
			sqlp_buf_addstr(b, *nelem ? ",\n    " : "\n    ");
			sqlp_buf_addstr(b, qc);
			sqlp_buf_addch(b, ' ');
			sqlp_buf_addstr(b, S(r, row, CO_TYPE));
			(*nelem)++;
			if (*S(r, row, CO_COMPRESSION))
				sqlp_buf_addf(b, " COMPRESSION %s",
					      *S(r, row, CO_COMPRESSION) == 'l' ? "lz4" : "pglz");
			if (V(r, row, CO_COLLATE))
				sqlp_buf_addf(b, " COLLATE %s", V(r, row, CO_COLLATE));
			if (dflt && *gen) {
				sqlp_buf_addf(b, " GENERATED ALWAYS AS (%s) %s", dflt,
					      *gen == 'v' ? "VIRTUAL" : "STORED");
				ss_dump_alias(c->d, 'd', OID(r, row, CO_DEFOID), obj);
			} else if (dflt) {
				size_t start = b->len;
				int ch = ss_dump_add(c->d, SS_DK_DEFAULT, 'd', OID(r, row, CO_DEFOID),
						     c->d->objs[obj].schema, col, c->d->objs[obj].name, NULL);
				struct sqlp_buf alt = SQLP_BUF_INIT;

				sqlp_buf_addstr(b, " DEFAULT ");
				sqlp_buf_addstr(b, dflt);
				ss_dump_frag(c->d, obj, ch, start, b->len);
				addv(&alt, alter, " ", q, " ALTER COLUMN ", qc, " SET DEFAULT ", dflt, ";\n", NULL);
				c->d->objs[ch].alt_text = finish(c, &alt);
				c->d->objs[ch].parent = obj;
				sqlp_buf_release(&alt);
			}
			if (B(r, row, CO_NOTNULL))
				sqlp_buf_addstr(b, " NOT NULL");
			if (*ident)
				identity(c, row, ident, rel);
		} else {
			/* inherited: restate only what differs from the parent */
			int prow = parent ? find_col(c, parent, col) : -1;
			const PGresult *pr = r;
			const char *pdflt = prow >= 0 ? V(pr, prow, CO_DEFAULT) : NULL;

			if (dflt && !*gen && (!pdflt || strcmp(pdflt, dflt)))
				sqlp_buf_addf(after, "%s %s ALTER COLUMN %s SET DEFAULT %s;\n", alter, q, qc, dflt);
			else if (!dflt && pdflt && prow >= 0 && !*S(pr, prow, CO_GENERATED))
				sqlp_buf_addf(after, "%s %s ALTER COLUMN %s DROP DEFAULT;\n", alter, q, qc);
			if (dflt)
				ss_dump_alias(c->d, 'd', OID(r, row, CO_DEFOID), obj);
			if (B(r, row, CO_NOTNULL) && !(prow >= 0 && B(pr, prow, CO_NOTNULL)))
				sqlp_buf_addf(after, "%s %s ALTER COLUMN %s SET NOT NULL;\n", alter, q, qc);
		}
		if (V(r, row, CO_STATS) && atoi(V(r, row, CO_STATS)) >= 0)
			sqlp_buf_addf(after, "%s %s ALTER COLUMN %s SET STATISTICS %s;\n", alter, q, qc,
				      V(r, row, CO_STATS));
		if (storage_name(*S(r, row, CO_STORAGE)))
			sqlp_buf_addf(after, "%s %s ALTER COLUMN %s SET STORAGE %s;\n", alter, q, qc,
				      storage_name(*S(r, row, CO_STORAGE)));
		if (V(r, row, CO_OPTIONS)) {
			sqlp_buf_reset(&c->tmp);
			options_text(&c->tmp, V(r, row, CO_OPTIONS), "");
			if (c->tmp.len)
				sqlp_buf_addf(after, "%s %s ALTER COLUMN %s SET (%s);\n", alter, q, qc,
					      c->tmp.data);
		}
		if (V(r, row, CO_FDWOPT))
			sqlp_buf_addf(after, "ALTER FOREIGN TABLE %s ALTER COLUMN %s OPTIONS (\n    %s\n);\n",
				      q, qc, V(r, row, CO_FDWOPT));
		if (descr(c, 'c', oid, (int)OID(r, row, CO_NUM))) {
			char *t = ss_xasprintf("%s.%s", q, qc);

			comment_line(comments, "COLUMN", t, descr(c, 'c', oid, (int)OID(r, row, CO_NUM)));
			free(t);
		}
		if (*ident && c->identseq[row])
			ss_dump_alias(c->d, 'c', OID(rel, c->identseq[row] - 1, RE_OID), obj);
		acl_diff(acl, "TABLE", q, qc, V(r, row, CO_ACL), NULL);
		free(qc);
	}
}

/* attached: a partition created apart, which needs its inherited CHECKs too */
static void table_checks(struct ctx *c, int obj, unsigned oid, const char *q, int attached,
			 int *nelem, struct sqlp_buf *comments)
{
	const PGresult *r = c->res->r[SS_PGQ_CONS];
	struct sqlp_buf *b = &c->b;
	int row = rowmap_get(&c->cons, oid);

	for (; rowmap_in(&c->cons, row, oid); row++) {
		const char *cn = S(r, row, CN_NAME);
		char *qc, *target;
		size_t start;
		int ch;
		struct sqlp_buf alt = SQLP_BUF_INIT;

		if (*S(r, row, CN_KIND) != 'c' || !B(r, row, CN_VALID) ||
		    (!B(r, row, CN_LOCAL) && !attached))
			continue;
		qc = qname_dup(NULL, cn);
		target = joinv(qc, " ON ", q, NULL);
		start = b->len;
		ch = ss_dump_add(c->d, SS_DK_CHECK, 'o', OID(r, row, CN_OID), c->d->objs[obj].schema, cn,
				 c->d->objs[obj].name, NULL);
		addv(b, *nelem ? "," : "", "\n    CONSTRAINT ", qc, " ", S(r, row, CN_DEF), NULL);
		(*nelem)++;
		ss_dump_frag(c->d, obj, ch, start, b->len);
		addv(&alt, "ALTER TABLE ", q, " ADD CONSTRAINT ", qc, " ", S(r, row, CN_DEF), ";\n", NULL);
		c->d->objs[ch].alt_text = finish(c, &alt);
		c->d->objs[ch].parent = obj;
		comment_line(comments, "CONSTRAINT", target, descr(c, 'o', OID(r, row, CN_OID), 0));
		sqlp_buf_release(&alt);
		free(target);
		free(qc);
	}
}

static void build_table(struct ctx *c, const PGresult *r, int i, int obj, const char *q)
{
	struct sqlp_buf *b = &c->b;
	struct sqlp_buf after = SQLP_BUF_INIT, comments = SQLP_BUF_INIT, acl = SQLP_BUF_INIT;
	int attached = B(r, i, RE_ISPART) &&
		       !parent_column_order(c, OID(r, i, RE_OID), OID(r, i, RE_PARENT1));
	int ispart = B(r, i, RE_ISPART) && !attached, nelem = 0;
	const char *kind = S(r, i, RE_KIND), *what = *kind == 'f' ? "FOREIGN TABLE" : "TABLE";
	char *opts = rel_options(V(r, i, RE_OPTIONS), V(r, i, RE_TOASTOPT));
	const char *am = V(r, i, RE_AM), *repl = S(r, i, RE_REPLIDENT);
	size_t open_at;

	addv(b, "CREATE ", *S(r, i, RE_PERSIST) == 'u' ? "UNLOGGED " : "", what, " ", q, NULL);
	if (ispart)
		sqlp_buf_addf(b, " PARTITION OF %s", S(r, i, RE_PARENTS));
	else if (V(r, i, RE_OFTYPE))
		sqlp_buf_addf(b, " OF %s", V(r, i, RE_OFTYPE));
	sqlp_buf_addstr(b, " (");
	open_at = b->len;
	table_columns(c, obj, r, i, q, ispart, &after, &comments, &acl, &nelem);
	table_checks(c, obj, OID(r, i, RE_OID), q, attached, &nelem, &comments);
	if ((ispart || V(r, i, RE_OFTYPE)) && !nelem)
		sqlp_buf_truncate(b, open_at - 2);	/* no "( )" after PARTITION OF or OF */
	else
		sqlp_buf_addstr(b, "\n)");
	if (ispart)
		sqlp_buf_addf(b, "\n%s", S(r, i, RE_BOUND));
	else if (V(r, i, RE_PARENTS) && !attached)
		sqlp_buf_addf(b, "\nINHERITS (%s)", S(r, i, RE_PARENTS));
	if (*kind == 'p')
		sqlp_buf_addf(b, "\nPARTITION BY %s", S(r, i, RE_PARTKEY));
	if (*kind == 'f') {
		int srv = ss_dump_lookup(c->d, 'V', OID(r, i, RE_FTSERVER));

		sqlp_buf_addf(b, "\n%s", S(r, i, RE_FOREIGN));
		if (srv >= 0)
			ss_dump_dep(c->d, obj, srv, -1);
	}
	if (am && strcmp(am, "heap"))
		sqlp_buf_addf(b, "\nUSING %s", am);
	if (*opts)
		sqlp_buf_addf(b, "\nWITH (%s)", opts);
	free(opts);
	sqlp_buf_addstr(b, ";\n");
	if (attached)
		sqlp_buf_addf(b, "ALTER TABLE ONLY %s ATTACH PARTITION %s %s;\n", S(r, i, RE_PARENTS), q,
			      S(r, i, RE_BOUND));
	ss_buf_check(&after);
	sqlp_buf_add(b, after.data, after.len);
	if ((*repl == 'f' || *repl == 'n') && *kind != 'f')	/* a foreign table's is always n */
		sqlp_buf_addf(b, "ALTER TABLE ONLY %s REPLICA IDENTITY %s;\n", q,
			      *repl == 'f' ? "FULL" : "NOTHING");
	owner_line(c, b, what, q, V(r, i, RE_OWNER));
	comment_line(b, what, q, descr(c, 'c', OID(r, i, RE_OID), 0));
	ss_buf_check(&comments);
	sqlp_buf_add(b, comments.data, comments.len);
	c->d->objs[obj].text = finish(c, b);
	/* table-level ACL first, then the column grants gathered above */
	{
		struct sqlp_buf all = SQLP_BUF_INIT;

		acl_diff(&all, "TABLE", q, NULL, V(r, i, RE_ACL), V(r, i, RE_DEFACL));
		ss_buf_check(&acl);
		sqlp_buf_add(&all, acl.data, acl.len);
		add_acl_obj(c, obj, "TABLE", &all);
		sqlp_buf_release(&all);
	}
	if (B(r, i, RE_RLS) || B(r, i, RE_FORCERLS)) {
		int rls = ss_dump_add(c->d, SS_DK_RLS, 0, 0, c->d->objs[obj].schema,
				      c->d->objs[obj].name, "", NULL);

		if (B(r, i, RE_RLS))
			sqlp_buf_addf(b, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY;\n", q);
		if (B(r, i, RE_FORCERLS))
			sqlp_buf_addf(b, "ALTER TABLE %s FORCE ROW LEVEL SECURITY;\n", q);
		c->d->objs[rls].text = finish(c, b);
		c->d->objs[rls].parent = obj;
		ss_dump_dep(c->d, rls, obj, -1);
	}
	sqlp_buf_release(&after);
	sqlp_buf_release(&comments);
	sqlp_buf_release(&acl);
}

static void build_view(struct ctx *c, const PGresult *r, int i, int obj, const char *q)
{
	const PGresult *cr = c->res->r[SS_PGQ_COLS];
	struct sqlp_buf *b = &c->b;
	struct sqlp_buf tail = SQLP_BUF_INIT, ph = SQLP_BUF_INIT, acl = SQLP_BUF_INIT;
	int mat = *S(r, i, RE_KIND) == 'm';
	char *opts = rel_options(V(r, i, RE_OPTIONS), NULL);
	const char *am = V(r, i, RE_AM);
	const char *def = S(r, i, RE_VIEWDEF);
	const char *what = mat ? "MATERIALIZED VIEW" : "VIEW";
	unsigned oid = OID(r, i, RE_OID);
	int row = rowmap_get(&c->cols, oid), ncol = 0;

	sqlp_buf_addf(b, "CREATE %s %s", what, q);
	if (mat && am && strcmp(am, "heap"))
		sqlp_buf_addf(b, " USING %s", am);
	if (*opts)
		sqlp_buf_addf(b, " WITH (%s)", opts);
	free(opts);
	sqlp_buf_addstr(b, " AS\n");
	if (mat) {
		size_t n = strlen(def);

		while (n && (def[n - 1] == ';' || def[n - 1] == '\n' || def[n - 1] == ' '))
			n--;
		sqlp_buf_add(b, def, n);
		sqlp_buf_addstr(b, "\n  WITH NO DATA;\n");
	} else {
		sqlp_buf_addf(b, "%s\n", def);
		c->d->objs[obj].def_len = b->len;
	}
	sqlp_buf_addf(&ph, "CREATE VIEW %s AS\n SELECT", q);
	for (; rowmap_in(&c->cols, row, oid); row++) {
		char *qc = qname_dup(NULL, S(cr, row, CO_NAME));

		addv(&ph, ncol++ ? "," : "", "\n    NULL::", S(cr, row, CO_TYPE), " AS ", qc, NULL);
		if (V(cr, row, CO_DEFAULT))
			sqlp_buf_addf(&tail, "ALTER %s %s ALTER COLUMN %s SET DEFAULT %s;\n", what, q, qc,
				      V(cr, row, CO_DEFAULT));
		if (descr(c, 'c', oid, (int)OID(cr, row, CO_NUM))) {
			char *t = ss_xasprintf("%s.%s", q, qc);

			comment_line(&tail, "COLUMN", t, descr(c, 'c', oid, (int)OID(cr, row, CO_NUM)));
			free(t);
		}
		acl_diff(&acl, "TABLE", q, qc, V(cr, row, CO_ACL), NULL);
		free(qc);
	}
	sqlp_buf_addstr(&ph, ";\n");
	owner_line(c, &tail, what, q, V(r, i, RE_OWNER));
	comment_line(&tail, what, q, descr(c, 'c', oid, 0));
	ss_buf_check(&tail);
	sqlp_buf_add(b, tail.data, tail.len);
	sqlp_buf_add(&ph, tail.data, tail.len);
	c->d->objs[obj].text = finish(c, b);
	if (!mat)
		c->d->objs[obj].alt_text = finish(c, &ph);
	{
		struct sqlp_buf all = SQLP_BUF_INIT;

		acl_diff(&all, "TABLE", q, NULL, V(r, i, RE_ACL), V(r, i, RE_DEFACL));
		ss_buf_check(&acl);
		sqlp_buf_add(&all, acl.data, acl.len);
		add_acl_obj(c, obj, "TABLE", &all);
		sqlp_buf_release(&all);
	}
	sqlp_buf_release(&tail);
	sqlp_buf_release(&ph);
	sqlp_buf_release(&acl);
}

static void build_sequence(struct ctx *c, const PGresult *r, int i, int obj, const char *q)
{
	struct sqlp_buf *b = &c->b;
	struct sqlp_buf acl = SQLP_BUF_INIT;

	addv(b, "CREATE ", *S(r, i, RE_PERSIST) == 'u' ? "UNLOGGED " : "", "SEQUENCE ", q,
	     "\n    AS ", S(r, i, RE_SEQTYPE), "\n    START WITH ", S(r, i, RE_SEQSTART),
	     "\n    INCREMENT BY ", S(r, i, RE_SEQINC), "\n    MINVALUE ", S(r, i, RE_SEQMIN),
	     "\n    MAXVALUE ", S(r, i, RE_SEQMAX), "\n    CACHE ", S(r, i, RE_SEQCACHE),
	     B(r, i, RE_SEQCYCLE) ? "\n    CYCLE" : "", ";\n", NULL);
	owner_line(c, b, "SEQUENCE", q, V(r, i, RE_OWNER));
	comment_line(b, "SEQUENCE", q, descr(c, 'c', OID(r, i, RE_OID), 0));
	c->d->objs[obj].text = finish(c, b);
	acl_diff(&acl, "SEQUENCE", q, NULL, V(r, i, RE_ACL), V(r, i, RE_DEFACL));
	add_acl_obj(c, obj, "SEQUENCE", &acl);
	sqlp_buf_release(&acl);
}

static void build_rels(struct ctx *c, const PGresult *r)
{
	for (int i = 0; i < PQntuples(r); i++) {
		const char *nsp = S(r, i, RE_NSP), *name = S(r, i, RE_NAME), *kind = S(r, i, RE_KIND);
		unsigned oid = OID(r, i, RE_OID);
		char *q;
		int obj;

		if (*kind == 'S' && *S(r, i, RE_OWNDEP) == 'i')
			continue;	/* identity: part of its column */
		if ((*kind == 'v' || *kind == 'm') && !V(r, i, RE_VIEWDEF)) {
			changed(c, "view", nsp, name);
			continue;
		}
		q = qname_dup(nsp, name);
		obj = ss_dump_add(c->d, *kind == 'S' ? SS_DK_SEQUENCE : *kind == 'v' ? SS_DK_VIEW :
				  *kind == 'm' ? SS_DK_MATVIEW : SS_DK_TABLE, 'c', oid, nsp, name, "", NULL);
		ss_dump_dep(c->d, obj, schema_obj(c, nsp), -1);
		c->d->objs[obj].subkind = *kind;
		if (OID(r, i, RE_RELTYPE))
			ss_dump_alias(c->d, 't', OID(r, i, RE_RELTYPE), obj);
		if (OID(r, i, RE_ARRAYTYPE))
			ss_dump_alias(c->d, 't', OID(r, i, RE_ARRAYTYPE), obj);
		if (OID(r, i, RE_RULE))
			ss_dump_alias(c->d, 'r', OID(r, i, RE_RULE), obj);
		if (*kind == 'S')
			build_sequence(c, r, i, obj, q);
		else if (*kind == 'v' || *kind == 'm')
			build_view(c, r, i, obj, q);
		else
			build_table(c, r, i, obj, q);
		free(q);
	}
	/* OWNED BY once every table exists */
	for (int i = 0; i < PQntuples(r); i++) {
		int seq, tab, own;
		struct ss_dobj *t;
		const char *col;
		char *qs, *qt;

		if (*S(r, i, RE_KIND) != 'S' || *S(r, i, RE_OWNDEP) != 'a')
			continue;
		seq = ss_dump_lookup(c->d, 'c', OID(r, i, RE_OID));
		tab = ss_dump_lookup(c->d, 'c', OID(r, i, RE_OWNTAB));
		if (seq < 0 || tab < 0 || c->d->objs[tab].kind != SS_DK_TABLE)
			continue;
		t = &c->d->objs[tab];
		/* the owning column's name, from the column rows of its table */
		col = NULL;
		for (int row = rowmap_get(&c->cols, t->oid); rowmap_in(&c->cols, row, t->oid); row++)
			if (!strcmp(S(c->res->r[SS_PGQ_COLS], row, CO_NUM), S(r, i, RE_OWNCOL)))
				col = S(c->res->r[SS_PGQ_COLS], row, CO_NAME);
		if (!col)
			continue;
		qs = qname_dup(S(r, i, RE_NSP), S(r, i, RE_NAME));
		qt = qname_dup(t->schema, t->name);
		own = ss_dump_add(c->d, SS_DK_SEQ_OWNED, 0, 0, S(r, i, RE_NSP), S(r, i, RE_NAME), "", NULL);
		addv(&c->b, "ALTER SEQUENCE ", qs, " OWNED BY ", qt, ".", NULL);
		ss_quote_ident(&c->b, col);
		sqlp_buf_addstr(&c->b, ";\n");
		c->d->objs[own].text = finish(c, &c->b);
		c->d->objs[own].parent = seq;
		ss_dump_dep(c->d, own, seq, -1);
		ss_dump_dep(c->d, own, tab, -1);
		free(qs);
		free(qt);
	}
}

/* --- constraints, indexes -------------------------------------------------- */

static void build_cons(struct ctx *c, const PGresult *r)
{
	struct sqlp_buf *b = &c->b;

	for (int i = 0; i < PQntuples(r); i++) {
		const char *kind = S(r, i, CN_KIND), *cn = S(r, i, CN_NAME);
		int tab = ss_dump_lookup(c->d, 'c', OID(r, i, CN_REL));
		struct ss_dobj *t;
		enum ss_dkind dk;
		char *qt, *qc, *target, *label;
		int obj, only;

		if (OID(r, i, CN_REL) == 0 || tab < 0 || c->d->objs[tab].kind != SS_DK_TABLE)
			continue;
		if (*kind == 'c' && (B(r, i, CN_VALID) || !B(r, i, CN_LOCAL)))
			continue;	/* inline in CREATE TABLE, or inherited */
		if (!V(r, i, CN_DEF)) {
			changed(c, "constraint", c->d->objs[tab].schema, cn);
			continue;
		}
		dk = *kind == 'p' ? SS_DK_PKEY : *kind == 'f' ? SS_DK_FKEY : SS_DK_CONSTRAINT;
		t = &c->d->objs[tab];
		qt = qname_dup(t->schema, t->name);
		qc = qname_dup(NULL, cn);
		label = joinv(t->name, " ", cn, NULL);
		obj = ss_dump_add(c->d, dk, 'o', OID(r, i, CN_OID), t->schema, cn, t->name, label);
		t = &c->d->objs[tab];
		/* ONLY: no recursion into inheritance children; partitioned tables must recurse */
		only = t->subkind != 'p' && *kind != 'c';
		addv(b, "ALTER TABLE ", only ? "ONLY " : "", qt, " ADD CONSTRAINT ", qc, " ",
		     S(r, i, CN_DEF), ";\n", NULL);
		target = joinv(qc, " ON ", qt, NULL);
		comment_line(b, "CONSTRAINT", target, descr(c, 'o', OID(r, i, CN_OID), 0));
		c->d->objs[obj].text = finish(c, b);
		c->d->objs[obj].parent = tab;
		ss_dump_dep(c->d, obj, tab, -1);
		if (*kind != 'f' && *kind != 'c' && OID(r, i, CN_INDID))
			ss_dump_alias(c->d, 'c', OID(r, i, CN_INDID), obj);
		if (*kind == 'f' && c->o->select && !ss_dump_select_all(c->o->select) &&
		    ss_dump_lookup(c->d, 'c', OID(r, i, CN_FREL)) < 0)
			ss_warn("foreign key %s on %s.%s references a table that is not dumped", cn,
				t->schema, t->name);
		free(target);
		free(label);
		free(qt);
		free(qc);
	}
}

static void build_indexes(struct ctx *c, const PGresult *r)
{
	struct sqlp_buf *b = &c->b;

	for (int i = 0; i < PQntuples(r); i++) {
		int tab = ss_dump_lookup(c->d, 'c', OID(r, i, IX_REL)), obj;
		const char *name = S(r, i, IX_NAME);
		struct ss_dobj *t;
		char *qi, *qt, *label;

		if (tab < 0)
			continue;
		t = &c->d->objs[tab];
		qi = qname_dup(t->schema, name);
		qt = qname_dup(t->schema, t->name);
		label = joinv(t->name, " ", name, NULL);
		if (V(r, i, IX_CON)) {
			obj = ss_dump_lookup(c->d, 'o', OID(r, i, IX_CON));
			if (obj < 0) {
				free(qi);
				free(qt);
				free(label);
				continue;
			}
		} else {
			if (*S(r, i, IX_KIND) == 'i' && !B(r, i, IX_VALID)) {
				free(qi);
				free(qt);
				free(label);
				continue;
			}
			if (!V(r, i, IX_DEF)) {
				changed(c, "index", t->schema, name);
				free(qi);
				free(qt);
				free(label);
				continue;
			}
			obj = ss_dump_add(c->d, SS_DK_INDEX, 'c', OID(r, i, IX_OID), t->schema, name,
					  t->name, label);
			addv(b, S(r, i, IX_DEF), ";\n", NULL);
			for (const char *p = V(r, i, IX_STATS); p && *p;) {
				int col = atoi(p), target;

				p += strcspn(p, " ");
				target = atoi(p);
				p += strcspn(p, ",");
				if (*p == ',')
					p++;
				sqlp_buf_addf(b, "ALTER INDEX %s ALTER COLUMN %d SET STATISTICS %d;\n", qi,
					      col, target);
			}
			comment_line(b, "INDEX", qi, descr(c, 'c', OID(r, i, IX_OID), 0));
			c->d->objs[obj].text = finish(c, b);
			c->d->objs[obj].parent = tab;
			ss_dump_dep(c->d, obj, tab, -1);
		}
		t = &c->d->objs[tab];
		if (B(r, i, IX_CLUSTERED) || B(r, i, IX_REPLIDENT)) {
			int p = ss_dump_add(c->d, SS_DK_INDEX_PROP, 0, 0, t->schema, name, t->name, label);

			if (B(r, i, IX_CLUSTERED))
				sqlp_buf_addf(b, "ALTER TABLE %s CLUSTER ON ", qt);
			if (B(r, i, IX_CLUSTERED)) {
				ss_quote_ident(b, name);
				sqlp_buf_addstr(b, ";\n");
			}
			if (B(r, i, IX_REPLIDENT)) {
				sqlp_buf_addf(b, "ALTER TABLE ONLY %s REPLICA IDENTITY USING INDEX ", qt);
				ss_quote_ident(b, name);
				sqlp_buf_addstr(b, ";\n");
			}
			c->d->objs[p].text = finish(c, b);
			c->d->objs[p].parent = obj;
			ss_dump_dep(c->d, p, obj, -1);
		}
		free(qi);
		free(qt);
		free(label);
	}
	/* ATTACH PARTITION once every index exists */
	for (int i = 0; i < PQntuples(r); i++) {
		int child, parent, a;
		struct ss_dobj *pc, *cc;
		char *qp, *qc;

		if (!V(r, i, IX_PARENT) || V(r, i, IX_CON))
			continue;
		child = ss_dump_lookup(c->d, 'c', OID(r, i, IX_OID));
		parent = ss_dump_lookup(c->d, 'c', OID(r, i, IX_PARENT));
		if (child < 0 || parent < 0 || c->d->objs[child].kind != SS_DK_INDEX ||
		    c->d->objs[parent].kind != SS_DK_INDEX)
			continue;
		pc = &c->d->objs[parent];
		cc = &c->d->objs[child];
		qp = qname_dup(pc->schema, pc->name);
		qc = qname_dup(cc->schema, cc->name);
		a = ss_dump_add(c->d, SS_DK_INDEX_ATTACH, 0, 0, cc->schema, cc->name, cc->sub, cc->label);
		sqlp_buf_addf(b, "ALTER INDEX %s ATTACH PARTITION %s;\n", qp, qc);
		c->d->objs[a].text = finish(c, b);
		c->d->objs[a].parent = child;
		ss_dump_dep(c->d, a, child, -1);
		ss_dump_dep(c->d, a, parent, -1);
		free(qp);
		free(qc);
	}
}

/* --- triggers, rules, policies --------------------------------------------- */

/* Extended statistics: its own schema and owner, after the indexes. */
static void build_statistics(struct ctx *c, const PGresult *r, int i, int tab)
{
	struct sqlp_buf *b = &c->b;
	const char *nsp = S(r, i, TR_PERMISSIVE), *name = S(r, i, TR_NAME);
	const char *target = V(r, i, TR_QUAL);
	char *q = qname_dup(nsp, name);
	int obj = ss_dump_add(c->d, SS_DK_STATISTICS, 's', OID(r, i, TR_OID), nsp, name,
			      c->d->objs[tab].name, NULL);

	addv(b, S(r, i, TR_DEF), ";\n", NULL);
	if (target && atoi(target) >= 0)
		sqlp_buf_addf(b, "ALTER STATISTICS %s SET STATISTICS %s;\n", q, target);
	owner_line(c, b, "STATISTICS", q, V(r, i, TR_ROLES));
	comment_line(b, "STATISTICS", q, descr(c, 's', OID(r, i, TR_OID), 0));
	c->d->objs[obj].text = finish(c, b);
	c->d->objs[obj].parent = tab;
	ss_dump_dep(c->d, obj, tab, -1);
	ss_dump_dep(c->d, obj, schema_obj(c, nsp), -1);
	free(q);
}

/*
 * A partition's clone of a trigger, enabled unlike its parent: the parent
 * creates it, so only the state is dumped, after the parent trigger.
 */
static void build_trigger_clone(struct ctx *c, const PGresult *r, int i, int tab)
{
	struct sqlp_buf *b = &c->b;
	struct ss_dobj *t = &c->d->objs[tab];
	const char *en = S(r, i, TR_ENABLED), *name = S(r, i, TR_NAME);
	int parent = ss_dump_lookup(c->d, 'g', OID(r, i, TR_DESCR));
	char *qt = qname_dup(t->schema, t->name), *qn = qname_dup(NULL, name);
	char *label = ss_xasprintf("%s %s", t->name, name);
	int obj = ss_dump_add(c->d, SS_DK_TRIGGER, 'g', OID(r, i, TR_OID), t->schema, name, t->name,
			      label);

	sqlp_buf_addf(b, "ALTER TABLE %s %s TRIGGER %s;\n", qt, firing_state(*en), qn);
	c->d->objs[obj].text = finish(c, b);
	c->d->objs[obj].parent = tab;
	ss_dump_dep(c->d, obj, tab, -1);
	if (parent >= 0)
		ss_dump_dep(c->d, obj, parent, -1);
	free(label);
	free(qt);
	free(qn);
}

static void build_triggers(struct ctx *c, const PGresult *r)
{
	struct sqlp_buf *b = &c->b;

	for (int i = 0; i < PQntuples(r); i++) {
		const char *k = S(r, i, TR_K), *name = S(r, i, TR_NAME), *en = S(r, i, TR_ENABLED);
		int tab = ss_dump_lookup(c->d, 'c', OID(r, i, TR_REL)), obj;
		struct ss_dobj *t;
		char *qt, *qn, *target, *label;
		enum ss_dkind dk = *k == 'g' ? SS_DK_TRIGGER : *k == 'r' ? SS_DK_RULE :
				   *k == 's' ? SS_DK_STATISTICS : SS_DK_POLICY;
		const char *what = *k == 'g' ? "TRIGGER" : *k == 'r' ? "RULE" :
				   *k == 's' ? "STATISTICS" : "POLICY";

		if (tab < 0 || *k == 'G')
			continue;
		if (*k != 'y' && !V(r, i, TR_DEF)) {
			changed(c, *k == 'g' ? "trigger" : *k == 'r' ? "rule" : "statistics",
				c->d->objs[tab].schema, name);
			continue;
		}
		if (*k == 's') {
			build_statistics(c, r, i, tab);
			continue;
		}
		t = &c->d->objs[tab];
		qt = qname_dup(t->schema, t->name);
		qn = qname_dup(NULL, name);
		label = joinv(t->name, " ", name, NULL);
		obj = ss_dump_add(c->d, dk, *k, OID(r, i, TR_OID), t->schema, name, t->name, label);
		if (*k == 'y') {
			const char *cmd = S(r, i, TR_ENABLED);

			sqlp_buf_addf(b, "CREATE POLICY %s ON %s", qn, qt);
			if (*S(r, i, TR_PERMISSIVE) == 'f')
				sqlp_buf_addstr(b, " AS RESTRICTIVE");
			if (*cmd != '*')
				sqlp_buf_addf(b, " FOR %s", *cmd == 'r' ? "SELECT" : *cmd == 'a' ? "INSERT" :
					      *cmd == 'w' ? "UPDATE" : "DELETE");
			if (V(r, i, TR_ROLES) && strcmp(S(r, i, TR_ROLES), "PUBLIC"))
				sqlp_buf_addf(b, " TO %s", S(r, i, TR_ROLES));
			if (V(r, i, TR_QUAL))
				sqlp_buf_addf(b, " USING (%s)", V(r, i, TR_QUAL));
			if (V(r, i, TR_CHECK))
				sqlp_buf_addf(b, " WITH CHECK (%s)", V(r, i, TR_CHECK));
			sqlp_buf_addstr(b, ";\n");
		} else {
			const char *def = S(r, i, TR_DEF);
			size_t n = strlen(def);

			while (n && (def[n - 1] == ';' || def[n - 1] == '\n'))
				n--;
			sqlp_buf_add(b, def, n);
			sqlp_buf_addstr(b, ";\n");
			if (*en != 'O')
				sqlp_buf_addf(b, "ALTER TABLE %s %s %s %s;\n", qt, firing_state(*en), what, qn);
		}
		target = joinv(qn, " ON ", qt, NULL);
		comment_line(b, what, target, descr(c, *k, OID(r, i, TR_OID), 0));
		c->d->objs[obj].text = finish(c, b);
		c->d->objs[obj].parent = tab;
		ss_dump_dep(c->d, obj, tab, -1);
		free(target);
		free(label);
		free(qt);
		free(qn);
	}
	/* clones last: their parent triggers must exist to depend on */
	for (int i = 0; i < PQntuples(r); i++) {
		int tab = ss_dump_lookup(c->d, 'c', OID(r, i, TR_REL));

		if (tab >= 0 && *S(r, i, TR_K) == 'G')
			build_trigger_clone(c, r, i, tab);
	}
}

/* --- edges ------------------------------------------------------------------ */

void ss_pg_add_edges(struct ss_dump *d, const PGresult *r)
{
	/* extension members stand for their extension ('x' rows) */
	for (int i = 0; i < PQntuples(r); i++) {
		int ext;

		if (*S(r, i, DEP_K) != 'x' || !*S(r, i, DEP_RK))
			continue;
		ext = ss_dump_lookup(d, 'e', OID(r, i, DEP_OID));
		if (ext >= 0 && ss_dump_lookup(d, *S(r, i, DEP_RK), OID(r, i, DEP_ROID)) < 0)
			ss_dump_alias(d, *S(r, i, DEP_RK), OID(r, i, DEP_ROID), ext);
	}
	for (int i = 0; i < PQntuples(r); i++) {
		int from, to;

		if (*S(r, i, DEP_K) == 'x' || !*S(r, i, DEP_K) || !*S(r, i, DEP_RK))
			continue;
		from = ss_dump_lookup(d, *S(r, i, DEP_K), OID(r, i, DEP_OID));
		to = ss_dump_lookup(d, *S(r, i, DEP_RK), OID(r, i, DEP_ROID));
		if (from < 0 || to < 0 || from == to)
			continue;
		if (d->objs[from].inline_in >= 0)
			ss_dump_dep(d, d->objs[from].inline_in, to, from);
		else
			ss_dump_dep(d, from, to, -1);
	}
}

/* constraint rows' order: conrelid, contypid, conname (the server's ORDER BY) */
static int cons_cmp(const PGresult *a, int i, const PGresult *b, int j)
{
	unsigned x = OID(a, i, CN_REL), y = OID(b, j, CN_REL);

	if (x != y)
		return x < y ? -1 : 1;
	x = OID(a, i, CN_TYPE);
	y = OID(b, j, CN_TYPE);
	if (x != y)
		return x < y ? -1 : 1;
	/* name columns sort with the C collation: bytewise */
	return strcmp(S(a, i, CN_NAME), S(b, j, CN_NAME));
}

/* A relation's deparsed text read with the CHECK constraints (see below)? */
static int is_reldef(const PGresult *r, int row)
{
	const char *k = S(r, row, CN_KIND);

	return (*k == 'V' || *k == 'K' || *k == 'B') && !k[1];
}

/*
 * The tables' CHECK constraints, read apart (SS_PGQ_CHECKS), merged into
 * the other constraints' rows in the order one query would have returned
 * them, so the rest of the builder sees one result.  The relations' rows
 * of SS_PGQ_CHECKS stay there for fill_reldefs.
 */
static int merge_cons(struct ss_pg_results *res, struct ss_err *err)
{
	PGresult *a = res->r[SS_PGQ_CONS], *b = res->r[SS_PGQ_CHECKS], *m;
	int na = PQntuples(a), nb = PQntuples(b), nf = PQnfields(a), i = 0, j = 0, row = 0;

	if (PQnfields(b) != nf || !(m = PQcopyResult(a, PG_COPYRES_ATTRS)))
		return ss_err_set(err, SS_ERR_INTERNAL, "cannot merge the constraint rows");
	for (;;) {
		const PGresult *from;
		int r;

		while (j < nb && is_reldef(b, j))
			j++;
		if (i >= na && j >= nb)
			break;
		from = j >= nb || (i < na && cons_cmp(a, i, b, j) <= 0) ? a : b;
		r = from == a ? i++ : j++;

		for (int f = 0; f < nf; f++)
			if (!PQsetvalue(m, row, f, PQgetisnull(from, r, f) ? NULL : PQgetvalue(from, r, f),
					PQgetisnull(from, r, f) ? -1 : PQgetlength(from, r, f))) {
				PQclear(m);
				return ss_err_set(err, SS_ERR_INTERNAL, "cannot merge the constraint rows");
			}
		row++;
	}
	PQclear(a);
	res->r[SS_PGQ_CONS] = m;
	return 0;
}

/*
 * With two connections the relations' view definitions, partition keys
 * and partition bounds come with the CHECK constraints (rows 'V', 'K',
 * 'B'; the deparse opens the relation, and the helper backend opens every
 * table anyway): put each into its relation's row, where the builder
 * reads it.  A relation without its row keeps NULL (a view then counts
 * as changed, as when the server returns no definition).
 */
static int fill_reldefs(struct ss_pg_results *res, struct ss_err *err)
{
	PGresult *b = res->r[SS_PGQ_CHECKS], *r = res->r[SS_PGQ_RELS];
	struct rowmap m;
	int rc = 0;

	rowmap_build(&m, r, RE_OID);
	for (int j = 0; j < PQntuples(b) && !rc; j++) {
		char k = *S(b, j, CN_KIND);
		int row;

		if (!is_reldef(b, j) || PQgetisnull(b, j, CN_DEF) ||
		    (row = rowmap_get(&m, OID(b, j, CN_REL))) < 0)
			continue;
		if (!PQsetvalue(r, row, k == 'V' ? RE_VIEWDEF : k == 'K' ? RE_PARTKEY : RE_BOUND,
				PQgetvalue(b, j, CN_DEF), PQgetlength(b, j, CN_DEF)))
			rc = ss_err_set(err, SS_ERR_INTERNAL, "cannot merge the relation rows");
	}
	rowmap_free(&m);
	PQclear(b);
	res->r[SS_PGQ_CHECKS] = NULL;
	return rc;
}

int ss_pg_build(struct ss_dump *d, struct ss_pg_results *res, const struct ss_pg_dump_opts *o,
		int (*wait)(void *arg, enum ss_pgq q), void *warg, struct ss_err *err)
{
	struct ctx c;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.o = o;
	c.res = res;
	sqlp_buf_init(&c.b);
	sqlp_buf_init(&c.tmp);
	/*
	 * Each family is built as soon as its rows (and the rows it reads
	 * besides) have arrived, always in this order, so the objects are the
	 * same whichever query finishes first.
	 */
	if (wait(warg, SS_PGQ_MISC))
		goto out;
	cm_build(&c.cm, res->r[SS_PGQ_MISC]);
	ss_pgb_build_misc(&c, res->r[SS_PGQ_MISC]);
	if (wait(warg, SS_PGQ_CONS) || wait(warg, SS_PGQ_CHECKS))
		goto out;
	if (res->r[SS_PGQ_CHECKS] && merge_cons(res, err))
		goto out;
	if (wait(warg, SS_PGQ_TYPES))
		goto out;
	rowmap_build(&c.cons, res->r[SS_PGQ_CONS], CN_REL);
	rowmap_build(&c.dcons, res->r[SS_PGQ_CONS], CN_TYPE);
	build_types(&c, res->r[SS_PGQ_TYPES]);
	if (wait(warg, SS_PGQ_FUNCS))
		goto out;
	build_funcs(&c, res->r[SS_PGQ_FUNCS]);
	if (wait(warg, SS_PGQ_COLS) || wait(warg, SS_PGQ_RELS))
		goto out;
	if (res->r[SS_PGQ_CHECKS] && fill_reldefs(res, err))
		goto out;
	rowmap_build(&c.cols, res->r[SS_PGQ_COLS], CO_REL);
	/* a relation, its row and array types, its rule; a default per column row at most */
	ss_dump_reserve(d, (size_t)PQntuples(res->r[SS_PGQ_RELS]) * 4 +
			   (size_t)PQntuples(res->r[SS_PGQ_COLS]) +
			   (size_t)PQntuples(res->r[SS_PGQ_CONS]));
	identity_map(&c, res->r[SS_PGQ_RELS]);
	build_rels(&c, res->r[SS_PGQ_RELS]);
	build_cons(&c, res->r[SS_PGQ_CONS]);
	if (wait(warg, SS_PGQ_INDEXES))
		goto out;
	build_indexes(&c, res->r[SS_PGQ_INDEXES]);
	if (wait(warg, SS_PGQ_TRIGGERS))
		goto out;
	build_triggers(&c, res->r[SS_PGQ_TRIGGERS]);
	ss_pgb_build_publications(&c, res->r[SS_PGQ_MISC]);
	ss_pgb_build_casts_event_triggers(&c, res->r[SS_PGQ_MISC]);
	if (wait(warg, SS_PGQ_DEPEND))
		goto out;
	ss_pg_add_edges(d, res->r[SS_PGQ_DEPEND]);
	rc = 0;
	if (c.changed) {
		ss_err_set(err, SS_ERR_SQL, "%s changed while the catalog was being read", c.changed);
		/* same class as a "cache lookup failed" from a deparse function: retried once */
		snprintf(err->sqlstate, sizeof(err->sqlstate), "XX000");
		rc = -1;
	}
out:
	/* rc < 0 without an error: a query failed, and its error is the caller's */
	free(c.changed);
	free(c.identseq);
	rowmap_free(&c.cols);
	rowmap_free(&c.cons);
	rowmap_free(&c.dcons);
	free(c.cm.keys);
	free(c.cm.subs);
	free(c.cm.texts);
	sqlp_buf_release(&c.b);
	sqlp_buf_release(&c.tmp);
	return rc;
}
