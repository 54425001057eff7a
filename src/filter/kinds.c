/*
 * kinds.c - the filter kinds, their default fates (the profile of the
 * spec's filter taxonomy), and --strip/--keep/--defer/--pre lists.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "filter/filter.h"
#include "filter/filter_int.h"
#include "util/err.h"
#include "util/xmalloc.h"

enum {
	K_STRIP = 1u << 0,	/* stripped by default */
	K_POST = 1u << 1,	/* belongs after the data: deferred with --post-sync */
	K_EVERY = 1u << 2,	/* session-like: copied to every output */
	K_FOLDED = 1u << 3,	/* follows the kind in .governs */
	K_DATA = 1u << 4,	/* member of the group "data" */
};

struct kinfo {
	const char *name;	/* NULL: the class name */
	unsigned flags;
	int governs;		/* for K_FOLDED */
	const char *help;
};

static const struct kinfo kinds[SS_FK_COUNT] = {
	[SQLP_C_OTHER] = { NULL, 0, 0, "statements not recognised (kept, listed in the report)" },
	[SQLP_C_PSQL_META] = { NULL, K_EVERY, 0,
		"psql backslash lines; \\restrict is regenerated, \\connect stripped" },
	[SQLP_C_CLIENT] = { NULL, K_EVERY, 0,
		"client lines: DELIMITER and GO are regenerated, sqlcmd :lines copied" },
	[SQLP_C_COPY_DATA] = { NULL, K_FOLDED | K_DATA, SQLP_C_COPY, NULL },
	[SQLP_C_SESSION] = { NULL, K_EVERY, 0, "SET, set_config(), SET NAMES: at the top of every file" },
	[SQLP_C_TRANSACTION] = { NULL, K_EVERY, 0, "BEGIN, COMMIT: copied to every file" },
	[SQLP_C_DATABASE] = { NULL, K_STRIP, 0,
		"CREATE/DROP DATABASE, USE: the connection names the database" },
	[SQLP_C_SCHEMA] = { NULL, 0, 0, NULL },
	[SQLP_C_EXTENSION] = { NULL, 0, 0, NULL },
	[SQLP_C_TYPE] = { NULL, 0, 0, NULL },
	[SQLP_C_DOMAIN] = { NULL, 0, 0, NULL },
	[SQLP_C_COLLATION] = { NULL, 0, 0, NULL },
	[SQLP_C_TEXT_SEARCH] = { NULL, 0, 0, NULL },
	[SQLP_C_FDW] = { NULL, K_STRIP, 0,
		"foreign data wrappers, servers, user mappings, foreign tables (credentials)" },
	[SQLP_C_FUNCTION] = { NULL, 0, 0, "functions, aggregates, operators, casts, languages" },
	[SQLP_C_PROCEDURE] = { NULL, 0, 0, NULL },
	[SQLP_C_SEQUENCE] = { NULL, 0, 0, NULL },
	[SQLP_C_SEQUENCE_OWNED] = { NULL, 0, 0, NULL },
	[SQLP_C_TABLE] = { NULL, 0, 0, NULL },
	[SQLP_C_ALTER_TABLE] = { NULL, 0, 0, "column defaults, identity, storage, ..." },
	[SQLP_C_ATTACH_PARTITION] = { NULL, 0, 0, NULL },
	[SQLP_C_PRIMARY_KEY] = { NULL, 0, 0, "kept before the data: a data sync needs it" },
	[SQLP_C_UNIQUE] = { NULL, K_POST, 0, NULL },
	[SQLP_C_FOREIGN_KEY] = { NULL, K_POST, 0, NULL },
	[SQLP_C_CHECK] = { NULL, 0, 0, "CHECK constraints; NOT VALID ones are deferred" },
	[SQLP_C_EXCLUSION] = { NULL, K_POST, 0, NULL },
	[SQLP_C_DEFAULT] = { NULL, 0, 0, "T-SQL DEFAULT ... FOR column" },
	[SQLP_C_CONSTRAINT_STATE] = { NULL, 0, 0,
		"CHECK CONSTRAINT, VALIDATE CONSTRAINT: follow their constraint" },
	[SQLP_C_INDEX] = { NULL, K_POST, 0, "secondary indexes (MySQL inline KEY too)" },
	[SQLP_C_UNIQUE_INDEX] = { NULL, K_POST, 0, NULL },
	[SQLP_C_INDEX_ATTACH] = { NULL, K_POST, 0, NULL },
	[SQLP_C_STATISTICS] = { NULL, K_POST, 0, NULL },
	[SQLP_C_CLUSTER_ON] = { NULL, K_POST, 0, NULL },
	[SQLP_C_REPLICA_IDENTITY] = { NULL, K_POST, 0, NULL },
	[SQLP_C_VIEW] = { NULL, K_STRIP, 0, "views and mysqldump's view stand-ins" },
	[SQLP_C_VIEW_STANDIN] = { NULL, K_FOLDED, SQLP_C_VIEW, NULL },
	[SQLP_C_MATVIEW] = { NULL, K_STRIP, 0, "materialized views and their REFRESH" },
	[SQLP_C_MATVIEW_REFRESH] = { NULL, K_FOLDED, SQLP_C_MATVIEW, NULL },
	[SQLP_C_TRIGGER] = { NULL, K_STRIP | K_POST, 0,
		"table triggers and ENABLE/DISABLE TRIGGER (deferred when kept)" },
	[SQLP_C_TRIGGER_STATE] = { NULL, K_FOLDED, SQLP_C_TRIGGER, NULL },
	[SQLP_C_EVENT_TRIGGER] = { NULL, K_STRIP, 0, "event triggers, T-SQL DDL triggers" },
	[SQLP_C_EVENT] = { NULL, 0, 0, "MySQL scheduled events" },
	[SQLP_C_RULE] = { NULL, K_STRIP | K_POST, 0,
		"rules (DO INSTEAD rewrites inserts) and ENABLE/DISABLE RULE" },
	[SQLP_C_RULE_STATE] = { NULL, K_FOLDED, SQLP_C_RULE, NULL },
	[SQLP_C_POLICY] = { NULL, K_POST, 0, NULL },
	[SQLP_C_ROW_SECURITY] = { NULL, K_POST, 0, NULL },
	[SQLP_C_PUBLICATION] = { NULL, K_STRIP, 0, NULL },
	[SQLP_C_SUBSCRIPTION] = { NULL, K_STRIP, 0, NULL },
	[SQLP_C_COMMENT] = { NULL, 0, 0, "COMMENT ON, extended properties: follow their object" },
	[SQLP_C_SECURITY_LABEL] = { NULL, K_STRIP, 0, NULL },
	[SQLP_C_OWNER] = { NULL, K_STRIP, 0, "OWNER TO, SET SESSION AUTHORIZATION, ALTER AUTHORIZATION" },
	[SQLP_C_GRANT] = { NULL, K_STRIP, 0, "GRANT, REVOKE, DENY, role membership" },
	[SQLP_C_DEFAULT_PRIVILEGES] = { NULL, K_STRIP, 0, NULL },
	[SQLP_C_ROLE] = { NULL, K_STRIP, 0, "CREATE/ALTER/DROP ROLE, USER, LOGIN" },
	[SQLP_C_SYNONYM] = { NULL, 0, 0, NULL },
	[SQLP_C_PARTITION_SCHEME] = { NULL, 0, 0, NULL },
	[SQLP_C_DROP] = { NULL, 0, 0, "DROP statements: also follow the kind they drop" },
	[SQLP_C_COPY] = { NULL, K_STRIP | K_DATA, 0, "COPY and its data" },
	[SQLP_C_INSERT] = { NULL, K_STRIP | K_DATA, 0, NULL },
	[SQLP_C_UPDATE] = { NULL, K_STRIP | K_DATA, 0, NULL },
	[SQLP_C_DELETE] = { NULL, K_STRIP | K_DATA, 0, NULL },
	[SQLP_C_SETVAL] = { NULL, K_STRIP | K_DATA, 0, "sequence values (for the cutover)" },
	[SQLP_C_LARGE_OBJECT] = { NULL, K_STRIP | K_DATA, 0, NULL },
	[SQLP_C_STATS_DATA] = { NULL, K_STRIP | K_DATA, 0, NULL },
	[SQLP_C_LOCK] = { NULL, K_STRIP | K_DATA, 0, NULL },
	[SQLP_C_KEYS] = { NULL, K_STRIP | K_DATA, 0, NULL },
	[SQLP_C_IDENTITY_INSERT] = { NULL, K_STRIP | K_DATA, 0, NULL },
	[SQLP_C_REPLICATION] = { NULL, K_STRIP, 0, "GTID_PURGED, SQL_LOG_BIN, CHANGE MASTER" },
	[SS_FK_TRIGGER_FUNCTION] = { "trigger-function", 0, 0,
		"PostgreSQL functions RETURNS trigger (kept unless stripped)" },
	[SS_FK_CLUSTERED_INDEX] = { "clustered-index", 0, 0, "T-SQL clustered indexes: the table's storage" },
	[SS_FK_AUTO_INCREMENT] = { "auto-increment", K_STRIP, 0,
		"MySQL table option AUTO_INCREMENT=N (removed from CREATE TABLE)" },
};

