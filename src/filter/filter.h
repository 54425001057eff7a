/*
 * filter.h - the SQL filter behind "ssync filter": decides the fate of
 * every statement of a schema script (kept in the pre-sync part, deferred
 * to the post-sync part, stripped, or excluded by selection) and writes
 * the parts.
 *
 * The engine is a library call with no knowledge of files:
 *
 *	struct ss_filter_config cfg;
 *	ss_filter_config_init(&cfg);			// the default profile
 *	ss_filter_kinds_apply(&cfg, SS_OP_STRIP, "trigger-function", &err);
 *	cfg.post_sync = 1;				// a post-sync sink is given
 *	f = ss_filter_new(&cfg, &pre_sink, &post_sink);
 *	ss_filter_begin_input(f, "dump.sql", &err);
 *	while (read(...)) ss_filter_feed(f, buf, n, &err);	// bytes in ...
 *	ss_filter_end_input(f, &err);
 *	ss_filter_finish(f, &err);
 *	ss_filter_header(f, SS_OUT_PRE, &header);	// counts by class
 *	ss_filter_free(f);
 *
 * or ss_filter_item() for callers that run the sqlparse lexer themselves.
 * Output goes to the sinks in input order (session statements to every
 * sink), so memory stays proportional to the largest statement; the
 * header comment, which needs the final counts, is asked for at the end
 * and put in front by the caller (see outfile.h).
 *
 * Ownership: the config's strings and pattern lists are borrowed for the
 * life of the filter; sinks likewise.
 */
#ifndef SS_FILTER_H
#define SS_FILTER_H

#include <stddef.h>
#include <stdio.h>

#include "dump/dump.h"
#include "sqlparse.h"

struct ss_err;
struct ss_strlist;

/* What happens to a statement, in increasing order of severity. */
enum ss_fate {
	SS_FATE_KEEP = 0,	/* pre-sync part */
	SS_FATE_DEFER,		/* post-sync part */
	SS_FATE_STRIP,		/* left out by class */
	SS_FATE_EXCLUDE,	/* left out by --include/--exclude selection */
	SS_FATE_COUNT
};
/* "kept", "deferred", "stripped", "excluded". */
const char *ss_fate_name(enum ss_fate f);

/*
 * Filter kinds: what --strip/--keep/--defer/--pre name.  Every sqlparse
 * class is a kind under its own name, except a few that always follow
 * another (trigger-state follows trigger, rule-state rule, view-standin view,
 * matview-refresh matview, copy-data copy); plus kinds finer than a class.
 */
enum {
	/* kinds beyond the sqlparse classes; their numbers follow SQLP_C_COUNT */
	SS_FK_TRIGGER_FUNCTION = SQLP_C_COUNT,	/* PostgreSQL function RETURNS trigger */
	SS_FK_CLUSTERED_INDEX,			/* T-SQL CREATE CLUSTERED INDEX */
	SS_FK_AUTO_INCREMENT,			/* MySQL table option AUTO_INCREMENT=N */
	SS_FK_COUNT
};
/* Name of kind k ("trigger", "trigger-function"). */
const char *ss_filter_kind_name(int k);
/* The kind a class is governed by (trigger-state -> trigger). */
int ss_filter_class_kind(enum sqlp_class c);
/* Nonzero for the kinds one can name (not folded into another). */
int ss_filter_kind_listed(int k);

struct ss_filter_sink {
	/* append len bytes; 0 or -1 with err set */
	int (*write)(void *ctx, const char *data, size_t len, struct ss_err *err);
	void *ctx;
};

/* What the user asked for a kind. */
enum ss_kind_op {
	SS_OP_DEFAULT = 0,	/* the profile's choice */
	SS_OP_STRIP,		/* --strip: leave out */
	SS_OP_KEEP,		/* --keep: not stripped; pre, or post with --post-sync for
				   kinds that belong after the data */
	SS_OP_DEFER,		/* --defer: post-sync part */
	SS_OP_PRE,		/* --pre: pre-sync part even with --post-sync */
};

struct ss_filter_config {
	enum sqlp_dialect dialect;	/* SQLP_AUTO to detect per input */
	unsigned char op[SS_FK_COUNT];	/* enum ss_kind_op per kind */
	unsigned char op_src[SS_FK_COUNT];	/* 0 profile, 1 "all", 2 "data", 3 named */
	int post_sync;			/* a post-sync sink exists: defer what belongs after */
	/* selection (patterns borrowed; see dump.h: anchored, schema.name and name) */
	struct ss_dump_select *select;	/* NULL: everything selected */
	/* report: one line (or JSON object) per statement; NULL for none */
	const struct ss_filter_sink *report;
	int report_json;
	size_t max_stmt;		/* passed to the lexer; 0: no limit */
};

