/* Replays inputs through a fuzz harness without libFuzzer, so every finding
 * (tests/regress/NAME/) and every seed (fuzz/seeds/NAME/) stays a test in
 * `make check`: a harness traps on a broken invariant, and the sanitizer
 * build catches the memory errors. One file per run, so a crash names it.
 *
 * usage: regress_NAME FILE */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

int
main(int argc, char **argv)
{
	FILE *f;
	uint8_t *data = NULL, *exact;
	size_t len = 0, cap = 0, n;

	if (argc != 2) {
		fputs("usage: regress_NAME FILE\n", stderr);
		return 2;
	}
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	if ((f = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	do {
		if (len == cap) {
			uint8_t *p = realloc(data, cap = cap ? cap * 2 : 65536);
			if (p == NULL) {
				fclose(f);
				free(data);
				return 2;
			}
			data = p;
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	/* libFuzzer hands over a copy of exactly len bytes; so does this. */
	exact = malloc(len ? len : 1);
	if (exact == NULL) {
		free(data);
		return 2;
	}
	memcpy(exact, data, len);
	free(data);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}