_Static_assert(sizeof(kinds) / sizeof(kinds[0]) == SS_FK_COUNT, "one entry per kind");

const char *ss_fate_name(enum ss_fate f)
{
	static const char *const names[SS_FATE_COUNT] = {
		[SS_FATE_KEEP] = "kept",
		[SS_FATE_DEFER] = "deferred",
		[SS_FATE_STRIP] = "stripped",
		[SS_FATE_EXCLUDE] = "excluded",
	};

	return (unsigned)f < SS_FATE_COUNT ? names[f] : "?";
}

const char *ss_filter_kind_name(int k)
{
	if (k < 0 || k >= SS_FK_COUNT)
		return "?";
	return kinds[k].name ? kinds[k].name : sqlp_class_name((enum sqlp_class)k);
}

int ss_filter_class_kind(enum sqlp_class c)
{
	if ((unsigned)c >= SQLP_C_COUNT)
		return SQLP_C_OTHER;
	return (kinds[c].flags & K_FOLDED) ? kinds[c].governs : (int)c;
}

int ss_filter_kind_listed(int k)
{
	return k >= 0 && k < SS_FK_COUNT && !(kinds[k].flags & K_FOLDED);
}

int ss_filter_kind_every(int k)
{
	return (kinds[ss_filter_class_kind_any(k)].flags & K_EVERY) != 0;
}

