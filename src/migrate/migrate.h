/*
 * migrate.h - ssync migrate's engine-neutral core, as src/cli uses it.
 *
 * ss_mig_open opens the source and the database as golang-migrate's
 * migrate.New does (connect, lock without timeout, create the tracking
 * table if missing, unlock); each command then takes the lock again with
 * the -lock-timeout, reads the row once, checks the dirty flag and works.
 * Nothing here prints: lines for the user go through cfg->emit, errors
 * come back in struct ss_err with golang-migrate's texts.
 */
#ifndef SS_MIGRATE_MIGRATE_H
#define SS_MIGRATE_MIGRATE_H

#include <stdint.h>

#include "migrate/plan.h"

struct ss_err;
struct ss_migrator;

enum ss_mig_line {
	SS_MIG_LINE_PROGRESS,	/* "1/u init (1.2ms)": always shown */
	SS_MIG_LINE_VERBOSE,	/* shown with -verbose only */
	SS_MIG_LINE_LIBERROR,	/* golang-migrate's library logging an error
				 * it then returns: "error: MSG" with no newline */
};

struct ss_mig_config {
	const char *source_url;		/* NULL or "": none */
	const char *database_url;	/* NULL or "": none */
	const char *table_env;		/* DB_MIGRATIONS_TABLE, or NULL */
	const char *table_quoted_env;	/* DB_MIGRATIONS_TABLE_QUOTED, or NULL */
	const char *options_env;	/* DB_MIGRATIONS_OPTIONS, or NULL */
	long wait_ms;			/* keep retrying the connection this long */
	long lock_timeout_ms;		/* the command lock; < 0 waits forever */
	int strict_lock_timeout;	/* the lock taken while opening obeys it too */
	int verbose;			/* emit the VERBOSE lines and timings */
	unsigned long long prefetch;	/* -prefetch (only changes verbose wording) */
	void (*emit)(void *ctx, enum ss_mig_line kind, const char *text);
	void *ctx;
};

enum {
	SS_MIG_NEED_SOURCE = 1 << 0,
	SS_MIG_NEED_DATABASE = 1 << 1,
};

/*
 * Where a migration failed, beyond what err says: filled when
 * ss_mig_migrate fails inside a migration.  Strings are owned by the
 * migrator.
 */
struct ss_mig_failure {
	int set;
	const char *file;	/* source path of the file, for messages */
	unsigned line, column;	/* 0 = unknown */
	unsigned long statement;	/* 1-based statement number, 0 = unknown */
	unsigned long committed;	/* x-multi-statement: statements left applied */
	char *excerpt;		/* the file's line at line:column, or NULL */
	char *context;		/* server's context (PL/pgSQL), or NULL */
	char *compat;		/* golang-migrate's error text for it (may span lines) */
	int64_t version;	/* the row is now (version, dirty) */
	int64_t before;		/* the version the database had before the step */
	uint64_t file_version;	/* the failing file's version */
	int up;
};

/* A migrator for cfg (which must outlive it); nothing is opened yet. */
struct ss_migrator *ss_mig_new(const struct ss_mig_config *cfg);
/*
 * Open what the command needs.  Errors carry golang-migrate's prefixes
 * ("failed to open source, \"URL\": ...", "failed to open database: ...").
 * A source URL given but not needed is opened anyway (and must work).
 */
int ss_mig_open(struct ss_migrator *m, unsigned need, struct ss_err *err);
void ss_mig_close(struct ss_migrator *m);

/* up / down / goto.  *no_change is set when there was nothing to do. */
int ss_mig_migrate(struct ss_migrator *m, const struct ss_mig_request *req, int *no_change,
		   struct ss_err *err);
/* Write (version, clean) without running anything; -1 = no version. */
int ss_mig_force(struct ss_migrator *m, int64_t version, struct ss_err *err);
/* The row as it is; *version -1 when there is none. */
int ss_mig_version(struct ss_migrator *m, int64_t *version, int *dirty, struct ss_err *err);
/* Drop every table of the current schema, as golang-migrate's drop. */
int ss_mig_drop(struct ss_migrator *m, struct ss_err *err);

const struct ss_mig_failure *ss_mig_failure(const struct ss_migrator *m);

enum ss_mig_signal_action {
	SS_MIG_SIGNAL_STOP_AFTER,	/* a migration runs: stop after it */
	SS_MIG_SIGNAL_CANCEL,		/* the running statement was cancelled */
	SS_MIG_SIGNAL_DIE,		/* not connected: nothing to finish or cancel */
};
/*
 * Called from a SIGINT/SIGTERM handler (async-signal-safe).  The first
 * signal during a migration lets it finish (body and clean row) and
 * starts no other; a later one, or one while waiting for the lock,
 * cancels what the server runs now.  Before a connection exists there is
 * nothing to protect: the caller should let the signal end the process.
 */
enum ss_mig_signal_action ss_mig_signal(struct ss_migrator *m, int signo);
/* The signal that stopped the run, 0 if none. */
int ss_mig_stopped_by(const struct ss_migrator *m);

/* For tests: the engine-located names of the tracking table and lock. */
const char *ss_mig_lock_key(const struct ss_migrator *m);

#endif /* SS_MIGRATE_MIGRATE_H */
