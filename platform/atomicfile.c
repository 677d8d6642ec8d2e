/*
 * Atomic file replacement (temp file, fsync, rename, fsync the directory)
 * and bounded whole-file reads.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform/atomicfile.h"

#define READ_CHUNK	65536

/* Splits path into its directory (written to dir) and its last part. */
static int
split_path(const char *path, char *dir, size_t dirlen, const char **base)
{
	const char	*slash;
	size_t		 n;

	if ((slash = strrchr(path, '/')) == NULL) {
		*base = path;
		path = ".";
		n = 1;
	} else {
		*base = slash + 1;
		n = slash == path ? 1 : (size_t)(slash - path);
	}
	if (**base == '\0')
		return -EISDIR;
	if (n >= dirlen)
		return -ENAMETOOLONG;
	memcpy(dir, path, n);
	dir[n] = '\0';
	return 0;
}

static int
write_all(int fd, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
sync_dir(const char *dir)
{
	int	 fd, rc = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -errno;
	/* Some file systems cannot sync a directory; that is not a failure. */
	if (fsync(fd) == -1 && errno != EINVAL)
		rc = -errno;
	close(fd);
	return rc;
}

int
atomicfile_write(const char *path, const void *data, size_t len, int mode)
{
	char		 dir[PATH_MAX], tmp[PATH_MAX];
	const char	*base;
	int		 fd = -1, rc, n;

	if ((rc = split_path(path, dir, sizeof(dir), &base)) != 0)
		return rc;
	n = snprintf(tmp, sizeof(tmp), "%s/.tmp-%s.XXXXXX", dir, base);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return -ENAMETOOLONG;
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1)
		return -errno;

	if ((rc = write_all(fd, data, len)) != 0)
		goto fail;
	if (fchmod(fd, (mode_t)mode & 07777) == -1 || fsync(fd) == -1) {
		rc = -errno;
		goto fail;
	}
	if (close(fd) == -1) {
		fd = -1;
		rc = -errno;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1) {
		rc = -errno;
		goto fail;
	}
	/* The new content is in place; a failed directory sync only means
	 * the rename may not survive a crash, which the caller should know. */
	return sync_dir(dir);

fail:
	if (fd != -1)
		close(fd);
	unlink(tmp);
	return rc;
}

int
atomicfile_read(const char *path, char **data, size_t *len, size_t max)
{
	struct stat	 st;
	char		*buf = NULL, *nbuf;
	size_t		 cap = 0, used = 0, hint, want;
	ssize_t		 n;
	int		 fd, rc = 0;

	*data = NULL;
	*len = 0;
	if (max > SIZE_MAX - 2)
		max = SIZE_MAX - 2;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -errno;
	if (fstat(fd, &st) == -1) {
		rc = -errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = -EISDIR;
		goto out;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
		rc = -EFBIG;
		goto out;
	}
	/* The size is a hint only: the file may change while we read. */
	hint = S_ISREG(st.st_mode) ? (size_t)st.st_size : READ_CHUNK;
	for (;;) {
		/* Keep room for one more byte (to see EOF) and the NUL. */
		if (cap - used < 2) {
			if (cap == 0)
				want = hint + 2;
			else if (cap > (max + 2) / 2)
				want = max + 2;
			else
				want = cap * 2;
			if ((nbuf = realloc(buf, want)) == NULL) {
				rc = -ENOMEM;
				goto out;
			}
			buf = nbuf;
			cap = want;
		}
		n = read(fd, buf + used, cap - used - 1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			goto out;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		if (used > max) {
			rc = -EFBIG;
			goto out;
		}
	}
	buf[used] = '\0';
	*data = buf;
	*len = used;
	buf = NULL;
out:
	free(buf);
	close(fd);
	return rc;
}

int
atomicfile_clean(const char *path)
{
	char		 dir[PATH_MAX], prefix[PATH_MAX], file[PATH_MAX];
	const char	*base;
	struct dirent	*e;
	DIR		*dp;
	size_t		 plen;
	int		 rc, n, removed = 0;

	if ((rc = split_path(path, dir, sizeof(dir), &base)) != 0)
		return rc;
	n = snprintf(prefix, sizeof(prefix), ".tmp-%s.", base);
	if (n < 0 || (size_t)n >= sizeof(prefix))
		return -ENAMETOOLONG;
	plen = (size_t)n;
	if ((dp = opendir(dir)) == NULL)
		return -errno;
	while ((e = readdir(dp)) != NULL) {
		/* mkostemp's six characters follow the prefix. */
		if (strncmp(e->d_name, prefix, plen) != 0 ||
		    strlen(e->d_name) != plen + 6)
			continue;
		n = snprintf(file, sizeof(file), "%s/%s", dir, e->d_name);
		if (n > 0 && (size_t)n < sizeof(file) && unlink(file) == 0)
			removed++;
	}
	closedir(dp);
	return removed;
}