int ss_filter_kind_post(int k)
{
	return (kinds[ss_filter_class_kind_any(k)].flags & K_POST) != 0;
}

int ss_filter_class_kind_any(int k)
{
	if (k < 0 || k >= SS_FK_COUNT)
		return SQLP_C_OTHER;
	return (kinds[k].flags & K_FOLDED) ? kinds[k].governs : k;
}

void ss_filter_config_init(struct ss_filter_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->dialect = SQLP_AUTO;
}

enum ss_fate ss_filter_kind_fate(const struct ss_filter_config *cfg, int k)
{
	unsigned fl;

	k = ss_filter_class_kind_any(k);
	fl = kinds[k].flags;
	switch ((enum ss_kind_op)cfg->op[k]) {
	case SS_OP_STRIP:
		return SS_FATE_STRIP;
	case SS_OP_PRE:
		return SS_FATE_KEEP;
	case SS_OP_DEFER:
		return SS_FATE_DEFER;
	case SS_OP_KEEP:
		break;
	case SS_OP_DEFAULT:
		if (fl & K_STRIP)
			return SS_FATE_STRIP;
		break;
	}
	return (fl & K_POST) && cfg->post_sync ? SS_FATE_DEFER : SS_FATE_KEEP;
}

const char *ss_filter_op_name(enum ss_kind_op op)
{
	switch (op) {
	case SS_OP_STRIP:
		return "--strip";
	case SS_OP_KEEP:
		return "--keep";
	case SS_OP_DEFER:
		return "--defer";
	case SS_OP_PRE:
		return "--pre";
	case SS_OP_DEFAULT:
		break;
	}
	return "default";
}

/* Kind by name: exact, then without a plural ending; -1 if unknown. */
static int kind_lookup(const char *name, size_t n)
{
	for (int pass = 0; pass < 3; pass++) {
		size_t m = n;

		if (pass == 1) {
			if (n < 2 || name[n - 1] != 's')
				continue;
			m = n - 1;
		} else if (pass == 2) {
			if (n < 3 || strncasecmp(name + n - 2, "es", 2))
				continue;
			m = n - 2;
		}
		for (int k = 0; k < SS_FK_COUNT; k++) {
			const char *kn = ss_filter_kind_name(k);

			if (strlen(kn) == m && !strncasecmp(kn, name, m))
				return k;
		}
	}
	if (n == 7 && !strncasecmp(name, "indices", 7))
		return SQLP_C_INDEX;
	return -1;
}

