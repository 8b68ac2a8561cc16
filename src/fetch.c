/* The fetcher. lede makes exactly the one request the user asked for, and
 * every limit that protects the user from a hostile or broken server is
 * enforced here: schemes, redirects, time, size (counted after decoding,
 * since a few kilobytes of gzip can inflate to gigabytes). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "lede/buf.h"
#include "lede/fetch.h"
#include "lede/input.h"

#define LEDE_MAX_REDIRECTS 10L
#define LEDE_CONNECT_TIMEOUT 15L    /* seconds, capped by --timeout */

struct fetch {
	CURL *curl;
	const struct lede_input_opts *opts;
	struct lede_buf body;
	bool too_big;
	bool checked;                /* the final response passed check_response */
	struct lede_err verdict;     /* why the write callback stopped, if it did */
	bool have_verdict;
	/* From the latest status line and Location header; redirects reset them. */
	long status;
	char reason[64];
	char location_scheme[16];
};

/* Copies at most max-1 bytes of server-supplied text, keeping printable
 * ASCII only: these strings end up on the user's terminal in an error. */
static void
copy_printable(char *dst, size_t max, const char *src, size_t n)
{
	size_t i, j = 0;

	for (i = 0; i < n && j + 1 < max; i++) {
		unsigned char c = (unsigned char)src[i];
		dst[j++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	dst[j] = '\0';
}

static const char *
reason_for(long status)
{
	/* HTTP/2 and HTTP/3 send no reason phrase; these are the common ones. */
	switch (status) {
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 402: return "Payment Required";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 408: return "Request Timeout";
	case 410: return "Gone";
	case 429: return "Too Many Requests";
	case 451: return "Unavailable For Legal Reasons";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return NULL;
	}
}

/* Keeps the status line and the scheme of Location for the response being
 * received, so errors can name them. */
static size_t
on_header(char *line, size_t size, size_t nmemb, void *arg)
{
	struct fetch *f = arg;
	size_t n = size * nmemb, i, len;

	if (n > 5 && memcmp(line, "HTTP/", 5) == 0) {
		f->status = 0;
		f->reason[0] = '\0';
		f->location_scheme[0] = '\0';
		for (i = 5; i < n && line[i] != ' '; i++)
			continue;
		while (i < n && line[i] == ' ')
			i++;
		/* Three digits at most: the line is the server's, the long is ours. */
		for (len = 0; i < n && len < 3 && isdigit((unsigned char)line[i]); i++, len++)
			f->status = f->status * 10 + (line[i] - '0');
		while (i < n && line[i] == ' ')
			i++;
		len = n - i;
		while (len > 0 && (line[i + len - 1] == '\r' || line[i + len - 1] == '\n' ||
		    line[i + len - 1] == ' '))
			len--;
		copy_printable(f->reason, sizeof f->reason, line + i, len);
	} else if (n > 9 && strncasecmp(line, "location:", 9) == 0) {
		for (i = 9; i < n && (line[i] == ' ' || line[i] == '\t'); i++)
			continue;
		/* A scheme is letters, digits, + - . before a colon; anything else
		 * is a relative reference, which stays on http(s). */
		for (len = 0; i + len < n && (isalnum((unsigned char)line[i + len]) ||
		    line[i + len] == '+' || line[i + len] == '-' || line[i + len] == '.'); len++)
			continue;
		if (len > 0 && len < sizeof f->location_scheme && i + len < n &&
		    line[i + len] == ':' && isalpha((unsigned char)line[i])) {
			for (size_t k = 0; k < len; k++)
				f->location_scheme[k] = (char)tolower((unsigned char)line[i + k]);
			f->location_scheme[len] = '\0';
		}
	}
	return n;
}

/* The media type of a Content-Type value, lowercased, into out. */
static void
media_type(const char *ct, char *out, size_t max)
{
	size_t n = strcspn(ct, ";"), j;

	while (n > 0 && (*ct == ' ' || *ct == '\t'))
		ct++, n--;
	while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	copy_printable(out, max, ct, n);
	for (j = 0; out[j] != '\0'; j++)
		out[j] = (char)tolower((unsigned char)out[j]);
}

static bool
type_is_readable(const char *type)
{
	return type[0] == '\0' || strncmp(type, "text/", 5) == 0 ||
	    strcmp(type, "application/xhtml+xml") == 0;
}

static bool
is_charset_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' || c == ':' ||
	    c == '+';
}

/* The charset parameter, lowercased, when it is a plausible encoding name;
 * NULL otherwise (the cleaner then sniffs the page itself). */
static char *
charset_param(const char *ct)
{
	const char *p = ct, *v;
	size_t n, i;
	char *cs;

	while ((p = strchr(p, ';')) != NULL) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		v = p + 7;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v != '=')
			continue;
		v++;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v == '"')
			v++;
		for (n = 0; is_charset_char(v[n]); n++)
			continue;
		if (n == 0 || n > 40 || !(v[n] == '\0' || v[n] == '"' || v[n] == ';' ||
		    v[n] == ' ' || v[n] == '\t'))
			return NULL;
		if ((cs = lede_strndup(v, n)) == NULL)
			return NULL;
		for (i = 0; i < n; i++)
			cs[i] = (char)tolower((unsigned char)cs[i]);
		return cs;
	}
	return NULL;
}

