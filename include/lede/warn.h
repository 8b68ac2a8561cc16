/* Warnings no other reader gives: contradictions in the text (one person
 * given conflicting nationalities or titles), quotation marks that never
 * close or never open, quotes whose speaker could not be found. */
#ifndef LEDE_WARN_H
#define LEDE_WARN_H

#include "lede/doc.h"
#include "lede/err.h"

int lede_warnings_find(struct lede_doc *doc, struct lede_err *err);

#endif
