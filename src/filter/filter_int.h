/*
 * filter_int.h - what the files of src/filter share and nobody else uses.
 */
#ifndef SS_FILTER_INT_H
#define SS_FILTER_INT_H

#include <stddef.h>

#include "filter/filter.h"
#include "sqlparse.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* --- kinds.c ------------------------------------------------------------ */
/* Kind k, or the kind it is folded into. */
int ss_filter_class_kind_any(int k);
int ss_filter_kind_every(int k);	/* copied to every output */
int ss_filter_kind_post(int k);		/* belongs after the data */
const char *ss_filter_op_name(enum ss_kind_op op);

/* --- names.c ------------------------------------------------------------ */
/*
 * A name split into its parts, each unquoted (as sqlparse gives names:
 * parts joined by '.', quoted with "", `` or [] only where needed).
 */
#define SS_NAME_MAXPARTS 4
struct ss_name {
	int n;
	const char *part[SS_NAME_MAXPARTS];
	size_t len[SS_NAME_MAXPARTS];
	struct sqlp_buf buf;	/* holds the unquoted parts */
};
void ss_name_init(struct ss_name *nm);
void ss_name_release(struct ss_name *nm);
/* Split s; returns the number of parts (0 for ""). */
int ss_name_parse(struct ss_name *nm, const char *s);

/*
 * A string -> value map (open addressing, keys copied into an arena).
 * Holds the objects whose fate is not "kept", and the facts (which table
 * a sequence or partition belongs to).
 */
struct ss_fmap_ent {
	const char *key;
	const char *val;	/* facts: the owning table's key; else the display name */
	void *ptr;		/* a stripped view's struct ss_view (views.c) */
	unsigned klen;
	unsigned char fate;	/* enum ss_fate */
	short kind;		/* filter kind of the object */
};
struct ss_fmap {
	struct ss_fmap_ent *ents;
	unsigned *hashes;	/* ents[i].hash, 0 for a free slot: probes stay in a few cache lines */
	size_t cap, used;
	char **blocks;
	size_t nblocks, ablocks;
	char *arena;
	size_t arena_left;
};
void ss_fmap_init(struct ss_fmap *m);
void ss_fmap_release(struct ss_fmap *m);
/* Insert or replace; returns the entry (its fields may then be set). */
struct ss_fmap_ent *ss_fmap_put(struct ss_fmap *m, const char *key, size_t klen);
struct ss_fmap_ent *ss_fmap_get(const struct ss_fmap *m, const char *key, size_t klen);
/* Does any key have this hash (the map's own)?  0: no key hashing so is there. */
int ss_fmap_has_hash(const struct ss_fmap *m, unsigned h);
/* Copy a string into the map's arena. */
const char *ss_fmap_strdup(struct ss_fmap *m, const char *s, size_t len);

/* --- rewrite.c ------------------------------------------------------------ */
/* PostgreSQL CREATE FUNCTION ... RETURNS trigger / event_trigger. */
int ss_filter_returns_trigger(const char *text, size_t len);
/* T-SQL: does the text hold the word CLUSTERED (not NONCLUSTERED) at top level? */
int ss_filter_has_clustered(const char *text, size_t len);
/* The table named after REFERENCES, appended to out as written; 0 if none. */
int ss_filter_references(enum sqlp_dialect d, const char *text, size_t len,
			 struct sqlp_buf *out);
/*
 * Call fn for each (possibly qualified) name in the signature of a CREATE
 * FUNCTION/PROCEDURE (argument and result types), up to its body; stops
 * at fn's nonzero return and returns it.
 */
int ss_filter_signature_names(enum sqlp_dialect d, const char *text, size_t len,
			      int (*fn)(void *ctx, const char *name, size_t n), void *ctx);
/* Call fn for each (possibly qualified) name in text from offset from on, as ss_filter_signature_names. */
int ss_filter_names(enum sqlp_dialect d, const char *text, size_t len, size_t from,
		    int (*fn)(void *ctx, const char *name, size_t n), void *ctx);
/*
 * PostgreSQL CREATE FUNCTION/PROCEDURE with an SQL-standard body (BEGIN
 * ATOMIC ... END, RETURN expr), which the server parses at creation: 1 and
 * the body's offset in *off; 0 for a body given as a string (AS $$...$$).
 */
