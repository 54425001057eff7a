/*
 * outpath.h - how an output file given by the user is to be written.
 */
#ifndef SS_OUTPATH_H
#define SS_OUTPATH_H

/*
 * Nonzero when path must be written in place rather than through a
 * temporary file renamed over it: a device, a pipe or a symbolic link
 * (/dev/null, a FIFO, /dev/stdout), which the rename would replace.
 */
int ss_outpath_in_place(const char *path);

#endif /* SS_OUTPATH_H */
