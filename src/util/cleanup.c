/*
 * cleanup.c - the process-wide cleanup list; see cleanup.h.
 */
#include "config.h"

#include <stddef.h>

#include "util/cleanup.h"
#include "util/xmalloc.h"

struct cleanup_entry {
	ss_cleanup_fn fn;	/* NULL once run or cancelled */
	void *arg;
};

static struct cleanup_entry *entries;
static size_t nentries, alloc_entries;

int ss_cleanup_push(ss_cleanup_fn fn, void *arg)
{
	entries = ss_xgrow(entries, nentries + 1, &alloc_entries, sizeof(*entries));
	entries[nentries].fn = fn;
	entries[nentries].arg = arg;
	return (int)nentries++;
}

void ss_cleanup_cancel(int handle)
{
	if (handle >= 0 && (size_t)handle < nentries)
		entries[handle].fn = NULL;
}

void ss_cleanup_pop(int handle)
{
	ss_cleanup_fn fn;

	if (handle < 0 || (size_t)handle >= nentries || !entries[handle].fn)
		return;
	fn = entries[handle].fn;
	entries[handle].fn = NULL;
	fn(entries[handle].arg);
}

void ss_cleanup_run(void)
{
	for (size_t i = nentries; i-- > 0;)
		ss_cleanup_pop((int)i);
	nentries = 0;
}
