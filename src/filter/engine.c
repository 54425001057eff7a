/*
 * engine.c - the fate of each statement, and where it is written.
 *
 * Items arrive in input order and leave in input order: a statement's
 * fate is its kind's (the profile plus --strip/--keep/--defer/--pre),
 * raised to the fate of what it belongs to (a table's index follows the
 * table, a comment follows the object it describes, an ALTER ... CLUSTER
 * ON follows its index) and to "excluded" when the selection leaves its
 * table or schema out.  Objects that later statements must follow (the
 * stripped and excluded ones, and deferred ones other than indexes and
 * constraints, whose dependents are deferred anyway) are remembered by
 * name (struct ss_fmap, names.c); nothing else is kept, so memory grows
 * with the number of those objects, not with the input.  The rewrites of
 * CREATE TABLE and ALTER TABLE are in tables.c.
 *
 * Two things need a look ahead, and get a bounded one: mysqldump's
 * "DROP TABLE IF EXISTS v" before a view's stand-in (held until the next
 * statement says what v is), and, with table selection only, which table
 * owns a sequence or a partition (a facts pass over the input, see
 * ss_filter_learn_begin).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filter/filter.h"
#include "filter/filter_int.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define SEND_NONE (~0u)

_Static_assert(SS_FK_COUNT <= 256, "kinds fit the per-kind tables of struct ss_filter");

/* A put may move entries and changes what a lookup finds: forget the memo. */
struct ss_fmap_ent *ss_filter_objs_put(struct ss_filter *f, const char *key, size_t klen)
{
	f->memo_valid = 0;
	return ss_fmap_put(&f->objs, key, klen);
}

/* --- deciding ---------------------------------------------------------------- */

static int is_defining(enum sqlp_class c)
{
	switch (c) {
	case SQLP_C_SCHEMA:
	case SQLP_C_EXTENSION:
	case SQLP_C_TYPE:
	case SQLP_C_DOMAIN:
	case SQLP_C_COLLATION:
	case SQLP_C_TEXT_SEARCH:
	case SQLP_C_FDW:
	case SQLP_C_FUNCTION:
	case SQLP_C_PROCEDURE:
	case SQLP_C_SEQUENCE:
	case SQLP_C_TABLE:
	case SQLP_C_PRIMARY_KEY:
	case SQLP_C_UNIQUE:
	case SQLP_C_FOREIGN_KEY:
	case SQLP_C_CHECK:
	case SQLP_C_EXCLUSION:
	case SQLP_C_DEFAULT:
	case SQLP_C_INDEX:
	case SQLP_C_UNIQUE_INDEX:
	case SQLP_C_STATISTICS:
	case SQLP_C_VIEW:
	case SQLP_C_VIEW_STANDIN:
	case SQLP_C_MATVIEW:
	case SQLP_C_TRIGGER:
	case SQLP_C_EVENT_TRIGGER:
	case SQLP_C_EVENT:
	case SQLP_C_RULE:
	case SQLP_C_POLICY:
	case SQLP_C_PUBLICATION:
	case SQLP_C_SUBSCRIPTION:
	case SQLP_C_SYNONYM:
	case SQLP_C_PARTITION_SCHEME:
	case SQLP_C_ROLE:
		return 1;
	default:
		return 0;
	}
}

/* The kind a DROP of this object kind also answers to, or -1. */
static int dropped_kind(enum sqlp_objkind k)
{
	switch (k) {
	case SQLP_O_VIEW:
		return SQLP_C_VIEW;
	case SQLP_O_MATVIEW:
		return SQLP_C_MATVIEW;
	case SQLP_O_TRIGGER:
		return SQLP_C_TRIGGER;
	case SQLP_O_INDEX:
	case SQLP_O_FULLTEXT_INDEX:
		return SQLP_C_INDEX;
	case SQLP_O_EVENT_TRIGGER:
		return SQLP_C_EVENT_TRIGGER;
	case SQLP_O_EVENT:
		return SQLP_C_EVENT;
	case SQLP_O_RULE:
		return SQLP_C_RULE;
	case SQLP_O_POLICY:
		return SQLP_C_POLICY;
	case SQLP_O_PUBLICATION:
		return SQLP_C_PUBLICATION;
	case SQLP_O_SUBSCRIPTION:
		return SQLP_C_SUBSCRIPTION;
	case SQLP_O_ROLE:
		return SQLP_C_ROLE;
	case SQLP_O_DATABASE:
		return SQLP_C_DATABASE;
	case SQLP_O_FDW:
	case SQLP_O_SERVER:
	case SQLP_O_USER_MAPPING:
	case SQLP_O_FOREIGN_TABLE:
		return SQLP_C_FDW;
	case SQLP_O_STATISTICS:
		return SQLP_C_STATISTICS;
	default:
		return -1;
	}
}

static int starts_word(const char *s, size_t n, const char *w)
{
	size_t wn = strlen(w);

	return n >= wn && !strncasecmp(s, w, wn) &&
	       (n == wn || s[wn] == ' ' || s[wn] == '\t' || s[wn] == '\r' || s[wn] == '\n' ||
		s[wn] == ';');
}

/*
 * ss_filter_item_kind() for the filter's own items: the classes whose kind
 * its text or flags decide go the long way, the others are the table's.
 */
static int item_kind(const struct ss_filter *f, const struct sqlp_item *it)
{
	if (it->cls == SQLP_C_FUNCTION || it->dialect == SQLP_TSQL ||
	    it->cls == SQLP_C_REPLICA_IDENTITY || it->cls == SQLP_C_CONSTRAINT_STATE ||
	    (unsigned)it->cls >= SQLP_C_COUNT)
		return ss_filter_item_kind(it);
	return f->kgov[it->cls];
}

int ss_filter_item_kind(const struct sqlp_item *it)
{
	int k = ss_filter_class_kind(it->cls);

	if (it->dialect == SQLP_POSTGRES && it->cls == SQLP_C_FUNCTION &&
	    it->objkind == SQLP_O_FUNCTION && starts_word(it->text, it->len, "create") &&
	    ss_filter_returns_trigger(it->text, it->len))
		return SS_FK_TRIGGER_FUNCTION;
	if (it->dialect == SQLP_TSQL &&
	    (it->cls == SQLP_C_INDEX || it->cls == SQLP_C_UNIQUE_INDEX || it->cls == SQLP_C_UNIQUE) &&
	    (it->flags & SQLP_F_CLUSTERED))
		return SS_FK_CLUSTERED_INDEX;
	if (it->cls == SQLP_C_REPLICA_IDENTITY && !*it->object)
		return SQLP_C_ALTER_TABLE;	/* FULL, DEFAULT, NOTHING: no index to wait for */
	if (it->cls == SQLP_C_CONSTRAINT_STATE && !strcasecmp(it->object, "all"))
		return SQLP_C_KEYS;	/* [NO]CHECK CONSTRAINT ALL: around a data load */
	return k;
}

