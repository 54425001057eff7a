/*
 * names.c - the names of dialects, classes, object kinds and constraint
 * kinds (what "ssync filter --list" prints).  Each table is indexed by its
 * enum and checked for size at compile time.
 */
#include <string.h>

#include "sqlp_int.h"

static const char *const class_names[] = {
	[SQLP_C_OTHER] = "other",
	[SQLP_C_PSQL_META] = "psql-meta",
	[SQLP_C_CLIENT] = "client",
	[SQLP_C_COPY_DATA] = "copy-data",
	[SQLP_C_SESSION] = "session",
	[SQLP_C_TRANSACTION] = "transaction",
	[SQLP_C_DATABASE] = "database",
	[SQLP_C_SCHEMA] = "schema",
	[SQLP_C_EXTENSION] = "extension",
	[SQLP_C_TYPE] = "type",
	[SQLP_C_DOMAIN] = "domain",
	[SQLP_C_COLLATION] = "collation",
	[SQLP_C_TEXT_SEARCH] = "text-search",
	[SQLP_C_FDW] = "fdw",
	[SQLP_C_FUNCTION] = "function",
	[SQLP_C_PROCEDURE] = "procedure",
	[SQLP_C_SEQUENCE] = "sequence",
	[SQLP_C_SEQUENCE_OWNED] = "sequence-owned-by",
	[SQLP_C_TABLE] = "table",
	[SQLP_C_ALTER_TABLE] = "alter-table",
	[SQLP_C_ATTACH_PARTITION] = "attach-partition",
	[SQLP_C_PRIMARY_KEY] = "primary-key",
	[SQLP_C_UNIQUE] = "unique",
	[SQLP_C_FOREIGN_KEY] = "foreign-key",
	[SQLP_C_CHECK] = "check",
	[SQLP_C_EXCLUSION] = "exclusion",
	[SQLP_C_DEFAULT] = "default",
	[SQLP_C_CONSTRAINT_STATE] = "constraint-state",
	[SQLP_C_INDEX] = "index",
	[SQLP_C_UNIQUE_INDEX] = "unique-index",
	[SQLP_C_INDEX_ATTACH] = "index-attach",
	[SQLP_C_STATISTICS] = "statistics",
	[SQLP_C_CLUSTER_ON] = "cluster-on",
	[SQLP_C_REPLICA_IDENTITY] = "replica-identity",
	[SQLP_C_VIEW] = "view",
	[SQLP_C_VIEW_STANDIN] = "view-standin",
	[SQLP_C_MATVIEW] = "matview",
	[SQLP_C_MATVIEW_REFRESH] = "matview-refresh",
	[SQLP_C_TRIGGER] = "trigger",
	[SQLP_C_TRIGGER_STATE] = "trigger-state",
	[SQLP_C_EVENT_TRIGGER] = "event-trigger",
	[SQLP_C_EVENT] = "event",
	[SQLP_C_RULE] = "rule",
	[SQLP_C_RULE_STATE] = "rule-state",
	[SQLP_C_POLICY] = "policy",
	[SQLP_C_ROW_SECURITY] = "row-security",
	[SQLP_C_PUBLICATION] = "publication",
	[SQLP_C_SUBSCRIPTION] = "subscription",
	[SQLP_C_COMMENT] = "comment",
	[SQLP_C_SECURITY_LABEL] = "security-label",
	[SQLP_C_OWNER] = "owner",
	[SQLP_C_GRANT] = "grant",
	[SQLP_C_DEFAULT_PRIVILEGES] = "default-privileges",
	[SQLP_C_ROLE] = "role",
	[SQLP_C_SYNONYM] = "synonym",
	[SQLP_C_PARTITION_SCHEME] = "partition-scheme",
	[SQLP_C_DROP] = "drop",
	[SQLP_C_COPY] = "copy",
	[SQLP_C_INSERT] = "insert",
	[SQLP_C_UPDATE] = "update",
	[SQLP_C_DELETE] = "delete",
	[SQLP_C_SETVAL] = "setval",
	[SQLP_C_LARGE_OBJECT] = "large-object",
	[SQLP_C_STATS_DATA] = "statistics-data",
	[SQLP_C_LOCK] = "lock",
	[SQLP_C_KEYS] = "disable-keys",
	[SQLP_C_IDENTITY_INSERT] = "identity-insert",
	[SQLP_C_REPLICATION] = "replication",
};
_Static_assert(sizeof(class_names) / sizeof(class_names[0]) == SQLP_C_COUNT,
	       "a name for every class");

