/*
 * plan.h - which migrations a command applies, in which order, and what
 * it reports at the end: golang-migrate's readUp / readDown / read walks
 * over the version index, as pure functions of (index, current version).
 */
#ifndef SS_MIGRATE_PLAN_H
#define SS_MIGRATE_PLAN_H

#include <stddef.h>
#include <stdint.h>

struct ss_mig_index;

struct ss_mig_step {
	uint64_t version;	/* the file's version */
	int64_t target;		/* the row written: the version going up; the
				 * previous one (or -1) going down */
	int up;			/* target >= version: the up file runs */
	long file;		/* source file index; -1 = "nil migration" (the
				 * version has no file for this direction) */
	const char *title;	/* borrowed from the index; NULL when file < 0 */
};

enum ss_mig_end {
	SS_MIG_END_DONE,	/* the steps are the whole job */
	SS_MIG_END_NO_CHANGE,	/* no steps: "no change" (exit 0) */
	SS_MIG_END_SHORT,	/* after the steps: "limit K short" */
	SS_MIG_END_NOT_EXIST,	/* no steps: "file does not exist" */
	SS_MIG_END_NO_FIRST,	/* no steps: "first .: file does not exist" */
	SS_MIG_END_UNKNOWN,	/* no steps: a version the source does not have */
};

enum ss_mig_verb { SS_MIG_UP, SS_MIG_DOWN, SS_MIG_GOTO };

struct ss_mig_request {
	enum ss_mig_verb verb;
	int all;		/* UP/DOWN without N */
	uint64_t n;		/* UP/DOWN: N; GOTO: the target version */
};

struct ss_mig_plan {
	struct ss_mig_step *steps;
	size_t n, alloc;
	enum ss_mig_end end;
	uint64_t short_by;	/* SS_MIG_END_SHORT: K */
	uint64_t unknown;	/* SS_MIG_END_UNKNOWN: the missing version */
};

/* Plan req from version cur (-1 = none).  plan is overwritten. */
void ss_mig_plan_make(const struct ss_mig_index *idx, int64_t cur,
		      const struct ss_mig_request *req, struct ss_mig_plan *plan);
void ss_mig_plan_release(struct ss_mig_plan *plan);

#endif /* SS_MIGRATE_PLAN_H */