static void kind_reason(const struct ss_filter *f, int k, enum ss_fate fate, char *r, size_t rsz)
{
	enum ss_kind_op op;

	if (!f->cfg.report)
		return;
	op = (enum ss_kind_op)f->cfg.op[ss_filter_class_kind_any(k)];
	if (op == SS_OP_DEFAULT)
		REASON(f, r, rsz, "%s: %s by default", ss_filter_kind_name(k), ss_fate_name(fate));
	else
		REASON(f, r, rsz, "%s %s", ss_filter_op_name(op),
			 ss_filter_kind_name(ss_filter_class_kind_any(k)));
}

static int is_relation(enum sqlp_objkind k)
{
	return k == SQLP_O_TABLE || k == SQLP_O_VIEW || k == SQLP_O_MATVIEW || k == SQLP_O_SEQUENCE ||
	       k == SQLP_O_FOREIGN_TABLE;
}

/*
 * Indexes and constraints are not remembered when deferred: whatever names
 * one (a comment, CLUSTER ON, ALTER INDEX, CHECK CONSTRAINT) is deferred
 * too when there is a post-sync part, which is always safe (the post-sync
 * part runs after everything), and keeps the map to the few objects that
 * are stripped or excluded.
 */
static int inferred_defer(enum sqlp_objkind k)
{
	return k == SQLP_O_INDEX || k == SQLP_O_FULLTEXT_INDEX || k == SQLP_O_CONSTRAINT;
}

static int follow(struct ss_filter *f, struct ss_decision *d, const struct sqlp_buf *key);

/* follow() for the table a statement belongs to, remembering the last one asked. */
static void follow_table(struct ss_filter *f, struct ss_decision *d, const char *table)
{
	const struct ss_fmap_ent *e;

	if (!f->objs.used)
		return;
	if (f->memo_valid && !strcmp(f->memo_table, table)) {
		e = f->memo_ent;
	} else {
		size_t n = strlen(table);
		unsigned h;

		if (ss_filter_rel_key_hash(f, table, &h) && !ss_fmap_has_hash(&f->objs, h)) {
			e = NULL;	/* most tables: nothing remembered */
		} else {
			sqlp_buf_reset(&f->key);
			sqlp_buf_addch(&f->key, 'R');
			ss_filter_rel_key(f, &f->key, table, NULL);
			e = ss_fmap_get(&f->objs, f->key.data, f->key.len);
		}
		f->memo_valid = n < sizeof(f->memo_table);
		if (f->memo_valid) {
			memcpy(f->memo_table, table, n + 1);
			f->memo_ent = e;
		}
	}
	if (e && e->fate > d->fate) {
		d->fate = (enum ss_fate)e->fate;
		REASON(f, d->reason, sizeof(d->reason), "follows %s %s (%s)",
		       ss_filter_kind_name(e->kind), e->val ? e->val : "",
		       ss_fate_name((enum ss_fate)e->fate));
	}
}

/* Raise d's fate to that of the remembered object under key, saying so; 1 if found. */
static int follow(struct ss_filter *f, struct ss_decision *d, const struct sqlp_buf *key)
{
	struct ss_fmap_ent *e = f->objs.used ? ss_fmap_get(&f->objs, key->data, key->len) : NULL;

	if (!e)
		return 0;
	if (e->fate <= d->fate)
		return 1;
	d->fate = (enum ss_fate)e->fate;
	REASON(f, d->reason, sizeof(d->reason), "follows %s %s (%s)", ss_filter_kind_name(e->kind),
		 e->val ? e->val : "", ss_fate_name((enum ss_fate)e->fate));
	return 1;
}

/*
 * The object a T-SQL extended property describes, as the filter's report
 * names it (sqlparse names it too, without the brackets):
 * level0 SCHEMA s, level1 TABLE|VIEW|PROCEDURE|FUNCTION t, level2
 * COLUMN|INDEX|CONSTRAINT|TRIGGER c; or a database-level TRIGGER.
 */
static void xprop_target(struct ss_filter *f, const struct sqlp_item *it, struct ss_target *tg)
{
	struct sqlp_buf *v = f->xv;
	unsigned have;

	if (!ss_filter_xprop(it->text, it->len, v, &have))
		return;
	for (int i = 0; i < 8; i++)
		ss_buf_check(&v[i]);
	sqlp_buf_reset(&f->xobj);
	sqlp_buf_reset(&f->xtbl);
#define XHAS(i) (have & (1u << (i)))
#define XIS(i, w) (XHAS(i) && !strcasecmp(v[i].data, (w)))
	if (XIS(2, "trigger") && XHAS(3)) {
		tg->objkind = SQLP_O_EVENT_TRIGGER;
		ss_filter_quote_name(f, &f->xobj, v[3].data, v[3].len);
	} else if (XIS(2, "schema") && XHAS(3) && XHAS(4) && XHAS(5)) {
		struct sqlp_buf *rel = XHAS(6) && XHAS(7) ? &f->xtbl : &f->xobj;

		ss_filter_quote_name(f, rel, v[3].data, v[3].len);
		sqlp_buf_addch(rel, '.');
		ss_filter_quote_name(f, rel, v[5].data, v[5].len);
		if (XIS(4, "view"))
			tg->objkind = SQLP_O_VIEW;
		else if (XIS(4, "procedure"))
			tg->objkind = SQLP_O_PROCEDURE;
		else if (XIS(4, "function"))
			tg->objkind = SQLP_O_FUNCTION;
		else
			tg->objkind = SQLP_O_TABLE;
		if (rel == &f->xtbl) {
			if (XIS(6, "index"))
				tg->objkind = SQLP_O_INDEX;
			else if (XIS(6, "constraint"))
				tg->objkind = SQLP_O_CONSTRAINT;
			else if (XIS(6, "trigger"))
				tg->objkind = SQLP_O_TRIGGER;
			else
				tg->objkind = SQLP_O_COLUMN;
			ss_filter_quote_name(f, &f->xobj, v[7].data, v[7].len);
		}
	} else if (XIS(2, "schema") && XHAS(3)) {
		tg->objkind = SQLP_O_SCHEMA;
		ss_filter_quote_name(f, &f->xobj, v[3].data, v[3].len);
	}
#undef XIS
#undef XHAS
	ss_buf_check(&f->xobj);
	ss_buf_check(&f->xtbl);
	tg->object = f->xobj.data;
	tg->table = f->xtbl.data;
}