int ss_filter_sql_body(const char *text, size_t len, size_t *off);
/*
 * T-SQL EXEC sp_addextendedproperty: the arguments @name, @value,
 * @level0type, @level0name, ... @level2name (positional or named), each
 * unquoted into vals[0..7]; bit i of *present set when vals[i] is not
 * NULL.  Returns 0 if text is not such a call.
 */
int ss_filter_xprop(const char *text, size_t len, struct sqlp_buf vals[8], unsigned *present);
/* The name after ATTACH PARTITION, appended to out as written; 0 if none. */
int ss_filter_attached(enum sqlp_dialect d, const char *text, size_t len, struct sqlp_buf *out);
/* Does the statement end with NOT VALID (ALTER DOMAIN ... ADD CONSTRAINT)? */
int ss_filter_ends_not_valid(enum sqlp_dialect d, const char *text, size_t len);
/*
 * Split a multi-action ALTER TABLE at the commas between its actions:
 * *prefix_len is the length of "ALTER TABLE name " (up to the first
 * action; in T-SQL, whose one ADD takes a list, "ALTER TABLE name [WITH
 * CHECK] ADD "), and for each action its [off, off+len) in text.  Returns
 * the number of actions (0 if the text is not an ALTER TABLE it
 * understands, or in T-SQL not an ADD).
 */
struct ss_action {
	size_t off, len;
};
size_t ss_filter_split_actions(enum sqlp_dialect d, const char *text, size_t len,
			       size_t *prefix_len, struct ss_action *acts, size_t max);
/*
 * A constraint written inside a column definition ("parent_id int
 * CONSTRAINT fk REFERENCES p (id) ON DELETE CASCADE", "code text UNIQUE"):
 * [off, off+len) from CONSTRAINT (or the keyword) to the last option that
 * belongs to it; prev_end is where the token before it ends.  Its table
 * constraint form is the same bytes with the column inserted where ins
 * says: "UNIQUE" + " (col)", "FOREIGN KEY (col) " + "REFERENCES ...",
 * "DEFAULT 0" + " FOR col" (T-SQL), "PRIMARY " + "KEY" + " (col)" (MySQL).
 */
enum ss_ins_what {
	SS_INS_COLUMN_LIST,		/* " (col)" */
	SS_INS_COLUMN_LIST_BEFORE,	/* "(col) " (T-SQL FOREIGN KEY REFERENCES) */
	SS_INS_FOREIGN_KEY,		/* "FOREIGN KEY (col) " */
	SS_INS_FOR_COLUMN,		/* " FOR col" */
	SS_INS_PRIMARY,			/* "PRIMARY " */
};
struct ss_colcons {
	enum sqlp_cons cons;	/* PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, DEFAULT (T-SQL) */
	size_t off, len, prev_end;
	size_t name_off, name_len;	/* CONSTRAINT name as written; 0 if none */
	struct {
		size_t at;
		enum ss_ins_what what;
	} ins[2];
	int nins;
};
#define SS_COLCONS_ERROR ((size_t)-1)
/*
 * The constraints of the column definition text (which starts with the
 * column's name; *name_len is its length).  Fills at most max; returns
 * how many there are, or SS_COLCONS_ERROR when a constraint does not
 * read as expected (then nothing of the column should be moved).
 */
size_t ss_filter_column_constraints(enum sqlp_dialect d, const char *text, size_t len,
				    size_t *name_len, struct ss_colcons *cc, size_t max);

/* --- views.c ------------------------------------------------------------- */
/*
 * A stripped view (or materialized view) whose text is kept in case a
 * later kept statement needs it when it is created.
 */
struct ss_view {
	const char *name;	/* as sqlparse names it (in the map's arena) */
	const char *file;	/* the input's name (f->input_names) */
	size_t slot;		/* in f->vlist */
	size_t len;
	unsigned line;
	unsigned char kind;	/* SQLP_C_VIEW or SQLP_C_MATVIEW */
	unsigned char kept;	/* written after all, to the pre-sync part */
	unsigned short term_len;
	char text[];		/* the statement with its terminator */
};
struct ss_filter;
struct ss_decision;
/* Remember a view statement stripped by its kind (PostgreSQL). */
void ss_filter_view_stripped(struct ss_filter *f, const struct sqlp_item *it,
			     const struct ss_decision *d);
