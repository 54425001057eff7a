/*
 * pg_dump.h - ssync's PostgreSQL schema reader: fills a struct ss_dump
 * from a live database in a fixed, small number of round trips (see
 * catalog.c for the plan).
 */
#ifndef SS_PG_DUMP_H
#define SS_PG_DUMP_H

struct ss_conn;
struct ss_dump;
struct ss_dump_select;
struct ss_err;

struct ss_pg_dump_opts {
	struct ss_dump_select *select;	/* patterns; NULL or empty: everything */
	int no_owner;			/* leave out ALTER ... OWNER TO */
	int no_privileges;		/* leave out GRANT / REVOKE */
	int progress;			/* progress line on a TTY */
	int jobs;			/* connections reading definitions (1 or 2) */
	const char *url;		/* to open the second connection */
};

struct ss_pg_dump_stats {
	double ms_setup;		/* session setup round trip */
	double ms_inventory;		/* inventory + selection (patterns only) */
	double ms_definitions;		/* definition queries */
	double ms_build;		/* rows -> objects */
	unsigned nobjects;		/* objects built */
	unsigned nwarnings;		/* selection warnings printed */
};

/*
 * Read the schema behind conn (a PostgreSQL connection) into d.  *header
 * receives the session settings every output file starts with
 * (malloc'd).  The read runs in one REPEATABLE READ READ ONLY
 * transaction and takes no table locks (with jobs = 2 a second connection
 * imports that transaction's snapshot and reads half of the definitions
 * in parallel, so both see the same catalog); when a deparse function fails
 * because an object changed underneath (SQLSTATE XX000), the whole read
 * is retried once.
 */
int ss_pg_dump_read(struct ss_conn *conn, struct ss_dump *d, const struct ss_pg_dump_opts *o,
		    char **header, struct ss_pg_dump_stats *stats, struct ss_err *err);

#endif /* SS_PG_DUMP_H */