struct sig_ctx {
	struct ss_filter *f;
	struct ss_decision *d;
};

static int sig_name(void *ctx, const char *name, size_t n)
{
	struct sig_ctx *sc = ctx;
	struct ss_filter *f = sc->f;
	struct ss_fmap_ent *e;

	ss_filter_raw_rel_key(f, &f->key2, name, n);
	e = ss_fmap_get(&f->objs, f->key2.data, f->key2.len);
	if (!e || e->fate < SS_FATE_STRIP || e->fate <= sc->d->fate ||
	    (e->kind != SQLP_C_VIEW && e->kind != SQLP_C_MATVIEW))
		return 0;
	sc->d->fate = (enum ss_fate)e->fate;
	REASON(f, sc->d->reason, sizeof(sc->d->reason), "uses the row type of %s %s (%s)",
		 ss_filter_kind_name(e->kind), e->val ? e->val : "", ss_fate_name(sc->d->fate));
	return 1;
}

/*
 * A kept foreign key that references a table the selection leaves out
 * stays (as pg-schema-diff does) but is said in the report and counted:
 * the post-sync part will fail on it unless that table exists.
 */
static void dangling_fk(struct ss_filter *f, const char *text, size_t len, struct ss_decision *d)
{
	char *ref;

	sqlp_buf_reset(&f->scratch);
	if (!ss_filter_references(f->dialect, text, len, &f->scratch))
		return;
	ref = ss_xstrdup(f->scratch.data);
	if (f->dialect == SQLP_POSTGRES)
		for (char *p = ref, q = 0; *p; p++) {	/* fold as sqlparse does */
			if (*p == '"')
				q = !q;
			else if (!q && *p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		}
	if (!ss_filter_rel_selected(f, ref)) {
		size_t rl = strlen(d->reason);

		f->st.dangling++;
		REASON(f, d->reason + rl, sizeof(d->reason) - rl,
		       "; references %s, which is not selected", ref);
	}
	free(ref);
}

/*
 * A client command that runs another file: psql's \i, \ir, \include;
 * mysql's source, \.; sqlcmd's :r (any case, as sqlcmd reads it).
 */
static int runs_file(const struct sqlp_item *it)
{
	static const char *const psql[] = { "\\i", "\\ir", "\\include", "\\include_relative", NULL };
	static const char *const client[] = { "source", "\\.", ":r", NULL };

	for (const char *const *w = it->cls == SQLP_C_PSQL_META ? psql : client; *w; w++)
		if (starts_word(it->text, it->len, *w))
			return 1;
	return 0;
}

static void decide_client(struct ss_filter *f, const struct sqlp_item *it, struct ss_decision *d)
{
	enum ss_kind_op op = (enum ss_kind_op)f->cfg.op[d->kind];

	d->every = 1;
	d->fate = op == SS_OP_STRIP ? SS_FATE_STRIP : SS_FATE_KEEP;
	if (runs_file(it)) {
		/* another file's statements: run once, not in every file */
		d->every = 0;
		if (d->fate == SS_FATE_KEEP)
			REASON(f, d->reason, sizeof(d->reason),
			       "%s: runs another file: kept once, where it stands",
			       ss_filter_kind_name(d->kind));
		else
			kind_reason(f, d->kind, d->fate, d->reason, sizeof(d->reason));
		return;
	}
	if (it->cls == SQLP_C_PSQL_META) {
		if (starts_word(it->text, it->len, "\\restrict") ||
		    starts_word(it->text, it->len, "\\unrestrict")) {
			d->act = it->text[1] == 'r' ? SS_ACT_RESTRICT : SS_ACT_UNRESTRICT;
			REASON(f, d->reason, sizeof(d->reason),
				 "psql-meta: regenerated with a new key in every file");
			return;
		}
		if (starts_word(it->text, it->len, "\\connect") || starts_word(it->text, it->len, "\\c")) {
			d->every = 0;
			d->fate = ss_filter_kind_fate(&f->cfg, SQLP_C_DATABASE);
			if (d->fate == SS_FATE_STRIP)
				REASON(f, d->reason, sizeof(d->reason),
					 "database: the connection names the database");
			else
				kind_reason(f, SQLP_C_DATABASE, d->fate, d->reason, sizeof(d->reason));
			return;
		}
	} else if (it->dialect == SQLP_MYSQL) {
		if (starts_word(it->text, it->len, "delimiter")) {
			d->act = SS_ACT_HIDDEN;
			d->fate = SS_FATE_KEEP;
			REASON(f, d->reason, sizeof(d->reason),
				 "client: DELIMITER regenerated where a statement needs it");
			return;
		}
		if ((it->len >= 11 && !memcmp(it->text, "/*!999999\\-", 11)) ||
		    (it->len >= 12 && !memcmp(it->text, "/*M!999999\\-", 12))) {
			d->every = 0;
			d->fate = SS_FATE_STRIP;
			REASON(f, d->reason, sizeof(d->reason),
				 "client: mariadb-dump sandbox line (other clients refuse it)");
			return;
		}
		if (starts_word(it->text, it->len, "use") || starts_word(it->text, it->len, "\\u")) {
			d->every = 0;
			d->fate = ss_filter_kind_fate(&f->cfg, SQLP_C_DATABASE);
			kind_reason(f, SQLP_C_DATABASE, d->fate, d->reason, sizeof(d->reason));
			return;
		}
	}
	if (d->fate == SS_FATE_STRIP)
		kind_reason(f, d->kind, d->fate, d->reason, sizeof(d->reason));
	else
		REASON(f, d->reason, sizeof(d->reason), "%s: copied to every file",
			 ss_filter_kind_name(d->kind));
}

void ss_filter_decide(struct ss_filter *f, const struct sqlp_item *it, struct ss_decision *d)
{
	struct ss_target tg;

	SS_DECISION_CLEAR(d);
	d->kind = item_kind(f, it);
	if (it->cls == SQLP_C_CLIENT || it->cls == SQLP_C_PSQL_META) {
		decide_client(f, it, d);
		return;
	}
	if (f->kevery[d->kind]) {
		d->every = 1;
		d->fate = f->cfg.op[d->kind] == SS_OP_STRIP ? SS_FATE_STRIP : SS_FATE_KEEP;
		if (d->fate == SS_FATE_STRIP)
			kind_reason(f, d->kind, d->fate, d->reason, sizeof(d->reason));
		else
			REASON(f, d->reason, sizeof(d->reason), "%s: copied to every file",
				 ss_filter_kind_name(d->kind));
		return;
	}
	d->fate = (enum ss_fate)f->kfate[d->kind];
	kind_reason(f, d->kind, d->fate, d->reason, sizeof(d->reason));
	if (d->fate == SS_FATE_KEEP && f->cfg.post_sync && (it->flags & SQLP_F_NOT_VALID) &&
	    f->cfg.op[f->kgov[d->kind]] != SS_OP_PRE) {
		d->fate = SS_FATE_DEFER;
		REASON(f, d->reason, sizeof(d->reason), "%s NOT VALID: checks rows from then on",
			 ss_filter_kind_name(d->kind));
	}
	if (it->cls == SQLP_C_DROP) {
		int dk = dropped_kind(it->objkind);

		if (dk >= 0) {
			enum ss_fate df = (enum ss_fate)f->kfate[dk];

			if (df > d->fate) {
				d->fate = df;
				REASON(f, d->reason, sizeof(d->reason), "drops a %s: %s",
					 ss_filter_kind_name(dk), ss_fate_name(df));
			}
		}
	}
	/* what the statement belongs to */
	tg.cls = it->cls;
	tg.objkind = it->objkind;
	tg.object = it->object;
	tg.table = it->table;
	if (it->cls == SQLP_C_COMMENT && it->dialect == SQLP_TSQL) {
		/* the filter's own reading, for its quoted names in the report */
		xprop_target(f, it, &tg);
		d->object = tg.object;
		d->table = tg.table;
	}
	if (*tg.table && strcmp(tg.table, tg.object))
		follow_table(f, d, tg.table);
	if (is_defining(it->cls) || !*tg.object) {
		/* nothing named but itself */
	} else if (is_relation(tg.objkind)) {
		follow_table(f, d, tg.object);	/* ALTER TABLE t, COMMENT ON TABLE t, GRANT ON t ... */
	} else if (ss_filter_obj_key(f, &f->key, tg.objkind, tg.object, tg.table) &&
		   !follow(f, d, &f->key) && f->cfg.post_sync && inferred_defer(tg.objkind) &&
		   d->fate == SS_FATE_KEEP) {
		d->fate = SS_FATE_DEFER;
		REASON(f, d->reason, sizeof(d->reason), "names %s %s: deferred with the %s",
		       tg.objkind == SQLP_O_CONSTRAINT ? "constraint" : "index", tg.object,
		       tg.objkind == SQLP_O_CONSTRAINT ? "constraints" : "indexes");
	}
	if (it->cls == SQLP_C_INDEX_ATTACH) {
		/* the partition's index too: it may belong to an excluded partition */
		sqlp_buf_reset(&f->scratch);
		if (ss_filter_attached(it->dialect, it->text, it->len, &f->scratch)) {
			char *nm = ss_xstrdup(f->scratch.data);

			if (ss_filter_obj_key(f, &f->key, SQLP_O_INDEX, nm, ""))
				follow(f, d, &f->key);
			free(nm);
		}
	}
	if (f->stripped_rels && d->fate < SS_FATE_STRIP && it->dialect == SQLP_POSTGRES &&
	    (it->cls == SQLP_C_FUNCTION || it->cls == SQLP_C_PROCEDURE) &&
	    starts_word(it->text, it->len, "create")) {
		/* a function that takes or returns a stripped view's row type cannot be created */
		struct sig_ctx sc = { f, d };

		ss_filter_signature_names(it->dialect, it->text, it->len, sig_name, &sc);
	}
	if (f->have_selection) {
		char r[sizeof(d->reason)];

		if (ss_filter_excluded(f, &tg, r, sizeof(r))) {
			d->fate = SS_FATE_EXCLUDE;
			memcpy(d->reason, r, sizeof(r));
		} else if (it->cls == SQLP_C_FOREIGN_KEY && d->fate < SS_FATE_STRIP) {
			dangling_fk(f, it->text, it->len, d);
		}
	}
	if (f->nvlist && d->fate == SS_FATE_STRIP &&
	    (it->cls == SQLP_C_VIEW || it->cls == SQLP_C_MATVIEW))
		ss_filter_view_later(f, it, d);
}

/* Remember a defined object whose dependents must follow it. */
static void remember(struct ss_filter *f, const struct sqlp_item *it, const struct ss_decision *d)
{
	struct ss_fmap_ent *e;
	const char *name;

	if (d->fate == SS_FATE_STRIP && (it->cls == SQLP_C_VIEW || it->cls == SQLP_C_MATVIEW))
		ss_filter_view_stripped(f, it, d);
	if (d->fate == SS_FATE_KEEP || !is_defining(it->cls) ||
	    (d->fate == SS_FATE_DEFER && inferred_defer(it->objkind)) ||
	    !ss_filter_obj_key(f, &f->key, it->objkind, it->object, it->table))
		return;
	e = ss_filter_objs_put(f, f->key.data, f->key.len);
	if (e->val && e->fate >= d->fate)
		return;
	e->fate = (unsigned char)d->fate;
	e->kind = (short)d->kind;
	e->val = name = ss_fmap_strdup(&f->objs, it->object, strlen(it->object));
	/* the next put may grow the map and move e: only name (in the arena) stays */
	if (it->dialect == SQLP_POSTGRES && *it->object && d->fate >= SS_FATE_STRIP &&
	    (it->cls == SQLP_C_PRIMARY_KEY || it->cls == SQLP_C_UNIQUE || it->cls == SQLP_C_EXCLUSION) &&
	    ss_filter_obj_key(f, &f->key, SQLP_O_INDEX, it->object, it->table)) {
		/* the constraint's index has its name: ALTER INDEX ... ATTACH names it */
		struct ss_fmap_ent *ie = ss_filter_objs_put(f, f->key.data, f->key.len);

		if (!ie->val || ie->fate < d->fate) {
			ie->fate = (unsigned char)d->fate;
			ie->kind = (short)d->kind;
			ie->val = name;
		}
	}
	if (d->fate >= SS_FATE_STRIP && (d->kind == SQLP_C_VIEW || d->kind == SQLP_C_MATVIEW))
		f->stripped_rels++;
}

/* --- writing ------------------------------------------------------------------ */

static unsigned dest_of(const struct ss_filter *f, const struct ss_decision *d)
{
	if (d->fate == SS_FATE_STRIP || d->fate == SS_FATE_EXCLUDE)
		return 0;
	if (d->every)
		return f->em.nout == 2 ? 3u : 1u;
	if (d->fate == SS_FATE_DEFER)
		return f->em.nout == 2 ? 2u : 1u;
	return 1u;
}

/* Hand the report text to its sink; a failure is kept for ss_filter_finish. */
static void flush_report(struct ss_filter *f)
{
	ss_buf_check(&f->rep);
	if (f->rep.len && !ss_err_isset(&f->rep_err))
		f->cfg.report->write(f->cfg.report->ctx, f->rep.data, f->rep.len, &f->rep_err);
	sqlp_buf_reset(&f->rep);
}

void ss_filter_report_line(struct ss_filter *f, const struct sqlp_item *it,
			   const struct ss_decision *d)
{
	struct ss_report_line l;

	if (!f->report_open) {
		ss_report_begin(&f->rep, f->cfg.report_json);
		f->report_open = 1;
	}
	l.file = f->name ? f->name : "-";
	l.line = it->line;
	l.col = it->col;
	l.cls = sqlp_class_name(it->cls);
	l.kind = ss_filter_kind_name(d->kind);
	l.object = d->object ? d->object : it->object;
	l.table = d->table ? d->table : it->table;
	l.fate = d->fate;
	l.every = d->every;
	l.reason = d->reason;
	if (it->cls == SQLP_C_PSQL_META || it->cls == SQLP_C_CLIENT) {
		/* name the command, as --list does */
		size_t n = 0;

		while (n < it->len && n < 40 && it->text[n] != ' ' && it->text[n] != '\t' &&
		       it->text[n] != '\r' && it->text[n] != '\n')
			n++;
		sqlp_buf_reset(&f->scratch);
		sqlp_buf_add(&f->scratch, it->text, n);
		ss_buf_check(&f->scratch);
		l.object = f->scratch.data;
		l.table = "";
	}
	ss_report_line(&f->rep, f->cfg.report_json, &f->nreported, &l);
	if (f->rep.len >= 65536)
		flush_report(f);
}

static int handle(struct ss_filter *f, const struct sqlp_item *it, const struct ss_decision *forced,
		  struct ss_err *err)
{
	struct ss_decision d;
	unsigned dest;
	int rewritten = 0;

	if (forced)
		d = *forced;
	else
		ss_filter_decide(f, it, &d);
	remember(f, it, &d);

	switch (d.act) {
	case SS_ACT_HIDDEN:
		sqlp_buf_add(&f->prefix, it->lead, it->lead_len);
		ss_buf_check(&f->prefix);
		ss_filter_report(f, it, &d);
		f->st.by_kind[d.kind][d.fate]++;
		return 0;
	case SS_ACT_RESTRICT:
	case SS_ACT_UNRESTRICT:
		if (d.fate == SS_FATE_KEEP)
			for (int o = 0; o < f->em.nout; o++)
				if (ss_emit_restrict(&f->em, o, it, d.act == SS_ACT_RESTRICT, f->prefix.data,
						     f->prefix.len, err))
					return -1;
		sqlp_buf_reset(&f->prefix);
		ss_filter_report(f, it, &d);
		f->st.by_kind[d.kind][d.fate]++;
		return 0;
	case SS_ACT_WRITE:
		break;
	}

	if (it->flags & SQLP_F_MULTI_ACTION) {
		int r = ss_filter_split_alter(f, it, &d, err);

		if (r)
			return r < 0 ? -1 : 0;
	}
	if (it->cls == SQLP_C_TABLE && (d.fate == SS_FATE_KEEP || d.fate == SS_FATE_DEFER))
		rewritten = ss_filter_rewrite_table(f, it, &d);
	if (f->nvlist && ss_filter_may_need_views(it->cls) && ss_filter_views_needed(f, it, &d, err))
		return -1;
	dest = dest_of(f, &d);
	if (f->send_dest != SEND_NONE && dest && ss_psql_sends(it)) {
		/* with the statement it sends, or, like that statement, left out */
		unsigned sent = f->send_dest;

		f->send_dest = SEND_NONE;
		if (!sent) {
			d.fate = SS_FATE_STRIP;
			REASON(f, d.reason, sizeof(d.reason),
			       "psql-meta: sends the statement before it, which was left out");
			sqlp_buf_add(&f->prefix, it->lead, it->lead_len);
			ss_buf_check(&f->prefix);
			ss_filter_report(f, it, &d);
			f->st.by_kind[d.kind][d.fate]++;
			return 0;
		}
		dest = sent;
		REASON(f, d.reason, sizeof(d.reason),
		       "psql-meta: sends the statement before it, so goes where it went");
	}
	f->send_dest = it->dialect == SQLP_POSTGRES && !it->term_len &&
		       !(it->flags & SQLP_F_UNTERMINATED) && it->cls != SQLP_C_PSQL_META ?
		       dest : SEND_NONE;
	if (f->first_item) {
		/* the comment block that opens a file stays, whatever its first statement */
		f->first_item = 0;
		for (int o = 0; o < f->em.nout; o++)
			if (!(dest & (1u << o)) &&
			    ss_emit_raw(&f->em, o, it->lead, it->lead_len, err))
				return -1;
	}
	for (int o = 0; o < f->em.nout; o++) {
		if (dest & (1u << o)) {
			if (ss_emit_item(&f->em, o, it, f->prefix.data, f->prefix.len,
					 rewritten ? f->text.data : NULL, rewritten ? f->text.len : 0,
					 err))
				return -1;
		} else if (it->dialect == SQLP_TSQL && (it->flags & SQLP_F_BATCH_END) &&
			   ss_emit_batch_end(&f->em, o, it->batch, it->repeat, err)) {
			return -1;
		}
	}
	if (f->prefix.len)
		sqlp_buf_reset(&f->prefix);
	if (rewritten && f->alter.len) {
		struct sqlp_item syn = *it;
		int o = f->em.nout == 2 ? SS_OUT_POST : SS_OUT_PRE;
		char lead[256];

		snprintf(lead, sizeof(lead), "%s%s-- ssync filter: from CREATE TABLE %s (%s:%u)%s",
			 f->em.eol, f->em.eol, it->object, f->name ? f->name : "-", it->line,
			 f->em.eol);
		syn.lead = lead;
		syn.lead_len = strlen(lead);
		if (it->dialect == SQLP_TSQL && it->term_len >= 2 &&
		    !strncasecmp(it->term, "go", 2))
			sqlp_buf_addch(&f->alter, ';');
		syn.text = f->alter.data;
		syn.len = f->alter.len;
		if (it->term_len == 0 && it->dialect != SQLP_TSQL) {
			syn.term = ";";
			syn.term_len = 1;
		}
		if (ss_emit_item(&f->em, o, &syn, NULL, 0, NULL, 0, err))
			return -1;
	}
	if (it->cls == SQLP_C_COPY)
		f->copy_dest = (it->flags & SQLP_F_COPY_STDIN) ? dest : 0;
	ss_filter_report(f, it, &d);
	f->st.by_kind[d.kind][d.fate]++;
	return 0;
}

/* COPY data goes where its COPY went. */
static int handle_copy_data(struct ss_filter *f, const struct sqlp_item *it, struct ss_err *err)
{
	for (int o = 0; o < f->em.nout; o++)
		if ((f->copy_dest & (1u << o)) &&
		    ss_emit_item(&f->em, o, it, NULL, 0, NULL, 0, err))
			return -1;
	if (!(it->flags & SQLP_F_CONT)) {
		struct ss_decision d;

		SS_DECISION_CLEAR(&d);
		d.kind = SQLP_C_COPY;
		d.fate = f->copy_dest ? SS_FATE_KEEP : SS_FATE_STRIP;
		if (f->copy_dest & 2u)
			d.fate = SS_FATE_DEFER;
		REASON(f, d.reason, sizeof(d.reason), "copy-data: goes with its COPY");
		ss_filter_report(f, it, &d);
	}
	return 0;
}

/* --- the look-ahead for mysqldump's DROP TABLE before a view stand-in ---------- */

static int wants_hold(const struct sqlp_item *it)
{
	return it->dialect == SQLP_MYSQL && it->cls == SQLP_C_DROP && it->objkind == SQLP_O_TABLE &&
	       *it->object;
}

static int passes_hold(const struct sqlp_item *it)
{
	switch (it->cls) {
	case SQLP_C_SESSION:
	case SQLP_C_TRANSACTION:
	case SQLP_C_CLIENT:
	case SQLP_C_DROP:
		return 1;
	default:
		return 0;
	}
}

static void hold_item(struct ss_filter *f, const struct sqlp_item *it)
{
	struct ss_held *h = &f->hold[f->nhold++];
	size_t ol = strlen(it->object) + 1, tl = strlen(it->table) + 1;
	char *p;

	h->it = *it;
	h->blob = p = ss_xmalloc(it->lead_len + it->len + it->term_len + ol + tl);
	memcpy(p, it->lead, it->lead_len);
	h->it.lead = p;
	p += it->lead_len;
	memcpy(p, it->text, it->len);
	h->it.text = p;
	p += it->len;
	memcpy(p, it->term, it->term_len);
	h->it.term = p;
	p += it->term_len;
	memcpy(p, it->object, ol);
	h->it.object = p;
	p += ol;
	memcpy(p, it->table, tl);
	h->it.table = p;
}

/* Write out what is held; next (may be NULL) is the statement that came after. */
static int release_hold(struct ss_filter *f, const struct sqlp_item *next, struct ss_err *err)
{
	struct ss_decision nd;
	int rc = 0;

	if (next)
		ss_filter_decide(f, next, &nd);
	for (size_t i = 0; i < f->nhold; i++) {
		struct ss_held *h = &f->hold[i];
		struct ss_decision d;

		if (!rc) {
			ss_filter_decide(f, &h->it, &d);
			if (next && wants_hold(&h->it) && *next->object &&
			    (next->cls == SQLP_C_VIEW || next->cls == SQLP_C_VIEW_STANDIN ||
			     next->cls == SQLP_C_TABLE) &&
			    nd.fate > d.fate) {
				sqlp_buf_reset(&f->key);
				ss_filter_rel_key(f, &f->key, h->it.object, NULL);
				sqlp_buf_reset(&f->key2);
				ss_filter_rel_key(f, &f->key2, next->object, NULL);
				/* rel_key reuses f->nm: compare the finished keys */
				if (f->key.len == f->key2.len &&
				    !memcmp(f->key.data, f->key2.data, f->key.len)) {
					d.fate = nd.fate;
					/* a stand-in is the view to the reader */
					snprintf(d.reason, sizeof(d.reason), "follows the %s %s after it (%s)",
						 sqlp_class_name(next->cls == SQLP_C_VIEW_STANDIN
									 ? SQLP_C_VIEW
									 : next->cls),
						 next->object,
						 ss_fate_name(nd.fate));
				}
			}
			rc = handle(f, &h->it, &d, err);
		}
		free(h->blob);
	}
	f->nhold = 0;
	return rc;
}

static int process(struct ss_filter *f, const struct sqlp_item *it, struct ss_err *err)
{
	if (f->learning) {
		ss_filter_learn(f, it);
		return 0;
	}
	if (!(it->flags & SQLP_F_CONT))
		f->st.items++;
	if (!f->em.eol_known) {
		ss_emit_learn_eol(&f->em, it->lead, it->lead_len);
		ss_emit_learn_eol(&f->em, it->text, it->len);
	}
	if (it->dialect == SQLP_MYSQL || f->table_patterns)
		ss_filter_learn(f, it);	/* USE, and the owners of sequences and partitions */
	if (it->cls == SQLP_C_COPY_DATA)
		return handle_copy_data(f, it, err);
	if (it->flags & SQLP_F_EMBEDDED) {
		/* a client line inside a statement: it runs before the statement */
		struct ss_decision d;

		ss_filter_decide(f, it, &d);
		if (d.fate == SS_FATE_KEEP && d.act == SS_ACT_WRITE) {
			if (f->embed_mark == SIZE_MAX)
				f->embed_mark = f->prefix.len;
			/* on a line of its own, whatever was written before it */
			if (f->prefix.len == 0 || f->prefix.data[f->prefix.len - 1] != '\n')
				sqlp_buf_addstr(&f->prefix, f->em.eol);
			sqlp_buf_add(&f->prefix, it->text, it->len);
			sqlp_buf_addstr(&f->prefix, f->em.eol);
			ss_buf_check(&f->prefix);
		}
		ss_filter_report(f, it, &d);
		return 0;
	}
	if (f->embed_mark != SIZE_MAX) {
		/* \r or \reset dropped the statement: its lead, written with this
		   item, holds the statement's client lines already */
		if (it->cls == SQLP_C_PSQL_META && (starts_word(it->text, it->len, "\\r") ||
						    starts_word(it->text, it->len, "\\reset")))
			sqlp_buf_truncate(&f->prefix, f->embed_mark);
		f->embed_mark = SIZE_MAX;
	}
	if (f->nhold) {
		if (passes_hold(it) && f->nhold < HOLD_MAX) {
			hold_item(f, it);
			return 0;
		}
		if (release_hold(f, passes_hold(it) ? NULL : it, err))
			return -1;
	}
	if (wants_hold(it)) {
		hold_item(f, it);
		return 0;
	}
	return handle(f, it, NULL, err);
}

/* --- the public calls ------------------------------------------------------- */

struct ss_filter *ss_filter_new(const struct ss_filter_config *cfg,
				const struct ss_filter_sink *pre,
				const struct ss_filter_sink *post)
{
	struct ss_filter *f = ss_xcalloc(1, sizeof(*f));

	f->cfg = *cfg;
	if (!post)
		f->cfg.post_sync = 0;
	for (int k = 0; k < SS_FK_COUNT; k++) {
		f->kfate[k] = (unsigned char)ss_filter_kind_fate(&f->cfg, k);
		f->kevery[k] = (unsigned char)ss_filter_kind_every(k);
		f->kgov[k] = (unsigned char)ss_filter_class_kind_any(k);
	}
	f->have_selection = ss_filter_have_selection(f);
	f->table_patterns = ss_filter_have_table_patterns(f);
	ss_emit_init(&f->em, pre, f->cfg.post_sync ? post : NULL);
	ss_fmap_init(&f->objs);
	ss_fmap_init(&f->facts);
	ss_fmap_init(&f->selcache);
	ss_name_init(&f->nm);
	sqlp_buf_init(&f->key);
	sqlp_buf_init(&f->key2);
	sqlp_buf_init(&f->prefix);
	f->embed_mark = SIZE_MAX;
	f->send_dest = SEND_NONE;
	sqlp_buf_init(&f->text);
	sqlp_buf_init(&f->alter);
	sqlp_buf_init(&f->scratch);
	sqlp_buf_init(&f->note);
	sqlp_buf_init(&f->rep);
	sqlp_buf_init(&f->tail);
	ss_err_init(&f->rep_err);
	for (int i = 0; i < 8; i++)
		sqlp_buf_init(&f->xv[i]);
	sqlp_buf_init(&f->xobj);
	sqlp_buf_init(&f->xtbl);
	f->dialect = cfg->dialect;
	return f;
}

void ss_filter_free(struct ss_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nhold; i++)
		free(f->hold[i].blob);
	if (f->lx)
		sqlp_lexer_free(f->lx);
	free(f->name);
	free(f->curdb);
	free(f->elems);
	free(f->ccs);
	ss_fmap_release(&f->objs);
	ss_fmap_release(&f->facts);
	ss_fmap_release(&f->selcache);
	ss_filter_views_free(f);
	ss_name_release(&f->nm);
	sqlp_buf_release(&f->key);
	sqlp_buf_release(&f->key2);
	sqlp_buf_release(&f->prefix);
	sqlp_buf_release(&f->text);
	sqlp_buf_release(&f->alter);
	sqlp_buf_release(&f->scratch);
	sqlp_buf_release(&f->note);
	sqlp_buf_release(&f->rep);
	sqlp_buf_release(&f->tail);
	ss_err_release(&f->rep_err);
	for (int i = 0; i < 8; i++)
		sqlp_buf_release(&f->xv[i]);
	sqlp_buf_release(&f->xobj);
	sqlp_buf_release(&f->xtbl);
	free(f);
}