/* Set kind k to op; src 1 for "all", 2 for "data", 3 for a kind named outright. */
static int apply_one(struct ss_filter_config *cfg, enum ss_kind_op op, int k, int src,
		     const char *group, struct ss_err *err)
{
	k = ss_filter_class_kind_any(k);
	if ((kinds[k].flags & K_EVERY) && (op == SS_OP_DEFER || op == SS_OP_PRE)) {
		if (src < 3)
			return 0;	/* "--defer all" means the kinds that can be deferred */
		return ss_err_set(err, SS_ERR_USAGE,
				  "%s %s: %s lines go to every output file; they can only be "
				  "stripped or kept", ss_filter_op_name(op), ss_filter_kind_name(k),
				  ss_filter_kind_name(k));
	}
	if (cfg->op_src[k] > src)
		return 0;	/* named outright elsewhere: that wins over a group */
	if (cfg->op_src[k] == src && cfg->op[k] != (unsigned char)op)
		return ss_err_set(err, SS_ERR_USAGE, "%s given both to %s and to %s",
				  src == 3 ? ss_filter_kind_name(k) : group,
				  ss_filter_op_name((enum ss_kind_op)cfg->op[k]), ss_filter_op_name(op));
	cfg->op[k] = (unsigned char)op;
	cfg->op_src[k] = (unsigned char)src;
	return 0;
}

int ss_filter_kinds_apply(struct ss_filter_config *cfg, enum ss_kind_op op, const char *list,
			  struct ss_err *err)
{
	const char *p = list;

	for (;;) {
		const char *e = p + strcspn(p, ",");
		const char *a = p, *b = e;
		int k;

		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (a == b)
			return ss_err_set(err, SS_ERR_USAGE, "%s: empty kind name in '%s'",
					  ss_filter_op_name(op), list);
		if ((size_t)(b - a) == 3 && !strncasecmp(a, "all", 3)) {
			for (k = 0; k < SS_FK_COUNT; k++)
				if (!(kinds[k].flags & K_FOLDED) && apply_one(cfg, op, k, 1, "all", err))
					return -1;
		} else if ((size_t)(b - a) == 4 && !strncasecmp(a, "data", 4)) {
			for (k = 0; k < SS_FK_COUNT; k++)
				if ((kinds[k].flags & K_DATA) && !(kinds[k].flags & K_FOLDED) &&
				    apply_one(cfg, op, k, 2, "data", err))
					return -1;
		} else {
			k = kind_lookup(a, (size_t)(b - a));
			if (k < 0)
				return ss_err_set(err, SS_ERR_USAGE,
						  "%s: unknown kind '%.*s' (ssync filter --kinds lists them)",
						  ss_filter_op_name(op), (int)(b - a), a);
			if (apply_one(cfg, op, k, 3, NULL, err))
				return -1;
		}
		if (!*e)
			return 0;
		p = e + 1;
	}
}

void ss_filter_kinds_help(FILE *f)
{
	static const struct ss_filter_config none = { .post_sync = 0 };
	static const struct ss_filter_config post = { .post_sync = 1 };

	fputs("Kinds for --strip, --keep, --defer and --pre (also \"all\", and \"data\" for\n"
	      "copy, insert, update, delete, setval, large-object, statistics-data, lock,\n"
	      "disable-keys and identity-insert); plurals are accepted.\n\n", f);
	fprintf(f, "  %-20s %-9s %-9s %s\n", "KIND", "DEFAULT", "POST-SYNC", "");
	for (int k = 0; k < SS_FK_COUNT; k++) {
		const char *d, *p;

		if (kinds[k].flags & K_FOLDED)
			continue;
		if (kinds[k].flags & K_EVERY) {
			d = p = "every";
		} else {
			d = ss_fate_name(ss_filter_kind_fate(&none, k));
			p = ss_fate_name(ss_filter_kind_fate(&post, k));
		}
		fprintf(f, "  %-20s %-9s %-9s %s\n", ss_filter_kind_name(k), d, p,
			kinds[k].help ? kinds[k].help : "");
	}
	fputs("\n\"every\": copied to every output file.  trigger-state follows trigger,\n"
	      "rule-state rule, view-standin view, matview-refresh matview, copy-data copy.\n", f);
}
