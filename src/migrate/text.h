/*
 * text.h - small text helpers of ssync migrate: Go's duration format for
 * progress lines, and positions in a migration file (server character
 * positions -> byte offsets -> line:column).
 */
#ifndef SS_MIGRATE_TEXT_H
#define SS_MIGRATE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Format ns as Go's time.Duration String() does ("1.5ms", "2m0s"). */
void ss_mig_duration(char *buf, size_t size, uint64_t ns);

/*
 * Byte offset of the pos-th character (1-based, UTF-8: every byte that is
 * not a continuation byte starts one) of s; len when pos is past the end,
 * where PostgreSQL points for "at end of input".
 */
size_t ss_mig_char_to_byte(const char *s, size_t len, unsigned long pos);

/*
 * 1-based line and column (in characters) of byte offset off in s.  A
 * line ends at "\n"; the "\r" of a CRLF ending belongs to no visible
 * column, so columns before it are the same as with LF endings.
 */
void ss_mig_line_col(const char *s, size_t len, size_t off, unsigned *line, unsigned *col);

/* The line holding off: *start and the length without its "\r\n" / "\n". */
size_t ss_mig_line_at(const char *s, size_t len, size_t off, size_t *start);

/* Nonzero if s holds nothing but white space (nothing to send). */
int ss_mig_blank(const char *s, size_t len);

/* Length of a leading UTF-8 byte order mark (3) or 0. */
size_t ss_mig_bom(const char *s, size_t len);

#endif /* SS_MIGRATE_TEXT_H */
