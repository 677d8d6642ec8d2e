/*
 * IOS `--More--` paging of command output on a terminal.
 *
 * After a page of output (terminal length - 1 screen lines; a line longer
 * than the width takes several) the pager writes " --More-- ", reads one
 * key and erases the marker with backspaces, spaces and backspaces.  Space
 * shows another page, Return (\r or \n) one more line, any other key (`q`)
 * ends the output.  The marker only appears when there is more output to
 * show.  Length 0 disables paging; width 0 disables wrap accounting.  When
 * infd is not a tty the pager never pauses, unless PAGER_PROMPT is set.
 */

#ifndef CLI_PAGER_H
#define CLI_PAGER_H

#include <stddef.h>

/* Flags for pager_set_flags(). */
#define PAGER_CRLF	0x01	/* raw tty: send each "\n" as "\r\n" */
#define PAGER_PROMPT	0x02	/* pause even when infd is not a tty */

/* pager_write() and pager_key() results besides 0. */
#define PAGER_QUIT	1	/* the user quit: produce no more output */
#define PAGER_E_IO	(-1)	/* read or write failed; errno is set */

struct pager;

/*
 * outfd and infd are borrowed; the caller puts the tty in raw or cbreak
 * mode.  Returns NULL when out of memory; free with pager_free().
 */
struct pager	*pager_new(int outfd, int infd, int length, int width);
void		 pager_set_flags(struct pager *, int flags);
/*
 * Writes len bytes of output, pausing as needed.  Returns 0, PAGER_QUIT
 * (then and from every later call; the caller stops producing output) or
 * PAGER_E_IO.
 */
int		 pager_write(struct pager *, const char *data, size_t len);
void		 pager_free(struct pager *);

/*
 * The pure core that pager_write() drives, without I/O, so that the paging
 * decisions can be tested directly.  pager_fit() accounts for the longest
 * prefix of data that may be shown now and returns its length; *more is
 * set when the page is full and bytes remain, that is, when " --More-- "
 * must be shown before them.  pager_key() applies the key read at the
 * marker and returns 0 (a new page or line was granted) or PAGER_QUIT.
 */
size_t		 pager_fit(struct pager *, const char *data, size_t len,
		    int *more);
int		 pager_key(struct pager *, int key);

#endif /* CLI_PAGER_H */