int ss_filter_wants_facts(const struct ss_filter *f)
{
	return ss_filter_have_table_patterns(f);
}

int ss_filter_learn_begin(struct ss_filter *f, struct ss_err *err)
{
	(void)err;
	f->learning = 1;
	return 0;
}

int ss_filter_learn_end(struct ss_filter *f, struct ss_err *err)
{
	(void)err;
	f->learning = 0;
	free(f->curdb);
	f->curdb = NULL;
	return 0;
}

enum sqlp_dialect ss_filter_dialect(const struct ss_filter *f)
{
	return f->dialect;
}

int ss_filter_begin_input(struct ss_filter *f, const char *name, struct ss_err *err)
{
	struct sqlp_options opts = { f->cfg.dialect, 0, f->cfg.max_stmt };

	free(f->name);
	f->name = ss_xstrdup(name);
	if (f->lx)
		sqlp_lexer_free(f->lx);
	f->lx = sqlp_lexer_new(&opts);
	if (!f->lx)
		return ss_err_set(err, SS_ERR_INTERNAL, "out of memory");
	if (f->cfg.dialect != SQLP_AUTO)
		f->dialect = f->cfg.dialect;
	f->first_item = 1;
	f->first_bytes = 1;
	f->memo_valid = 0;
	sqlp_buf_reset(&f->tail);
	f->fed = f->tail_start = f->last_end = 0;
	f->skip = -1;
	f->no_tail = f->learning;
	return 0;
}

