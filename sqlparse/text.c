/*
 * text.c - byte-level helpers of libsqlparse: identifier bytes, counting
 * lines and UTF-8 characters as positions pass, keyword comparison, and
 * the public position helpers built on them.
 *
 * The counters read 16 bytes at a time (SSE2; 8 at a time, SWAR, without
 * it): positions are counted once per item, so they cost about as much as
 * "wc -l" over the input.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sqlp_int.h"

#define R8(x) x, x, x, x, x, x, x, x
#define R16(x) R8(x), R8(x)
const unsigned char sqlp__identc[256] = {
	/* 0x00 - 0x1f */ R16(0), R16(0),
	/* 0x20 - 0x2f: '$' */ 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x30 - 0x3f: digits */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	/* 0x40 - 0x5f */ 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
			  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
	/* 0x60 - 0x7f */ 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
			  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	/* 0x80 - 0xff */ R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1),
};
_Static_assert(sizeof(sqlp__identc) == 256, "identc covers every byte");

static inline uint64_t load64(const unsigned char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
#define LOWS 0x7f7f7f7f7f7f7f7fULL

#ifndef __SSE2__
/* One bit (0x80) per zero byte of x, exactly.  (SSE2 builds compare 16 bytes at once instead.) */
static inline uint64_t zero_bytes(uint64_t x)
{
	return ~(((x & LOWS) + LOWS) | x) & HIGHS;
}
#endif

/*
 * Number of 0x80 bits in m (at most 8): a multiply sums the bytes.  (The
 * popcount builtin is a library call unless the CPU flag is on.)
 */
static inline size_t count_highs(uint64_t m)
{
	return (size_t)(((m >> 7) * ONES) >> 56);
}

#ifdef __SSE2__
/* Sum of the 16 byte counters of acc (each at most 255). */
static inline size_t sum_bytes(__m128i acc)
{
	__m128i s = _mm_sad_epu8(acc, _mm_setzero_si128());

	return (size_t)_mm_cvtsi128_si32(s) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(s, 8));
}
#endif

size_t sqlp__count_chars(const unsigned char *p, size_t n)
{
	size_t cont = 0, total = n;

	/* A continuation byte has bit 7 set and bit 6 clear. */
#ifdef __SSE2__
	{
		const __m128i lim = _mm_set1_epi8(-64);	/* 0x80..0xbf are below, as signed bytes */
		const unsigned char *start = p;

		while (n >= 16) {
			__m128i acc = _mm_setzero_si128();
			size_t blocks = n / 16 < 255 ? n / 16 : 255;

			n -= blocks * 16;
			while (blocks--) {
				__m128i x = _mm_loadu_si128((const __m128i *)p);

				acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(x, lim));
				p += 16;
			}
			cont += sum_bytes(acc);
		}
		if (p > start && n) {
			/* the last bytes: the 16 that end at p + n, minus those seen */
			unsigned skip = (unsigned)(16 - n);
			unsigned m = (unsigned)_mm_movemask_epi8(
				_mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(p + n - 16)), lim));

			for (m = m >> skip << skip; m; m &= m - 1)
				cont++;
			n = 0;
		}
	}
#endif
	while (n >= 8) {
		uint64_t x = load64(p);

		cont += count_highs(x & ~(x << 1) & HIGHS);
		p += 8;
		n -= 8;
	}
	while (n--) {
		cont += (*p & 0xc0) == 0x80;
		p++;
	}
	return total - cont;
}

/*
 * UTF-8 characters in p[0..n), where the bytes from lo on may be read: a
 * short run is counted from the 16 bytes that end it when they are there.
 */
static inline size_t chars_in(const unsigned char *lo, const unsigned char *p, size_t n)
{
#ifdef __SSE2__
	if (n <= 16 && p + n - 16 >= lo) {
		unsigned skip = (unsigned)(16 - n);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(
			_mm_loadu_si128((const __m128i *)(p + n - 16)), _mm_set1_epi8(-64)));
		size_t cont = 0;

		for (m = m >> skip << skip; m; m &= m - 1)
			cont++;
		return n - cont;
	}
#else
	(void)lo;
#endif
	return sqlp__count_chars(p, n);
}

