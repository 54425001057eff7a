/*
 * text.c - durations and file positions; see text.h.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "migrate/text.h"

/* Append "int[.frac]" of v / unit with up to digits fraction digits, trailing zeros dropped. */
static size_t put_fixed(char *buf, size_t size, uint64_t v, uint64_t unit, int digits)
{
	uint64_t ip = v / unit, rem = v % unit;
	char frac[24];
	int n;

	if (!rem)
		return (size_t)snprintf(buf, size, "%llu", (unsigned long long)ip);
	snprintf(frac, sizeof(frac), "%0*llu", digits, (unsigned long long)rem);
	n = digits;
	while (n > 0 && frac[n - 1] == '0')
		frac[--n] = '\0';
	return (size_t)snprintf(buf, size, "%llu.%s", (unsigned long long)ip, frac);
}

void ss_mig_duration(char *buf, size_t size, uint64_t ns)
{
	const uint64_t us = 1000, ms = 1000 * us, s = 1000 * ms, min = 60 * s, h = 60 * min;
	size_t n = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	if (ns == 0) {
		snprintf(buf, size, "0s");
	} else if (ns < us) {
		snprintf(buf, size, "%lluns", (unsigned long long)ns);
	} else if (ns < ms) {
		n = put_fixed(buf, size, ns, us, 3);
		if (n < size)
			snprintf(buf + n, size - n, "\xc2\xb5s");	/* µs, U+00B5 */
	} else if (ns < s) {
		n = put_fixed(buf, size, ns, ms, 6);
		if (n < size)
			snprintf(buf + n, size - n, "ms");
	} else {
		if (ns >= h)
			n += (size_t)snprintf(buf + n, size - n, "%lluh", (unsigned long long)(ns / h));
		if (ns >= min && n < size)
			n += (size_t)snprintf(buf + n, size - n, "%llum",
					      (unsigned long long)(ns / min % 60));
		if (n < size)
			n += put_fixed(buf + n, size - n, ns % min, s, 9);
		if (n < size)
			snprintf(buf + n, size - n, "s");
	}
}

size_t ss_mig_char_to_byte(const char *s, size_t len, unsigned long pos)
{
	unsigned long c = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++c == pos)
			return i;
	return len;
}

void ss_mig_line_col(const char *s, size_t len, size_t off, unsigned *line, unsigned *col)
{
	size_t start = 0;
	unsigned l = 1, c = 1;

	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l++;
			start = i + 1;
		}
	}
	for (size_t i = start; i < off; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	*line = l;
	*col = c;
}

size_t ss_mig_line_at(const char *s, size_t len, size_t off, size_t *start)
{
	size_t b, e;

	if (off > len)
		off = len;
	b = off;
	while (b > 0 && s[b - 1] != '\n')
		b--;
	e = off;
	while (e < len && s[e] != '\n')
		e++;
	if (e > b && s[e - 1] == '\r')
		e--;
	*start = b;
	return e - b;
}

int ss_mig_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\n\v\f\r", s[i]) || !s[i])
			return 0;
	return 1;
}

size_t ss_mig_bom(const char *s, size_t len)
{
	return len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0;
}