/* Judges the final response once its headers are in: an HTTP error or a
 * type lede cannot read fails before the body is downloaded. */
static int
check_response(struct fetch *f, struct lede_err *err)
{
	const char *reason, *ct = NULL;
	char type[80];
	long status = 0;

	curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status > 299) {
		reason = f->status == status && f->reason[0] != '\0' ? f->reason : reason_for(status);
		if (reason != NULL)
			return lede_errf(err, "HTTP %ld %s", status, reason);
		return lede_errf(err, "HTTP %ld", status);
	}
	curl_easy_getinfo(f->curl, CURLINFO_CONTENT_TYPE, &ct);
	media_type(ct != NULL ? ct : "", type, sizeof type);
	if (!type_is_readable(type))
		return lede_errf(err, "not a readable page: the server says it is %s", type);
	f->checked = true;
	return 0;
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct fetch *f = arg;
	size_t n = size * nmemb;

	if (!f->checked && check_response(f, &f->verdict) != 0) {
		f->have_verdict = true;
		return 0;
	}
	/* libcurl hands over decoded bytes, so this bounds the inflated size. */
	if (n > f->opts->max_size - f->body.len) {
		f->too_big = true;
		return 0;
	}
	lede_buf_add(&f->body, data, n);
	return lede_buf_ok(&f->body) ? n : 0;
}

/* "Connection refused" reads "connection refused" after "lede: URL: ", but
 * "SSL ..." keeps its capitals. */
static void
lower_first(char *s)
{
	if (isupper((unsigned char)s[0]) && !isupper((unsigned char)s[1]))
		s[0] = (char)tolower((unsigned char)s[0]);
}

/* libcurl's message, made safe and lowercase-first to fit "lede: X: reason". */
static int
curl_words(struct lede_err *err, const char *errbuf, CURLcode rc)
{
	char msg[256];
	const char *s = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);

	copy_printable(msg, sizeof msg, s, strlen(s));
	lower_first(msg);
	return lede_errf(err, "%s", msg);
}

