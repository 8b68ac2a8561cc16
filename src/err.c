#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "lede/err.h"

int
lede_errf(struct lede_err *e, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int
lede_err_oom(struct lede_err *e)
{
	return lede_errf(e, "out of memory");
}