/* The default profile: ops all SS_OP_DEFAULT, auto dialect, no selection. */
void ss_filter_config_init(struct ss_filter_config *cfg);
/*
 * Apply op to a comma-separated list of kind names ("trigger,view",
 * plurals and the groups "data" and "all" accepted).  The order of calls
 * does not matter: a kind named outright beats "data", which beats "all";
 * and a kind named
 * for two different ops is a usage error, as are an unknown kind and a
 * kind that cannot take op (session lines cannot be deferred).
 */
int ss_filter_kinds_apply(struct ss_filter_config *cfg, enum ss_kind_op op, const char *list,
			  struct ss_err *err);
/* The fate kind k gets before any per-statement rule (for --help and tests). */
enum ss_fate ss_filter_kind_fate(const struct ss_filter_config *cfg, int k);
/* Print the kinds, their default fate and a line of help each. */
void ss_filter_kinds_help(FILE *f);

/*
 * Read a selection file: one "include|exclude schema|table PATTERN" rule
 * per line, '#' comments and blank lines ignored (pg_dump 17's --filter
 * format, object types schema, table and table_and_children).  Patterns
 * are appended to sel; their text is kept in *keep (free with
 * ss_strlist_release after the selection is released).
 */
int ss_filter_read_rules(const char *path, struct ss_dump_select *sel, struct ss_strlist *keep,
			 struct ss_err *err);

/* Where output goes. */
enum ss_filter_out { SS_OUT_PRE = 0, SS_OUT_POST = 1, SS_OUT_COUNT };


struct ss_filter;

/*
 * A new filter writing to pre (required) and post (may be NULL unless
 * cfg->post_sync).  cfg is copied, and what it selects read, here: later
 * changes to them are not seen.  Never fails (out of memory exits, as in
 * all of src/).
 */
struct ss_filter *ss_filter_new(const struct ss_filter_config *cfg,
				const struct ss_filter_sink *pre,
				const struct ss_filter_sink *post);
void ss_filter_free(struct ss_filter *f);

/*
 * Facts pass (only needed with table selection): learn which table owns
 * each sequence and which table each partition belongs to, so that they
 * follow their table.  Feed the whole input once with learn set, then
 * again normally.  Returns 0 or -1.
 */
int ss_filter_learn_begin(struct ss_filter *f, struct ss_err *err);
int ss_filter_learn_end(struct ss_filter *f, struct ss_err *err);
/* Nonzero when the selection is such that a facts pass changes results. */
int ss_filter_wants_facts(const struct ss_filter *f);

/*
 * One input (a file): name is used in the report and in errors
 * ("dump.sql:12:5: unterminated ...").  Inputs are concatenated.
 */
int ss_filter_begin_input(struct ss_filter *f, const char *name, struct ss_err *err);
int ss_filter_feed(struct ss_filter *f, const void *data, size_t len, struct ss_err *err);
int ss_filter_end_input(struct ss_filter *f, struct ss_err *err);
/* The dialect of the current (or last) input, once known. */
enum sqlp_dialect ss_filter_dialect(const struct ss_filter *f);

/* Items from a lexer the caller runs (instead of feed); same order rules. */
int ss_filter_item(struct ss_filter *f, const struct sqlp_item *it, struct ss_err *err);

/* Flush what is held back and close each output (DELIMITER ;, GO). */
int ss_filter_finish(struct ss_filter *f, struct ss_err *err);

/* Counts, after finish. */
struct ss_filter_stats {
	unsigned long items;				/* statements and client lines */
	unsigned long by_kind[SS_FK_COUNT][SS_FATE_COUNT];
	unsigned long rewrites;				/* CREATE TABLE / ALTER TABLE rewritten */
	unsigned long dangling;				/* kept foreign keys to tables left out */
	unsigned long column_refs;			/* MySQL column REFERENCES left in CREATE TABLE */
	unsigned long views_kept;			/* stripped views written after all: needed */
	unsigned long long bytes_in;
	unsigned long long bytes_out[SS_OUT_COUNT];
};
const struct ss_filter_stats *ss_filter_stats(const struct ss_filter *f);

/* Add s to out as one tab-separated field of a line: tabs and line ends become blanks. */
void ss_report_field(struct sqlp_buf *out, const char *s);

/*
 * The header comment of an output (what was stripped and deferred, counts
 * by kind), ending with a blank line, in the line ending of the input;
 * preceded by a UTF-8 byte-order mark when an input had one (UTF-8 or
 * UTF-16: the outputs are UTF-8), as SSMS expects.
 */
void ss_filter_header(const struct ss_filter *f, enum ss_filter_out which, const char *source,
		      struct sqlp_buf *out);

#endif /* SS_FILTER_H */
