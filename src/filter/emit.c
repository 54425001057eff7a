/*
 * emit.c - writing statements to an output so that the client reading
 * it (psql, the mysql client, sqlcmd) sees what it needs: the DELIMITER
 * lines a MySQL routine's terminator needs, a GO after every T-SQL batch
 * even when the statement that carried the GO went elsewhere, psql's
 * \restrict with a key of the output's own, and a final newline.
 * Everything else is the input's bytes.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "filter/filter_int.h"
#include "util/err.h"

void ss_emit_init(struct ss_emitter *e, const struct ss_filter_sink *pre,
		  const struct ss_filter_sink *post)
{
	memset(e, 0, sizeof(*e));
	e->out[SS_OUT_PRE].sink = pre;
	e->out[SS_OUT_POST].sink = post;
	e->nout = post ? 2 : 1;
	e->eol = "\n";
	for (int o = 0; o < SS_OUT_COUNT; o++) {
		e->out[o].delim[0] = ';';
		e->out[o].delim_len = 1;
		e->out[o].bol = 1;
	}
}

void ss_emit_learn_eol(struct ss_emitter *e, const char *s, size_t n)
{
	const char *nl;

	if (e->eol_known || !n)
		return;
	nl = memchr(s, '\n', n);
	if (!nl)
		return;
	e->eol = nl > s && nl[-1] == '\r' ? "\r\n" : "\n";
	e->eol_known = 1;
}

int ss_emit_raw(struct ss_emitter *e, int o, const char *s, size_t n, struct ss_err *err)
{
	struct ss_outstate *os = &e->out[o];

	if (!n)
		return 0;
	if (os->semi_due) {
		/* the \\g that sent the statement went elsewhere: end it here */
		os->semi_due = 0;
		if (os->sink->write(os->sink->ctx, ";", 1, err))
			return -1;
		os->bytes++;
	}
	if (os->eol_due) {
		/* text after a psql or client line would become its arguments */
		os->eol_due = 0;
		if (s[0] != '\n' && !(s[0] == '\r' && n > 1 && s[1] == '\n') &&
		    ss_emit_raw(e, o, e->eol, strlen(e->eol), err))
			return -1;
	}
	if (os->sink->write(os->sink->ctx, s, n, err))
		return -1;
	os->bytes += n;
	os->bol = s[n - 1] == '\n';
	return 0;
}

static int emit_str(struct ss_emitter *e, int o, const char *s, struct ss_err *err)
{
	return ss_emit_raw(e, o, s, strlen(s), err);
}

static int ensure_bol(struct ss_emitter *e, int o, struct ss_err *err)
{
	return e->out[o].bol ? 0 : emit_str(e, o, e->eol, err);
}

/* GO [n] on a line of its own; the next lead brings the newline after it. */
static int close_batch(struct ss_emitter *e, int o, unsigned repeat, struct ss_err *err)
{
	char go[32];

	e->out[o].open_batch = 0;
	if (repeat > 1)
		snprintf(go, sizeof(go), "GO %u", repeat);
	else
		strcpy(go, "GO");
	return ensure_bol(e, o, err) || emit_str(e, o, go, err);
}

/*
 * Is [p, e) a GO line ("GO", "go 2", "GO -- x", blanks around)?  Such
 * lines in a lead are batch separators whose batch this output may not
 * have: the emitter writes its own after each batch instead.
 */
static int is_go_line(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (e - p < 2 || strncasecmp(p, "go", 2))
		return 0;
	p += 2;
	if (p < e && *p != ' ' && *p != '\t' && *p != '\r' && *p != '-')
		return 0;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (p < e && *p >= '0' && *p <= '9')
		p++;
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p == e || (e - p >= 2 && p[0] == '-' && p[1] == '-');
}

/* Write a T-SQL lead without its GO lines (outside block comments). */
static int emit_tsql_lead(struct ss_emitter *e, int o, const char *s, size_t n,
			  struct ss_err *err)
{
	const char *p = s, *end, *from = s;
	int depth = 0;

