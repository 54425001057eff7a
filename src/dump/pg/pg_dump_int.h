/*
 * pg_dump_int.h - internals shared by the PostgreSQL dumper's files:
 * queries.c (the SQL), catalog.c (session, round trips, selection) and
 * build.c (rows -> objects with DDL text).  The column enums below name
 * the positions of each query's SELECT list in queries.c.
 */
#ifndef SS_PG_DUMP_INT_H
#define SS_PG_DUMP_INT_H

#include <libpq-fe.h>

#include "dump/dump.h"
#include "dump/pg/pg_dump.h"

enum ss_pgq {
	SS_PGQ_INVENTORY,
	SS_PGQ_DEPEND,
	SS_PGQ_MISC,
	SS_PGQ_TYPES,
	SS_PGQ_FUNCS,
	SS_PGQ_RELS,
	SS_PGQ_COLS,
	SS_PGQ_CONS,
	SS_PGQ_INDEXES,
	SS_PGQ_TRIGGERS,
	SS_PGQ_CHECKS,		/* table CHECK constraints, when read apart from CONS */
	SS_PGQ_COUNT,
	SS_PGQ_DEPEND_RAW	/* DEPEND unmapped: used when there are no patterns */
};

extern const char ss_pgq_setup[];
/*
 * The SQL of query q for a server version (malloc'd).  split: CONS leaves
 * out the table CHECK constraints, which SS_PGQ_CHECKS reads, and RELS
 * leaves out the view definitions, partition keys and partition bounds,
 * which SS_PGQ_CHECKS returns as rows of kind 'V', 'K' and 'B'.
 */
char *ss_pgq_build(enum ss_pgq q, int version, int split);

enum { INV_K, INV_OID, INV_NSP, INV_NAME, INV_SUB, INV_PARENT };
enum { DEP_K, DEP_OID, DEP_TAB, DEP_RK, DEP_ROID };
enum { MI_K, MI_OID, MI_NSP, MI_NAME, MI_OWNER, MI_ACL, MI_DEFACL, MI_DESCR, MI_A, MI_B, MI_C,
       MI_E, MI_F };
enum { TY_OID, TY_NSP, TY_NAME, TY_TYPE, TY_OWNER, TY_ACL, TY_DEFACL, TY_DESCR, TY_DEF,
       TY_NOTNULL, TY_DEFAULT, TY_COLLATE, TY_RELID, TY_ARRAY, TY_MULTI };
enum { FN_K, FN_OID, FN_NSP, FN_NAME, FN_KIND, FN_ARGS, FN_OWNER, FN_ACL, FN_DEFACL, FN_DESCR,
       FN_DEF, FN_LANG };
enum { RE_OID, RE_NSP, RE_NAME, RE_KIND, RE_PERSIST, RE_OWNER, RE_ACL, RE_DEFACL, RE_DESCR,
       RE_ISPART, RE_PARTKEY, RE_BOUND, RE_PARENTS, RE_PARENT1, RE_OPTIONS, RE_TOASTOPT, RE_AM,
       RE_REPLIDENT, RE_RLS, RE_FORCERLS, RE_VIEWDEF, RE_SEQTYPE, RE_SEQSTART, RE_SEQINC,
       RE_SEQMIN, RE_SEQMAX, RE_SEQCACHE, RE_SEQCYCLE, RE_OWNTAB, RE_OWNDEP, RE_OWNCOL,
       RE_RELTYPE, RE_ARRAYTYPE, RE_RULE, RE_OFTYPE, RE_FTSERVER, RE_FOREIGN };
/* CO_STORAGE: only when it differs from the type's; CO_STATS: only when set */
enum { CO_REL, CO_NUM, CO_NAME, CO_TYPE, CO_NOTNULL, CO_LOCAL, CO_IDENTITY, CO_GENERATED,
       CO_DEFOID, CO_DEFAULT, CO_COLLATE, CO_STORAGE, CO_STATS, CO_COMPRESSION, CO_OPTIONS,
       CO_ACL, CO_FDWOPT };
enum { CN_OID, CN_REL, CN_TYPE, CN_NAME, CN_KIND, CN_DEF, CN_VALID, CN_LOCAL, CN_INHCOUNT,
       CN_INDID, CN_FREL, CN_DESCR };
enum { IX_OID, IX_REL, IX_NAME, IX_DEF, IX_CLUSTERED, IX_REPLIDENT, IX_VALID, IX_KIND, IX_CON,
       IX_PARENT, IX_DESCR, IX_STATS };
enum { TR_K, TR_OID, TR_REL, TR_NAME, TR_DEF, TR_ENABLED, TR_DESCR, TR_PERMISSIVE, TR_ROLES,
       TR_QUAL, TR_CHECK };

/* Results of the definition queries, kept until the objects are built. */
struct ss_pg_results {
	PGresult *r[SS_PGQ_COUNT];
};

/*
 * Build every object of the dump from the results (build.c).  Before it
 * reads res->r[q], the builder calls wait(warg, q), which returns once
 * that result is there (0) or its query failed (-1: the build stops and
 * returns -1, leaving err to the caller), so objects can be built while
 * later queries still run.
 */
int ss_pg_build(struct ss_dump *d, struct ss_pg_results *res, const struct ss_pg_dump_opts *o,
		int (*wait)(void *warg, enum ss_pgq q), void *warg, struct ss_err *err);
/* Add the dependency edges of a SS_PGQ_DEPEND result (build.c). */
void ss_pg_add_edges(struct ss_dump *d, const PGresult *dep);

#endif /* SS_PG_DUMP_INT_H */