static int
explain(struct fetch *f, CURLcode rc, const char *errbuf, struct lede_err *err)
{
	curl_off_t connect_us = 0;
	const char *detail;
	char words[128];
	long oserr = 0;

	switch (rc) {
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		/* A huge Content-Length is refused before any body arrives; an error
		 * status or a wrong type is still the better reason. */
		if (rc == CURLE_FILESIZE_EXCEEDED && !f->checked && check_response(f, err) != 0)
			return -1;
		if (f->have_verdict) {
			*err = f->verdict;
			return -1;
		}
		if (f->too_big || rc == CURLE_FILESIZE_EXCEEDED)
			return lede_errf(err, "larger than the %zu-byte limit (see --max-size)",
			    f->opts->max_size);
		if (!lede_buf_ok(&f->body))
			return lede_err_oom(err);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		curl_easy_getinfo(f->curl, CURLINFO_CONNECT_TIME_T, &connect_us);
		if (connect_us == 0)
			return lede_errf(err, "could not connect within %ld seconds",
			    f->opts->timeout < LEDE_CONNECT_TIMEOUT ? f->opts->timeout : LEDE_CONNECT_TIMEOUT);
		return lede_errf(err, "timed out after %ld seconds (see --timeout)", f->opts->timeout);
	case CURLE_TOO_MANY_REDIRECTS:
		return lede_errf(err, "redirect loop: more than %ld redirects", LEDE_MAX_REDIRECTS);
	case CURLE_UNSUPPORTED_PROTOCOL:
		if (f->status >= 300 && f->status <= 399 && strcmp(f->location_scheme, "file") == 0)
			return lede_errf(err, "refused a redirect to a file: URL");
		if (f->status >= 300 && f->status <= 399 && f->location_scheme[0] != '\0')
			return lede_errf(err, "refused a redirect to the %s: scheme (only http and https)",
			    f->location_scheme);
		/* input.c sends only http(s) URLs here, so this is libcurl refusing an
		 * HTTP/0.9 reply: headerless bytes are no page. */
		return lede_errf(err, "the server sent a malformed reply");
	case CURLE_URL_MALFORMAT:
		if (f->status >= 300 && f->status <= 399)
			return lede_errf(err, "refused a redirect to a malformed URL");
		return lede_errf(err, "malformed URL");
	case CURLE_COULDNT_RESOLVE_HOST:
		detail = strncmp(errbuf, "Could not resolve host: ", 24) == 0 ? errbuf + 24 : NULL;
		if (detail != NULL) {
			copy_printable(words, sizeof words, detail, strlen(detail));
			return lede_errf(err, "host not found: %s", words);
		}
		return lede_errf(err, "host not found");
	case CURLE_COULDNT_RESOLVE_PROXY:
		return lede_errf(err, "proxy host not found (check the proxy variables)");
	case CURLE_COULDNT_CONNECT:
		curl_easy_getinfo(f->curl, CURLINFO_OS_ERRNO, &oserr);
		if (oserr == ECONNREFUSED)
			return lede_errf(err, "connection refused");
		if (oserr != 0) {
			copy_printable(words, sizeof words, strerror((int)oserr),
			    strlen(strerror((int)oserr)));
			lower_first(words);
			return lede_errf(err, "could not connect: %s", words);
		}
		return lede_errf(err, "could not connect");
	case CURLE_GOT_NOTHING:
		return lede_errf(err, "the server closed the connection without replying");
	case CURLE_PARTIAL_FILE:
		return lede_errf(err, "the connection closed before the whole page arrived");
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
		curl_easy_getinfo(f->curl, CURLINFO_OS_ERRNO, &oserr);
		if (oserr == ECONNRESET)
			return lede_errf(err, "the server reset the connection");
		if (strncmp(errbuf, "Too large response headers", 26) == 0)
			return lede_errf(err, "the server sent too many headers");
		return lede_errf(err, "the connection broke during the transfer");
	case CURLE_BAD_CONTENT_ENCODING:
		return lede_errf(err, "the compressed page is corrupt");
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return lede_errf(err, "the server sent a malformed reply");
	case CURLE_PEER_FAILED_VERIFICATION:
		detail = strncmp(errbuf, "SSL certificate problem: ", 25) == 0 ? errbuf + 25 : NULL;
		if (detail != NULL) {
			copy_printable(words, sizeof words, detail, strlen(detail));
			return lede_errf(err, "the server's TLS certificate is not trusted: %s", words);
		}
		return lede_errf(err, "the server's TLS certificate could not be verified");
	case CURLE_SSL_CONNECT_ERROR:
		return lede_errf(err, "the TLS handshake failed");
	case CURLE_OUT_OF_MEMORY:
		return lede_err_oom(err);
	default:
		break;
	}
	return curl_words(err, errbuf, rc);
}

