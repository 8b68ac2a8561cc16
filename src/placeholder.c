/* TEMPORARY: entry points whose modules are being written in parallel. Each
 * block goes when its module lands; nothing here may survive a release. */
#include "config.h"

#include "lede/clean.h"
#include "lede/fetch.h"
#include "lede/pager.h"

