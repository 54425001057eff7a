/*
 * text.c - byte-level helpers of libsqlparse: identifier bytes, counting
 * lines and UTF-8 characters as positions pass, keyword comparison, and
 * the public position helpers built on them.
 *
 * The counters read 8 bytes at a time (SWAR): positions are counted once
 * per item, so they cost about as much as "wc -l" over the input.
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

/* One bit (0x80) per zero byte of x, exactly. */
static inline uint64_t zero_bytes(uint64_t x)
{
	return ~(((x & LOWS) + LOWS) | x) & HIGHS;
}

/*
 * Number of 0x80 bits in m (at most 8): a multiply sums the bytes.  (The
 * popcount builtin is a library call unless the CPU flag is on.)
 */
static inline size_t count_highs(uint64_t m)
{
	return (size_t)(((m >> 7) * ONES) >> 56);
}

size_t sqlp__count_nl(const unsigned char *p, size_t n)
{
	const uint64_t nl = ONES * '\n';
	size_t c = 0;

	while (n >= 32) {
		c += count_highs(zero_bytes(load64(p) ^ nl)) +
		     count_highs(zero_bytes(load64(p + 8) ^ nl)) +
		     count_highs(zero_bytes(load64(p + 16) ^ nl)) +
		     count_highs(zero_bytes(load64(p + 24) ^ nl));
		p += 32;
		n -= 32;
	}
	while (n >= 8) {
		c += count_highs(zero_bytes(load64(p) ^ nl));
		p += 8;
		n -= 8;
	}
	while (n--)
		c += *p++ == '\n';
	return c;
}

size_t sqlp__count_chars(const unsigned char *p, size_t n)
{
	size_t cont = 0, total = n;

	/* A continuation byte has bit 7 set and bit 6 clear. */
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

static inline unsigned pop32(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0fu;
	return (x * 0x01010101u) >> 24;
}

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

int sqlp__kw(const void *w, size_t n, const char *kw)
{
	const unsigned char *s = w;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c |= 0x20;
		if (c != (unsigned char)kw[i] || !kw[i])
			return 0;
	}
	return kw[n] == '\0';
}

void sqlp_advance(const char *text, size_t n, unsigned *line, unsigned *col)
{
	const unsigned char *p = (const unsigned char *)text, *q = p + n;
	size_t nl = sqlp__count_nl(p, n);

	if (nl) {
		const unsigned char *ls = q;

		while (ls[-1] != '\n')
			ls--;
		*line += (unsigned)nl;
		*col = 1 + (unsigned)sqlp__count_chars(ls, (size_t)(q - ls));
	} else {
		*col += (unsigned)sqlp__count_chars(p, n);
	}
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