/* The classes that may need a stripped view at their creation (cheap test first). */
static inline int ss_filter_may_need_views(enum sqlp_class c)
{
	return c == SQLP_C_FUNCTION || c == SQLP_C_PROCEDURE || c == SQLP_C_POLICY || c == SQLP_C_TYPE ||
	       c == SQLP_C_DOMAIN || c == SQLP_C_VIEW || c == SQLP_C_MATVIEW;
}
/*
 * Before a kept or deferred statement is written: write the stripped views
 * it needs at its creation to the pre-sync part, first what they need.
 */
int ss_filter_views_needed(struct ss_filter *f, const struct sqlp_item *it, struct ss_decision *d,
			   struct ss_err *err);
/* A later statement of a view written after all (CREATE OR REPLACE VIEW): kept too. */
void ss_filter_view_later(struct ss_filter *f, const struct sqlp_item *it, struct ss_decision *d);
void ss_filter_views_free(struct ss_filter *f);

/* --- emit.c --------------------------------------------------------------- */
/* One output: the sink and what the client reading it knows so far. */
struct ss_outstate {
	const struct ss_filter_sink *sink;
	char delim[40];		/* MySQL delimiter in force */
	size_t delim_len;
	unsigned open_batch;	/* T-SQL batch written without its GO yet, 0 none */
	int bol;		/* last byte written was a newline (or nothing written) */
	int semi_due;		/* a statement psql's \\g sent: ';' unless its \\g follows */
	int eol_due;		/* a client line was written: what follows starts a line */
	int restricted;		/* \restrict written and not yet \unrestrict */
	char key[65];		/* this output's \restrict key */
	unsigned long long bytes;
};
struct ss_emitter {
	struct ss_outstate out[SS_OUT_COUNT];
	int nout;
	const char *eol;	/* "\n" or "\r\n", as the input writes lines */
	int eol_known;
};
void ss_emit_init(struct ss_emitter *e, const struct ss_filter_sink *pre,
		  const struct ss_filter_sink *post);
/* Learn the line ending from the input's first newline. */
void ss_emit_learn_eol(struct ss_emitter *e, const char *s, size_t n);
int ss_emit_raw(struct ss_emitter *e, int o, const char *s, size_t n, struct ss_err *err);
/* A psql command that sends the query buffer (\\g, \\gset, \\watch ...)? */
int ss_psql_sends(const struct sqlp_item *it);
/*
 * Write a statement to output o: prefix (pending lead), the item's lead,
 * DELIMITER / GO lines the client needs, text (it->text unless text is
 * given), and its terminator.
 */
int ss_emit_item(struct ss_emitter *e, int o, const struct sqlp_item *it, const char *prefix,
		 size_t prefix_len, const char *text, size_t len, struct ss_err *err);
/* T-SQL: batch b ended in the input; close it in o if o has it open. */
int ss_emit_batch_end(struct ss_emitter *e, int o, unsigned b, unsigned repeat,
		      struct ss_err *err);
/* psql \restrict / \unrestrict with o's own key, after the item's lead. */
int ss_emit_restrict(struct ss_emitter *e, int o, const struct sqlp_item *it, int on,
		     const char *prefix, size_t prefix_len, struct ss_err *err);
/* Text after the last statement of an input, written as a lead is (T-SQL GO lines left out). */
int ss_emit_tail(struct ss_emitter *e, int o, enum sqlp_dialect d, const char *s, size_t n,
		 struct ss_err *err);
/* End of all input: DELIMITER ;, GO, final newline. */
int ss_emit_close(struct ss_emitter *e, int o, struct ss_err *err);

/* --- report.c ------------------------------------------------------------- */
struct ss_report_line {
	const char *file;
	unsigned line, col;
	const char *cls;
	const char *kind;
	const char *object;
	const char *table;
	enum ss_fate fate;
	int every;		/* copied to every output */
	const char *reason;
};
void ss_report_begin(struct sqlp_buf *out, int json);
void ss_report_line(struct sqlp_buf *out, int json, unsigned long *count,
		    const struct ss_report_line *l);
