/*
 * build_int.h - what build.c (tables, types, functions, constraints,
 * indexes, triggers), build_db.c (schemas, extensions, collations and the
 * other database-wide objects) and build_acl.c (GRANT and REVOKE) share:
 * row access, the builder's context and the text and ACL helpers.
 * Private to src/dump/pg/.
 */
#ifndef SS_DUMP_PG_BUILD_INT_H
#define SS_DUMP_PG_BUILD_INT_H

#include <libpq-fe.h>

#include "dump/pg/pg_dump_int.h"
#include "sqlparse.h"

/* --- row access ------------------------------------------------------- */

static inline const char *V(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

/*
 * libpq returns "" for a NULL, so S, B and OID need no PQgetisnull: they
 * run a few million times on a large catalog.
 */
static inline const char *S(const PGresult *r, int row, int col)
{
	return PQgetvalue(r, row, col);
}

static inline int B(const PGresult *r, int row, int col)
{
	return PQgetvalue(r, row, col)[0] == 't';
}

/* An oid in decimal (0 for NULL): a loop, not strtoul and its locale. */
static inline unsigned OID(const PGresult *r, int row, int col)
{
	const char *p = PQgetvalue(r, row, col);
	unsigned v = 0;

	while (*p >= '0' && *p <= '9')
		v = v * 10 + (unsigned)(*p++ - '0');
	return v;
}

/* oid -> first row of a result ordered by that oid column; rk: each row's oid */
struct rowmap {
	unsigned *keys;
	int *rows;
	size_t cap;
	unsigned *rk;
	int n;
};

struct ctx {
	struct ss_dump *d;
	const struct ss_pg_dump_opts *o;
	struct ss_pg_results *res;
	struct rowmap cols, cons;	/* by relation oid */
	struct rowmap dcons;		/* domain constraints by type oid */
	size_t nschemas;		/* schema objects come first */
	struct cmap {			/* (class, oid, subid) -> comment */
		unsigned long long *keys;
		int *subs;
		const char **texts;
		size_t cap;
	} cm;
	struct sqlp_buf b;		/* scratch */
	struct sqlp_buf tmp;		/* scratch for options */
	char *changed;			/* first object whose definition came back NULL */
	int *identseq;			/* column row -> 1 + relation row of its identity sequence */
};

/* the helpers they share (build.c, build_acl.c) */
#define qname_dup ss_pgb_qname_dup
#define owner_line ss_pgb_owner_line
#define comment_line ss_pgb_comment_line
#define finish ss_pgb_finish
#define schema_obj ss_pgb_schema_obj
#define descr ss_pgb_descr
#define acl_diff ss_pgb_acl_diff
#define add_acl_obj ss_pgb_add_acl_obj

/* "schema"."name" (schema may be NULL), malloc'ed. */
char *qname_dup(const char *schema, const char *name);
/* ALTER what target OWNER TO owner, unless --no-owner or no owner. */
void owner_line(struct ctx *c, struct sqlp_buf *b, const char *what, const char *target,
		const char *owner);
/* COMMENT ON what target IS 'text', when there is one. */
void comment_line(struct sqlp_buf *b, const char *what, const char *target, const char *text);
/* b's text copied into the dump's arena; b is reset. */
char *finish(struct ctx *c, struct sqlp_buf *b);
/* The object of a dumped schema, or -1. */
int schema_obj(struct ctx *c, const char *schema);
/* The comment on (class, oid, sub), or NULL. */
const char *descr(const struct ctx *c, char cls, unsigned oid, int sub);
/* GRANT/REVOKE turning defacl into acl (target NULL: none, as ON TABLES). */
void acl_diff(struct sqlp_buf *b, const char *what, const char *target, const char *cols,
	      const char *acl, const char *defacl);
/* An ACL object for obj holding b's statements, when there are any; b is reset. */
void add_acl_obj(struct ctx *c, int obj, const char *tag, struct sqlp_buf *b);

/*
 * The words that set a trigger's, rule's or event trigger's firing state
 * (tgenabled, ev_enabled, evtenabled): "DISABLE" for 'D', "ENABLE
 * REPLICA" for 'R', "ENABLE ALWAYS" for 'A', "ENABLE" for 'O' (the default).
 */
static inline const char *firing_state(char enabled)
{
	return enabled == 'D' ? "DISABLE" : enabled == 'R' ? "ENABLE REPLICA" :
	       enabled == 'A' ? "ENABLE ALWAYS" : "ENABLE";
}

/* build_db.c */
void ss_pgb_build_misc(struct ctx *c, const PGresult *r);
void ss_pgb_build_publications(struct ctx *c, const PGresult *r);
void ss_pgb_build_casts_event_triggers(struct ctx *c, const PGresult *r);

#endif /* SS_DUMP_PG_BUILD_INT_H */