/*
 * How the input starts, as sqlparse sniffs it: the bytes of a UTF-8
 * byte-order mark (its offsets start after them), or UTF-16 (its offsets
 * are of the decoded text: no tail is kept).
 */
static void tail_sniff(struct ss_filter *f)
{
	const unsigned char *b = (const unsigned char *)f->tail.data;
	size_t n = f->tail.len < 4 ? f->tail.len : 4;

	f->skip = 0;
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		f->skip = 3;
	else if ((n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) ||
		 (n >= 4 && b[0] && b[0] < 0x80 && !b[1] && b[2] && b[2] < 0x80 && !b[3]) ||
		 (n >= 4 && !b[0] && b[1] && b[1] < 0x80 && !b[2] && b[3] && b[3] < 0x80))
		f->no_tail = 1;
	if (f->no_tail)
		sqlp_buf_reset(&f->tail);
}

/*
 * Keep [end of the last item, end of what was fed), the chunk just fed
 * included (in the tail already when appended is set).
 */
static void keep_tail(struct ss_filter *f, const char *data, size_t len, int appended)
{
	unsigned long long chunk_start = f->fed - len, from;

	if (f->no_tail)
		return;
	from = f->skip > 0 ? f->last_end + (unsigned)f->skip : f->last_end;
	if (from >= chunk_start && !appended) {
		sqlp_buf_reset(&f->tail);
		sqlp_buf_add(&f->tail, data + (from - chunk_start), len - (size_t)(from - chunk_start));
	} else {
		size_t drop = (size_t)(from - f->tail_start);

		if (drop > f->tail.len)
			drop = f->tail.len;
		if (drop) {
			memmove(f->tail.data, f->tail.data + drop, f->tail.len - drop);
			f->tail.len -= drop;
		}
		if (!appended)
			sqlp_buf_add(&f->tail, data, len);
	}
	f->tail_start = from;
	ss_buf_check(&f->tail);
}

