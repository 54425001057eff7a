/*
 * classify.c - what a statement is, from its leading tokens.
 *
 * No grammar: the tokenizer of tokens.c (comments skipped, MySQL
 * executable-comment markers transparent, strings and quoted names read
 * whole) and a few dozen rules keyed on the first keywords.  Anything no rule matches is
 * SQLP_C_OTHER.  Besides naming the class, object and owning table, the
 * rules report what the lexer must know for the statements after this
 * one: SET standard_conforming_strings (PostgreSQL string escapes), SET
 * sql_mode (MySQL ANSI_QUOTES / NO_BACKSLASH_ESCAPES), SET
 * QUOTED_IDENTIFIER (T-SQL) and COPY ... FROM stdin (data follows).
 *
 * Must stay in sync with the class list and the name rules in sqlparse.h
 * and with the lexer's quoting rules (lex_*.c).  CREATE TABLE elements
 * (sqlp_table_elements, elements.c) are read with the same rules.
 */
#include <string.h>

#include "classify.h"

/* ------------------------------------------------------------------ */
/* rules */

static enum sqlp_class create_class(enum sqlp_objkind k)
{
	switch (k) {
	case SQLP_O_DATABASE: return SQLP_C_DATABASE;
	case SQLP_O_SCHEMA: return SQLP_C_SCHEMA;
	case SQLP_O_EXTENSION: return SQLP_C_EXTENSION;
	case SQLP_O_TYPE: case SQLP_O_XML_SCHEMA_COLLECTION: return SQLP_C_TYPE;
	case SQLP_O_DOMAIN: return SQLP_C_DOMAIN;
	case SQLP_O_COLLATION: return SQLP_C_COLLATION;
	case SQLP_O_TEXT_SEARCH: return SQLP_C_TEXT_SEARCH;
	case SQLP_O_FDW: case SQLP_O_SERVER: case SQLP_O_USER_MAPPING:
	case SQLP_O_FOREIGN_TABLE: return SQLP_C_FDW;
	case SQLP_O_FUNCTION: case SQLP_O_AGGREGATE: case SQLP_O_OPERATOR: case SQLP_O_CAST:
	case SQLP_O_LANGUAGE: case SQLP_O_TRANSFORM: case SQLP_O_CONVERSION:
		return SQLP_C_FUNCTION;
	case SQLP_O_PROCEDURE: return SQLP_C_PROCEDURE;
	case SQLP_O_SEQUENCE: return SQLP_C_SEQUENCE;
	case SQLP_O_TABLE: return SQLP_C_TABLE;
	case SQLP_O_INDEX: case SQLP_O_FULLTEXT_INDEX: case SQLP_O_FULLTEXT_CATALOG:
		return SQLP_C_INDEX;
	case SQLP_O_VIEW: return SQLP_C_VIEW;
	case SQLP_O_MATVIEW: return SQLP_C_MATVIEW;
	case SQLP_O_TRIGGER: return SQLP_C_TRIGGER;
	case SQLP_O_EVENT_TRIGGER: return SQLP_C_EVENT_TRIGGER;
	case SQLP_O_EVENT: return SQLP_C_EVENT;
	case SQLP_O_RULE: return SQLP_C_RULE;
	case SQLP_O_POLICY: case SQLP_O_SECURITY_POLICY: return SQLP_C_POLICY;
	case SQLP_O_PUBLICATION: return SQLP_C_PUBLICATION;
	case SQLP_O_SUBSCRIPTION: return SQLP_C_SUBSCRIPTION;
	case SQLP_O_ROLE: return SQLP_C_ROLE;
	case SQLP_O_STATISTICS: return SQLP_C_STATISTICS;
	case SQLP_O_SYNONYM: return SQLP_C_SYNONYM;
	case SQLP_O_PARTITION_FUNCTION: case SQLP_O_PARTITION_SCHEME:
		return SQLP_C_PARTITION_SCHEME;
	default: return SQLP_C_OTHER;
	}
}

static void on_table(struct cx *c, int seek_on)
{
	if (seek_on ? !seek(c, "on") : !is(c, "on"))
		return;
	next(c);
	if (accept(c, "only"))
		c->it->flags |= SQLP_F_ONLY;
	parse_name(c, c->tbl);
}

/* MySQL DEFINER = user@host or CURRENT_USER[()]; c is at "=". */
static void skip_definer(struct cx *c)
{
	const char *end;

	if (!is_punct(c, '='))
		return;
	c->it->flags |= SQLP_F_DEFINER;
	next(c);
	if (is(c, "current_user")) {
		next(c);
		if (is_punct(c, '('))
			skip_parens(c);
		return;
	}
	/* user, then "@host" right after it (the tokenizer reads it as a variable) */
	end = c->t.p + c->t.n;
	next(c);
	if (c->t.t == T_VAR && c->t.p == end)
		next(c);
}


/*
 * Read one modifier between CREATE [OR REPLACE] and the object kind
 * (TEMP, UNIQUE, CLUSTERED, ALGORITHM = x, DEFINER = u, ...); 0 if the
 * current token is none.  Keywords are grouped by length, in the order
 * they are tried within a length.
 */
static int create_modifier(struct cx *c, int *unique)
{
	struct sqlp_item *it = c->it;

	if (c->t.t != T_WORD)
		return 0;
	switch (c->t.n) {
	case 3:
		if (is(c, "xml")) {
			/* XML INDEX, but XML SCHEMA COLLECTION is a kind */
			struct cx peek = *c;

			next(&peek);
			if (!is(&peek, "index"))
				return 0;
			*c = peek;
			return 1;
		}
		if (accept_seq(c, "sql security")) {
			next(c);
			return 1;
		}
		return 0;
	case 4:
		if (accept(c, "temp")) {
			it->flags |= SQLP_F_TEMPORARY;
			return 1;
		}
		return 0;
	case 5:
		return accept(c, "local");
	case 6:
		if (accept(c, "unique")) {
			*unique = 1;
			return 1;
		}
		return accept(c, "global") || accept(c, "online") || accept(c, "ignore");
	case 7:
		if (accept(c, "trusted") || accept(c, "offline") || accept(c, "primary") ||
		    accept(c, "spatial"))
			return 1;
		if (c->d != SQLP_TSQL && accept(c, "default"))
			return 1;	/* CREATE DEFAULT CONVERSION */
		if (is(c, "definer")) {
			next(c);
			skip_definer(c);
			return 1;
		}
		return 0;
	case 8:
		if (accept(c, "unlogged"))
			return 1;
		if (is(c, "fulltext") && c->d == SQLP_MYSQL) {
			next(c);
			return 1;
		}
		return 0;
	case 9:
		if (accept(c, "temporary")) {
			it->flags |= SQLP_F_TEMPORARY;
			return 1;
		}
		if (accept(c, "clustered")) {
			it->flags |= SQLP_F_CLUSTERED;
			return 1;
		}
		if (accept(c, "recursive"))
			return 1;
		if (is(c, "algorithm")) {
			next(c);
			if (is_punct(c, '='))
				next(c);
			next(c);
			return 1;
		}
		if (is(c, "aggregate") && c->d == SQLP_MYSQL) {
			next(c);
			return 1;
		}
		return 0;
	case 10:
		return accept(c, "constraint");
	case 11:
		return accept(c, "columnstore");
	case 12:
		return accept(c, "nonclustered");
	default:
		return 0;
	}
}