void ss_report_end(struct sqlp_buf *out, int json, unsigned long count,
		   const struct ss_filter_stats *st);


/* --- engine.c, names.c, tables.c: the engine's own state ------------------ */

/* What to do with an item besides writing it. */
enum ss_act {
	SS_ACT_WRITE = 0,		/* write it where its fate says */
	SS_ACT_HIDDEN,		/* a DELIMITER line: regenerated where needed; its lead moves on */
	SS_ACT_RESTRICT,		/* psql \restrict: a fresh key per output */
	SS_ACT_UNRESTRICT,
};

struct ss_decision {
	int kind;
	enum ss_fate fate;
	int every;		/* copied to every output */
	enum ss_act act;
	const char *object, *table;	/* what it is about (for the report), NULL: the item's */
	char reason[320];	/* written only for the report (REASON) */
};
/* A fresh decision: every field but the reason's bytes cleared. */
#define SS_DECISION_CLEAR(d) \
	do { \
		(d)->kind = 0; \
		(d)->fate = SS_FATE_KEEP; \
		(d)->every = 0; \
		(d)->act = SS_ACT_WRITE; \
		(d)->object = (d)->table = NULL; \
		(d)->reason[0] = 0; \
	} while (0)

/* An item held back (mysqldump view stand-in look-ahead), with its own copy. */
struct ss_held {
	struct sqlp_item it;
	char *blob;
};

struct ss_elem {
	struct sqlp_elem e;
	int kind;
	enum ss_fate fate;
};

/* A constraint inside a column definition that a CREATE TABLE rewrite moves or removes. */
struct ss_ccons {
	size_t elem;		/* its column: index in the elements */
	size_t col_len;		/* the column's name: the first col_len bytes of the element */
	struct ss_colcons c;	/* offsets in the element */
	int kind;
	enum ss_fate fate;	/* deferred or stripped */
};

#define HOLD_MAX 64

/* The reason of a fate is written only for the report. */
#define REASON(f, buf, size, ...) \
	((void)((f)->cfg.report ? snprintf((buf), (size), __VA_ARGS__) : 0))

struct ss_filter {
	struct ss_filter_config cfg;
	/* per kind, worked out once from cfg: its fate, copied to every output */
	unsigned char kfate[SS_FK_COUNT];
	unsigned char kevery[SS_FK_COUNT];
	unsigned char kgov[SS_FK_COUNT];	/* ss_filter_class_kind_any */
	int have_selection;		/* ss_filter_have_selection() */
	int table_patterns;		/* ss_filter_have_table_patterns(): ss_filter_learn has facts to learn */
	struct ss_emitter em;
	struct sqlp_lexer *lx;
	char *name;			/* current input */
	enum sqlp_dialect dialect;	/* of the current input, once known */
	struct ss_fmap objs;		/* objects not kept: key -> fate, kind, display name */
	struct ss_fmap facts;		/* relation key -> owning relation key */
	struct ss_fmap selcache;	/* relation key -> selected (fate KEEP) or not */
	/* stripped views (views.c): their objs entries point to a struct ss_view */
	unsigned char view_bloom[8192];	/* their last name parts, for a quick no */
	struct ss_view **vlist;		/* every struct ss_view, to free */
	size_t nvlist, avlist;
	struct ss_strlist input_names;	/* every input's name, for the views' */
	unsigned long stripped_rels;	/* views and materialized views left out so far */
	/* the last table looked up (statements come grouped by table) */
	char memo_table[128];		/* its name (longer names are not remembered) */
	const struct ss_fmap_ent *memo_ent;
	int memo_valid;
	int learning;
	char *curdb;			/* MySQL: database of the last USE */
	struct ss_name nm;
	struct sqlp_buf key, key2, prefix, text, alter, scratch, note;
	/* where the client lines met inside the next statement start in prefix
	   (SIZE_MAX: none); psql's \\r drops that statement, and its lead then
	   carries those lines itself */
	size_t embed_mark;
	struct sqlp_buf xv[8], xobj, xtbl;	/* extended property arguments */
	/* the block of COPY data in progress goes where its COPY went */
	unsigned copy_dest;
	/* outputs of the last statement when psql's \\g (or a kin) sent it: the
	   \\g goes there too, and nowhere else; SEND_NONE otherwise */
	unsigned send_dest;
	/* look-ahead */
	struct ss_held hold[HOLD_MAX];
	size_t nhold;
	struct ss_elem *elems;
	size_t nelems, aelems;
	struct ss_ccons *ccs;
	size_t nccs, accs;
	unsigned tmoves;		/* tables.c: which keywords a CREATE TABLE rewrite minds, 0 unknown */
	struct ss_filter_stats st;
	int report_open;
	struct sqlp_buf rep;		/* report text not yet handed to its sink */
	struct ss_err rep_err;		/* the report sink's first failure */
	int first_item;			/* the next item is the first of its input */
	int first_bytes;		/* the next feed starts an input */
	int bom;			/* an input began with a byte-order mark */
	/*
	 * The input after the last item handed out: sqlparse keeps back what
	 * follows the last statement (pg_dump's "dump complete" comment), the
	 * filter copies it.  Offsets are of the input's bytes; sqlparse's start
	 * after a UTF-8 byte-order mark (skip bytes).
	 */
	struct sqlp_buf tail;
	unsigned long long fed, tail_start, last_end;
	int skip;			/* -1: not known yet */
	int no_tail;			/* UTF-16: sqlparse's offsets are of the decoded text */
	unsigned long nreported;
	int finished;
};

