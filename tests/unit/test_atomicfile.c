/*
 * Unit tests for platform/atomicfile: whole-file replacement and bounded
 * reads, in a scratch directory per test.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform/atomicfile.h"
#include "tests/unit/unit.h"

static char	scratch[64];

static void
setup(void)
{
	strcpy(scratch, "/tmp/test_atomicfile.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(scratch));
}

static void
teardown(void)
{
	char	 cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
	ck_assert_int_eq(system(cmd), 0);
}

static void
path_in(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", scratch, name);
}

static void
put(const char *path, const char *text)
{
	FILE	*fp;

	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

static void
assert_content(const char *path, const char *want)
{
	char	*data;
	size_t	 len;

	ck_assert_int_eq(atomicfile_read(path, &data, &len, 1 << 20), 0);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_str_eq(data, want);
	free(data);
}

/* Counts directory entries whose name starts with ".tmp-". */
static int
count_temps(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, ".tmp-", 5) == 0)
			n++;
	closedir(d);
	return n;
}

START_TEST(a_write_replaces_the_content_of_an_existing_file)
{
	const char	*cfg = "hostname R2\n!\nend\n";
	char		 path[128];

	path_in(path, sizeof(path), "startup-config");
	put(path, "hostname R1\ninterface Loopback0\n!\nend\n");
	ck_assert_int_eq(atomicfile_write(path, cfg, strlen(cfg), 0644), 0);
	assert_content(path, cfg);
	ck_assert_int_eq(atomicfile_write(path, "", 0, 0644), 0);
	assert_content(path, "");
}
END_TEST

START_TEST(a_write_creates_a_missing_file)
{
	char	 path[128];

	path_in(path, sizeof(path), "new");
	ck_assert_int_eq(atomicfile_write(path, "x", 1, 0600), 0);
	assert_content(path, "x");
}
END_TEST

START_TEST(a_write_leaves_no_temporary_files_behind)
{
	char	 path[128];
	int	 i;

	path_in(path, sizeof(path), "startup-config");
	for (i = 0; i < 10; i++)
		ck_assert_int_eq(atomicfile_write(path, "abc", 3, 0600), 0);
	ck_assert_int_eq(count_temps(scratch), 0);
}
END_TEST

