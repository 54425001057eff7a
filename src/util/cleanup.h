/*
 * cleanup.h - work that must happen on every exit path: removing temp
 * files, releasing the migration lock, closing connections.  Handlers run
 * in reverse order of registration, each at most once, from ss_cleanup_run
 * (called by main before exit and by the out-of-memory path).
 */
#ifndef SS_CLEANUP_H
#define SS_CLEANUP_H

typedef void (*ss_cleanup_fn)(void *arg);

/* Register fn(arg); returns a handle for ss_cleanup_cancel/ss_cleanup_pop. */
int ss_cleanup_push(ss_cleanup_fn fn, void *arg);
/* Forget the handler without running it. */
void ss_cleanup_cancel(int handle);
/* Run the handler now and forget it. */
void ss_cleanup_pop(int handle);
/* Run every remaining handler, newest first. */
void ss_cleanup_run(void);

#endif /* SS_CLEANUP_H */
