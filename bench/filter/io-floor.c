/*
 * io-floor.c - the least ssync filter can cost, for bench/filter/run.sh:
 * the split (as split-bench) plus the output I/O the filter must do,
 * without any of its decisions.  The first BYTES bytes of the items are
 * written, in 64 KiB writes, to a temporary file beside OUT, which is then
 * renamed over OUT; with "header", as ssync filter does because its header
 * carries counts known only at the end, the body goes to a temporary file
 * that is copied (copy_file_range) behind a header in a second one, which
 * is renamed over OUT, and the body is removed.
 *
 *   io-floor FILE BYTES OUT [header]
 */
#define _GNU_SOURCE
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sqlparse.h"

struct sink {
	int fd;
	unsigned long long left;	/* bytes still to write */
	size_t n;
	char buf[65536];
};

static int flush(struct sink *s)
{
	if (s->n && write(s->fd, s->buf, s->n) != (ssize_t)s->n)
		return -1;
	s->n = 0;
	return 0;
}

static int put(struct sink *s, const char *p, size_t n)
{
	if (n > s->left)
		n = (size_t)s->left;
	s->left -= n;
	while (n) {
		size_t room = sizeof(s->buf) - s->n, k = n < room ? n : room;

		memcpy(s->buf + s->n, p, k);
		s->n += k;
		p += k;
		n -= k;
		if (s->n == sizeof(s->buf) && flush(s))
			return -1;
	}
	return 0;
}

/* Put the body behind a header in a new file, as ssync filter does. */
static int behind_header(const char *body, const char *tmp)
{
	static const char header[] = "-- ssync filter: a header of the usual size, with the counts\n"
				     "-- of what was stripped and deferred, known only at the end\n";
	int in = open(body, O_RDONLY), out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	off_t len = in < 0 ? -1 : lseek(in, 0, SEEK_END);
	loff_t at = 0;

	if (in < 0 || out < 0 || len < 0 || write(out, header, sizeof(header) - 1) < 0)
		return -1;
	while (at < len) {
		ssize_t n = copy_file_range(in, &at, out, NULL, (size_t)(len - at), 0);

		if (n <= 0)
			return -1;
	}
	close(in);
	return close(out) || unlink(body) ? -1 : 0;
}

int main(int argc, char **argv)
{
	static char buf[65536];
	static struct sink s;
	struct sqlp_options opts = { SQLP_AUTO, 0, 0 };
	struct sqlp_lexer *lx;
	struct sqlp_item it;
	char body[4096], tmp[4096];
	ssize_t n;
	int fd, r = SQLP_MORE, header = argc == 5 && !strcmp(argv[4], "header");

	if (argc < 4 || argc > 5 || (argc == 5 && !header)) {
		fprintf(stderr, "usage: io-floor FILE BYTES OUT [header]\n");
		return 2;
	}
	snprintf(body, sizeof(body), "%s.body", argv[3]);
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[3]);
	s.left = strtoull(argv[2], NULL, 10);
	fd = open(argv[1], O_RDONLY);
	s.fd = open(body, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	lx = sqlp_lexer_new(&opts);
	if (fd < 0 || s.fd < 0 || !lx) {
		perror(argv[1]);
		return 2;
	}
	while (r != SQLP_DONE) {
		if ((n = read(fd, buf, sizeof(buf))) < 0) {
			perror("read");
			return 2;
		}
		if (n > 0)
			sqlp_lexer_feed(lx, buf, (size_t)n);
		else
			sqlp_lexer_finish(lx);
		while ((r = sqlp_lexer_next(lx, &it)) == SQLP_ITEM)
			if (s.left && (put(&s, it.lead, it.lead_len) || put(&s, it.text, it.len) ||
				       put(&s, it.term, it.term_len))) {
				perror("write");
				return 2;
			}
		if (r == SQLP_ERROR) {
			fprintf(stderr, "%s: %s\n", argv[1], sqlp_lexer_error(lx)->msg);
			return 1;
		}
	}
	sqlp_lexer_free(lx);
	if (flush(&s) || close(s.fd) || (header && behind_header(body, tmp)) ||
	    rename(header ? tmp : body, argv[3])) {
		perror(argv[3]);
		return 2;
	}
	return 0;
}
