/* TEMPORARY: entry points whose modules are being written in parallel. Each
 * block goes when its module lands; nothing here may survive a release. */
#include "config.h"

#include "lede/clean.h"
#include "lede/fetch.h"
#include "lede/pager.h"

#ifndef LEDE_HAVE_PAGER
int lede_pager_run(struct lede_doc **docs, size_t ndocs, const struct lede_pager_opts *o,
    struct lede_err *err) { return lede_errf(err, "the pager is not written yet"); }
#endif
#ifndef LEDE_HAVE_FACTS
#include "lede/fact.h"
int lede_facts_find(struct lede_doc *doc, struct lede_err *err) { return 0; }
#endif
#ifndef LEDE_HAVE_WARN
#include "lede/warn.h"
int lede_warnings_find(struct lede_doc *doc, struct lede_err *err) { return 0; }
#endif