/*
 * After CREATE VIEW v AS SELECT: is the rest the column list of a dump's
 * stand-in for a view, "1 AS `a`, 1 AS `b`" (mysqldump) or "NULL AS `a`,
 * ..." (mariadb-dump 10.11), every column a constant 1 or NULL and nothing
 * after the list (no FROM)?
 */
static int standin_list(struct cx *c)
{
	for (;;) {
		if (!(c->t.t == T_NUM && c->t.n == 1 && c->t.p[0] == '1') && !is(c, "null"))
			return 0;
		next(c);
		if (!accept(c, "as") || (c->t.t != T_WORD && c->t.t != T_QIDENT))
			return 0;
		next(c);
		if (c->t.t == T_END)
			return 1;
		if (!is_punct(c, ','))
			return 0;
		next(c);
	}
}

/* Set nm to the n bytes at a, if they fit. */
static void name_raw(struct name *nm, const char *a, size_t n)
{
	if (n < sizeof(nm->s)) {
		memcpy(nm->s, a, n);
		nm->n = n;
		nm->s[n] = 0;
	}
}

/* An operator's name, a symbol kept as written ("public.+", "==="), up to its arguments. */
static void operator_name(struct cx *c, struct name *nm)
{
	const char *b = c->t.p;

	while (b < c->e && *b != '(' && !sqlp__is_space(*b))
		b++;
	name_raw(nm, c->t.p, (size_t)(b - c->t.p));
}

/* A cast's name: its parentheses as written, blanks collapsed: "(integer AS text)". */
static void cast_name(struct cx *c, struct name *nm)
{
	char buf[NAME_MAX_BYTES];
	const char *p = c->t.p;
	size_t n = 0;
	unsigned depth = 0;

	if (!is_punct(c, '('))
		return;
	for (; p < c->e && n + 1 < sizeof(buf); p++) {
		if (sqlp__is_space(*p)) {
			if (n && buf[n - 1] != ' ' && buf[n - 1] != '(')
				buf[n++] = ' ';
			continue;
		}
		if (*p == ')' && n && buf[n - 1] == ' ')
			n--;
		buf[n++] = *p;
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			break;
	}
	if (depth == 0)
		name_raw(nm, buf, n);
}

/* The name of an object of kind k at the current token. */
static void kind_name(struct cx *c, enum sqlp_objkind k, struct name *nm)
{
	if (k == SQLP_O_OPERATOR)
		operator_name(c, nm);
	else if (k == SQLP_O_CAST)
		cast_name(c, nm);
	else
		parse_name(c, nm);
}

void sqlp__do_create(struct cx *c)
{
	struct sqlp_item *it = c->it;
	enum sqlp_objkind k = SQLP_O_NONE;
	int unique = 0;

	next(c);
	if (accept(c, "or")) {
		if (accept(c, "replace") || accept(c, "alter"))
			it->flags |= SQLP_F_OR_REPLACE;
	}
	while (create_modifier(c, &unique))
		;
	if (c->d == SQLP_TSQL && accept(c, "default"))
		k = SQLP_O_OTHER;
	else
		k = parse_kind(c);
	if (k == SQLP_O_NONE) {
		set(c, SQLP_C_OTHER, SQLP_O_NONE);
		return;
	}
	set(c, create_class(k), k);
	if (accept_seq(c, "if not exists"))
		it->flags |= SQLP_F_IF_NOT_EXISTS;
	switch (k) {
	case SQLP_O_INDEX:
		if (accept(c, "concurrently"))
			it->flags |= SQLP_F_CONCURRENTLY;
		if (accept_seq(c, "if not exists"))
			it->flags |= SQLP_F_IF_NOT_EXISTS;
		if (!is(c, "on"))
			parse_name(c, c->obj);
		on_table(c, 1);
		if (unique)
			it->cls = SQLP_C_UNIQUE_INDEX;
		return;
	case SQLP_O_FULLTEXT_INDEX:
		on_table(c, 1);
		name_copy(c->obj, c->tbl);
		return;
	case SQLP_O_TRIGGER:
		parse_name(c, c->obj);
		on_table(c, 1);
		if (c->d == SQLP_TSQL && (sqlp__kw(c->tbl->s, c->tbl->n, "database") ||
					  sqlp__kw(c->tbl->s, c->tbl->n, "all"))) {
			c->tbl->n = 0;
			c->tbl->s[0] = 0;
			set(c, SQLP_C_EVENT_TRIGGER, SQLP_O_TRIGGER);
		}
		return;
	case SQLP_O_RULE:
		parse_name(c, c->obj);
		if (seek(c, "to")) {
			next(c);
			parse_name(c, c->tbl);
		}
		return;
	case SQLP_O_POLICY:
		parse_name(c, c->obj);
		on_table(c, 0);
		return;
	case SQLP_O_STATISTICS:
		if (!is(c, "on"))
			parse_name(c, c->obj);
		if (seek(c, "from")) {
			next(c);
			parse_name(c, c->tbl);
		}
		return;
	case SQLP_O_SCHEMA:
		if (accept(c, "authorization")) {
			parse_name(c, c->obj);
			return;
		}
		break;
	case SQLP_O_USER_MAPPING:
		if (seek(c, "server")) {
			next(c);
			parse_name(c, c->obj);
		}
		return;
	case SQLP_O_CAST:
		cast_name(c, c->obj);
		return;
	case SQLP_O_TRANSFORM:
		return;
	case SQLP_O_OPERATOR:
		operator_name(c, c->obj);
		return;
	default:
		break;
	}
	parse_name(c, c->obj);
	if (k == SQLP_O_TABLE) {
		if (c->d == SQLP_POSTGRES && accept_seq(c, "partition of")) {
			it->flags |= SQLP_F_PARTITION_OF;
			parse_name(c, c->tbl);
		} else if (c->d == SQLP_MYSQL && c->first_exec == 50001) {
			/* old mysqldump: a placeholder table for a view */
			set(c, SQLP_C_VIEW_STANDIN, SQLP_O_VIEW);
		}
	} else if (k == SQLP_O_VIEW && c->d == SQLP_MYSQL) {
		if (is_punct(c, '('))
			skip_parens(c);
		if (accept(c, "as") && accept(c, "select") && standin_list(c))
			set(c, SQLP_C_VIEW_STANDIN, SQLP_O_VIEW);
	}
}

/* Read to the end of the action (',' or the end) for NOT VALID: flag it. */
static void not_valid(struct cx *c)
{
	while (c->t.t != T_END && !is_punct(c, ',')) {
		if (is(c, "not")) {
			next(c);
			if (is(c, "valid"))
				c->it->flags |= SQLP_F_NOT_VALID;
			continue;
		}
		if (is_punct(c, '('))
			skip_parens(c);
		else
			next(c);
	}
}