/* What a statement is about: its own names, or those of an extended property. */
struct ss_target {
	enum sqlp_class cls;
	enum sqlp_objkind objkind;
	const char *object;
	const char *table;
};

/* names.c: keys of the map, and the selection */
const char *ss_filter_default_schema(const struct ss_filter *f);
void ss_filter_rel_key(struct ss_filter *f, struct sqlp_buf *b, const char *name,
		       const char *schema_hint);
void ss_filter_raw_rel_key(struct ss_filter *f, struct sqlp_buf *b, const char *name, size_t n);
/*
 * The map's hash of the key 'R' + ss_filter_rel_key(name) without making
 * the key (a quick "not there"): 1 and *hash, or 0 for a name with quotes.
 */
int ss_filter_rel_key_hash(const struct ss_filter *f, const char *name, unsigned *hash);
int ss_filter_obj_key(struct ss_filter *f, struct sqlp_buf *b, enum sqlp_objkind ok,
		      const char *object, const char *table);
int ss_filter_have_selection(const struct ss_filter *f);
int ss_filter_have_table_patterns(const struct ss_filter *f);
int ss_filter_rel_selected(struct ss_filter *f, const char *name);
int ss_filter_excluded(struct ss_filter *f, const struct ss_target *it, char *reason, size_t rsz);
void ss_filter_learn(struct ss_filter *f, const struct sqlp_item *it);
/* engine.c */
void ss_filter_decide(struct ss_filter *f, const struct sqlp_item *it, struct ss_decision *d);
int ss_filter_item_kind(const struct sqlp_item *it);
/* The item's line of the report (ss_filter_report: only when there is a report). */
void ss_filter_report_line(struct ss_filter *f, const struct sqlp_item *it,
			   const struct ss_decision *d);
static inline void ss_filter_report(struct ss_filter *f, const struct sqlp_item *it,
				    const struct ss_decision *d)
{
	if (f->cfg.report)
		ss_filter_report_line(f, it, d);
}
struct ss_fmap_ent *ss_filter_objs_put(struct ss_filter *f, const char *key, size_t klen);
/* tables.c: CREATE TABLE and multi-action ALTER TABLE rewrites */
void ss_filter_quote_name(const struct ss_filter *f, struct sqlp_buf *b, const char *s, size_t n);
int ss_filter_rewrite_table(struct ss_filter *f, const struct sqlp_item *it, struct ss_decision *d);
int ss_filter_split_alter(struct ss_filter *f, const struct sqlp_item *it,
			  const struct ss_decision *d, struct ss_err *err);

#endif /* SS_FILTER_INT_H */