int
lede_fetch_global_init(struct lede_err *err)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return lede_errf(err, "could not start libcurl");
	return 0;
}

void
lede_fetch_global_cleanup(void)
{
	curl_global_cleanup();
}

static CURLcode
setup(struct fetch *f, const char *url, char *errbuf, struct curl_slist **hdrs)
{
	const struct lede_input_opts *o = f->opts;
	CURL *c = f->curl;
	long connect = o->timeout < LEDE_CONNECT_TIMEOUT ? o->timeout : LEDE_CONNECT_TIMEOUT;
	CURLcode rc = CURLE_OK;

	/* The Accept header states what lede reads; servers that negotiate then
	 * prefer the page to a feed or an image. */
	*hdrs = curl_slist_append(NULL,
	    "Accept: text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1");
	if (*hdrs == NULL)
		return CURLE_OUT_OF_MEMORY;
#define SET(opt, val) do { if (rc == CURLE_OK) rc = curl_easy_setopt(c, opt, val); } while (0)
	SET(CURLOPT_URL, url);
	SET(CURLOPT_ERRORBUFFER, errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	SET(CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, LEDE_MAX_REDIRECTS);
	SET(CURLOPT_CONNECTTIMEOUT, connect);
	SET(CURLOPT_TIMEOUT, o->timeout);
	/* Checked against Content-Length up front; the write callback counts the
	 * decoded bytes, which is what the limit is about. */
	if ((uintmax_t)o->max_size <= (uintmax_t)INT64_MAX)
		SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_size);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_USERAGENT, o->user_agent != NULL ? o->user_agent : "lede/" PACKAGE_VERSION);
	SET(CURLOPT_HTTPHEADER, *hdrs);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, f);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, f);
#undef SET
	return rc;
}

/* Fills in from the finished transfer. */
static int
take(struct fetch *f, struct lede_input *in, struct lede_err *err)
{
	const char *ct = NULL, *url = NULL;
	char type[80];

	if (!f->checked && check_response(f, err) != 0)
		return -1;
	if (f->body.len == 0)
		return lede_errf(err, "the server sent an empty page");
	curl_easy_getinfo(f->curl, CURLINFO_EFFECTIVE_URL, &url);
	curl_easy_getinfo(f->curl, CURLINFO_CONTENT_TYPE, &ct);
	if (url != NULL && (in->url = lede_strdup(url)) == NULL)
		return lede_err_oom(err);
	if (ct != NULL) {
		media_type(ct, type, sizeof type);
		if (type[0] != '\0' && (in->content_type = lede_strdup(type)) == NULL)
			return lede_err_oom(err);
		in->charset = charset_param(ct);
	}
	in->len = f->body.len;
	if ((in->data = lede_buf_detach(&f->body)) == NULL)
		return lede_err_oom(err);
	return 0;
}

/* A header value with a line break would smuggle in headers of its own. */
static bool
one_line(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

int
lede_fetch(const char *url, const struct lede_input_opts *o, struct lede_input *in,
    struct lede_err *err)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *hdrs = NULL;
	struct fetch f;
	CURLcode rc;
	int ret = -1;

	memset(&f, 0, sizeof f);
	memset(in, 0, sizeof *in);
	if (o->user_agent != NULL && !one_line(o->user_agent))
		return lede_errf(err, "the User-Agent must be one line of printable text");
	f.opts = o;
	lede_buf_init(&f.body);
	if ((f.curl = curl_easy_init()) == NULL)
		return lede_errf(err, "could not start libcurl");
	if ((rc = setup(&f, url, errbuf, &hdrs)) != CURLE_OK) {
		lede_errf(err, "could not set up the request: %s", curl_easy_strerror(rc));
	} else if ((rc = curl_easy_perform(f.curl)) != CURLE_OK) {
		explain(&f, rc, errbuf, err);
	} else if (take(&f, in, err) != 0) {
		lede_input_free(in);
	} else {
		ret = 0;
	}
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(f.curl);
	lede_buf_free(&f.body);
	return ret;
}