/* ALTER TABLE name ADD [CONSTRAINT n] ... */
static void alter_add(struct cx *c)
{
	struct sqlp_item *it = c->it;
	enum sqlp_cons k = SQLP_K_NONE;
	int named = 0;

	if (accept(c, "constraint")) {
		if (accept_seq(c, "if not exists"))
			it->flags |= SQLP_F_IF_NOT_EXISTS;
		parse_name(c, c->obj);
		named = 1;
	}
	if (accept_seq(c, "primary key")) {
		k = SQLP_K_PRIMARY_KEY;
	} else if (accept(c, "unique")) {
		k = SQLP_K_UNIQUE;
		if (!accept(c, "key"))
			accept(c, "index");
	} else if (accept_seq(c, "foreign key")) {
		k = SQLP_K_FOREIGN_KEY;
	} else if (accept(c, "check")) {
		k = SQLP_K_CHECK;
	} else if (accept(c, "exclude")) {
		k = SQLP_K_EXCLUSION;
	} else if (accept(c, "default") && named) {
		k = SQLP_K_DEFAULT;
	} else if (!named && (accept(c, "key") || accept(c, "index"))) {
		k = SQLP_K_INDEX;
	} else if (!named && accept(c, "fulltext")) {
		k = SQLP_K_FULLTEXT;
		if (!accept(c, "key"))
			accept(c, "index");
	} else if (!named && accept(c, "spatial")) {
		k = SQLP_K_SPATIAL;
		if (!accept(c, "key"))
			accept(c, "index");
	}
	it->cons = k;
	switch (k) {
	case SQLP_K_PRIMARY_KEY:
		it->cls = SQLP_C_PRIMARY_KEY;
		if (c->d == SQLP_TSQL)
			it->flags |= accept(c, "nonclustered") ? 0 : SQLP_F_CLUSTERED;
		break;
	case SQLP_K_UNIQUE:
		it->cls = SQLP_C_UNIQUE;
		if (c->d == SQLP_TSQL && accept(c, "clustered"))
			it->flags |= SQLP_F_CLUSTERED;
		break;
	case SQLP_K_FOREIGN_KEY:
		it->cls = SQLP_C_FOREIGN_KEY;
		break;
	case SQLP_K_CHECK:
		it->cls = SQLP_C_CHECK;
		break;
	case SQLP_K_EXCLUSION:
		it->cls = SQLP_C_EXCLUSION;
		break;
	case SQLP_K_DEFAULT:
		it->cls = SQLP_C_DEFAULT;
		break;
	case SQLP_K_INDEX:
	case SQLP_K_FULLTEXT:
	case SQLP_K_SPATIAL:
		it->cls = SQLP_C_INDEX;
		break;
	default:
		/* ADD [COLUMN] ...: a column */
		it->cls = SQLP_C_ALTER_TABLE;
		it->objkind = SQLP_O_TABLE;
		name_copy(c->obj, c->tbl);
		return;
	}
	it->objkind = k == SQLP_K_INDEX || k == SQLP_K_FULLTEXT || k == SQLP_K_SPATIAL
			      ? SQLP_O_INDEX
			      : SQLP_O_CONSTRAINT;
	if (!named) {
		c->obj->n = 0;
		c->obj->parts = 0;
		c->obj->s[0] = 0;
	}
	if (!named && c->d == SQLP_MYSQL && !is_punct(c, '(') && !is(c, "using"))
		parse_name(c, c->obj);	/* ADD UNIQUE KEY name (...), ADD KEY name */
	if ((k == SQLP_K_CHECK || k == SQLP_K_FOREIGN_KEY) && !rest_has(c, ",") &&
	    !rest_has(c, "valid"))
		skip_to_end(c);	/* one action, not NOT VALID */
	else if (k == SQLP_K_CHECK || k == SQLP_K_FOREIGN_KEY)
		not_valid(c);
}

static void do_alter_table(struct cx *c)
{
	struct sqlp_item *it = c->it;

	set(c, SQLP_C_ALTER_TABLE, SQLP_O_TABLE);
	accept_seq(c, "if exists");
	if (accept(c, "only"))
		it->flags |= SQLP_F_ONLY;
	parse_name(c, c->tbl);
	if (is_punct(c, '*'))
		next(c);
	name_copy(c->obj, c->tbl);
	if (c->d == SQLP_TSQL && is(c, "with")) {
		next(c);
		if (!accept(c, "check"))
			accept(c, "nocheck");
	}
	if (accept(c, "add")) {
		alter_add(c);
	} else if (accept_seq(c, "owner to")) {
		set(c, SQLP_C_OWNER, SQLP_O_TABLE);
	} else if (accept_seq(c, "attach partition")) {
		set(c, SQLP_C_ATTACH_PARTITION, SQLP_O_TABLE);
		parse_name(c, c->obj);
	} else if (accept_seq(c, "validate constraint") || accept_seq(c, "check constraint") ||
		   accept_seq(c, "nocheck constraint")) {
		set(c, SQLP_C_CONSTRAINT_STATE, SQLP_O_CONSTRAINT);
		parse_name(c, c->obj);
	} else if (accept_seq(c, "cluster on")) {
		set(c, SQLP_C_CLUSTER_ON, SQLP_O_INDEX);
		parse_name(c, c->obj);
	} else if (accept_seq(c, "replica identity")) {
		set(c, SQLP_C_REPLICA_IDENTITY, SQLP_O_INDEX);
		if (accept_seq(c, "using index"))
			parse_name(c, c->obj);
		else
			c->obj->n = 0, c->obj->s[0] = 0;
	} else if (is(c, "enable") || is(c, "disable") || is(c, "force") || is(c, "no")) {
		next(c);
		accept(c, "force");
		if (accept(c, "always") || accept(c, "replica")) {
			/* ENABLE ALWAYS|REPLICA TRIGGER|RULE */
		}
		if (accept(c, "trigger")) {
			set(c, SQLP_C_TRIGGER_STATE, SQLP_O_TRIGGER);
			parse_name(c, c->obj);
		} else if (accept(c, "rule")) {
			set(c, SQLP_C_RULE_STATE, SQLP_O_RULE);
			parse_name(c, c->obj);
		} else if (accept_seq(c, "row level security")) {
			set(c, SQLP_C_ROW_SECURITY, SQLP_O_TABLE);
		} else if (accept(c, "keys")) {
			set(c, SQLP_C_KEYS, SQLP_O_TABLE);
		}
	}
	/* several actions: "ADD PRIMARY KEY (id), ADD KEY k (x)" */
	if (!rest_has(c, ",")) {
		skip_to_end(c);
		return;
	}
	while (c->t.t != T_END) {
		if (is_punct(c, ',')) {
			it->flags |= SQLP_F_MULTI_ACTION;
			break;
		}
		if (is_punct(c, '('))
			skip_parens(c);
		else
			next(c);
	}
}