/* After the last item of an input: what sqlparse kept back, to every output. */
static int write_tail(struct ss_filter *f, struct ss_err *err)
{
	size_t off = 0;

	if (f->skip < 0)
		tail_sniff(f);
	if (!f->no_tail) {
		unsigned long long from = f->last_end + (unsigned)f->skip;

		off = from > f->tail_start ? (size_t)(from - f->tail_start) : 0;
		if (off > f->tail.len)
			off = f->tail.len;
	}
	for (int o = 0; o < f->em.nout; o++)
		if (ss_emit_tail(&f->em, o, f->dialect, f->prefix.data, f->prefix.len, err) ||
		    (!f->no_tail &&
		     ss_emit_tail(&f->em, o, f->dialect, f->tail.data + off, f->tail.len - off, err)))
			return -1;
	sqlp_buf_reset(&f->prefix);
	sqlp_buf_reset(&f->tail);
	return 0;
}

static int lexer_fail(struct ss_filter *f, struct ss_err *err)
{
	const struct sqlp_error *e = sqlp_lexer_error(f->lx);

	ss_err_set_at(err, e->code == SQLP_ERR_DIALECT ? SS_ERR_USAGE : SS_ERR_PARSE, f->name,
		      e->line, e->col, "%s", e->msg);
	if (e->code == SQLP_ERR_DIALECT)
		err->exit_status = 1;
	return -1;
}