	if (n == 0)
		return 0;
	end = s + n;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if (depth == 0 && is_go_line(p, le)) {
			if (ss_emit_raw(e, o, from, (size_t)(p - from), err))
				return -1;
			from = nl ? nl + 1 : end;
		} else {
			/* track block comments, and skip line comments, on this line */
			for (const char *q = p; q < le; q++) {
				if (depth == 0 && q + 1 < le && q[0] == '-' && q[1] == '-')
					break;
				if (q + 1 < le && q[0] == '/' && q[1] == '*') {
					depth++;
					q++;
				} else if (depth && q + 1 < le && q[0] == '*' && q[1] == '/') {
					depth--;
					q++;
				}
			}
		}
		p = nl ? nl + 1 : end;
	}
	return ss_emit_raw(e, o, from, (size_t)(end - from), err);
}

static int emit_lead(struct ss_emitter *e, int o, enum sqlp_dialect d, const char *s, size_t n,
		     struct ss_err *err)
{
	if (d == SQLP_TSQL)
		return emit_tsql_lead(e, o, s, n, err);
	return ss_emit_raw(e, o, s, n, err);
}

/* Does a MySQL terminator need a DELIMITER line?  \g and \G work under any. */
static int needs_delim(const struct sqlp_item *it)
{
	if (it->term_len == 0)
		return 0;
	if (it->term_len == 2 && it->term[0] == '\\' && (it->term[1] == 'g' || it->term[1] == 'G'))
		return 0;
	return 1;
}

static int delim_is(const struct ss_outstate *os, const char *d, size_t n)
{
	return n == os->delim_len && !memcmp(d, os->delim, n);
}

static int set_delim(struct ss_emitter *e, int o, const char *d, size_t n, struct ss_err *err)
{
	struct ss_outstate *os = &e->out[o];

	if (delim_is(os, d, n))
		return 0;
	if (n >= sizeof(os->delim))
		n = sizeof(os->delim) - 1;	/* sqlparse caps delimiters far below this */
	memcpy(os->delim, d, n);
	os->delim[n] = 0;
	os->delim_len = n;
	return ensure_bol(e, o, err) || emit_str(e, o, "DELIMITER ", err) ||
	       ss_emit_raw(e, o, d, n, err) || emit_str(e, o, e->eol, err);
}

static int is_go(const struct sqlp_item *it)
{
	return it->term_len >= 2 && !strncasecmp(it->term, "go", 2);
}

int ss_emit_item(struct ss_emitter *e, int o, const struct sqlp_item *it, const char *prefix,
		 size_t prefix_len, const char *text, size_t len, struct ss_err *err)
{
	struct ss_outstate *os = &e->out[o];

	if (!text) {
		text = it->text;
		len = it->len;
	}
	if (os->semi_due && !prefix_len && !it->lead_len && ss_psql_sends(it))
		os->semi_due = 0;	/* the statement's own \\g: psql sends it once */
	if (it->dialect == SQLP_TSQL && os->open_batch && os->open_batch != it->batch &&
	    close_batch(e, o, 1, err))
		return -1;
	if (emit_lead(e, o, it->dialect, prefix, prefix_len, err))
		return -1;
	if (it->dialect != SQLP_TSQL && text == it->text && it->lead + it->lead_len == text &&
	    (it->dialect != SQLP_MYSQL || !needs_delim(it) || delim_is(os, it->term, it->term_len))) {
		/*
		 * The lead, the text and the terminator side by side, as sqlparse
		 * hands them out, with nothing to write between them: one write
		 * (what ss_emit_raw does is the same for the bytes in one piece).
		 */
		size_t n = it->lead_len + len;

		if (it->term_len && text + len == it->term) {
			if (ss_emit_raw(e, o, it->lead, n + it->term_len, err))
				return -1;
			return 0;
		}
		if (ss_emit_raw(e, o, it->lead, n, err))
			return -1;
	} else {
		if (emit_lead(e, o, it->dialect, it->lead, it->lead_len, err))
			return -1;
		if (it->dialect == SQLP_MYSQL && needs_delim(it) &&
		    set_delim(e, o, it->term, it->term_len, err))
			return -1;
		if (ss_emit_raw(e, o, text, len, err))
			return -1;
	}
	if (it->dialect == SQLP_TSQL) {
		if (is_go(it)) {
			if (ensure_bol(e, o, err) || ss_emit_raw(e, o, it->term, it->term_len, err))
				return -1;
			os->open_batch = 0;
		} else {
			if (ss_emit_raw(e, o, it->term, it->term_len, err))
				return -1;
			os->open_batch = (it->flags & SQLP_F_BATCH_END) ? 0 : it->batch;
			if (it->flags & SQLP_F_BATCH_END)
				return close_batch(e, o, it->repeat, err);
		}
		return 0;
	}
	if (it->term_len)
		return ss_emit_raw(e, o, it->term, it->term_len, err);
	if (it->cls == SQLP_C_PSQL_META || it->cls == SQLP_C_CLIENT) {
		os->eol_due = !os->bol;
		return 0;
	}
	if (it->cls == SQLP_C_COPY_DATA)
		return 0;
	/* ended by psql's \\g: a ';' too would send it twice, none lets the next
	   statement join it if the \\g is not written after it */
	if (it->dialect == SQLP_POSTGRES && !(it->flags & SQLP_F_UNTERMINATED)) {
		os->semi_due = 1;
		return 0;
	}
	/* an unterminated last statement: terminate it so later text cannot join it */
	if (it->dialect == SQLP_MYSQL)
		return ss_emit_raw(e, o, os->delim, os->delim_len, err);
	return emit_str(e, o, ";", err);
}