static int find_owner_to(struct cx *c)
{
	if (!rest_has(c, "owner"))
		return 0;
	while (c->t.t != T_END) {
		if (is(c, "owner")) {
			next(c);
			if (is(c, "to"))
				return 1;
			continue;
		}
		if (is_punct(c, '('))
			skip_parens(c);
		else
			next(c);
	}
	return 0;
}

static void do_alter(struct cx *c)
{
	struct sqlp_item *it = c->it;
	enum sqlp_objkind k;
	struct tkpos save;

	next(c);
	if (accept(c, "table")) {
		do_alter_table(c);
		return;
	}
	if (accept_seq(c, "default privileges")) {
		set(c, SQLP_C_DEFAULT_PRIVILEGES, SQLP_O_NONE);
		return;
	}
	if (accept(c, "authorization")) {
		/* T-SQL ALTER AUTHORIZATION ON [kind::]name TO principal */
		set(c, SQLP_C_OWNER, SQLP_O_NONE);
		if (accept(c, "on")) {
			if (c->t.t == T_WORD) {
				struct cx peek = *c;

				next(&peek);
				if (is_punct(&peek, ':'))
					*c = peek, next(c);
			}
			parse_name(c, c->obj);
		}
		return;
	}
	k = parse_kind(c);
	if (k == SQLP_O_NONE) {
		set(c, SQLP_C_OTHER, SQLP_O_NONE);
		return;
	}
	accept_seq(c, "if exists");
	kind_name(c, k, c->obj);
	tk_save(c, &save);
	if (find_owner_to(c)) {
		set(c, SQLP_C_OWNER, k);
		return;
	}
	tk_restore(c, &save);
	switch (k) {
	case SQLP_O_SEQUENCE:
		set(c, SQLP_C_SEQUENCE, k);
		if (seek(c, "owned")) {
			next(c);
			if (accept(c, "by")) {
				struct name col;

				if (parse_name(c, &col) && col.parts >= 2) {
					name_parent(c->tbl, &col);
					it->cls = SQLP_C_SEQUENCE_OWNED;
				}
			}
		}
		return;
	case SQLP_O_INDEX:
		set(c, SQLP_C_OTHER, k);
		if (accept_seq(c, "attach partition"))
			it->cls = SQLP_C_INDEX_ATTACH;
		else if (c->d == SQLP_TSQL && is(c, "on")) {
			/* ALTER INDEX i ON t DISABLE|REBUILD|...: goes where the index goes */
			it->cls = SQLP_C_INDEX;
			on_table(c, 0);
		}
		return;
	case SQLP_O_ROLE:
		set(c, SQLP_C_ROLE, k);
		if (c->d == SQLP_TSQL && seek(c, "add")) {
			next(c);
			if (accept(c, "member"))
				it->cls = SQLP_C_GRANT;
		}
		return;
	case SQLP_O_TRIGGER:
	case SQLP_O_POLICY:
	case SQLP_O_RULE:
		set(c, create_class(k), k);
		on_table(c, 0);
		return;
	case SQLP_O_DOMAIN:
		/* ALTER DOMAIN d ADD [CONSTRAINT n] CHECK (...) NOT VALID */
		set(c, SQLP_C_DOMAIN, k);
		if (accept(c, "add") && rest_has(c, "valid"))
			not_valid(c);
		return;
	default:
		set(c, create_class(k), k);
		return;
	}
}

static void do_drop(struct cx *c)
{
	enum sqlp_objkind k;

	next(c);
	k = parse_kind(c);
	set(c, SQLP_C_DROP, k);
	if (k == SQLP_O_DATABASE)
		c->it->cls = SQLP_C_DATABASE;
	else if (k == SQLP_O_ROLE)
		c->it->cls = SQLP_C_ROLE;
	if (k == SQLP_O_NONE)
		return;
	accept(c, "concurrently");
	accept_seq(c, "if exists");
	kind_name(c, k, c->obj);
	if (k == SQLP_O_INDEX || k == SQLP_O_TRIGGER || k == SQLP_O_RULE || k == SQLP_O_POLICY)
		on_table(c, 0);
}

/* COMMENT ON kind name ... / SECURITY LABEL [FOR p] ON kind name */
static void comment_target(struct cx *c)
{
	enum sqlp_objkind k;

	if (!accept(c, "on"))
		return;
	k = parse_kind(c);
	c->it->objkind = k;
	if (k == SQLP_O_LARGE_OBJECT) {
		if (c->t.t == T_NUM && c->t.n < sizeof(c->obj->s)) {
			memcpy(c->obj->s, c->t.p, c->t.n);
			c->obj->n = c->t.n;
			c->obj->s[c->obj->n] = 0;
		}
		return;
	}
	if (k == SQLP_O_TRANSFORM || k == SQLP_O_USER_MAPPING)
		return;
	kind_name(c, k, c->obj);
	if (k == SQLP_O_CAST || k == SQLP_O_OPERATOR)
		return;
	switch (k) {
	case SQLP_O_COLUMN:
		name_parent(c->tbl, c->obj);
		break;
	case SQLP_O_TABLE:
	case SQLP_O_FOREIGN_TABLE:
	case SQLP_O_VIEW:
	case SQLP_O_MATVIEW:
		name_copy(c->tbl, c->obj);
		break;
	case SQLP_O_CONSTRAINT:
	case SQLP_O_TRIGGER:
	case SQLP_O_POLICY:
	case SQLP_O_RULE:
		if (accept(c, "on")) {
			accept(c, "domain");
			parse_name(c, c->tbl);
		}
		break;
	default:
		break;
	}
}

static void do_grant(struct cx *c)
{
	enum sqlp_objkind k = SQLP_O_NONE;
	struct cx start = *c;

	set(c, SQLP_C_GRANT, SQLP_O_NONE);
	if (!seek(c, "on")) {
		/* GRANT role TO member */
		*c = start;
		next(c);
		if (parse_name(c, c->obj))
			c->it->objkind = SQLP_O_ROLE;
		return;
	}
	next(c);
	if (accept(c, "all")) {
		/* ON ALL TABLES IN SCHEMA s */
		if (seek(c, "schema")) {
			next(c);
			c->it->objkind = SQLP_O_SCHEMA;
			parse_name(c, c->obj);
		}
		return;
	}
	if (c->t.t == T_WORD) {
		struct cx peek = *c;

		next(&peek);
		if (is_punct(&peek, ':')) {
			/* T-SQL ON OBJECT::name / SCHEMA::name */
			k = parse_kind(c);
			next(c);
		} else if (peek.t.t == T_WORD || peek.t.t == T_QIDENT) {
			k = parse_kind(c);
		}
	}
	c->it->objkind = k == SQLP_O_NONE ? SQLP_O_TABLE : k;
	parse_name(c, c->obj);
	if (c->it->objkind == SQLP_O_TABLE)
		name_copy(c->tbl, c->obj);
}

/* A SET value that turns a setting off ("off", false, 0, 'off'). */
static int value_off(const struct tok *t)
{
	const char *p = t->p;
	size_t n = t->n;

	if (t->t == T_STRING && n >= 2) {
		p++;
		n -= 2;
	}
	return sqlp__kw(p, n, "off") || sqlp__kw(p, n, "false") || (n == 1 && p[0] == '0');
}