static int drain(struct ss_filter *f, struct ss_err *err)
{
	struct sqlp_item it;
	int r;

	while ((r = sqlp_lexer_next(f->lx, &it)) == SQLP_ITEM) {
		f->dialect = it.dialect;
		if (f->skip < 0)
			tail_sniff(f);
		f->last_end = it.end;
		if (process(f, &it, err))
			return -1;
	}
	if (r == SQLP_ERROR)
		return lexer_fail(f, err);
	return 0;
}

int ss_filter_feed(struct ss_filter *f, const void *data, size_t len, struct ss_err *err)
{
	int appended = 0;

	if (f->first_bytes && len) {
		const unsigned char *b = data;

		/* UTF-8 or UTF-16 with a BOM: the outputs (UTF-8) get a UTF-8 BOM */
		f->first_bytes = 0;
		if ((len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ||
		    (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))))
			f->bom = !f->learning || f->bom;
	}
	if (!f->learning)
		f->st.bytes_in += len;
	f->fed += len;
	if (sqlp_lexer_feed(f->lx, data, len))
		return lexer_fail(f, err);
	if (f->skip < 0 && !f->no_tail) {
		sqlp_buf_add(&f->tail, data, len);	/* from the start, until the first item */
		appended = 1;
	}
	if (drain(f, err))
		return -1;
	if (f->skip >= 0)
		keep_tail(f, data, len, appended);
	return 0;
}

