/*
 * dump.h - the engine-neutral schema dump: objects, their dependencies,
 * the order they load in, their section, and the writers.
 *
 * A catalog reader (src/dump/pg/ for PostgreSQL) fills a struct ss_dump
 * with one struct ss_dobj per DDL unit (a table, an index, a grant ...),
 * each holding its finished SQL text and edges to the objects it needs.
 * ss_dump_order() then fixes the sections (an object that needs a
 * post-data object becomes post-data itself), sorts topologically with a
 * deterministic tie order and breaks the cycles it knows how to break;
 * ss_dump_write() hands the sorted objects to a writer.
 *
 * Ownership: every string in a struct ss_dobj lives in the dump's arena
 * and dies with ss_dump_release(); callers never free them.
 */
#ifndef SS_DUMP_H
#define SS_DUMP_H

#include <stddef.h>
#include <stdio.h>

struct ss_err;
struct sqlp_buf;

enum ss_dsection { SS_SEC_PRE = 0, SS_SEC_POST = 1 };

/*
 * Kinds of object, in the order that breaks ties between objects whose
 * dependencies are all met (the rank; pg_dump's priorities, with primary
 * keys in pre-data as ssync's "sync" sections want).
 */
enum ss_dkind {
	SS_DK_SCHEMA,
	SS_DK_EXTENSION,
	SS_DK_COLLATION,
	SS_DK_TS_DICT,
	SS_DK_TS_CONFIG,
	SS_DK_FDW,
	SS_DK_SERVER,
	SS_DK_USER_MAPPING,
	SS_DK_TYPE,
	SS_DK_FUNCTION,
	SS_DK_AGGREGATE,
	SS_DK_OPERATOR,
	SS_DK_CAST,
	SS_DK_SEQUENCE,
	SS_DK_TABLE,
	SS_DK_CHECK,		/* CHECK of a table or domain (inline unless split) */
	SS_DK_DEFAULT,		/* column default (inline unless split) */
	SS_DK_SEQ_OWNED,	/* ALTER SEQUENCE ... OWNED BY */
	SS_DK_PKEY,
	SS_DK_VIEW,
	SS_DK_MATVIEW,
	/* post-data */
	SS_DK_VIEW_DEF,		/* real definition of a view created as a placeholder */
	SS_DK_CONSTRAINT,	/* unique, exclusion, NOT VALID check */
	SS_DK_INDEX,
	SS_DK_INDEX_ATTACH,
	SS_DK_INDEX_PROP,	/* CLUSTER ON, REPLICA IDENTITY USING INDEX */
	SS_DK_STATISTICS,	/* extended statistics */
	SS_DK_RULE,
	SS_DK_TRIGGER,
	SS_DK_FKEY,
	SS_DK_POLICY,
	SS_DK_RLS,		/* ENABLE / FORCE ROW LEVEL SECURITY */
	SS_DK_PUBLICATION,
	SS_DK_PUBLICATION_REL,	/* ALTER PUBLICATION ... ADD TABLE / TABLES IN SCHEMA */
	SS_DK_ACL,
	SS_DK_EVENT_TRIGGER,	/* last: it would fire on the statements after it */
	SS_DK_COUNT
};

/* "TABLE", "INDEX", ... (for the table of contents and messages). */
const char *ss_dkind_tag(enum ss_dkind kind);
/* The section an object of this kind goes to unless its dependencies move it. */
enum ss_dsection ss_dkind_section(enum ss_dkind kind);

struct ss_dedge {
	int to;			/* object needed */
	int via;		/* inline child that contributed the edge, or -1 */
};

/* A piece of an object's text that belongs to an inline child. */
struct ss_dfrag {
	int child;		/* the child object */
	size_t start, end;	/* byte range in the parent's text */
};

