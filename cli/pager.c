/*
 * IOS `--More--` paging; see pager.h.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/pager.h"

#define MORE		" --More-- "
#define MORE_LEN	(sizeof(MORE) - 1)
#define ERASE_LEN	(3 * MORE_LEN)

struct pager {
	int	 outfd;
	int	 infd;
	int	 istty;		/* infd is a terminal */
	int	 flags;		/* PAGER_* */
	int	 page;		/* lines per page; 0: no paging */
	int	 width;		/* columns; 0: lines never wrap */
	int	 left;		/* screen lines before a pause */
	int	 col;		/* cursor column on the current line */
	int	 quit;		/* the user quit at the marker */
	char	 last;		/* last byte queued, for PAGER_CRLF */
	size_t	 olen;
	char	 obuf[1024];
};

struct pager *
pager_new(int outfd, int infd, int length, int width)
{
	struct pager	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->outfd = outfd;
	p->infd = infd;
	p->istty = infd >= 0 && isatty(infd);
	/* The last line of the screen is the marker's. */
	if (length > 0)
		p->page = length > 1 ? length - 1 : 1;
	p->width = width > 0 ? width : 0;
	p->left = p->page;
	return p;
}

void
pager_set_flags(struct pager *p, int flags)
{
	p->flags = flags;
}

static int
paging(const struct pager *p)
{
	return p->page > 0 && (p->istty || (p->flags & PAGER_PROMPT));
}

/* Control bytes and UTF-8 continuation bytes take no column. */
static int
takes_column(unsigned char c)
{
	return c >= 0x20 && c != 0x7f && (c & 0xc0) != 0x80;
}

/*
 * Does the byte start a new screen line (wrap)?  A byte written in the last
 * column leaves the cursor there, so a line exactly as wide as the screen
 * takes one line, as on terminals with pending wrap (xterm, VT100).
 */
static int
needs_wrap(const struct pager *p, unsigned char c)
{
	return p->width > 0 && p->col >= p->width && takes_column(c);
}

static void
advance(struct pager *p, unsigned char c)
{
	switch (c) {
	case '\n':
	case '\r':
		p->col = 0;
		break;
	case '\b':
		if (p->col > 0)
			p->col--;
		break;
	case '\t':
		p->col = (p->col / 8 + 1) * 8;
		if (p->width > 0 && p->col > p->width)
			p->col = p->width;
		break;
	default:
		if (takes_column(c))
			p->col++;
		break;
	}
}

size_t
pager_fit(struct pager *p, const char *data, size_t len, int *more)
{
	size_t	 i;

	*more = 0;
	if (!paging(p))
		return len;
	for (i = 0; i < len; i++) {
		if (p->left == 0)
			break;
		if (needs_wrap(p, (unsigned char)data[i])) {
			p->col = 0;
			if (--p->left == 0)
				break;
		}
		advance(p, (unsigned char)data[i]);
		if (data[i] == '\n')
			p->left--;
	}
	*more = i < len;
	return i;
}

int
pager_key(struct pager *p, int key)
{
	switch (key) {
	case ' ':
		p->left = p->page;
		return 0;
	case '\r':
	case '\n':
		p->left = 1;
		return 0;
	default:
		p->quit = 1;
		return PAGER_QUIT;
	}
}

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			return PAGER_E_IO;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
flush(struct pager *p)
{
	int	 rc;

	rc = write_all(p->outfd, p->obuf, p->olen);
	p->olen = 0;
	return rc;
}

/* Queues output, turning a bare "\n" into "\r\n" on a raw tty. */
static int
queue(struct pager *p, const char *data, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		if (p->olen + 2 > sizeof(p->obuf) && flush(p) != 0)
			return PAGER_E_IO;
		if (data[i] == '\n' && (p->flags & PAGER_CRLF) &&
		    p->last != '\r')
			p->obuf[p->olen++] = '\r';
		p->obuf[p->olen++] = data[i];
		p->last = data[i];
	}
	return 0;
}

/*
 * Shows the marker, reads a key into *key (-1 at end of input) and erases
 * the marker.  Returns 0 or PAGER_E_IO.
 */
static int
prompt(struct pager *p, int *key)
{
	char		 erase[ERASE_LEN];
	unsigned char	 c;
	ssize_t		 n;

	if (flush(p) != 0 || write_all(p->outfd, MORE, MORE_LEN) != 0)
		return PAGER_E_IO;
	while ((n = read(p->infd, &c, 1)) == -1 && errno == EINTR)
		;
	if (n == -1)
		return PAGER_E_IO;
	/* End of input quits, as a key other than Space or Return does. */
	*key = n == 1 ? c : -1;
	memset(erase, '\b', MORE_LEN);
	memset(erase + MORE_LEN, ' ', MORE_LEN);
	memset(erase + 2 * MORE_LEN, '\b', MORE_LEN);
	return write_all(p->outfd, erase, sizeof(erase));
}

int
pager_write(struct pager *p, const char *data, size_t len)
{
	size_t	 n;
	int	 more, key, rc = 0;

	if (p->quit)
		return PAGER_QUIT;
	while (len > 0) {
		n = pager_fit(p, data, len, &more);
		if ((rc = queue(p, data, n)) != 0)
			goto out;
		data += n;
		len -= n;
		if (more && ((rc = prompt(p, &key)) != 0 ||
		    (rc = pager_key(p, key)) != 0))
			goto out;
	}
	rc = flush(p);

out:
	return rc;
}

void
pager_free(struct pager *p)
{
	free(p);
}
