/*
 * create.h - "migrate create": a new pair of empty up/down files, named
 * as golang-migrate names them (a timestamp in a Go time layout, or the
 * next sequence number).
 */
#ifndef SS_MIGRATE_CREATE_H
#define SS_MIGRATE_CREATE_H

#include <time.h>

struct ss_err;
struct sqlp_buf;
struct ss_strlist;

struct ss_mig_create {
	const char *name;	/* NAME, used verbatim */
	const char *ext;	/* -ext; one leading "." is optional */
	const char *dir;	/* -dir, NULL or "" for the current directory */
	const char *format;	/* -format: a Go layout, "unix" or "unixNano" */
	const char *tz;		/* -tz: a zone name ("UTC", "Local", "Europe/Paris") */
	int seq;		/* -seq */
	long long digits;	/* -digits */
	struct timespec now;	/* the start time of the command */
};

#define SS_MIG_DEFAULT_TIME_FORMAT "20060102150405"

/*
 * Create DIR/VERSION_NAME.up.EXT and .down.EXT (exclusively); their
 * absolute paths are appended to created.  Errors use golang-migrate's
 * texts; an unknown -tz fails with SS_ERR_USAGE "unknown time zone NAME".
 */
int ss_mig_create_files(const struct ss_mig_create *c, struct ss_strlist *created,
			struct ss_err *err);

/*
 * Format t (broken down in its zone: tm_gmtoff and tm_zone are used) with
 * nanoseconds nsec in the Go layout, appending to out.
 */
void ss_mig_go_time_format(struct sqlp_buf *out, const char *layout, const struct tm *t,
			   long nsec);

/* Break now down in the zone named tz (Go's time.LoadLocation names). */
int ss_mig_time_in_zone(time_t now, const char *tz, struct tm *out, struct ss_err *err);

#endif /* SS_MIGRATE_CREATE_H */