struct ss_dobj {
	enum ss_dkind kind;
	unsigned char section;	/* enum ss_dsection */
	unsigned char separate;	/* inline child split off to break a cycle */
	unsigned char done;	/* placed by the sort */
	unsigned char onstack;	/* cycle search */
	char cls;		/* catalog class code of (cls, oid), 0 if none */
	char subkind;		/* engine detail (PostgreSQL relkind) */
	unsigned oid;
	const char *schema;	/* raw schema name, NULL for none */
	const char *name;	/* raw name */
	const char *sub;	/* second sort key ("" if none): table, arguments */
	const char *label;	/* for messages and the toc: "public.t", "f(integer)" */
	int parent;		/* object it belongs to (an index's table), -1 */
	int inline_in;		/* object whose text holds this one, -1 */
	char *text;		/* the DDL, ends with a newline */
	char *alt_text;		/* view: placeholder; inline child: separate form */
	size_t def_len;		/* view: length of its CREATE VIEW statement in text */
	struct ss_dedge *deps;
	size_t ndeps, adeps;
	struct ss_dfrag *frags;
	size_t nfrags, afrags;
	int nwait;		/* sort: unmet dependencies */
};

struct ss_dmap_entry;

struct ss_dump {
	struct ss_dobj *objs;
	size_t n, alloc;
	int *order;		/* indexes in load order, after ss_dump_order */
	size_t norder;
	/* (cls, oid) -> object, open addressing */
	struct ss_dmap_entry *map;
	size_t map_cap, map_used;
	/* arena of strings */
	char *arena;
	size_t arena_left;
	void **blocks;
	size_t nblocks, ablocks;
	/* facts for the header and -verbose */
	char *engine_version;	/* "15.4" */
	unsigned nqueries;	/* catalog queries sent */
	unsigned nroundtrips;	/* round trips in sequence (a helper connection runs in parallel) */
	unsigned nconnections;	/* connections that read definitions (0 counts as 1) */
	unsigned nsplits;	/* cycles broken */
};

void ss_dump_init(struct ss_dump *d);
void ss_dump_release(struct ss_dump *d);

/* Copy len bytes (or a string) into the arena; NULL stays NULL. */
char *ss_dump_strndup(struct ss_dump *d, const char *s, size_t len);
char *ss_dump_strdup(struct ss_dump *d, const char *s);

/*
 * Add an object; returns its index.  Strings are copied into the arena,
 * text is taken as is (it must already live in the arena, see
 * ss_dump_strdup) or may be set later.  When cls is nonzero the object
 * is registered under (cls, oid) for ss_dump_lookup.
 */
int ss_dump_add(struct ss_dump *d, enum ss_dkind kind, char cls, unsigned oid,
		const char *schema, const char *name, const char *sub, const char *label);
/* Register another (cls, oid) for an existing object (an index of a constraint). */
void ss_dump_alias(struct ss_dump *d, char cls, unsigned oid, int obj);
/* Make room in the (cls, oid) map for n more registrations (a hint). */
void ss_dump_reserve(struct ss_dump *d, size_t n);
/* The object registered under (cls, oid), or -1. */
int ss_dump_lookup(const struct ss_dump *d, char cls, unsigned oid);
/* obj needs to; via is the inline child that brings the need, or -1. */
void ss_dump_dep(struct ss_dump *d, int obj, int to, int via);
/* Record that [start, end) of parent's text is child's inline form. */
void ss_dump_frag(struct ss_dump *d, int parent, int child, size_t start, size_t end);

/*
 * Settle sections and sort (see the file comment).  Fails with the cycle
 * named object by object when it meets one it cannot break.
 */
int ss_dump_order(struct ss_dump *d, struct ss_err *err);

/* The text of an object as it is written (inline children cut out); malloc'd. */
char *ss_dump_text(const struct ss_dump *d, int obj);

/* --- writers ---------------------------------------------------------- */

enum ss_dump_format { SS_FMT_SQL, SS_FMT_DIR, SS_FMT_TAR };

struct ss_dump_write_opts {
	enum ss_dump_format format;
	unsigned sections;	/* bit (1 << SS_SEC_PRE) | bit (1 << SS_SEC_POST) */
	const char *output;	/* file or directory; NULL: standard output */
	const char *split_pre;	/* --split: both set, format sql */
	const char *split_post;
	const char *header;	/* session settings that open every file */
	int progress;		/* show a progress line (TTY) */
};

/*
 * Write the ordered objects.  Files are written to a temporary name and
 * renamed into place once complete; a directory must not exist yet or
 * be empty.  Returns 0 or -1 with an I/O error naming the file.
 */