static int contains_ci(const char *p, size_t n, const char *kw)
{
	size_t k = strlen(kw), i;

	for (i = 0; i + k <= n; i++)
		if (sqlp__kw(p + i, k, kw))
			return 1;
	return 0;
}

/* MySQL sql_mode flags from a mode string value. */
static unsigned mysql_modes(const struct tok *t)
{
	unsigned m = 0;

	if (contains_ci(t->p, t->n, "ansi_quotes") || contains_ci(t->p, t->n, "'ansi") ||
	    contains_ci(t->p, t->n, ",ansi") || contains_ci(t->p, t->n, "postgresql") ||
	    contains_ci(t->p, t->n, "oracle") || contains_ci(t->p, t->n, "mssql") ||
	    contains_ci(t->p, t->n, "db2") || contains_ci(t->p, t->n, "maxdb"))
		m |= SQLP_S_ANSI_QUOTES;
	if (contains_ci(t->p, t->n, "no_backslash_escapes"))
		m |= SQLP_S_NO_BACKSLASH_ESCAPES;
	return m;
}

static void do_set_mysql(struct cx *c)
{
	const unsigned mask = SQLP_S_ANSI_QUOTES | SQLP_S_NO_BACKSLASH_ESCAPES;

	set(c, SQLP_C_SESSION, SQLP_O_NONE);
	if (is(c, "names") || is(c, "character")) {
		/* SET NAMES x, SET CHARACTER SET x: named by the word after SET */
		name_part(c, c->obj, &c->t);
		return;
	}
	for (;;) {
		int is_mode = 0, is_old = 0, global = 0;

		if (c->t.t == T_END)
			break;
		if (accept(c, "global") || accept(c, "persist"))
			global = 1;
		else if (!accept(c, "session"))
			accept(c, "local");
		if (c->t.t == T_VAR) {
			global |= contains_ci(c->t.p, c->t.n, "@@global.");
			if (contains_ci(c->t.p, c->t.n, "gtid_purged") ||
			    contains_ci(c->t.p, c->t.n, "sql_log_bin"))
				c->it->cls = SQLP_C_REPLICATION;
			is_mode = contains_ci(c->t.p, c->t.n, "@sql_mode") ||
				  contains_ci(c->t.p, c->t.n, ".sql_mode");
			is_old = !is_mode && contains_ci(c->t.p, c->t.n, "sql_mode");
		} else if (c->t.t == T_WORD) {
			if (sqlp__kw(c->t.p, c->t.n, "sql_log_bin"))
				c->it->cls = SQLP_C_REPLICATION;
			is_mode = sqlp__kw(c->t.p, c->t.n, "sql_mode");
		}
		if (!c->obj->n && c->t.t == T_WORD) {
			name_part(c, c->obj, &c->t);
		} else if (!c->obj->n && c->t.t == T_VAR && c->t.n < sizeof(c->obj->s)) {
			/* @var, @@session.x: as written */
			memcpy(c->obj->s, c->t.p, c->t.n);
			c->obj->n = c->t.n;
			c->obj->s[c->obj->n] = 0;
			c->obj->parts = 1;
		}
		next(c);
		if (is_punct(c, ':'))
			next(c);
		if (is_punct(c, '='))
			next(c);
		if (c->t.t == T_VAR && (contains_ci(c->t.p, c->t.n, "gtid_purged") ||
					contains_ci(c->t.p, c->t.n, "sql_log_bin")))
			c->it->cls = SQLP_C_REPLICATION;
		if (is_old && c->t.t == T_VAR && contains_ci(c->t.p, c->t.n, "sql_mode")) {
			/* SET @OLD_SQL_MODE=@@SQL_MODE */
			*c->saved = *c->sessp & mask;
		} else if (is_mode && !global) {
			unsigned m = *c->sessp & mask;

			if (c->t.t == T_STRING)
				m = mysql_modes(&c->t);
			else if (c->t.t == T_VAR && contains_ci(c->t.p, c->t.n, "sql_mode"))
				m = *c->saved & mask;	/* SQL_MODE=@OLD_SQL_MODE */
			else if (is(c, "default"))
				m = 0;
			*c->sessp = (*c->sessp & ~mask) | m;
		}
		/* on to the next assignment of the list */
		while (c->t.t != T_END && !is_punct(c, ',')) {
			if (is_punct(c, '('))
				skip_parens(c);
			else
				next(c);
		}
		if (!is_punct(c, ','))
			break;
		next(c);
	}
}

/* A name inside the string at the current token ('public.seq'), if it is one. */
static void string_name(struct cx *c, struct name *nm)
{
	struct cx inner = *c;

	if (c->t.t != T_STRING || c->t.n < 2)
		return;
	inner.s = inner.p = c->t.p + 1;
	inner.e = c->t.p + c->t.n - 1;
	inner.exec = 0;
	next(&inner);
	parse_name(&inner, nm);
}

static void do_set(struct cx *c)
{
	next(c);
	if (c->d == SQLP_MYSQL) {
		do_set_mysql(c);
		return;
	}
	set(c, SQLP_C_SESSION, SQLP_O_NONE);
	if (c->d == SQLP_TSQL) {
		/* SET @local = ...: an assignment in the batch's code, not a setting */
		if (c->t.t == T_WORD && c->t.p[0] == '@') {
			set(c, SQLP_C_OTHER, SQLP_O_NONE);
			return;
		}
		if (c->t.t == T_WORD && !is(c, "identity_insert")) {
			struct cx peek = *c;

			parse_name(&peek, c->obj);
		}
		if (is(c, "identity_insert")) {
			next(c);
			set(c, SQLP_C_IDENTITY_INSERT, SQLP_O_TABLE);
			parse_name(c, c->obj);
			name_copy(c->tbl, c->obj);
		} else if (accept(c, "quoted_identifier")) {
			if (is(c, "off"))
				*c->sessp |= SQLP_S_QUOTED_IDENTIFIER_OFF;
			else if (is(c, "on"))
				*c->sessp &= ~SQLP_S_QUOTED_IDENTIFIER_OFF;
		}
		return;
	}
	if (!accept(c, "session"))
		accept(c, "local");
	if (accept(c, "role") || accept_seq(c, "session authorization") || accept(c, "authorization")) {
		/* the role (or NONE, DEFAULT) */
		set(c, SQLP_C_OWNER, SQLP_O_ROLE);
		if (c->t.t == T_STRING)
			string_name(c, c->obj);
		else
			parse_name(c, c->obj);
		return;
	}
	if (c->t.t == T_WORD || c->t.t == T_QIDENT) {
		struct cx peek = *c;

		parse_name(&peek, c->obj);
	}
	if (accept(c, "standard_conforming_strings")) {
		if (is_punct(c, '=') || is(c, "to"))
			next(c);
		if (value_off(&c->t))
			*c->sessp |= SQLP_S_SCS_OFF;
		else if (c->t.t != T_END)
			*c->sessp &= ~SQLP_S_SCS_OFF;
	}
}

