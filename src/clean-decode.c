#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "lede/clean-decode.h"
#include "lede/text.h"

#define SNIFF 1024

bool
lede_clean_is_binary(const char *data, size_t len)
{
	static const struct { const char *sig; size_t n; } sigs[] = {
		{ "\x89PNG\r\n\x1a\n", 8 }, { "GIF87a", 6 }, { "GIF89a", 6 },
		{ "\xff\xd8\xff", 3 }, { "%PDF-", 5 }, { "PK\x03\x04", 4 },
		{ "\x1f\x8b", 2 }, { "BZh", 3 }, { "\xfd" "7zXZ", 5 }, { "7z\xbc\xaf", 4 },
		{ "\x7f" "ELF", 4 }, { "RIFF", 4 }, { "OggS", 4 }, { "ID3", 3 },
		{ "\0\0\0\x18" "ftyp", 8 }, { "\0\0\0\x20" "ftyp", 8 }, { "wOFF", 4 },
		{ "wOF2", 4 }, { "\x1a\x45\xdf\xa3", 4 },
	};
	size_t i, n = len < SNIFF ? len : SNIFF, bad = 0, bomlen;
	const unsigned char *p = (const unsigned char *)data;

	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (len >= sigs[i].n && memcmp(data, sigs[i].sig, sigs[i].n) == 0)
			return true;
	/* UTF-16 is full of NULs yet is text. */
	if (lede_clean_bom(data, len, &bomlen) != NULL)
		return false;
	for (i = 0; i < n; i++)
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' &&
		    p[i] != '\f' && p[i] != 0x1b)
			bad++;
	/* A stray NUL or two is damage in a text; a tenth of the bytes is not text. */
	return bad > 8 && bad * 10 > n;
}

const char *
lede_clean_bom(const char *data, size_t len, size_t *bomlen)
{
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		*bomlen = 3;
		return "UTF-8";
	}
	if (len >= 2 && memcmp(data, "\xFF\xFE", 2) == 0) {
		*bomlen = 2;
		return "UTF-16LE";
	}
	if (len >= 2 && memcmp(data, "\xFE\xFF", 2) == 0) {
		*bomlen = 2;
		return "UTF-16BE";
	}
	*bomlen = 0;
	return NULL;
}

static bool
is_name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '_' || c == '.' || c == ':';
}

/* Looks for charset=NAME inside one <meta ...> tag [s, e). */
static bool
charset_in_tag(const char *s, const char *e, char *out, size_t outlen)
{
	const char *p;
	size_t n;

	for (p = s; p + 7 <= e; p++) {
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		p += 7;
		while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
			p++;
		if (p >= e || *p != '=')
			continue;
		p++;
		while (p < e && (*p == ' ' || *p == '"' || *p == '\'' || *p == '\t'))
			p++;
		for (n = 0; p + n < e && is_name_char((unsigned char)p[n]); n++)
			;
		if (n == 0 || n >= outlen)
			return false;
		memcpy(out, p, n);
		out[n] = '\0';
		return true;
	}
	return false;
}

bool
lede_clean_meta_charset(const char *data, size_t len, char *out, size_t outlen)
{
	/* Browsers look at the first 1024 bytes; pages with long inline scripts
	 * in the head put the meta later, so look a little further. */
	size_t n = len < 4096 ? len : 4096, i, k;
	const char *e, *v;

	/* XHTML may name it in its XML declaration instead. */
	if (n > 5 && strncmp(data, "<?xml", 5) == 0 && (e = memchr(data, '>', n)) != NULL &&
	    (v = memmem(data, (size_t)(e - data), "encoding=", 9)) != NULL) {
		v += 9;
		if (*v == '"' || *v == '\'')
			v++;
		for (k = 0; v + k < e && is_name_char((unsigned char)v[k]); k++)
			;
		if (k > 0 && k < outlen) {
			memcpy(out, v, k);
			out[k] = '\0';
			return true;
		}
	}

	for (i = 0; i + 5 <= n; i++) {
		if (data[i] != '<' || strncasecmp(data + i, "<meta", 5) != 0)
			continue;
		e = memchr(data + i, '>', n - i);
		if (e == NULL)
			return false;
		if (charset_in_tag(data + i + 5, e, out, outlen))
			return true;
		i = (size_t)(e - data);
	}
	return false;
}

/* What a declared name means, as browsers read it: Latin-1 and ASCII labels
 * are Windows-1252 in practice (curly quotes in 0x80-0x9F). */