int ss_dump_write(const struct ss_dump *d, const struct ss_dump_write_opts *o,
		  struct ss_err *err);

/*
 * --filter: the same script passed in process through the ssync filter
 * engine configured by cfg (its kinds and profile; the dump's patterns are
 * already applied).  o->split_pre/o->split_post give the pre-sync and
 * post-sync files, else o->output (or standard output) gets the pre-sync
 * part alone.  Returns 0 or -1.
 */
/* The comment line before an object, and the banner of a section, in a script. */
void ss_dump_title(struct sqlp_buf *b, const struct ss_dobj *o);
void ss_dump_banner(struct sqlp_buf *b, enum ss_dsection sec);

struct ss_filter_config;
int ss_dump_write_filtered(const struct ss_dump *d, const struct ss_dump_write_opts *o,
			   struct ss_filter_config *cfg, struct ss_err *err);

/*
 * The object stream every writer consumes: begin a section, one call per
 * object with its final text, end.  A later in-process filter (ssync
 * filter) plugs in here as one more sink.
 */
struct ss_dump_sink {
	int (*begin)(struct ss_dump_sink *s, enum ss_dsection sec, struct ss_err *err);
	int (*object)(struct ss_dump_sink *s, const struct ss_dobj *o, const char *text,
		      struct ss_err *err);
	int (*end)(struct ss_dump_sink *s, enum ss_dsection sec, struct ss_err *err);
};
int ss_dump_feed(const struct ss_dump *d, unsigned sections, struct ss_dump_sink *sink,
		 int progress, struct ss_err *err);

/* --- names ------------------------------------------------------------ */

/*
 * The engine's reserved words, one per call, so ss_quote_ident quotes
 * exactly as the server's quote_ident does.  Kept sorted internally.
 */
void ss_dump_set_keywords(const char *space_separated);
/* Append name to buf, double-quoted when the server would quote it. */
struct sqlp_buf;
void ss_quote_ident(struct sqlp_buf *buf, const char *name);
/* Append 'text' as a standard-conforming string literal (E'' if it has a backslash). */
void ss_quote_literal(struct sqlp_buf *buf, const char *text);

/* --- selection patterns ---------------------------------------------- */

/*
 * A list of PCRE2 patterns, each implicitly anchored (^(?:RE)$) and
 * matched against both "schema.name" and "name".
 */
struct ss_patlist {
	void **codes;		/* pcre2_code * */
	const char **src;	/* the patterns as given (borrowed) */
	unsigned *hits;		/* matches per pattern */
	size_t n, alloc;
};
#define SS_PATLIST_INIT { NULL, NULL, NULL, 0, 0 }
/* Compile and append; a bad pattern fails with a usage error at its offset. */
int ss_patlist_add(struct ss_patlist *l, const char *opt, const char *re, struct ss_err *err);
/* Nonzero when some pattern matches; schema may be NULL (a schema itself). */
int ss_patlist_match(struct ss_patlist *l, const char *schema, const char *name);
void ss_patlist_release(struct ss_patlist *l);

struct ss_dump_select {
	struct ss_patlist include_schema, exclude_schema;
	struct ss_patlist include_table, exclude_table;
};
struct ss_strlist;
/* Compile the patterns of the four options (--include-schema ...) into s. */
int ss_dump_select_compile(struct ss_dump_select *s, const struct ss_strlist *include_schema,
			   const struct ss_strlist *exclude_schema,
			   const struct ss_strlist *include_table,
			   const struct ss_strlist *exclude_table, struct ss_err *err);
/* Nonzero when no pattern at all was given. */
int ss_dump_select_all(const struct ss_dump_select *s);
/* Is the schema selected? */
int ss_dump_select_schema(struct ss_dump_select *s, const char *schema);
/* Is the relation selected on its own name (schema selection not included)? */
int ss_dump_select_table(struct ss_dump_select *s, const char *schema, const char *name);

/* --- progress line ---------------------------------------------------- */

/*
 * A line on stderr redrawn in place, shown only when stderr is a TTY and
 * the work has run for more than a second.
 */
void ss_progress_start(int enabled);
void ss_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ss_progress_done(void);
/* Milliseconds since an arbitrary point (monotonic). */
double ss_now_ms(void);

#endif /* SS_DUMP_H */