int ss_psql_sends(const struct sqlp_item *it)
{
	return it->cls == SQLP_C_PSQL_META && sqlp_psql_sends(it->text, it->len);
}

int ss_emit_batch_end(struct ss_emitter *e, int o, unsigned b, unsigned repeat,
		      struct ss_err *err)
{
	if (e->out[o].open_batch && e->out[o].open_batch == b)
		return close_batch(e, o, repeat, err);
	return 0;
}

/* 64 letters and digits, as pg_dump's keys. */
static void new_key(char *key)
{
	static const char alnum[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char rnd[64];
	size_t got = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		ssize_t r = read(fd, rnd, sizeof(rnd));

		got = r > 0 ? (size_t)r : 0;
		close(fd);
	}
	if (got < sizeof(rnd)) {
		/* no urandom: still unpredictable enough for a file-local key */
		unsigned long long x = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 32) ^
				       (unsigned long long)(size_t)key;

		for (size_t i = got; i < sizeof(rnd); i++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			rnd[i] = (unsigned char)(x >> 56);
		}
	}
	for (int i = 0; i < 64; i++)
		key[i] = alnum[rnd[i] % 62];
	key[64] = 0;
}

int ss_emit_restrict(struct ss_emitter *e, int o, const struct sqlp_item *it, int on,
		     const char *prefix, size_t prefix_len, struct ss_err *err)
{
	struct ss_outstate *os = &e->out[o];

	if (on && !os->restricted) {
		new_key(os->key);
		os->restricted = 1;
	} else if (!on) {
		if (!os->key[0])
			return 0;	/* an \unrestrict without \restrict: nothing to match */
		os->restricted = 0;
	} else {
		return 0;	/* a second \restrict: the first key stays */
	}
	if (emit_lead(e, o, it->dialect, prefix, prefix_len, err) ||
	    emit_lead(e, o, it->dialect, it->lead, it->lead_len, err) || ensure_bol(e, o, err) ||
	    emit_str(e, o, on ? "\\restrict " : "\\unrestrict ", err) ||
	    emit_str(e, o, os->key, err))
		return -1;
	os->eol_due = 1;
	return 0;
}

int ss_emit_tail(struct ss_emitter *e, int o, enum sqlp_dialect d, const char *s, size_t n,
		 struct ss_err *err)
{
	return emit_lead(e, o, d, s, n, err);
}

int ss_emit_close(struct ss_emitter *e, int o, struct ss_err *err)
{
	struct ss_outstate *os = &e->out[o];

	if (os->open_batch && close_batch(e, o, 1, err))
		return -1;
	if (os->delim_len != 1 || os->delim[0] != ';') {
		if (set_delim(e, o, ";", 1, err))
			return -1;
	}
	return ensure_bol(e, o, err);
}
