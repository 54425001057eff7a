/*
 * sqlparse.h - the one public header of libsqlparse.
 *
 * libsqlparse splits SQL scripts (PostgreSQL/psql, MySQL/MariaDB, T-SQL)
 * into statements and classifies them.  It depends on nothing but libc,
 * never prints and never exits: every failure, out-of-memory included, is
 * reported to the caller.
 *
 * Ownership: functions that return allocated memory say so; pointers
 * handed to callbacks or returned by accessors are borrowed and live until
 * the next call on the same object unless stated otherwise.
 *
 * Positions: offsets count bytes of the decoded UTF-8 input (after any
 * byte-order mark; UTF-16 input is transcoded first).  Lines are 1-based
 * and counted at '\n'; columns are 1-based and count UTF-8 characters
 * (a tab is one column), as editors and PostgreSQL's error positions do.
 */
#ifndef SQLPARSE_H
#define SQLPARSE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------
 * struct sqlp_buf: a growable byte buffer (shared with src/).
 *
 * Invariants: data is never NULL and always NUL-terminated (data[len] ==
 * 0); it may hold NUL bytes.  A buffer that failed to grow (out of memory
 * or over its optional limit) is marked failed, and every later append is
 * a no-op, so a caller can append freely and check sqlp_buf_failed() once.
 * ------------------------------------------------------------------- */
struct sqlp_buf {
	char *data;	/* never NULL; points to a shared "" until first growth */
	size_t len;	/* bytes in use, excluding the terminating NUL */
	size_t cap;	/* bytes allocated, 0 while data is the shared "" */
	size_t limit;	/* maximum len, 0 for none */
	int failed;	/* set once a growth failed; appends then do nothing */
};

extern char sqlp_buf_empty[];
#define SQLP_BUF_INIT { sqlp_buf_empty, 0, 0, 0, 0 }

