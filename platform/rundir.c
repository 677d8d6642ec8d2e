#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/rundir.h"

const char *
rundir_resolve(const char *dir)
{
	const char	*env;

	if (dir != NULL && *dir != '\0')
		return dir;
	env = getenv(RUNDIR_ENV);
	if (env != NULL && *env != '\0')
		return env;
	return RUNDIR_DEFAULT;
}

int
rundir_path(char *buf, size_t len, const char *rundir, const char *name)
{
	int	 n;

	n = snprintf(buf, len, "%s/%s", rundir, name);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return 0;
}

static int
make_one(const char *path)
{
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		return -errno;
	return 0;
}

int
rundir_make(const char *rundir)
{
	char	 path[4096];
	int	 rc;

	if ((rc = make_one(rundir)) != 0)
		return rc;
	if ((rc = rundir_path(path, sizeof(path), rundir, RUNDIR_LOGDIR)) != 0)
		return rc;
	return make_one(path);
}