static inline __attribute__((always_inline)) void advance(const unsigned char *lo,
							   const unsigned char *p, size_t n,
							   unsigned *line, unsigned *col)
{
	const unsigned char *e = p + n, *ls = NULL, *start = p;
	size_t nl = 0;

#ifdef __SSE2__
	if (n >= 16 || e - 16 >= lo) {
		/* count the newlines going forward, then find the last one going
		 * back from the end: no branch on the bytes per block */
		const __m128i vnl = _mm_set1_epi8('\n');
		const unsigned char *q;
		__m128i high = _mm_setzero_si128();	/* or of the bytes: any non-ASCII? */

		while (e - p >= 16) {
			__m128i acc = _mm_setzero_si128();
			size_t blocks = (size_t)(e - p) / 16 < 255 ? (size_t)(e - p) / 16 : 255;

			while (blocks--) {
				__m128i x = _mm_loadu_si128((const __m128i *)p);

				acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(x, vnl));
				high = _mm_or_si128(high, x);
				p += 16;
			}
			nl += sum_bytes(acc);
		}
		if (p < e) {
			/* the last bytes: the 16 that end at e, minus those seen (the
			 * or may see bytes before start: then the count below runs) */
			unsigned skip = (unsigned)(16 - (e - p));
			__m128i x = _mm_loadu_si128((const __m128i *)(e - 16));
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vnl));

			high = _mm_or_si128(high, x);
			for (m = m >> skip << skip; m; m &= m - 1)
				nl++;
		}
		if (!nl) {
			/* ASCII only: a column per byte */
			*col += (unsigned)(_mm_movemask_epi8(high) ? chars_in(lo, start, n) : n);
			return;
		}
		for (q = e; !ls; q -= 16) {
			const unsigned char *b = q - 16;
			unsigned m;

			if (b < lo) {
				/* fewer than 16 readable bytes before q: one at a time */
				for (ls = q; ls[-1] != '\n'; ls--)
					;
				break;
			}
			m = (unsigned)_mm_movemask_epi8(
				_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)b), vnl));
			if (b < start)
				m &= ~0u << (start - b);
			if (m)
				ls = b + 32 - __builtin_clz(m);
		}
		*line += (unsigned)nl;
		*col = 1 + (ls == e ? 0 : (unsigned)chars_in(lo, ls, (size_t)(e - ls)));
		return;
	}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (e - p >= 8) {
		uint64_t m = zero_bytes(load64(p) ^ (ONES * '\n'));

		if (m) {
			nl += count_highs(m);
			ls = p + (63 - __builtin_clzll(m)) / 8 + 1;
		}
		p += 8;
	}
#endif
	for (; p < e; p++) {
		if (*p == '\n') {
			nl++;
			ls = p + 1;
		}
	}
	if (ls) {
		*line += (unsigned)nl;
		*col = 1 + (unsigned)chars_in(lo, ls, (size_t)(e - ls));
	} else {
		*col += (unsigned)chars_in(lo, start, n);
	}
}

#ifdef __SSE2__
static inline unsigned pop32(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0fu;
	return (x * 0x01010101u) >> 24;
}
#endif

const unsigned char *sqlp__line_backslash(const unsigned char *p, const unsigned char *e, int bol,
					  size_t *nl)
{
	size_t count = 0;

#ifdef __SSE2__
	{
		const __m128i nlv = _mm_set1_epi8('\n'), bsv = _mm_set1_epi8('\\');
		uint32_t carry = bol ? 1 : 0;

		while (e - p >= 32) {
			__m128i a = _mm_loadu_si128((const __m128i *)p);
			__m128i b = _mm_loadu_si128((const __m128i *)(p + 16));
			uint32_t nlm = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a, nlv)) |
				       (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, nlv)) << 16;
			uint32_t bsm = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a, bsv)) |
				       (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, bsv)) << 16;
			uint32_t hit = bsm & ((nlm << 1) | carry);

			if (hit) {
				unsigned i = (unsigned)__builtin_ctz(hit);

				*nl += count + pop32(nlm & ((1u << i) - 1));
				return p + i;
			}
			count += pop32(nlm);
			carry = nlm >> 31;
			p += 32;
		}
		bol = (int)carry;
	}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	{
		const uint64_t nlv = ONES * '\n', bsv = ONES * '\\';
		uint64_t carry = bol ? 0x80 : 0;

		while (e - p >= 8) {
			uint64_t x = load64(p);
			uint64_t nlm = zero_bytes(x ^ nlv), bsm = zero_bytes(x ^ bsv);
			uint64_t hit = bsm & ((nlm << 8) | carry);

			if (hit) {
				unsigned i = (unsigned)__builtin_ctzll(hit) / 8;

				*nl += count + (i ? count_highs(nlm & ((1ULL << (i * 8)) - 1)) : 0);
				return p + i;
			}
			count += count_highs(nlm);
			carry = nlm >> 56;
			p += 8;
		}
		bol = carry != 0;
	}
#endif
	for (; p < e; p++) {
		if (*p == '\\' && bol)
			break;
		bol = *p == '\n';
		count += (size_t)bol;
	}
	*nl += count;
	return p;
}

int sqlp__unicode_space(const unsigned char *p, const unsigned char *e)
{
	if (e - p >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (e - p < 3)
		return 0;
	if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	if (p[0] == 0xe1 && p[1] == 0x9a && p[2] == 0x80)
		return 3;
	if (p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] <= 0x8a || p[2] == 0xa8 || p[2] == 0xa9 || p[2] == 0xaf))
		return 3;
	if (p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0x9f)
		return 3;
	return 0;
}

struct sqlp__lc sqlp__advance(const unsigned char *lo, const unsigned char *p, size_t n,
			      struct sqlp__lc at)
{
	advance(lo, p, n, &at.line, &at.col);
	return at;
}

void sqlp_advance(const char *text, size_t n, unsigned *line, unsigned *col)
{
	advance((const unsigned char *)text, (const unsigned char *)text, n, line, col);
}

size_t sqlp_char_offset(const char *text, size_t len, size_t charpos)
{
	size_t i, seen = 0;

	if (charpos <= 1)
		return 0;
	for (i = 0; i < len; i++) {
		if (((unsigned char)text[i] & 0xc0) != 0x80 && ++seen == charpos)
			return i;
	}
	return len;
}
