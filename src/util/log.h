/*
 * log.h - diagnostics on stderr, as text or JSON lines.
 *
 * Errors and warnings always print; info lines only with --verbose, and
 * debug lines only with SSYNC_DEBUG set.  Text lines carry a local
 * timestamp ("YYYY/MM/DD HH:MM:SS msg", the form golang-migrate's
 * -verbose prints); JSON lines are {"time","level","msg",...} objects.
 * Messages must already be redacted (see url.h).
 */
#ifndef SS_LOG_H
#define SS_LOG_H

#include <stdio.h>

enum ss_log_level { SS_LOG_ERROR, SS_LOG_WARN, SS_LOG_INFO, SS_LOG_DEBUG };
enum ss_log_format { SS_LOG_TEXT, SS_LOG_JSON };

struct ss_err;

void ss_log_setup(int verbose, enum ss_log_format format);
/* Parse "text" / "json"; -1 if neither. */
int ss_log_parse_format(const char *name, enum ss_log_format *out);
int ss_log_verbose(void);
enum ss_log_format ss_log_format(void);

void ss_log(enum ss_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#define ss_info(...) ss_log(SS_LOG_INFO, __VA_ARGS__)
#define ss_warn(...) ss_log(SS_LOG_WARN, __VA_ARGS__)
#define ss_debug(...) ss_log(SS_LOG_DEBUG, __VA_ARGS__)

/*
 * Print an error: in text form one line "ssync: [file:line:col: ]msg",
 * then "detail: ..." and "hint: ..." lines; in JSON one object.
 */
void ss_log_err(const struct ss_err *err);

/*
 * One message exactly as given, whatever the verbosity: as a JSON object of
 * the given level in JSON mode, else the text, after the local timestamp
 * when stamped, then a newline unless newline is 0 (golang-migrate's
 * output, which ssync migrate reproduces).
 */
void ss_log_plain(const char *level, const char *msg, int stamped, int newline);

/*
 * Append s to out (ss_json_buf) or f (ss_json_string) as a JSON string
 * literal, with quotes.  JSON text is UTF-8: a byte of s that starts no
 * valid UTF-8 sequence is written as U+FFFD, as Go's encoding/json does,
 * so names taken from a file in another encoding still give valid JSON.
 */
struct sqlp_buf;
void ss_json_buf(struct sqlp_buf *out, const char *s);
void ss_json_string(FILE *f, const char *s);

#endif /* SS_LOG_H */
