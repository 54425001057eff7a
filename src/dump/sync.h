/*
 * sync.h - "ssync schema-sync": a dump's objects run on another database,
 * one section at a time, instead of written to a file.
 *
 * Phase one runs the pre-data section (schemas, types, functions,
 * sequences, tables with their primary keys, views) before a data sync;
 * phase two runs post-data (indexes, foreign keys and other deferred
 * constraints, triggers, grants) once the data is in, and sets each
 * sequence to the value it has on the source.
 *
 * Each object's text is sent as one script.  Without ignore_errors the
 * whole phase runs in one transaction where the engine's DDL is
 * transactional (PostgreSQL), so a failure leaves the destination as it
 * was; with it, each object commits on its own, a failing one is reported
 * and the phase goes on.
 */
#ifndef SS_SYNC_H
#define SS_SYNC_H

#include <stdio.h>

struct ss_conn;
struct ss_dump;
struct ss_err;

struct ss_sync_opts {
	struct ss_conn *dest;	/* NULL: dry run, the statements go to dry_out */
	FILE *dry_out;
	unsigned sections;	/* 1 << SS_SEC_PRE or 1 << SS_SEC_POST */
	const char *header;	/* session settings the dump's texts assume */
	const char *tail;	/* statements run after the objects (setval), or NULL */
	int ignore_errors;
	int progress;
};

struct ss_sync_stats {
	unsigned done;		/* objects run (or printed) */
	unsigned failed;	/* objects the destination refused (ignore_errors) */
};

/* Run (or print) the ordered objects of o->sections, then o->tail. */
int ss_sync_apply(const struct ss_dump *d, const struct ss_sync_opts *o, struct ss_sync_stats *st,
		  struct ss_err *err);

#ifdef HAVE_LIBPQ
/*
 * PostgreSQL: read from src the value of every sequence the dump holds,
 * and of every identity sequence of a table it holds, and return the
 * setval() calls that give the destination the same values (malloc'd;
 * "" when there is none).  A sequence never used on the source is left
 * alone.
 */
int ss_pg_sequence_values(struct ss_conn *src, const struct ss_dump *d, char **out,
			  unsigned *count, struct ss_err *err);
#endif

#endif /* SS_SYNC_H */
