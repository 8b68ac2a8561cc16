/* Facts worth a glance: money, counts, percentages, dates and times, ages,
 * scores, and each person's roles. */
#ifndef LEDE_FACT_H
#define LEDE_FACT_H

#include "lede/doc.h"
#include "lede/err.h"

int lede_facts_find(struct lede_doc *doc, struct lede_err *err);

#endif
