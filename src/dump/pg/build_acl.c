/*
 * build_acl.c - GRANT and REVOKE for the dump: an object's ACL (aclitem[]
 * in text form) is compared with the ACL it would have by default, and
 * the difference is written as the statements that make one the other,
 * as pg_dump does.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dump/pg/build_int.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* --- ACLs -------------------------------------------------------------- */

struct aclent {
	char *grantee;		/* "" for PUBLIC */
	char privs[24];		/* privilege letters in the server's order */
	char grant[24];		/* '*' where WITH GRANT OPTION */
};

static const char *priv_name(char ch)
{
	switch (ch) {
	case 'r': return "SELECT";
	case 'w': return "UPDATE";
	case 'a': return "INSERT";
	case 'd': return "DELETE";
	case 'D': return "TRUNCATE";
	case 'x': return "REFERENCES";
	case 't': return "TRIGGER";
	case 'X': return "EXECUTE";
	case 'U': return "USAGE";
	case 'C': return "CREATE";
	case 'c': return "CONNECT";
	case 'T': return "TEMPORARY";
	case 'm': return "MAINTAIN";
	case 's': return "SET";
	case 'A': return "ALTER SYSTEM";
	}
	return NULL;
}

/* Parse an aclitem[] in text form ({"a=r/b",=U/b}); returns the count. */
static size_t parse_acl(const char *s, struct aclent **out)
{
	struct aclent *v = NULL;
	size_t n = 0;
	struct sqlp_buf item = SQLP_BUF_INIT;

	*out = NULL;
	if (!s || *s != '{')
		return 0;
	s++;
	while (*s && *s != '}') {
		const char *p;
		struct aclent e;
		size_t np = 0;

		sqlp_buf_reset(&item);
		if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1])
					s++;
				sqlp_buf_addch(&item, *s);
			}
			if (*s == '"')
				s++;
		} else {
			while (*s && *s != ',' && *s != '}')
				sqlp_buf_addch(&item, *s++);
		}
		if (*s == ',')
			s++;
		ss_buf_check(&item);
		memset(&e, 0, sizeof(e));
		/* grantee: possibly "quoted" with "" doubling */
		p = item.data;
		{
			struct sqlp_buf g = SQLP_BUF_INIT;

			if (*p == '"') {
				for (p++; *p; p++) {
					if (*p == '"' && p[1] == '"') {
						sqlp_buf_addch(&g, '"');
						p++;
					} else if (*p == '"') {
						p++;
						break;
					} else {
						sqlp_buf_addch(&g, *p);
					}
				}
			} else {
				while (*p && *p != '=')
					sqlp_buf_addch(&g, *p++);
			}
			ss_buf_check(&g);
			e.grantee = sqlp_buf_detach(&g, NULL);
		}
		if (*p == '=')
			p++;
		for (; *p && *p != '/' && np + 1 < sizeof(e.privs); p++) {
			if (*p == '*') {
				if (np)
					e.grant[np - 1] = '*';
				continue;
			}
			e.privs[np] = *p;
			e.grant[np] = ' ';
			np++;
		}
		v = ss_xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = e;
	}
	sqlp_buf_release(&item);
	*out = v;
	return n;
}

static void free_acl(struct aclent *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].grantee);
	free(v);
}

static const struct aclent *acl_find(const struct aclent *v, size_t n, const char *grantee)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].grantee, grantee))
			return &v[i];
	return NULL;
}

static void grantee(struct sqlp_buf *b, const char *g)
{
	if (*g)
		ss_quote_ident(b, g);
	else
		sqlp_buf_addstr(b, "PUBLIC");
}

static void grant_stmt(struct sqlp_buf *b, const struct aclent *e, int with_grant,
		       const char *what, const char *target, const char *cols)
{
	int first = 1;

	for (size_t i = 0; e->privs[i]; i++) {
		const char *nm = priv_name(e->privs[i]);

		if (!nm || (e->grant[i] == '*') != with_grant)
			continue;
		sqlp_buf_addstr(b, first ? "GRANT " : ",");
		sqlp_buf_addstr(b, nm);
		if (cols)
			sqlp_buf_addf(b, "(%s)", cols);
		first = 0;
	}
	if (first)
		return;
	sqlp_buf_addf(b, " ON %s%s%s TO ", what, target ? " " : "", target ? target : "");
	grantee(b, e->grantee);
	sqlp_buf_addstr(b, with_grant ? " WITH GRANT OPTION;\n" : ";\n");
}

/*
 * GRANT/REVOKE that turn the default ACL into the actual one.  cols: the
 * quoted column for a column ACL (whose default is empty).  target NULL:
 * none (default privileges: ON TABLES).
 */
void acl_diff(struct sqlp_buf *b, const char *what, const char *target, const char *cols,
		     const char *acl, const char *defacl)
{
	struct aclent *cur, *def;
	size_t ncur = parse_acl(acl, &cur), ndef = parse_acl(defacl, &def);

	if (!acl)
		return;
	for (size_t i = 0; i < ndef; i++) {
		const struct aclent *c = acl_find(cur, ncur, def[i].grantee);

		if (c && !strcmp(c->privs, def[i].privs) && !strcmp(c->grant, def[i].grant))
			continue;
		sqlp_buf_addf(b, "REVOKE ALL ON %s%s%s FROM ", what, target ? " " : "",
			      target ? target : "");
		grantee(b, def[i].grantee);
		sqlp_buf_addstr(b, ";\n");
		if (c) {
			grant_stmt(b, c, 0, what, target, cols);
			grant_stmt(b, c, 1, what, target, cols);
		}
	}
	for (size_t i = 0; i < ncur; i++) {
		if (acl_find(def, ndef, cur[i].grantee))
			continue;
		grant_stmt(b, &cur[i], 0, what, target, cols);
		grant_stmt(b, &cur[i], 1, what, target, cols);
	}
	free_acl(cur, ncur);
	free_acl(def, ndef);
}

/* An ACL object for obj when text b is not empty; b is reset. */
void add_acl_obj(struct ctx *c, int obj, const char *tag, struct sqlp_buf *b)
{
	struct ss_dobj *o;
	char *sub;
	int a;

	if (!b->len || c->o->no_privileges) {
		sqlp_buf_reset(b);
		return;
	}
	o = &c->d->objs[obj];
	sub = ss_xasprintf("%s %s", tag, o->sub);
	a = ss_dump_add(c->d, SS_DK_ACL, 0, 0, o->schema, o->name, sub, c->d->objs[obj].label);
	free(sub);
	c->d->objs[a].text = finish(c, b);
	c->d->objs[a].parent = obj;
	ss_dump_dep(c->d, a, obj, -1);
}