/* SELECT fn(...) / SELECT * FROM fn(...): the function's last name part. */
static void do_select(struct cx *c)
{
	struct name fn;
	const char *last;

	next(c);
	set(c, SQLP_C_OTHER, SQLP_O_NONE);
	if (is_punct(c, '*')) {
		next(c);
		if (!accept(c, "from"))
			return;
	}
	if (!parse_name(c, &fn) || !is_punct(c, '('))
		return;
	last = fn.s + fn.last;
	if (!strcmp(last, "set_config")) {
		/* set_config('search_path', ...): the variable, as SET names it */
		set(c, SQLP_C_SESSION, SQLP_O_NONE);
		next(c);
		string_name(c, c->obj);
	} else if (!strcmp(last, "setval")) {
		/* setval('public.seq', ...) */
		set(c, SQLP_C_SETVAL, SQLP_O_SEQUENCE);
		next(c);
		string_name(c, c->obj);
	} else if (!strcmp(last, "lo_create") || !strcmp(last, "lo_open") ||
		   !strcmp(last, "lowrite") || !strcmp(last, "lo_close") ||
		   !strcmp(last, "lo_unlink") || !strcmp(last, "lo_from_bytea") ||
		   !strcmp(last, "lo_put")) {
		set(c, SQLP_C_LARGE_OBJECT, SQLP_O_LARGE_OBJECT);
	} else if (!strcmp(last, "pg_restore_relation_stats") ||
		   !strcmp(last, "pg_restore_attribute_stats")) {
		/* PostgreSQL 18 dumps name the table in the arguments:
		 * 'schemaname', 'public', 'relname', 'actor' */
		struct tok schema = { T_END, NULL, 0, 0 }, rel = { T_END, NULL, 0, 0 };

		set(c, SQLP_C_STATS_DATA, SQLP_O_TABLE);
		next(c);
		while (c->t.t != T_END && !is_punct(c, ')')) {
			struct tok key = c->t;

			next(c);
			if (key.t != T_STRING || !is_punct(c, ','))
				continue;
			next(c);
			if (c->t.t != T_STRING)
				continue;
			if (key.n == 12 && !memcmp(key.p, "'schemaname'", 12))
				schema = c->t;
			else if (key.n == 9 && !memcmp(key.p, "'relname'", 9))
				rel = c->t;
		}
		if (rel.t == T_STRING) {
			if (schema.t == T_STRING)
				name_part(c, c->tbl, &schema);
			name_part(c, c->tbl, &rel);
			name_copy(c->obj, c->tbl);
		}
	}
}

static void do_copy(struct cx *c)
{
	next(c);
	set(c, SQLP_C_COPY, SQLP_O_TABLE);
	accept(c, "binary");
	if (!parse_name(c, c->obj))
		return;		/* COPY (query) TO ...: no data follows */
	name_copy(c->tbl, c->obj);
	if (is_punct(c, '('))
		skip_parens(c);
	if (accept(c, "from") && is(c, "stdin"))
		c->it->flags |= SQLP_F_COPY_STDIN;
}

/* INSERT/REPLACE/UPDATE/DELETE/TRUNCATE/MERGE: the target table. */
static void dml_target(struct cx *c, enum sqlp_class cls, const char *kw)
{
	set(c, cls, SQLP_O_TABLE);
	next(c);
	for (;;) {
		if (accept(c, "low_priority") || accept(c, "delayed") ||
		    accept(c, "high_priority") || accept(c, "ignore") || accept(c, "quick"))
			continue;
		if (c->d == SQLP_TSQL && accept(c, "top")) {
			skip_parens(c);
			continue;
		}
		break;
	}
	if (kw)
		accept_n(c, kw, strlen(kw));
	accept(c, "table");
	accept(c, "only");
	if (parse_name(c, c->obj))
		name_copy(c->tbl, c->obj);
}

/* EXEC sp_...: extended properties, role members, sp_executesql. */
/* A name (unquoted and quoted as object names are) is the keyword kw? */
static int name_is(const struct name *nm, const char *kw)
{
	return nm->parts == 1 && sqlp__kw(nm->s, nm->n, kw);
}

/* Append part to the qualified name nm. */
static void name_join(struct name *nm, const struct name *part)
{
	if (nm->n + part->n + 2 >= sizeof(nm->s))
		return;
	if (nm->parts++)
		nm->s[nm->n++] = '.';
	nm->last = nm->n;
	memcpy(nm->s + nm->n, part->s, part->n);
	nm->n += part->n;
	nm->s[nm->n] = 0;
}

/*
 * What sp_addextendedproperty describes, from its arguments, positional
 * or @name = value, in the procedure's order: @name, @value, @level0type,
 * @level0name, @level1type, @level1name, @level2type, @level2name.  Named
 * as COMMENT ON names them: SCHEMA s; TABLE s.t (its own table); VIEW,
 * PROCEDURE, FUNCTION ... s.x; COLUMN s.t.c on table s.t; INDEX,
 * CONSTRAINT, TRIGGER n on table s.t; a database TRIGGER n (level 0).
 */
static void xprop_target(struct cx *c)
{
	static const char *const params[8] = { "@name", "@value", "@level0type", "@level0name",
					       "@level1type", "@level1name", "@level2type",
					       "@level2name" };
	struct name v[8];
	unsigned have = 0;
	int pos = 0, i;
	struct sqlp_item *it = c->it;

	while (c->t.t != T_END && pos < 8) {
		int slot = pos++;

		if (c->t.t == T_WORD && c->t.p[0] == '@') {
			struct cx peek = *c;

			next(&peek);
			if (is_punct(&peek, '=')) {
				for (slot = -1, i = 0; i < 8; i++)
					if (strlen(params[i]) == c->t.n &&
					    sqlp__kw(c->t.p, c->t.n, params[i]))
						slot = i;
				*c = peek;
				next(c);
			}
		}
		if (slot >= 0 && !is(c, "null") &&
		    (c->t.t == T_STRING || c->t.t == T_QIDENT ||
		     (c->t.t == T_WORD && c->t.p[0] != '@'))) {
			struct tok t = c->t;

			v[slot].n = v[slot].last = 0;
			v[slot].parts = 0;
			v[slot].s[0] = 0;
			name_part(c, &v[slot], &t);
			have |= 1u << slot;
		}
		/* the rest of the argument */
		while (c->t.t != T_END && !is_punct(c, ',')) {
			if (is_punct(c, '('))
				skip_parens(c);
			else
				next(c);
		}
		if (is_punct(c, ','))
			next(c);
	}
#define HAS(i) (have & (1u << (i)))
	c->obj->n = 0;
	c->obj->parts = 0;
	c->obj->s[0] = 0;
	if (HAS(2) && HAS(3) && name_is(&v[2], "trigger")) {
		it->objkind = SQLP_O_EVENT_TRIGGER;
		name_join(c->obj, &v[3]);
		return;
	}
	if (!HAS(2) || !HAS(3) || !name_is(&v[2], "schema"))
		return;
	name_join(c->obj, &v[3]);
	it->objkind = SQLP_O_SCHEMA;
	if (!HAS(4) || !HAS(5))
		return;
	name_join(c->obj, &v[5]);
	it->objkind = name_is(&v[4], "table")	    ? SQLP_O_TABLE
		      : name_is(&v[4], "view")	    ? SQLP_O_VIEW
		      : name_is(&v[4], "procedure") ? SQLP_O_PROCEDURE
		      : name_is(&v[4], "function")  ? SQLP_O_FUNCTION
		      : name_is(&v[4], "aggregate") ? SQLP_O_AGGREGATE
		      : name_is(&v[4], "type")	    ? SQLP_O_TYPE
		      : name_is(&v[4], "sequence")  ? SQLP_O_SEQUENCE
		      : name_is(&v[4], "synonym")   ? SQLP_O_SYNONYM
						    : SQLP_O_OTHER;
	if (!HAS(6) || !HAS(7)) {
		if (it->objkind == SQLP_O_TABLE || it->objkind == SQLP_O_VIEW)
			name_copy(c->tbl, c->obj);
		return;
	}
	name_copy(c->tbl, c->obj);
	if (name_is(&v[6], "column")) {
		it->objkind = SQLP_O_COLUMN;
		name_join(c->obj, &v[7]);
		return;
	}
	it->objkind = name_is(&v[6], "index")	     ? SQLP_O_INDEX
		      : name_is(&v[6], "constraint") ? SQLP_O_CONSTRAINT
		      : name_is(&v[6], "trigger")    ? SQLP_O_TRIGGER
						     : SQLP_O_OTHER;
	name_copy(c->obj, &v[7]);
#undef HAS
}

