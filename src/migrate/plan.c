/*
 * plan.c - golang-migrate's walks over the version index; see plan.h.
 * The branch structure follows its readUp / readDown / read so that every
 * end condition ("no change", "file does not exist", "limit K short")
 * comes out in the same situations.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "migrate/index.h"
#include "migrate/plan.h"
#include "util/xmalloc.h"

static void add_step(struct ss_mig_plan *plan, const struct ss_mig_index *idx, size_t pos,
		     int64_t target)
{
	const struct ss_mig_version *v = &idx->v[pos];
	struct ss_mig_step *s;

	plan->steps = ss_xgrow(plan->steps, plan->n + 1, &plan->alloc, sizeof(*plan->steps));
	s = &plan->steps[plan->n++];
	s->version = v->version;
	s->target = target;
	s->up = target >= 0 && (uint64_t)target >= v->version;
	s->file = s->up ? v->up : v->down;
	s->title = s->file >= 0 ? (s->up ? v->up_title : v->down_title) : NULL;
}

static int exists(const struct ss_mig_index *idx, int64_t v)
{
	return v >= 0 && ss_mig_index_find(idx, (uint64_t)v) >= 0;
}

static void unknown(struct ss_mig_plan *plan, uint64_t v)
{
	plan->end = SS_MIG_END_UNKNOWN;
	plan->unknown = v;
}

static void plan_up(const struct ss_mig_index *idx, int64_t from, int all, uint64_t limit,
		    struct ss_mig_plan *plan)
{
	uint64_t count = 0;
	long pos = from >= 0 ? ss_mig_index_find(idx, (uint64_t)from) : -1;

	if (!all && limit == 0) {
		plan->end = SS_MIG_END_NO_CHANGE;
		return;
	}
	while (all || count < limit) {
		if (pos < 0) {
			if (!idx->n) {
				plan->end = SS_MIG_END_NO_FIRST;
				return;
			}
			pos = 0;
		} else if ((size_t)pos + 1 < idx->n) {
			pos++;
		} else {
			if (count == 0)
				plan->end = all ? SS_MIG_END_NO_CHANGE : SS_MIG_END_NOT_EXIST;
			else if (!all && count < limit) {
				plan->end = SS_MIG_END_SHORT;
				plan->short_by = limit - count;
			}
			return;
		}
		add_step(plan, idx, (size_t)pos, (int64_t)idx->v[pos].version);
		count++;
	}
}

static void plan_down(const struct ss_mig_index *idx, int64_t from, int all, uint64_t limit,
		      struct ss_mig_plan *plan)
{
	uint64_t count = 0;
	long pos;

	if (!all && limit == 0) {
		plan->end = SS_MIG_END_NO_CHANGE;
		return;
	}
	if (from < 0) {
		plan->end = all ? SS_MIG_END_NO_CHANGE : SS_MIG_END_NOT_EXIST;
		return;
	}
	pos = ss_mig_index_find(idx, (uint64_t)from);
	while (all || count < limit) {
		if (pos == 0) {
			/* Below the first version: its down file, to "no version". */
			add_step(plan, idx, 0, -1);
			count++;
			if (!all && count < limit) {
				plan->end = SS_MIG_END_SHORT;
				plan->short_by = limit - count;
			}
			return;
		}
		add_step(plan, idx, (size_t)pos, (int64_t)idx->v[pos - 1].version);
		pos--;
		count++;
	}
}

static void plan_goto(const struct ss_mig_index *idx, int64_t from, uint64_t to,
		      struct ss_mig_plan *plan)
{
	long pos, tpos = ss_mig_index_find(idx, to);

	if (tpos < 0) {
		unknown(plan, to);
		return;
	}
	if (from >= 0 && (uint64_t)from == to) {
		plan->end = SS_MIG_END_NO_CHANGE;
		return;
	}
	pos = from >= 0 ? ss_mig_index_find(idx, (uint64_t)from) : -1;
	if (pos < tpos) {
		while (pos < tpos) {
			pos++;
			add_step(plan, idx, (size_t)pos, (int64_t)idx->v[pos].version);
		}
	} else {
		while (pos > tpos) {
			add_step(plan, idx, (size_t)pos, (int64_t)idx->v[pos - 1].version);
			pos--;
		}
	}
}

void ss_mig_plan_make(const struct ss_mig_index *idx, int64_t cur,
		      const struct ss_mig_request *req, struct ss_mig_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	plan->end = SS_MIG_END_DONE;
	/* Every walk first checks that the current version is in the source. */
	if (cur >= 0 && !exists(idx, cur)) {
		unknown(plan, (uint64_t)cur);
		return;
	}
	switch (req->verb) {
	case SS_MIG_UP:
		plan_up(idx, cur, req->all, req->n, plan);
		break;
	case SS_MIG_DOWN:
		plan_down(idx, cur, req->all, req->n, plan);
		break;
	case SS_MIG_GOTO:
		plan_goto(idx, cur, req->n, plan);
		break;
	}
}

void ss_mig_plan_release(struct ss_mig_plan *plan)
{
	free(plan->steps);
	memset(plan, 0, sizeof(*plan));
}