int ss_filter_end_input(struct ss_filter *f, struct ss_err *err)
{
	sqlp_lexer_finish(f->lx);
	if (drain(f, err))
		return -1;
	if (!f->learning && f->nhold && release_hold(f, NULL, err))
		return -1;
	if (!f->learning && write_tail(f, err))
		return -1;
	return 0;
}

int ss_filter_item(struct ss_filter *f, const struct sqlp_item *it, struct ss_err *err)
{
	f->dialect = it->dialect;
	return process(f, it, err);
}

int ss_filter_finish(struct ss_filter *f, struct ss_err *err)
{
	if (f->finished)
		return 0;
	f->finished = 1;
	if (f->nhold && release_hold(f, NULL, err))
		return -1;
	for (int o = 0; o < f->em.nout; o++)
		if (ss_emit_close(&f->em, o, err))
			return -1;
	for (int o = 0; o < f->em.nout; o++)
		f->st.bytes_out[o] = f->em.out[o].bytes;
	if (f->cfg.report) {
		if (!f->report_open)
			ss_report_begin(&f->rep, f->cfg.report_json);
		f->report_open = 1;
		ss_report_end(&f->rep, f->cfg.report_json, f->nreported, &f->st);
		flush_report(f);
		if (ss_err_isset(&f->rep_err)) {
			ss_err_move(err, &f->rep_err);
			return -1;
		}
	}
	return 0;
}

const struct ss_filter_stats *ss_filter_stats(const struct ss_filter *f)
{
	return &f->st;
}

/* --- the header ------------------------------------------------------------- */

static void counts_line(const struct ss_filter *f, struct sqlp_buf *out, const char *title,
			enum ss_fate fate)
{
	const char *eol = f->em.eol;
	size_t line_start = out->len;
	int any = 0;

	sqlp_buf_addf(out, "-- %s:", title);
	for (int k = 0; k < SS_FK_COUNT; k++) {
		unsigned long n = f->st.by_kind[k][fate];
		char word[96];

		if (!n)
			continue;
		snprintf(word, sizeof(word), " %lu %s", n, ss_filter_kind_name(k));
		if (out->len - line_start + strlen(word) + 1 > 78) {
			sqlp_buf_addf(out, ",%s--  ", eol);
			line_start = out->len - 4;
		} else if (any) {
			sqlp_buf_addch(out, ',');
		}
		sqlp_buf_addstr(out, word);
		any = 1;
	}
	if (!any)
		sqlp_buf_addstr(out, " nothing");
	sqlp_buf_addstr(out, eol);
}

void ss_filter_header(const struct ss_filter *f, enum ss_filter_out which, const char *source,
		      struct sqlp_buf *out)
{
	const char *eol = f->em.eol;
	unsigned long excl = 0;

	for (int k = 0; k < SS_FK_COUNT; k++)
		excl += f->st.by_kind[k][SS_FATE_EXCLUDE];
	if (f->bom)
		sqlp_buf_addstr(out, "\xEF\xBB\xBF");
	if (which == SS_OUT_PRE)
		sqlp_buf_addf(out, "-- ssync filter: the pre-sync part of %s (%s):%s"
			      "-- load it before the data sync%s.%s", source,
			      sqlp_dialect_name(f->dialect), eol,
			      f->cfg.post_sync ? ", and the post-sync part after it" : "", eol);
	else
		sqlp_buf_addf(out, "-- ssync filter: the post-sync part of %s (%s):%s"
			      "-- run it after the data sync.%s", source, sqlp_dialect_name(f->dialect),
			      eol, eol);
	counts_line(f, out, "stripped", SS_FATE_STRIP);
	if (f->cfg.post_sync)
		counts_line(f, out, "deferred to the post-sync part", SS_FATE_DEFER);
	else
		sqlp_buf_addf(out, "-- deferred: nothing (no --post-sync file)%s", eol);
	if (excl)
		sqlp_buf_addf(out, "-- excluded by --include/--exclude: %lu statement%s%s", excl,
			      excl == 1 ? "" : "s", eol);
	sqlp_buf_addstr(out, eol);
	ss_buf_check(out);
}