static void do_exec(struct cx *c)
{
	struct name proc;
	const char *last;

	next(c);
	set(c, SQLP_C_OTHER, SQLP_O_NONE);
	if (c->t.t == T_WORD && c->t.p[0] == '@') {
		next(c);
		if (is_punct(c, '='))
			next(c);
	}
	if (!parse_name(c, &proc))
		return;
	last = proc.s + proc.last;
	if (sqlp__kw(last, strlen(last), "sp_addextendedproperty") ||
	    sqlp__kw(last, strlen(last), "sp_updateextendedproperty")) {
		set(c, SQLP_C_COMMENT, SQLP_O_NONE);
		xprop_target(c);
		return;
	}
	if (sqlp__kw(last, strlen(last), "sp_addrolemember")) {
		set(c, SQLP_C_GRANT, SQLP_O_ROLE);
		return;
	}
	if (sqlp__kw(last, strlen(last), "sp_executesql") && c->depth < 3) {
		/* classify the statement inside the N'...' string */
		while (c->t.t != T_END && c->t.t != T_STRING)
			next(c);
		if (c->t.t == T_STRING) {
			struct sqlp_buf un = SQLP_BUF_INIT;
			const char *p = c->t.p, *e = c->t.p + c->t.n;
			struct cx inner;

			while (p < e && *p != '\'')
				p++;
			for (p++; p < e; p++) {
				if (*p == '\'' && p + 1 < e && p[1] == '\'')
					p++;
				else if (*p == '\'')
					break;
				sqlp_buf_addch(&un, *p);
			}
			inner = *c;
			inner.s = inner.p = un.data;
			inner.e = un.data + un.len;
			inner.exec = 0;
			inner.depth = c->depth + 1;
			next(&inner);
			sqlp__classify_stmt(&inner);
			c->it->flags |= SQLP_F_GUARDED;
			sqlp_buf_release(&un);
		}
	}
}

/* T-SQL IF <condition> <statement>: the class of the statement. */
static void do_if(struct cx *c)
{
	static const char *const starts[] = { "create", "alter", "drop", "exec", "execute",
					      "insert", "update", "delete", "grant", "revoke",
					      "deny", "set", "print", "truncate", "merge", NULL };

	set(c, SQLP_C_OTHER, SQLP_O_NONE);
	if (c->depth >= 3)
		return;
	next(c);
	while (c->t.t != T_END) {
		int i;

		if (is_punct(c, '(')) {
			skip_parens(c);
			continue;
		}
		if (is(c, "begin")) {
			next(c);
			continue;
		}
		for (i = 0; starts[i]; i++)
			if (is_n(c, starts[i], strlen(starts[i])))
				break;
		if (starts[i]) {
			c->depth++;
			sqlp__classify_stmt(c);
			c->depth--;
			c->it->flags |= SQLP_F_GUARDED;
			return;
		}
		next(c);
	}
}

