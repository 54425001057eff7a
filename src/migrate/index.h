/*
 * index.h - migration file names and the version index built from them.
 *
 * A name is a migration when it matches golang-migrate's
 *     ^([0-9]+)_(.*)\.(down|up)\.(.*)$
 * (RE2, greedy title: the last ".up." / ".down." is the direction; "." does
 * not match a newline).  The index is the sorted list of versions, each
 * with at most one up and one down file.
 */
#ifndef SS_MIGRATE_INDEX_H
#define SS_MIGRATE_INDEX_H

#include <stddef.h>
#include <stdint.h>

struct ss_err;
struct ss_strlist;

struct ss_mig_name {
	uint64_t version;
	int up;			/* 1 for .up., 0 for .down. */
	const char *title;	/* borrowed from the name; not NUL-terminated */
	size_t title_len;
	const char *ext;	/* borrowed; the rest of the name, may be "" */
};

enum {
	SS_MIG_NAME_NO = 0,	/* not a migration file: ignored */
	SS_MIG_NAME_YES = 1,
	SS_MIG_NAME_OVERFLOW = 2,	/* matches, but the version overflows uint64: ignored */
};
/* Classify a file name; fills out for SS_MIG_NAME_YES. */
int ss_mig_parse_name(const char *name, struct ss_mig_name *out);

struct ss_mig_version {
	uint64_t version;
	long up, down;		/* index in the source's names, -1 if absent */
	char *up_title, *down_title;	/* owned; NULL if absent */
};

struct ss_mig_index {
	struct ss_mig_version *v;	/* sorted by version */
	size_t n;
};

/*
 * Build the index from a source's names (sorted bytewise, as sources give
 * them).  Two files of one version and direction fail with golang-migrate's
 * "duplicate migration file: NAME" naming the second one in that order, with
 * both names in the detail.  Versions above 2^63-1 cannot be stored in the
 * tracking table's bigint and are refused.
 */
int ss_mig_index_build(struct ss_mig_index *idx, const struct ss_strlist *names,
		       struct ss_err *err);
void ss_mig_index_release(struct ss_mig_index *idx);
/* Position of version in idx->v, or -1. */
long ss_mig_index_find(const struct ss_mig_index *idx, uint64_t version);

#endif /* SS_MIGRATE_INDEX_H */
