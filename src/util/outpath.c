/*
 * outpath.c - see outpath.h.
 */
#include "config.h"

#include <sys/stat.h>

#include "util/outpath.h"

int ss_outpath_in_place(const char *path)
{
	struct stat st;

	return (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) ||
	       (lstat(path, &st) == 0 && S_ISLNK(st.st_mode));
}