static const char *const objkind_names[] = {
	[SQLP_O_NONE] = "",
	[SQLP_O_DATABASE] = "database",
	[SQLP_O_SCHEMA] = "schema",
	[SQLP_O_EXTENSION] = "extension",
	[SQLP_O_TYPE] = "type",
	[SQLP_O_DOMAIN] = "domain",
	[SQLP_O_COLLATION] = "collation",
	[SQLP_O_TEXT_SEARCH] = "text search object",
	[SQLP_O_FDW] = "foreign data wrapper",
	[SQLP_O_SERVER] = "server",
	[SQLP_O_USER_MAPPING] = "user mapping",
	[SQLP_O_FOREIGN_TABLE] = "foreign table",
	[SQLP_O_FUNCTION] = "function",
	[SQLP_O_PROCEDURE] = "procedure",
	[SQLP_O_AGGREGATE] = "aggregate",
	[SQLP_O_OPERATOR] = "operator",
	[SQLP_O_CAST] = "cast",
	[SQLP_O_LANGUAGE] = "language",
	[SQLP_O_TRANSFORM] = "transform",
	[SQLP_O_CONVERSION] = "conversion",
	[SQLP_O_SEQUENCE] = "sequence",
	[SQLP_O_TABLE] = "table",
	[SQLP_O_COLUMN] = "column",
	[SQLP_O_CONSTRAINT] = "constraint",
	[SQLP_O_INDEX] = "index",
	[SQLP_O_VIEW] = "view",
	[SQLP_O_MATVIEW] = "materialized view",
	[SQLP_O_TRIGGER] = "trigger",
	[SQLP_O_EVENT_TRIGGER] = "event trigger",
	[SQLP_O_EVENT] = "event",
	[SQLP_O_RULE] = "rule",
	[SQLP_O_POLICY] = "policy",
	[SQLP_O_PUBLICATION] = "publication",
	[SQLP_O_SUBSCRIPTION] = "subscription",
	[SQLP_O_ROLE] = "role",
	[SQLP_O_TABLESPACE] = "tablespace",
	[SQLP_O_STATISTICS] = "statistics",
	[SQLP_O_LARGE_OBJECT] = "large object",
	[SQLP_O_SYNONYM] = "synonym",
	[SQLP_O_PARTITION_FUNCTION] = "partition function",
	[SQLP_O_PARTITION_SCHEME] = "partition scheme",
	[SQLP_O_XML_SCHEMA_COLLECTION] = "xml schema collection",
	[SQLP_O_FULLTEXT_CATALOG] = "fulltext catalog",
	[SQLP_O_FULLTEXT_INDEX] = "fulltext index",
	[SQLP_O_SECURITY_POLICY] = "security policy",
	[SQLP_O_ACCESS_METHOD] = "access method",
	[SQLP_O_OTHER] = "other",
};
_Static_assert(sizeof(objkind_names) / sizeof(objkind_names[0]) == SQLP_O_COUNT,
	       "a name for every object kind");

static const char *const cons_names[] = {
	[SQLP_K_NONE] = "",
	[SQLP_K_PRIMARY_KEY] = "primary key",
	[SQLP_K_UNIQUE] = "unique",
	[SQLP_K_FOREIGN_KEY] = "foreign key",
	[SQLP_K_CHECK] = "check",
	[SQLP_K_EXCLUSION] = "exclusion",
	[SQLP_K_DEFAULT] = "default",
	[SQLP_K_INDEX] = "index",
	[SQLP_K_FULLTEXT] = "fulltext",
	[SQLP_K_SPATIAL] = "spatial",
};
_Static_assert(sizeof(cons_names) / sizeof(cons_names[0]) == SQLP_K_COUNT,
	       "a name for every constraint kind");

static const char *const dialect_names[] = {
	[SQLP_AUTO] = "auto",
	[SQLP_POSTGRES] = "postgres",
	[SQLP_MYSQL] = "mysql",
	[SQLP_TSQL] = "tsql",
};
_Static_assert(sizeof(dialect_names) / sizeof(dialect_names[0]) == SQLP_DIALECT_COUNT,
	       "a name for every dialect");

const char *sqlp_class_name(enum sqlp_class c)
{
	return (unsigned)c < SQLP_C_COUNT ? class_names[c] : "other";
}

const char *sqlp_objkind_name(enum sqlp_objkind k)
{
	return (unsigned)k < SQLP_O_COUNT ? objkind_names[k] : "";
}

const char *sqlp_cons_name(enum sqlp_cons k)
{
	return (unsigned)k < SQLP_K_COUNT ? cons_names[k] : "";
}

const char *sqlp_dialect_name(enum sqlp_dialect d)
{
	return (unsigned)d < SQLP_DIALECT_COUNT ? dialect_names[d] : "auto";
}

int sqlp_dialect_parse(const char *name, enum sqlp_dialect *out)
{
	static const struct {
		const char *name;
		enum sqlp_dialect d;
	} names[] = {
		{ "auto", SQLP_AUTO },	     { "postgres", SQLP_POSTGRES },
		{ "postgresql", SQLP_POSTGRES }, { "pg", SQLP_POSTGRES },
		{ "mysql", SQLP_MYSQL },     { "mariadb", SQLP_MYSQL },
		{ "tsql", SQLP_TSQL },	     { "mssql", SQLP_TSQL },
		{ "sqlserver", SQLP_TSQL },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (sqlp__kw(name, strlen(name), names[i].name)) {
			*out = names[i].d;
			return 0;
		}
	return -1;
}