/* Initialise an empty buffer; allocates nothing. */
void sqlp_buf_init(struct sqlp_buf *b);
/* Free the contents and re-initialise (the limit is kept). */
void sqlp_buf_release(struct sqlp_buf *b);
/* Make room for extra more bytes; 0 on success, -1 (and failed set) if not. */
int sqlp_buf_grow(struct sqlp_buf *b, size_t extra);
/* Append bytes, a string, one byte, or printf-formatted text. */
void sqlp_buf_add(struct sqlp_buf *b, const void *data, size_t len);
void sqlp_buf_addstr(struct sqlp_buf *b, const char *s);
void sqlp_buf_addch(struct sqlp_buf *b, int c);
void sqlp_buf_addf(struct sqlp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sqlp_buf_vaddf(struct sqlp_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Drop the first n bytes (n > len empties the buffer). */
void sqlp_buf_consume(struct sqlp_buf *b, size_t n);
/* Set len to n (n <= len) keeping the allocation. */
void sqlp_buf_truncate(struct sqlp_buf *b, size_t n);
#define sqlp_buf_reset(b) sqlp_buf_truncate((b), 0)
/* Nonzero once an append failed. */
#define sqlp_buf_failed(b) ((b)->failed)
/*
 * Hand the bytes to the caller, who frees them with free(); the buffer is
 * re-initialised.  Returns a malloc'd "" for an empty buffer, or NULL if
 * the buffer had failed or that allocation fails.  *len_out may be NULL.
 */
char *sqlp_buf_detach(struct sqlp_buf *b, size_t *len_out);

/* ---------------------------------------------------------------------
 * Dialects
 * ------------------------------------------------------------------- */
enum sqlp_dialect {
	SQLP_AUTO = 0,		/* detect from the first 64 KiB */
	SQLP_POSTGRES,		/* PostgreSQL as psql reads it (pg_dump, migrations) */
	SQLP_MYSQL,		/* MySQL/MariaDB as the mysql/mariadb client reads it */
	SQLP_TSQL,		/* SQL Server as sqlcmd/SSMS read it (GO batches) */
	SQLP_DIALECT_COUNT
};

/* "auto", "postgres", "mysql", "tsql". */
const char *sqlp_dialect_name(enum sqlp_dialect d);
/*
 * Parse a dialect name: auto, postgres (postgresql, pg), mysql (mariadb),
 * tsql (mssql, sqlserver); case-insensitive.  0 or -1 if unknown.
 */
int sqlp_dialect_parse(const char *name, enum sqlp_dialect *out);

/* ---------------------------------------------------------------------
 * Statement classes, object kinds, constraint kinds
 *
 * A class is decided from the statement's leading tokens (comments and
 * MySQL executable-comment markers skipped, keywords case-insensitive); a
 * statement that matches no rule is SQLP_C_OTHER, never an error.  Names
 * (sqlp_class_name) are what "ssync filter --list" prints.
 * ------------------------------------------------------------------- */
enum sqlp_class {
	SQLP_C_OTHER = 0,	/* "other": not recognised (kept, reported) */
	/* items that are not SQL statements */
	SQLP_C_PSQL_META,	/* "psql-meta": \connect, \restrict KEY, \set, ... */
	SQLP_C_CLIENT,		/* "client": DELIMITER, sqlcmd :setvar/:r/!!, mysql \-commands,
				   the mariadb-dump sandbox line, USE/SOURCE client lines */
	SQLP_C_COPY_DATA,	/* "copy-data": the data lines of COPY ... FROM stdin, up to \. */
	/* session and transactions */
	SQLP_C_SESSION,		/* "session": SET, RESET, set_config(), SET NAMES, SET ANSI_NULLS */
	SQLP_C_TRANSACTION,	/* "transaction": BEGIN, START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT */
	SQLP_C_DATABASE,	/* "database": CREATE/ALTER/DROP DATABASE, USE db */
	/* schema objects created before the data */
	SQLP_C_SCHEMA,		/* "schema": CREATE SCHEMA */
	SQLP_C_EXTENSION,	/* "extension": CREATE/ALTER EXTENSION */
	SQLP_C_TYPE,		/* "type": CREATE TYPE, ALTER TYPE ... ADD VALUE, XML SCHEMA COLLECTION */
	SQLP_C_DOMAIN,		/* "domain": CREATE DOMAIN */
	SQLP_C_COLLATION,	/* "collation": CREATE COLLATION */
	SQLP_C_TEXT_SEARCH,	/* "text-search": CREATE TEXT SEARCH ... */
	SQLP_C_FDW,		/* "fdw": FOREIGN DATA WRAPPER, SERVER, USER MAPPING, FOREIGN TABLE */
	SQLP_C_FUNCTION,	/* "function": FUNCTION, AGGREGATE, OPERATOR [CLASS|FAMILY], CAST,
				   LANGUAGE, TRANSFORM, CONVERSION (objkind says which) */
	SQLP_C_PROCEDURE,	/* "procedure": CREATE PROCEDURE / PROC */
	SQLP_C_SEQUENCE,	/* "sequence": CREATE SEQUENCE, ALTER SEQUENCE (not OWNED BY) */
	SQLP_C_SEQUENCE_OWNED,	/* "sequence-owned-by": ALTER SEQUENCE s OWNED BY t.c (table = t) */
	SQLP_C_TABLE,		/* "table": CREATE TABLE (incl. PARTITION OF, INHERITS) */
	SQLP_C_ALTER_TABLE,	/* "alter-table": other ALTER TABLE actions (columns, defaults,
				   identity, SET (...), storage, ...) */
	SQLP_C_ATTACH_PARTITION,/* "attach-partition": ALTER TABLE ... ATTACH PARTITION */
	SQLP_C_PRIMARY_KEY,	/* "primary-key": ALTER TABLE ... ADD [CONSTRAINT n] PRIMARY KEY */
	SQLP_C_UNIQUE,		/* "unique": ... ADD [CONSTRAINT n] UNIQUE [KEY|INDEX] */
	SQLP_C_FOREIGN_KEY,	/* "foreign-key": ... ADD [CONSTRAINT n] FOREIGN KEY */
	SQLP_C_CHECK,		/* "check": ... ADD [CONSTRAINT n] CHECK (flag NOT_VALID) */
	SQLP_C_EXCLUSION,	/* "exclusion": ... ADD [CONSTRAINT n] EXCLUDE */
	SQLP_C_DEFAULT,		/* "default": T-SQL ... ADD CONSTRAINT n DEFAULT (...) FOR col */
	SQLP_C_CONSTRAINT_STATE,/* "constraint-state": T-SQL [WITH CHECK] CHECK|NOCHECK CONSTRAINT,
				   PostgreSQL VALIDATE CONSTRAINT */
	SQLP_C_INDEX,		/* "index": CREATE INDEX, MySQL ALTER TABLE ADD KEY/INDEX/FULLTEXT,
				   T-SQL ALTER INDEX i ON t (DISABLE, REBUILD, ...) */
	SQLP_C_UNIQUE_INDEX,	/* "unique-index": CREATE UNIQUE INDEX */
	SQLP_C_INDEX_ATTACH,	/* "index-attach": ALTER INDEX ... ATTACH PARTITION */
	SQLP_C_STATISTICS,	/* "statistics": CREATE STATISTICS */
	SQLP_C_CLUSTER_ON,	/* "cluster-on": ALTER TABLE ... CLUSTER ON */
	SQLP_C_REPLICA_IDENTITY,/* "replica-identity": ALTER TABLE ... REPLICA IDENTITY */
	SQLP_C_VIEW,		/* "view": CREATE [OR REPLACE] VIEW */
	SQLP_C_VIEW_STANDIN,	/* "view-standin": mysqldump's placeholder for a view */
	SQLP_C_MATVIEW,		/* "matview": CREATE MATERIALIZED VIEW */
	SQLP_C_MATVIEW_REFRESH,	/* "matview-refresh": REFRESH MATERIALIZED VIEW */
	SQLP_C_TRIGGER,		/* "trigger": CREATE [CONSTRAINT] TRIGGER on a table */
	SQLP_C_TRIGGER_STATE,	/* "trigger-state": ALTER TABLE ... ENABLE/DISABLE TRIGGER,
				   T-SQL ENABLE/DISABLE TRIGGER ... ON table */
	SQLP_C_EVENT_TRIGGER,	/* "event-trigger": PostgreSQL EVENT TRIGGER, T-SQL DDL trigger
				   (ON DATABASE / ON ALL SERVER, and its ENABLE/DISABLE) */
	SQLP_C_EVENT,		/* "event": MySQL CREATE EVENT */
	SQLP_C_RULE,		/* "rule": CREATE RULE */
	SQLP_C_RULE_STATE,	/* "rule-state": ALTER TABLE ... ENABLE/DISABLE RULE */
	SQLP_C_POLICY,		/* "policy": CREATE POLICY, T-SQL SECURITY POLICY */
	SQLP_C_ROW_SECURITY,	/* "row-security": ALTER TABLE ... ENABLE/FORCE ROW LEVEL SECURITY */
	SQLP_C_PUBLICATION,	/* "publication": CREATE/ALTER PUBLICATION */
	SQLP_C_SUBSCRIPTION,	/* "subscription": CREATE/ALTER SUBSCRIPTION */
	SQLP_C_COMMENT,		/* "comment": COMMENT ON, T-SQL sp_add/updateextendedproperty
				   (its levels name the object as COMMENT ON would) */
	SQLP_C_SECURITY_LABEL,	/* "security-label": SECURITY LABEL */
	SQLP_C_OWNER,		/* "owner": ALTER ... OWNER TO, SET SESSION AUTHORIZATION, SET ROLE,
				   T-SQL ALTER AUTHORIZATION */
	SQLP_C_GRANT,		/* "grant": GRANT, REVOKE, DENY, ALTER ROLE ... ADD MEMBER,
				   sp_addrolemember */
	SQLP_C_DEFAULT_PRIVILEGES,/* "default-privileges": ALTER DEFAULT PRIVILEGES */
	SQLP_C_ROLE,		/* "role": CREATE/ALTER/DROP USER, ROLE, GROUP, LOGIN */
	SQLP_C_SYNONYM,		/* "synonym": T-SQL CREATE SYNONYM */
	SQLP_C_PARTITION_SCHEME,/* "partition-scheme": T-SQL PARTITION FUNCTION / SCHEME */
	SQLP_C_DROP,		/* "drop": DROP ... (not DATABASE, USER, ROLE) */
	/* data */
	SQLP_C_COPY,		/* "copy": the COPY statement (its data is a copy-data item) */
	SQLP_C_INSERT,		/* "insert": INSERT, REPLACE, BULK INSERT, LOAD DATA */
	SQLP_C_UPDATE,		/* "update": UPDATE, MERGE */
	SQLP_C_DELETE,		/* "delete": DELETE, TRUNCATE */
	SQLP_C_SETVAL,		/* "setval": SELECT pg_catalog.setval(...) */
	SQLP_C_LARGE_OBJECT,	/* "large-object": lo_create/lo_open/lowrite/lo_close... */
	SQLP_C_STATS_DATA,	/* "statistics-data": pg_restore_relation/attribute_stats() */
	SQLP_C_LOCK,		/* "lock": LOCK TABLES, UNLOCK TABLES, LOCK TABLE */
	SQLP_C_KEYS,		/* "disable-keys": ALTER TABLE ... DISABLE/ENABLE KEYS */
	SQLP_C_IDENTITY_INSERT,	/* "identity-insert": T-SQL SET IDENTITY_INSERT */
	SQLP_C_REPLICATION,	/* "replication": GTID_PURGED, SQL_LOG_BIN, CHANGE MASTER/REPLICATION */
	SQLP_C_COUNT
};

/* Object kinds (what the name in item->object names). */
enum sqlp_objkind {
	SQLP_O_NONE = 0,
	SQLP_O_DATABASE, SQLP_O_SCHEMA, SQLP_O_EXTENSION, SQLP_O_TYPE, SQLP_O_DOMAIN,
	SQLP_O_COLLATION, SQLP_O_TEXT_SEARCH, SQLP_O_FDW, SQLP_O_SERVER, SQLP_O_USER_MAPPING,
	SQLP_O_FOREIGN_TABLE, SQLP_O_FUNCTION, SQLP_O_PROCEDURE, SQLP_O_AGGREGATE,
	SQLP_O_OPERATOR, SQLP_O_CAST, SQLP_O_LANGUAGE, SQLP_O_TRANSFORM, SQLP_O_CONVERSION,
	SQLP_O_SEQUENCE, SQLP_O_TABLE, SQLP_O_COLUMN, SQLP_O_CONSTRAINT, SQLP_O_INDEX,
	SQLP_O_VIEW, SQLP_O_MATVIEW, SQLP_O_TRIGGER, SQLP_O_EVENT_TRIGGER, SQLP_O_EVENT,
	SQLP_O_RULE, SQLP_O_POLICY, SQLP_O_PUBLICATION, SQLP_O_SUBSCRIPTION, SQLP_O_ROLE,
	SQLP_O_TABLESPACE, SQLP_O_STATISTICS, SQLP_O_LARGE_OBJECT, SQLP_O_SYNONYM,
	SQLP_O_PARTITION_FUNCTION, SQLP_O_PARTITION_SCHEME, SQLP_O_XML_SCHEMA_COLLECTION,
	SQLP_O_FULLTEXT_CATALOG, SQLP_O_FULLTEXT_INDEX, SQLP_O_SECURITY_POLICY,
	SQLP_O_ACCESS_METHOD, SQLP_O_OTHER,
	SQLP_O_COUNT
};

/* Constraint kinds, for ALTER TABLE ADD and for table elements. */
enum sqlp_cons {
	SQLP_K_NONE = 0,
	SQLP_K_PRIMARY_KEY,
	SQLP_K_UNIQUE,
	SQLP_K_FOREIGN_KEY,
	SQLP_K_CHECK,
	SQLP_K_EXCLUSION,
	SQLP_K_DEFAULT,		/* T-SQL DEFAULT ... FOR col */
	SQLP_K_INDEX,		/* MySQL KEY / INDEX (not unique), T-SQL inline INDEX */
	SQLP_K_FULLTEXT,	/* MySQL FULLTEXT KEY */
	SQLP_K_SPATIAL,		/* MySQL SPATIAL KEY */
	SQLP_K_COUNT
};

/* "create-table"-style names: "primary-key", "view", ...; never NULL. */
const char *sqlp_class_name(enum sqlp_class c);
const char *sqlp_objkind_name(enum sqlp_objkind k);	/* "table", "materialized view" */
const char *sqlp_cons_name(enum sqlp_cons k);		/* "primary key", "foreign key" */
/*
 * Does a psql line (text starting with its backslash) send the query buffer,
 * as \\g, \\gset, \\gexec, \\watch ... do?  The statement before it ends there.
 */
int sqlp_psql_sends(const char *line, size_t len);

/* ---------------------------------------------------------------------
 * Items
 *
 * The lexer hands out items in input order: statements, client lines
 * (psql meta-commands, DELIMITER, sqlcmd lines) and COPY data.  For every
 * item, lead + text + term are consecutive bytes of the input, so writing
 * them back in order reproduces the input (up to the last item; whatever
 * follows it is whitespace and comments).  The one exception is a client
 * line met in the middle of a statement (flag SQLP_F_EMBEDDED): it is
 * handed out on its own, and the statement that contains it has those
 * bytes replaced by spaces in its text (flag SQLP_F_BLANKED), as psql and
 * sqlcmd never send them to the server.
 * ------------------------------------------------------------------- */
enum {
	SQLP_F_UNTERMINATED = 1u << 0,	/* ended by end of input or end of batch, no terminator */
	SQLP_F_MORE = 1u << 1,		/* copy-data: further pieces of this block follow */
	SQLP_F_CONT = 1u << 2,		/* copy-data: continues an earlier piece (not first) */
	SQLP_F_EMBEDDED = 1u << 3,	/* client line found inside a statement */
	SQLP_F_BLANKED = 1u << 4,	/* text has embedded client lines blanked out */
	SQLP_F_BATCH_END = 1u << 5,	/* T-SQL: last item of its batch (GO or end of input) */
	SQLP_F_IF_NOT_EXISTS = 1u << 6,	/* CREATE ... IF NOT EXISTS */
	SQLP_F_OR_REPLACE = 1u << 7,	/* CREATE OR REPLACE / CREATE OR ALTER */
	SQLP_F_NOT_VALID = 1u << 8,	/* ADD CONSTRAINT ... NOT VALID */
	SQLP_F_CONCURRENTLY = 1u << 9,	/* CREATE INDEX CONCURRENTLY */
	SQLP_F_ONLY = 1u << 10,		/* ALTER TABLE ONLY t / CREATE INDEX ... ON ONLY t */
	SQLP_F_CLUSTERED = 1u << 11,	/* T-SQL CLUSTERED index or primary key (the default for PK) */
	SQLP_F_GUARDED = 1u << 12,	/* T-SQL IF ... / EXEC sp_executesql N'...': class is the
					   inner statement's */
	SQLP_F_MULTI_ACTION = 1u << 13,	/* ALTER TABLE with several comma-separated actions; the
					   class is the first action's */
	SQLP_F_EXEC_COMMENT = 1u << 14,	/* MySQL: statement is (partly) inside a slash-star-bang
					   executable comment */
	SQLP_F_DEFINER = 1u << 15,	/* MySQL: DEFINER= clause present */
	SQLP_F_TEMPORARY = 1u << 16,	/* CREATE TEMP / TEMPORARY (not UNLOGGED) */
	SQLP_F_PARTITION_OF = 1u << 17,	/* CREATE TABLE ... PARTITION OF parent (table = parent) */
	SQLP_F_COPY_STDIN = 1u << 18,	/* copy: a data block (copy-data item) follows */
};

/* Session state in force when the item was read (item->session). */
enum {
	SQLP_S_SCS_OFF = 1u << 0,	/* PostgreSQL standard_conforming_strings = off */
	SQLP_S_ANSI_QUOTES = 1u << 1,	/* MySQL sql_mode has ANSI_QUOTES */
	SQLP_S_NO_BACKSLASH_ESCAPES = 1u << 2,	/* MySQL sql_mode has NO_BACKSLASH_ESCAPES */
	SQLP_S_QUOTED_IDENTIFIER_OFF = 1u << 3,	/* T-SQL SET QUOTED_IDENTIFIER OFF */
};

struct sqlp_item {
	enum sqlp_class cls;
	enum sqlp_objkind objkind;	/* kind of object */
	enum sqlp_cons cons;		/* constraint kind of an ADD CONSTRAINT, else NONE */
	unsigned flags;			/* SQLP_F_* */
	const char *object;	/* qualified object name ("public.actor"), "" if none; see below */
	const char *table;	/* table it belongs to (index, constraint, trigger, rule, policy,
				   comment on a column, sequence OWNED BY, copy-data), "" if none */
	const char *text;	/* the item without its terminator; NOT NUL-terminated */
	size_t len;
	const char *lead;	/* whitespace, comments (and empty statements) since the
				   previous item */
	size_t lead_len;
	const char *term;	/* terminator as written: ";", ";;", "\\g", "GO 2", "\\." or "" */
	size_t term_len;
	uint64_t start;		/* offset of text[0] */
	uint64_t end;		/* offset just past the terminator (start + len + term_len) */
	unsigned line, col;		/* position of text[0] */
	unsigned end_line, end_col;	/* position of the item's last byte (terminator included) */
	enum sqlp_dialect dialect;	/* the dialect it was read in */
	unsigned session;	/* SQLP_S_* in force */
	unsigned batch;		/* T-SQL: 1-based batch number; 0 in other dialects */
	unsigned repeat;	/* T-SQL: the count of "GO n" ending the batch (1 for plain GO),
				   set on the item flagged SQLP_F_BATCH_END; else 0 */
};
/*
 * Object names: the parts of a qualified name joined by '.', each part
 * unquoted (PostgreSQL folds unquoted parts to lower case) and quoted
 * again only when it needs it ("" in PostgreSQL, `` in MySQL, [] in
 * T-SQL), so "public"."actor", public.Actor and public."actor" all read
 * public.actor, and [dbo].[Order Details] reads dbo.[Order Details].
 * Functions are named without their argument list, an operator by its
 * symbol as written ("public.+"), a cast by its parentheses ("(integer AS
 * text)"); a constraint's object is its name (its table is in
 * item->table); SET, RESET and set_config() name the variable (SET
 * NAMES and SET CHARACTER SET: NAMES, CHARACTER), SET ROLE and SET
 * SESSION AUTHORIZATION the role; a psql meta-command or client
 * line has its command word in object; COPY data has its table in both.
 * Names longer than 511 bytes are cut.
 */

/* ---------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------- */
enum sqlp_errcode {
	SQLP_OK = 0,
	SQLP_ERR_NOMEM,		/* allocation failed */
	SQLP_ERR_UNTERMINATED,	/* quote, identifier, dollar quote, comment, COPY data... */
	SQLP_ERR_ENCODING,	/* invalid UTF-16 */
	SQLP_ERR_TOO_LARGE,	/* a statement exceeded sqlp_options.max_stmt */
	SQLP_ERR_DIALECT,	/* auto-detection found conflicting markers */
	SQLP_ERR_SYNTAX,	/* a client command the lexer cannot accept (DELIMITER with \) */
	SQLP_ERR_USAGE,		/* API misuse: feed after finish */
};

struct sqlp_error {
	enum sqlp_errcode code;
	char msg[200];		/* "unterminated dollar-quoted string $fn$"; no position */
	uint64_t offset;	/* where the offending construct opened */
	unsigned line, col;	/* same, as line:column */
};

/* ---------------------------------------------------------------------
 * The streaming lexer: feed / next / finish.
 *
 *	struct sqlp_lexer *lx = sqlp_lexer_new(&opts);
 *	while ((n = read(fd, buf, sizeof buf)) > 0) {
 *		if (sqlp_lexer_feed(lx, buf, n)) goto fail;
 *		while ((rc = sqlp_lexer_next(lx, &item)) == SQLP_ITEM)
 *			use(&item);
 *		if (rc == SQLP_ERROR) goto fail;
 *	}
 *	sqlp_lexer_finish(lx);
 *	while ((rc = sqlp_lexer_next(lx, &item)) == SQLP_ITEM)
 *		use(&item);
 *	if (rc == SQLP_ERROR) goto fail;	// rc == SQLP_DONE: all read
 *	sqlp_lexer_free(lx);
 *
 * Results do not depend on how the input is cut into chunks (1 byte at a
 * time gives the same items as the whole file at once).  The lexer keeps
 * the current item and the unread input only, so memory stays
 * proportional to the largest statement: COPY data, which can be
 * gigabytes, comes in pieces of about 64 KiB cut at line ends (flags
 * SQLP_F_MORE / SQLP_F_CONT).
 *
 * How each dialect is read (what "ssync filter --list" documents):
 * - PostgreSQL as psql reads a script: ';' ends a statement outside
 *   quotes, comments, parentheses and CREATE FUNCTION/PROCEDURE ... BEGIN
 *   ATOMIC ... END; backslash commands are items (\g ends the statement
 *   before it, \; ends one without sending); COPY ... FROM stdin (and
 *   \copy ... from stdin) is followed by a copy-data item up to "\.";
 *   SET standard_conforming_strings = off turns on backslash escapes.
 * - MySQL as the mysql client reads one: the delimiter ends a statement
 *   (DELIMITER changes it); executable comments are code, so a delimiter
 *   inside one ends the statement as in the client; \g and \G end one;
 *   the client's named commands on a line of their own are items; SET
 *   sql_mode changes quoting (ANSI_QUOTES, NO_BACKSLASH_ESCAPES).
 * - T-SQL as sqlcmd reads one: a GO line ends a batch (item->batch,
 *   SQLP_F_BATCH_END, item->repeat); within it ';' ends a statement
 *   outside parentheses and BEGIN/CASE ... END unless ELSE follows, and a
 *   batch that creates a procedure, function, trigger or view is one item;
 *   sqlcmd lines (":setvar", ":r", "!!", and EXIT, QUIT, RESET, ED alone
 *   on a line) are items.
 * ------------------------------------------------------------------- */
struct sqlp_options {
	enum sqlp_dialect dialect;	/* SQLP_AUTO to detect */
	unsigned session;		/* initial SQLP_S_* state, e.g. SQLP_S_ANSI_QUOTES */
	size_t max_stmt;		/* fail when one item would need more bytes; 0 = no limit */
};

struct sqlp_lexer;

enum {
	SQLP_ERROR = -1,	/* sqlp_lexer_error() says what and where */
	SQLP_MORE = 0,		/* feed more input (or call finish) */
	SQLP_ITEM = 1,		/* *item is filled */
	SQLP_DONE = 2,		/* after finish: no more items */
};

/* A new lexer (opts may be NULL: auto dialect); NULL if out of memory. */
struct sqlp_lexer *sqlp_lexer_new(const struct sqlp_options *opts);
void sqlp_lexer_free(struct sqlp_lexer *lx);
/*
 * Append len bytes of input.  Returns 0, or -1 after an error (out of
 * memory, feeding after finish): see sqlp_lexer_error().  Invalid UTF-16
 * is not reported here: next() reports it once every item before it is
 * out, so the items never depend on how the input was cut.
 */
int sqlp_lexer_feed(struct sqlp_lexer *lx, const void *data, size_t len);
/* Declare the end of input; the next calls to next() drain what is left. */
void sqlp_lexer_finish(struct sqlp_lexer *lx);
/*
 * The next item: SQLP_ITEM (item filled; its pointers are valid until the
 * next call on lx), SQLP_MORE, SQLP_DONE or SQLP_ERROR.  After an error
 * every later call returns SQLP_ERROR again.
 */
int sqlp_lexer_next(struct sqlp_lexer *lx, struct sqlp_item *item);
/* The error after SQLP_ERROR / -1 (code SQLP_OK if none); owned by lx. */
const struct sqlp_error *sqlp_lexer_error(const struct sqlp_lexer *lx);
/* The dialect in use: the one asked for, or the detected one (SQLP_AUTO
 * until detection has run, i.e. until 64 KiB or the end of input). */
enum sqlp_dialect sqlp_lexer_dialect(const struct sqlp_lexer *lx);
/*
 * Why auto-detection chose its dialect: "pg_dump header, \restrict,
 * dollar quote at 40:17", or "no dialect markers" (then postgres).  ""
 * when the dialect was given.  Owned by lx.
 */
const char *sqlp_lexer_detect_reason(const struct sqlp_lexer *lx);

/*
 * Split a whole buffer: fn is called for each item in order; a nonzero
 * return from fn stops the split and is returned.  Returns 0 when all was
 * read, -1 on a lexical error (*err filled; err may be NULL).  The item's
 * pointers point into buf where they can (no copy) and live during the
 * call only.  To turn a server's error position inside item->text into a
 * file position, use sqlp_advance() from (item->line, item->col).
 */
typedef int (*sqlp_item_fn)(void *ctx, const struct sqlp_item *item);
int sqlp_split(const void *buf, size_t len, const struct sqlp_options *opts,
	       sqlp_item_fn fn, void *ctx, struct sqlp_error *err);

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */
/*
 * Advance (*line, *col) over the n bytes of text, counting lines at '\n'
 * and columns in UTF-8 characters: the position of text[n] when text[0]
 * is at (*line, *col).
 */
void sqlp_advance(const char *text, size_t n, unsigned *line, unsigned *col);
/*
 * Byte offset of the 1-based character position charpos in text (as
 * PostgreSQL reports error positions); len if text is shorter.
 */
size_t sqlp_char_offset(const char *text, size_t len, size_t charpos);

/*
 * Classify one statement (text as a struct sqlp_item gives it) without a
 * lexer.  Fills item->cls, objkind, cons, flags (the classification ones),
 * object and table; object/table point into *names, which the caller owns
 * (sqlp_buf_release it).  Returns 0, or -1 if out of memory.
 */
int sqlp_classify(enum sqlp_dialect d, const char *text, size_t len, unsigned session,
		  struct sqlp_item *item, struct sqlp_buf *names);

/*
 * The elements of a CREATE TABLE statement, for moving inline keys and
 * foreign keys out of it (MySQL dumps), in every dialect (KEY/INDEX are
 * inline keys in MySQL and T-SQL only: in PostgreSQL "key text" is a
 * column named key): fn is called for
 * each comma-separated element of the parenthesised list, then once for
 * each table option after it that a filter may rewrite (AUTO_INCREMENT=N).
 * off/len locate the element in text (trimmed of surrounding whitespace).
 * name is the constraint or index name as written (quotes included), or
 * the column name for a column; name_len 0 if none.
 * Returns 1 if text is not a CREATE TABLE with an element list, 0 after
 * all elements, or fn's nonzero return.
 */
enum sqlp_elem_kind {
	SQLP_E_COLUMN = 0,	/* a column definition */
	SQLP_E_CONSTRAINT,	/* a table constraint or key; cons says which */
	SQLP_E_LIKE,		/* LIKE other_table ... */
	SQLP_E_OTHER,		/* PERIOD FOR, a named element that is no constraint, ... */
	SQLP_E_AUTO_INCREMENT,	/* table option AUTO_INCREMENT[=]N after the list */
};
struct sqlp_elem {
	enum sqlp_elem_kind kind;
	enum sqlp_cons cons;	/* for SQLP_E_CONSTRAINT */
	size_t off, len;	/* the element in text */
	size_t name_off, name_len;	/* its name in text, name_len 0 if unnamed */
};
typedef int (*sqlp_elem_fn)(void *ctx, const struct sqlp_elem *elem);
int sqlp_table_elements(enum sqlp_dialect d, const char *text, size_t len, sqlp_elem_fn fn,
			void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* SQLPARSE_H */