void sqlp__classify_stmt(struct cx *c)
{
	struct sqlp_item *it = c->it;

	if (c->t.t != T_WORD) {
		set(c, SQLP_C_OTHER, SQLP_O_NONE);
		return;
	}
	if (is(c, "create")) {
		sqlp__do_create(c);
	} else if (is(c, "alter")) {
		do_alter(c);
	} else if (is(c, "drop")) {
		do_drop(c);
	} else if (is(c, "comment")) {
		next(c);
		set(c, SQLP_C_COMMENT, SQLP_O_NONE);
		comment_target(c);
	} else if (is(c, "security")) {
		next(c);
		if (!accept(c, "label"))
			return;
		set(c, SQLP_C_SECURITY_LABEL, SQLP_O_NONE);
		if (accept(c, "for"))
			next(c);
		comment_target(c);
	} else if (is(c, "grant") || is(c, "revoke") || is(c, "deny")) {
		do_grant(c);
	} else if (is(c, "set")) {
		do_set(c);
	} else if (is(c, "reset")) {
		next(c);
		set(c, is(c, "role") || is(c, "session") ? SQLP_C_OWNER : SQLP_C_SESSION,
		    SQLP_O_NONE);
		if (c->d == SQLP_POSTGRES && (is(c, "all") || is(c, "standard_conforming_strings")))
			*c->sessp &= ~SQLP_S_SCS_OFF;
		/* as SET does, the variable is the object */
		if (it->cls == SQLP_C_SESSION)
			parse_name(c, c->obj);
	} else if (is(c, "select")) {
		do_select(c);
	} else if (is(c, "insert")) {
		dml_target(c, SQLP_C_INSERT, "into");
	} else if (is(c, "replace") && c->d == SQLP_MYSQL) {
		dml_target(c, SQLP_C_INSERT, "into");
	} else if (is(c, "update")) {
		dml_target(c, SQLP_C_UPDATE, NULL);
	} else if (is(c, "merge")) {
		dml_target(c, SQLP_C_UPDATE, "into");
	} else if (is(c, "delete")) {
		dml_target(c, SQLP_C_DELETE, "from");
	} else if (is(c, "truncate")) {
		dml_target(c, SQLP_C_DELETE, NULL);
	} else if (is(c, "copy") && c->d == SQLP_POSTGRES) {
		do_copy(c);
	} else if (is(c, "bulk")) {
		next(c);
		if (is(c, "insert"))
			dml_target(c, SQLP_C_INSERT, NULL);
	} else if (is(c, "load")) {
		next(c);
		set(c, SQLP_C_OTHER, SQLP_O_NONE);
		if ((accept(c, "data") || accept(c, "xml")) && seek(c, "into")) {
			next(c);
			accept(c, "table");
			set(c, SQLP_C_INSERT, SQLP_O_TABLE);
			parse_name(c, c->obj);
			name_copy(c->tbl, c->obj);
		}
	} else if (is(c, "begin")) {
		next(c);
		if (c->d == SQLP_TSQL && !(is(c, "tran") || is(c, "transaction") ||
					   is(c, "distributed"))) {
			set(c, SQLP_C_OTHER, SQLP_O_NONE);
			return;
		}
		set(c, SQLP_C_TRANSACTION, SQLP_O_NONE);
	} else if (is(c, "start")) {
		next(c);
		if (is(c, "transaction"))
			set(c, SQLP_C_TRANSACTION, SQLP_O_NONE);
		else if (is(c, "slave") || is(c, "replica"))
			set(c, SQLP_C_REPLICATION, SQLP_O_NONE);
	} else if (is(c, "commit") || is(c, "rollback") || is(c, "savepoint") ||
		   is(c, "release") || is(c, "abort") || is(c, "save") ||
		   (is(c, "end") && c->d == SQLP_POSTGRES)) {
		set(c, SQLP_C_TRANSACTION, SQLP_O_NONE);
	} else if (is(c, "prepare") && c->d == SQLP_POSTGRES) {
		next(c);
		if (is(c, "transaction"))
			set(c, SQLP_C_TRANSACTION, SQLP_O_NONE);
	} else if (is(c, "use")) {
		next(c);
		set(c, SQLP_C_DATABASE, SQLP_O_DATABASE);
		parse_name(c, c->obj);
	} else if (is(c, "lock") || is(c, "unlock")) {
		next(c);
		set(c, SQLP_C_LOCK, SQLP_O_TABLE);
		if (accept(c, "table") || accept(c, "tables")) {
			accept(c, "only");
			if (parse_name(c, c->obj))
				name_copy(c->tbl, c->obj);
		}
	} else if (is(c, "refresh")) {
		next(c);
		if (accept_seq(c, "materialized view")) {
			set(c, SQLP_C_MATVIEW_REFRESH, SQLP_O_MATVIEW);
			accept(c, "concurrently");
			parse_name(c, c->obj);
		}
	} else if (is(c, "change")) {
		next(c);
		if (is(c, "master") || is(c, "replication"))
			set(c, SQLP_C_REPLICATION, SQLP_O_NONE);
	} else if ((is(c, "exec") || is(c, "execute")) && c->d == SQLP_TSQL) {
		do_exec(c);
	} else if ((is(c, "enable") || is(c, "disable")) && c->d == SQLP_TSQL) {
		/* {ENABLE|DISABLE} TRIGGER {name [, ...] | ALL} ON {table | DATABASE | ALL SERVER}:
		   a DDL trigger's state follows it like the trigger itself */
		next(c);
		if (accept(c, "trigger")) {
			parse_name(c, c->obj);
			if (seek(c, "on")) {
				struct cx peek = *c;
				int ddl;

				next(&peek);
				ddl = is(&peek, "database");
				if (!ddl && is(&peek, "all")) {
					next(&peek);
					ddl = is(&peek, "server");
				}
				if (ddl)
					set(c, SQLP_C_EVENT_TRIGGER, SQLP_O_EVENT_TRIGGER);
				else {
					set(c, SQLP_C_TRIGGER_STATE, SQLP_O_TRIGGER);
					on_table(c, 0);
				}
			}
		}
	} else if (is(c, "if") && c->d == SQLP_TSQL) {
		do_if(c);
	} else {
		set(c, SQLP_C_OTHER, SQLP_O_NONE);
	}
	(void)it;
}

int sqlp__classify_by_rules(enum sqlp_dialect d, const char *text, size_t len, unsigned *session,
			   unsigned *saved, struct sqlp_item *it, struct sqlp_buf *names)
{
	struct cx c, start;
	struct name obj, tbl;

	c.d = d;
	c.ct = sqlp__tk_class[(unsigned)d < SQLP_DIALECT_COUNT ? d : SQLP_AUTO];
	c.s = c.p = text;
	c.e = text + len;
	c.session = *session;
	c.sessp = session;
	c.saved = saved;
	c.exec = 0;
	c.first_exec = -1;
	c.depth = 0;
	c.it = it;
	obj.n = tbl.n = 0;
	obj.parts = tbl.parts = 0;
	obj.s[0] = tbl.s[0] = 0;
	c.obj = &obj;
	c.tbl = &tbl;
	c.t.t = T_END;
	it->cls = SQLP_C_OTHER;
	it->objkind = SQLP_O_NONE;
	it->cons = SQLP_K_NONE;
	next(&c);
	start = c;
	sqlp__classify_stmt(&c);
	if (d == SQLP_TSQL)
		sqlp__ts_past_settings(&c, start);
	/* "object\0table" */
	sqlp_buf_reset(names);
	if (sqlp_buf_grow(names, obj.n + 1 + tbl.n))
		return -1;
	memcpy(names->data, obj.s, obj.n);
	names->data[obj.n] = 0;
	memcpy(names->data + obj.n + 1, tbl.s, tbl.n);
	names->len = obj.n + 1 + tbl.n;
	names->data[names->len] = 0;
	it->object = names->data;
	it->table = names->data + obj.n + 1;
	return 0;
}

static inline int classify_text(enum sqlp_dialect d, const char *text, size_t len,
				unsigned *session, unsigned *saved, struct sqlp_item *it,
				struct sqlp_buf *names, int fast)
{
	/* the common pg_dump statements straight from their bytes (the rest by the rules) */
	if (fast && d == SQLP_POSTGRES)
		return sqlp__classify_pg(d, text, len, session, saved, it, names);
	return sqlp__classify_by_rules(d, text, len, session, saved, it, names);
}

int sqlp__classify(enum sqlp_dialect d, const char *text, size_t len, unsigned *session,
		   unsigned *saved, struct sqlp_item *it, struct sqlp_buf *names)
{
	return classify_text(d, text, len, session, saved, it, names, 1);
}

int sqlp_classify(enum sqlp_dialect d, const char *text, size_t len, unsigned session,
		  struct sqlp_item *item, struct sqlp_buf *names)
{
	unsigned s = session, saved = session;

	if (d == SQLP_AUTO)
		d = SQLP_POSTGRES;
	return classify_text(d, text, len, &s, &saved, item, names, 1);
}

int sqlp__classify_rules(enum sqlp_dialect d, const char *text, size_t len, unsigned session,
			 struct sqlp_item *item, struct sqlp_buf *names)
{
	unsigned s = session, saved = session;

	if (d == SQLP_AUTO)
		d = SQLP_POSTGRES;
	return classify_text(d, text, len, &s, &saved, item, names, 0);
}
