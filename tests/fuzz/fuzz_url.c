/*
 * fuzz_url.c - libFuzzer target for the database URL parser (src/util/url.c).
 *
 * Besides "no crash, no leak, no undefined behaviour", it checks the one
 * promise that matters most: a password never survives redaction.  When
 * the input parses with a password of six or more letters, written as is
 * (no percent-escapes) and nowhere else in the URL, neither
 * ss_url_format(url, 1) nor ss_url_redact(text) may contain it; and
 * ss_url_redact never fails.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/url.h"

static void check(int cond, const char *what, const char *text)
{
	if (!cond) {
		fprintf(stderr, "url contract broken: %s\n(input: %s)\n", what, text);
		abort();
	}
}

/*
 * Six or more letters, the first not a hex digit: text that percent-escapes
 * elsewhere in the URL ("%22p1er") cannot spell by chance.
 */
static int plain(const char *s)
{
	size_t n = 0;

	if (((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'f'))
		return 0;
	for (; s[n]; n++)
		if (!((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z'))
			return 0;
	return n >= 6;
}

static int in(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle);
}

/*
 * Does the password's text appear once in the input, written as the
 * password (":pw@"), and in no other field?  A password given with
 * percent-escapes can be spelt out again elsewhere, in a part no field
 * holds (after a '#'), and that copy is not the password's to hide.
 */
static int only_in_password(const char *text, const struct ss_url *u, const char *pw)
{
	const char *first = strstr(text, pw);

	if (!first || strstr(first + 1, pw) || first == text || first[-1] != ':' ||
	    first[strlen(pw)] != '@')
		return 0;
	if (in(u->scheme, pw) || in(u->user, pw) || in(u->host, pw) || in(u->port, pw) ||
	    in(u->path, pw) || in(u->net, pw) || in(u->socket, pw))
		return 0;
	for (size_t i = 0; i < u->nparams; i++)
		if (in(u->params[i].key, pw) || in(u->params[i].value, pw))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *shown, *redacted;
	struct ss_url u;
	struct ss_err err;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	if (strlen(text) != size) {	/* URLs come from argv and the environment: no NUL */
		free(text);
		return 0;
	}
	redacted = ss_url_redact(text);
	check(redacted != NULL, "ss_url_redact returns text", text);
	ss_err_init(&err);
	if (ss_url_parse(text, &u, &err) == 0) {
		shown = ss_url_format(&u, 1);
		check(shown != NULL, "ss_url_format returns text", text);
		if (u.password && plain(u.password) && only_in_password(text, &u, u.password)) {
			check(!strstr(shown, u.password), "the password is redacted by ss_url_format",
			      text);
			check(!strstr(redacted, u.password), "the password is redacted by ss_url_redact",
			      text);
		}
		free(shown);
		ss_url_release(&u);
	} else {
		check(err.msg != NULL, "a failure comes with a message", text);
	}
	ss_err_release(&err);
	free(redacted);
	free(text);
	return 0;
}
