/*
 * Replace a file atomically: write a temporary file in the same directory,
 * fsync it, rename it over the target, fsync the directory.  Readers see the
 * old file or the new one, never a mixture, whatever kills the writer.
 */
#ifndef PLATFORM_ATOMICFILE_H
#define PLATFORM_ATOMICFILE_H

#include <stddef.h>

/* Returns 0, or -errno; on failure the target is untouched. */
int	atomicfile_write(const char *path, const void *data, size_t len,
	    int mode);
/* Reads a whole file into a NUL-terminated buffer the caller frees.
 * Returns 0, or -errno.  max bounds the size accepted (-EFBIG past it). */
int	atomicfile_read(const char *path, char **data, size_t *len, size_t max);

/* Removes the temporary files a crashed atomicfile_write(path) left
 * beside path.  Returns how many were removed, or -errno. */
int	atomicfile_clean(const char *path);

#endif
