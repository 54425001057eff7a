/*
 * diff.h - "ssync diff": the DDL that turns one dumped schema into another.
 *
 * Both schemas are read by the dumper; objects are matched by kind,
 * schema, name and (for an index, constraint, trigger ... or a function)
 * their table or argument list, and compared by the text the dumper writes
 * for them.  The script drops what only the old schema has (dependents
 * first), then creates what only the new one has and changes what differs
 * (in load order):
 *   - a table: its columns are added, dropped or altered (type, default,
 *     NOT NULL), its inline CHECK constraints dropped and added, and the
 *     statements that come with it (comments, storage, statistics, owner)
 *     that are new are run;
 *   - a function: CREATE OR REPLACE; a view: CREATE OR REPLACE VIEW; a
 *     sequence: ALTER SEQUENCE with the new options;
 *   - an index, constraint, trigger, rule, policy ...: dropped and created;
 *   - grants: the old GRANTs that are gone revoked, the new ones made.
 * What the DDL cannot express safely (a type's change, a table's
 * partitioning, a generated column's expression ...) is
 * written as a comment starting "-- by hand:" and counted, never guessed.
 */
#ifndef SS_DIFF_H
#define SS_DIFF_H

#include <stdio.h>

struct ss_dump;
struct ss_err;

struct ss_diff_stats {
	unsigned created, dropped, changed;	/* objects */
	unsigned by_hand;			/* changes left as comments */
};

/* Write the script that turns from into to (both ordered) to out. */
int ss_dump_diff(const struct ss_dump *from, const struct ss_dump *to, const char *header,
		 FILE *out, struct ss_diff_stats *st, struct ss_err *err);

#endif /* SS_DIFF_H */