static const char *
iconv_name(const char *charset)
{
	static const struct { const char *label, *name; } map[] = {
		{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
		{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
		{ "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" },
		{ "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
		{ "windows-1252", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
		{ "x-cp1252", "WINDOWS-1252" }, { "iso_8859-1", "WINDOWS-1252" },
		{ "utf-16", "UTF-16LE" }, { "utf-16le", "UTF-16LE" }, { "utf-16be", "UTF-16BE" },
		{ "gb2312", "GBK" }, { "gbk", "GBK" }, { "x-gbk", "GBK" },
		{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
		{ "shift_jis", "SHIFT_JIS" }, { "x-sjis", "SHIFT_JIS" }, { "sjis", "SHIFT_JIS" },
		{ "iso-8859-9", "WINDOWS-1254" }, { "tis-620", "WINDOWS-874" },
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(charset, map[i].label) == 0)
			return map[i].name;
	return charset;
}

/* Valid UTF-8 without a NUL: what sanitize_utf8 copies unchanged. */
static bool
clean_utf8(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t w;
	size_t i = 0, adv;
	unsigned char c;

	while (i < n) {
		/* Eight bytes at a time while they are ASCII: no byte has its high
		 * bit set, and none is 0 (which subtracting 1 would turn to FF). */
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if (((w | (w - ones)) & highs) == 0) {
				i += 8;
				continue;
			}
		}
		c = (unsigned char)s[i];
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		/* A failed decode consumes one byte; a valid sequence is longer. */
		lede_utf8_next(s + i, n - i, &adv);
		if (adv == 1)
			return false;
		i += adv;
	}
	return true;
}

/* Copies valid UTF-8 through, U+FFFD for bad bytes, NULs dropped. */
static void
sanitize_utf8(struct lede_buf *out, const char *s, size_t len)
{
	size_t i = 0, run, adv;
	uint32_t cp;
	char enc[4];

	/* Most text is fine as it is: one check, one copy. */
	if (clean_utf8(s, len)) {
		lede_buf_add(out, s, len);
		return;
	}
	lede_buf_reserve(out, len);
	while (i < len) {
		run = i;
		while (run < len && (unsigned char)s[run] < 0x80 && s[run] != '\0')
			run++;
		if (run > i) {
			lede_buf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		if (s[i] == '\0') {
			i++;
			continue;
		}
		cp = lede_utf8_next(s + i, len - i, &adv);
		i += adv;
		lede_buf_add(out, enc, lede_utf8_put(enc, cp));
	}
}

static int
convert(struct lede_buf *out, const char *data, size_t len, iconv_t cd, struct lede_err *err)
{
	struct lede_buf tmp = LEDE_BUF_INIT;
	char *in = (char *)data, *o;
	size_t inleft = len, oleft, r;

	while (inleft > 0) {
		if (!lede_buf_reserve(&tmp, inleft + 65536))
			break;
		o = tmp.data + tmp.len;
		oleft = tmp.cap - tmp.len - 1;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		tmp.len = (size_t)(o - tmp.data);
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		/* A bad or cut-off sequence: one replacement character, then on. */
		lede_buf_lit(&tmp, "\xEF\xBF\xBD");
		if (errno == EINVAL)
			break;
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	if (!lede_buf_ok(&tmp)) {
		lede_buf_free(&tmp);
		return lede_err_oom(err);
	}
	sanitize_utf8(out, tmp.data ? tmp.data : "", tmp.len);
	lede_buf_free(&tmp);
	return lede_buf_ok(out) ? 0 : lede_err_oom(err);
}

/* The encoding data is read in (NULL: UTF-8), past any byte order mark. */
static const char *
source_encoding(const char **data, size_t *len, const char *charset)
{
	const char *bom;
	size_t bomlen;

	bom = lede_clean_bom(*data, *len, &bomlen);
	if (bom != NULL) {
		*data += bomlen;
		*len -= bomlen;
		return bom;
	}
	if (charset != NULL && *charset != '\0')
		return iconv_name(charset);
	return NULL;
}

int
lede_clean_utf8_text(struct lede_buf *out, const char *data, size_t len, const char *charset,
    const char **text, size_t *textlen, struct lede_err *err)
{
	const char *s = data, *name;
	size_t n = len;

	name = source_encoding(&s, &n, charset);
	if ((name == NULL || strcmp(name, "UTF-8") == 0) && clean_utf8(s, n)) {
		*text = s;
		*textlen = n;
		return 0;
	}
	if (lede_clean_to_utf8(out, data, len, charset, err) != 0)
		return -1;
	*text = out->data != NULL ? out->data : "";
	*textlen = out->len;
	return 0;
}

int
lede_clean_to_utf8(struct lede_buf *out, const char *data, size_t len, const char *charset,
    struct lede_err *err)
{
	const char *name;
	iconv_t cd;
	int rc;

	name = source_encoding(&data, &len, charset);
	if (name == NULL || strcmp(name, "UTF-8") == 0) {
		sanitize_utf8(out, data, len);
		return lede_buf_ok(out) ? 0 : lede_err_oom(err);
	}
	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1) {
		/* An unknown label: UTF-8 is the likeliest truth today. */
		sanitize_utf8(out, data, len);
		return lede_buf_ok(out) ? 0 : lede_err_oom(err);
	}
	rc = convert(out, data, len, cd, err);
	iconv_close(cd);
	return rc;
}
