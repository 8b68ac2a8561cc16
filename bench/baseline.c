/* The benchmark's yardstick: read each file whole and hand it to libxml2's
 * HTML parser with the options lede's cleaner uses, then free the tree. What
 * lede does beyond this is what the pipeline ratio measures. Keep PARSE_OPTS
 * and the call in step with parse() in src/clean-html.c, which converts the
 * page to UTF-8 first and parses that with the page's own charset ignored. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#define PARSE_OPTS (HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | \
	HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC)

static char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	char *data;
	size_t got = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) != 0) {
		fprintf(stderr, "baseline: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if ((data = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size &&
	    (n = read(fd, data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	data[got] = '\0';
	*len = got;
	return data;
}

int
main(int argc, char **argv)
{
	int i, failed = 0;

	xmlInitParser();
	for (i = 1; i < argc; i++) {
		htmlDocPtr doc;
		size_t len;
		char *data = slurp(argv[i], &len);

		if (data == NULL) {
			failed++;
			continue;
		}
		doc = htmlReadMemory(data, (int)len, NULL, "UTF-8", PARSE_OPTS);
		if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
			fprintf(stderr, "baseline: %s: no document\n", argv[i]);
			failed++;
		}
		xmlFreeDoc(doc);
		free(data);
	}
	xmlCleanupParser();
	return failed ? 1 : 0;
}
