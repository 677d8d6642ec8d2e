/*
 * A main() for fuzz targets built without libFuzzer (gcc, `make check`).
 * With arguments, feeds each file (or each file in each directory) to
 * LLVMFuzzerTestOneInput.  Without, replays the seed corpus compiled in as
 * FUZZ_SEED_DIR (if any), then a bounded number of pseudo-random inputs
 * from a fixed seed: half mutations of the seeds, with the frame length
 * often patched to match so that the field decoder is reached, half plain
 * random bytes.  Runs are reproducible; FUZZ_RUNS overrides the count.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_RANDOM_RUNS	200000
#define FUZZ_MAX_INPUT	4096
#define FUZZ_MAX_FILE	(1 << 20)
#define FUZZ_MAX_SEEDS	256

struct seed {
	uint8_t	*data;
	size_t	 len;
};

struct seeds {
	struct seed	 s[FUZZ_MAX_SEEDS];
	size_t		 n;
};

static uint64_t
rnd(uint64_t *state)
{
	/* xorshift64: small, fixed, the same on every machine. */
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static int
run_file(const char *path, struct seeds *keep)
{
	FILE	*fp;
	uint8_t	*buf;
	size_t	 len;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if ((buf = malloc(FUZZ_MAX_FILE)) == NULL) {
		fclose(fp);
		return -1;
	}
	len = fread(buf, 1, FUZZ_MAX_FILE, fp);
	fclose(fp);
	LLVMFuzzerTestOneInput(buf, len);
	if (keep != NULL && keep->n < FUZZ_MAX_SEEDS && len <= FUZZ_MAX_INPUT) {
		keep->s[keep->n].data = buf;
		keep->s[keep->n++].len = len;
	} else
		free(buf);
	return 0;
}

/* Runs a file, or every regular file in a directory.  Returns the count,
 * or -1. */
static long
run_path(const char *path, struct seeds *keep)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	char		 sub[4096];
	long		 n = 0;

	if (stat(path, &st) == -1) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path, keep) == 0 ? 1 : -1;
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (stat(sub, &st) == 0 && S_ISREG(st.st_mode) &&
		    run_file(sub, keep) == 0)
			n++;
	}
	closedir(d);
	return n;
}

/* Makes one input in buf: a mutated seed or random bytes. */
static size_t
make_input(uint8_t *buf, const struct seeds *seeds, uint64_t *st)
{
	const struct seed	*s;
	size_t			 len, i, k, pos, plen;

	if (seeds->n == 0 || rnd(st) % 2 == 0) {
		len = rnd(st) % (rnd(st) % 4 == 0 ? FUZZ_MAX_INPUT : 64);
		for (i = 0; i < len; i++)
			buf[i] = (uint8_t)rnd(st);
		return len;
	}
	s = &seeds->s[rnd(st) % seeds->n];
	memcpy(buf, s->data, s->len);
	len = s->len;
	for (k = 1 + rnd(st) % 4; k > 0; k--) {
		pos = len == 0 ? 0 : rnd(st) % len;
		switch (rnd(st) % 6) {
		case 0:		/* flip a bit */
			if (len > 0)
				buf[pos] ^= (uint8_t)(1u << rnd(st) % 8);
			break;
		case 1:		/* an interesting byte */
			if (len > 0)
				buf[pos] = (uint8_t[]){ 0, 1, 2, 3, 4, 0x7f,
				    0x80, 0xff }[rnd(st) % 8];
			break;
		case 2:		/* cut */
			len = pos;
			break;
		case 3:		/* append random bytes */
			for (i = rnd(st) % 32; i > 0 && len < FUZZ_MAX_INPUT; i--)
				buf[len++] = (uint8_t)rnd(st);
			break;
		case 4:		/* repeat a chunk */
			i = rnd(st) % 16;
			if (i <= len && len + i <= FUZZ_MAX_INPUT) {
				memcpy(buf + len, buf + len - i, i);
				len += i;
			}
			break;
		default:	/* random byte */
			if (len > 0)
				buf[pos] = (uint8_t)rnd(st);
			break;
		}
	}
	/* Usually keep the header's length honest, to reach the fields. */
	if (len >= 12 && rnd(st) % 4 != 0) {
		plen = len - 12;
		buf[8] = (uint8_t)(plen >> 24);
		buf[9] = (uint8_t)(plen >> 16);
		buf[10] = (uint8_t)(plen >> 8);
		buf[11] = (uint8_t)plen;
	}
	return len;
}

int
main(int argc, char *argv[])
{
	static struct seeds	 seeds;
	struct timespec		 t0, t1;
	uint8_t			*buf;
	uint64_t		 st = 0x9e3779b97f4a7c15ULL;
	const char		*env;
	long			 files = 0, n, runs = FUZZ_RANDOM_RUNS, i;
	int			 a, rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (argc > 1) {
		for (a = 1; a < argc; a++) {
			if ((n = run_path(argv[a], NULL)) < 0)
				rc = 1;
			else
				files += n;
		}
		printf("%s: %ld inputs replayed\n", argv[0], files);
		return rc;
	}
#ifdef FUZZ_SEED_DIR
	if ((files = run_path(FUZZ_SEED_DIR, &seeds)) < 0)
		return 1;
#endif
	if ((env = getenv("FUZZ_RUNS")) != NULL)
		runs = strtol(env, NULL, 10);
	if ((buf = malloc(FUZZ_MAX_INPUT)) == NULL)
		return 1;
	for (i = 0; i < runs; i++)
		LLVMFuzzerTestOneInput(buf, make_input(buf, &seeds, &st));
	free(buf);
	for (i = 0; i < (long)seeds.n; i++)
		free(seeds.s[i].data);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%s: %ld seeds, %ld random inputs, %.2f s\n", argv[0], files,
	    runs, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