START_TEST(a_write_gives_the_file_the_requested_mode)
{
	struct stat	 st;
	char		 path[128];
	mode_t		 old;

	path_in(path, sizeof(path), "key");
	/* The mode is exact: the umask does not narrow it. */
	old = umask(077);
	ck_assert_int_eq(atomicfile_write(path, "k", 1, 0644), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0644);
	ck_assert_int_eq(atomicfile_write(path, "k", 1, 0600), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	umask(old);
}
END_TEST

START_TEST(a_write_into_a_missing_directory_fails_and_changes_nothing)
{
	char	 path[128];

	path_in(path, sizeof(path), "no-such-dir/startup-config");
	ck_assert_int_eq(atomicfile_write(path, "x", 1, 0644), -ENOENT);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(count_temps(scratch), 0);
}
END_TEST

START_TEST(a_failed_rename_removes_the_temp_and_leaves_the_target)
{
	char	 path[128], inner[160];
	int	 rc;

	/* The target is a non-empty directory: rename must fail. */
	path_in(path, sizeof(path), "target");
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(inner, sizeof(inner), "%s/keep", path);
	put(inner, "kept");
	rc = atomicfile_write(path, "x", 1, 0644);
	ck_assert_msg(rc == -EISDIR || rc == -ENOTEMPTY || rc == -EEXIST,
	    "rc %d", rc);
	ck_assert_int_eq(count_temps(scratch), 0);
	assert_content(inner, "kept");
}
END_TEST

START_TEST(a_write_into_a_read_only_directory_fails_and_changes_nothing)
{
	char	 dir[128], path[160];

	if (geteuid() == 0)
		return;		/* root writes anywhere */
	path_in(dir, sizeof(dir), "ro");
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/startup-config", dir);
	put(path, "old\n");
	ck_assert_int_eq(chmod(dir, 0555), 0);
	ck_assert_int_eq(atomicfile_write(path, "new\n", 4, 0644), -EACCES);
	ck_assert_int_eq(chmod(dir, 0755), 0);
	assert_content(path, "old\n");
	ck_assert_int_eq(count_temps(dir), 0);
}
END_TEST

START_TEST(a_write_that_fails_midway_leaves_the_target_untouched)
{
	struct rlimit	 rl, old;
	char		 path[128], big[8192];
	int		 rc;

	/* A file size limit makes write() fail part way, even for root. */
	path_in(path, sizeof(path), "startup-config");
	put(path, "old\n");
	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	rl = old;
	rl.rlim_cur = 4096;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	memset(big, 'x', sizeof(big));
	rc = atomicfile_write(path, big, sizeof(big), 0644);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	ck_assert_int_eq(rc, -EFBIG);
	assert_content(path, "old\n");
	ck_assert_int_eq(count_temps(scratch), 0);
}
END_TEST

START_TEST(read_returns_the_whole_file_nul_terminated)
{
	char	 path[128], *data, *big;
	size_t	 len, n = 300000, i;

	path_in(path, sizeof(path), "big");
	big = malloc(n);
	ck_assert_ptr_nonnull(big);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	ck_assert_int_eq(atomicfile_write(path, big, n, 0644), 0);
	ck_assert_int_eq(atomicfile_read(path, &data, &len, n), 0);
	ck_assert_uint_eq(len, n);
	ck_assert_mem_eq(data, big, n);
	ck_assert_int_eq(data[n], '\0');
	free(data);
	free(big);
}
END_TEST

START_TEST(read_refuses_a_file_larger_than_the_bound)
{
	char	 path[128], *data = (char *)1;
	size_t	 len = 1;

	path_in(path, sizeof(path), "f");
	put(path, "0123456789");
	ck_assert_int_eq(atomicfile_read(path, &data, &len, 9), -EFBIG);
	ck_assert_ptr_null(data);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(atomicfile_read(path, &data, &len, 10), 0);
	free(data);
}
END_TEST

START_TEST(read_of_a_stream_is_bounded_too)
{
	char	*data;
	size_t	 len;

	/* /dev/zero has no size to check up front: the bound stops it. */
	ck_assert_int_eq(atomicfile_read("/dev/zero", &data, &len, 100000),
	    -EFBIG);
	ck_assert_int_eq(atomicfile_read("/dev/null", &data, &len, 10), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(data, "");
	free(data);
}
END_TEST

START_TEST(read_of_a_missing_file_or_a_directory_fails)
{
	char	 path[128], *data;
	size_t	 len;

	path_in(path, sizeof(path), "missing");
	ck_assert_int_eq(atomicfile_read(path, &data, &len, 10), -ENOENT);
	ck_assert_int_eq(atomicfile_read(scratch, &data, &len, 10), -EISDIR);
}
END_TEST

static Suite *
atomicfile_suite(void)
{
	Suite	*s = suite_create("atomicfile");
	TCase	*tc = tcase_create("atomicfile");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_write_replaces_the_content_of_an_existing_file);
	tcase_add_test(tc, a_write_creates_a_missing_file);
	tcase_add_test(tc, a_write_leaves_no_temporary_files_behind);
	tcase_add_test(tc, a_write_gives_the_file_the_requested_mode);
	tcase_add_test(tc,
	    a_write_into_a_missing_directory_fails_and_changes_nothing);
	tcase_add_test(tc,
	    a_failed_rename_removes_the_temp_and_leaves_the_target);
	tcase_add_test(tc,
	    a_write_into_a_read_only_directory_fails_and_changes_nothing);
	tcase_add_test(tc,
	    a_write_that_fails_midway_leaves_the_target_untouched);
	tcase_add_test(tc, read_returns_the_whole_file_nul_terminated);
	tcase_add_test(tc, read_refuses_a_file_larger_than_the_bound);
	tcase_add_test(tc, read_of_a_stream_is_bounded_too);
	tcase_add_test(tc, read_of_a_missing_file_or_a_directory_fails);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(atomicfile_suite());
}
