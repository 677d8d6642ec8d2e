/*
 * The lab topology parser (platform/lab-topo.c): the shipped labs parse
 * into what they describe; every mistake names the file, the line and
 * what was expected.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/lab-topo.h"
#include "tests/unit/unit.h"

static struct lab_topo *
parse_ok(const char *text)
{
	struct lab_topo	*t = malloc(sizeof(*t));
	char		 err[512];
	int		 rc;

	ck_assert_ptr_nonnull(t);
	rc = lab_topo_parse(t, text, strlen(text), "t.lab", err, sizeof(err));
	ck_assert_msg(rc == 0, "parse failed: %s", err);
	return t;
}

static void
topo_done(struct lab_topo *t)
{
	lab_topo_free(t);
	free(t);
}

static void
expect_error(const char *text, const char *msg)
{
	struct lab_topo	 t;
	char		 err[512];

	ck_assert_msg(lab_topo_parse(&t, text, strlen(text), "t.lab", err,
	    sizeof(err)) == -1, "parsed: %s", text);
	ck_assert_msg(strstr(err, msg) != NULL, "got \"%s\", wanted \"%s\"",
	    err, msg);
	lab_topo_free(&t);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "r");
	char	*buf;

	ck_assert_msg(f != NULL, "%s", path);
	buf = malloc(1 << 20);
	ck_assert_ptr_nonnull(buf);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

START_TEST(seed_lab)
{
	struct lab_topo	*t;
	char		*text;
	size_t		 len;
	int		 r, h;

	text = slurp(LAB_SRCDIR "/seed.lab", &len);
	t = parse_ok(text);
	free(text);
	ck_assert_str_eq(t->name, "seed");
	ck_assert_uint_eq(t->nrouters, 3);
	ck_assert_uint_eq(t->nhosts, 2);
	ck_assert_uint_eq(t->mgmt_station, 0xcb0071fe);	/* 203.0.113.254 */
	r = lab_topo_router(t, "CSR_1");
	ck_assert_int_ge(r, 0);
	ck_assert_uint_eq(t->routers[r].mgmt, 0xcb007101);
	ck_assert_uint_eq(t->routers[r].mgmt_gi, 3);
	ck_assert_str_eq(t->segs[t->routers[r].ifs[0].seg], "wan");
	ck_assert_ptr_nonnull(strstr(t->routers[r].config,
	    "\n ipv4 proxy-itr 198.51.100.1\n"));
	ck_assert_ptr_nonnull(strstr(t->routers[r].config,
	    " lisp mobility Cloud-dyn\n"));
	h = lab_topo_host(t, "VM");
	ck_assert_int_ge(h, 0);
	ck_assert_uint_eq(t->hosts[h].npos, 2);
	ck_assert_str_eq(t->hosts[h].mac, "00:50:56:00:0a:0a");
	ck_assert_str_eq(t->segs[t->hosts[h].pos[1].seg], "cloud");
	ck_assert_int_eq(lab_topo_position(&t->hosts[h], "cloud"), 1);
	topo_done(t);
}
END_TEST

START_TEST(two_site_lab)
{
	struct lab_topo	*t;
	char		*text;
	size_t		 len;

	text = slurp(LAB_SRCDIR "/two-site.lab", &len);
	t = parse_ok(text);
	free(text);
	ck_assert_str_eq(t->name, "two-site");
	ck_assert_uint_eq(t->nrouters, 3);
	ck_assert_uint_eq(t->nhosts, 3);
	topo_done(t);
}
END_TEST

/* A plain host on a segment the routers use (the WAN): an address on its
 * network, no gateway, nothing else. */
START_TEST(plain_host_on_a_router_segment)
{
	struct lab_topo		*t;
	const struct lab_host	*h;
	char			*text;
	size_t			 len;
	int			 r, i;

	t = parse_ok("segment wan\n"
	    "router A\n"
	    " interface GigabitEthernet1 segment wan\n"
	    "host MR\n"
	    " address 198.51.100.50/24\n"
	    " segment wan\n");
	i = lab_topo_host(t, "MR");
	ck_assert_int_ge(i, 0);
	h = &t->hosts[i];
	ck_assert_uint_eq(h->addr, 0xc6336432);		/* 198.51.100.50 */
	ck_assert_uint_eq(h->plen, 24);
	ck_assert_uint_eq(h->gateway, 0);
	ck_assert_uint_eq(h->npos, 0);
	ck_assert_str_eq(h->mac, "");
	ck_assert_int_eq(h->seg, t->routers[0].ifs[0].seg);
	topo_done(t);

	/* test_lisp_ctl.sh's lab: the stand-in map-resolver's host on the
	 * routers' WAN. */
	text = slurp(LAB_SRCDIR "/../tests/topo/lisp-ctl.lab", &len);
	t = parse_ok(text);
	free(text);
	ck_assert_str_eq(t->name, "lisp-ctl");
	ck_assert_uint_eq(t->nrouters, 2);
	ck_assert_uint_eq(t->nhosts, 3);
	r = lab_topo_router(t, "CSR_1");
	i = lab_topo_host(t, "MR");
	ck_assert_int_ge(r, 0);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(t->hosts[i].addr, 0xc6336432);
	ck_assert_uint_eq(t->hosts[i].gateway, 0);
	ck_assert_str_eq(t->segs[t->hosts[i].seg], "wan");
	ck_assert_int_eq(t->hosts[i].seg, t->routers[r].ifs[0].seg);
	topo_done(t);
}
END_TEST

START_TEST(defaults_and_forms)
{
	struct lab_topo	*t;

	/* Segments used before they are declared; the management interface
	 * is the one after the last attached; CRLF line ends; colon MACs. */
	t = parse_ok("router A\r\n"
	    "  interface gi2 segment s mac 02:00:00:00:00:01\r\n"
	    "  management 203.0.113.7\r\n"
	    "  config\r\n"
	    "hostname A\r\n"
	    "  end  \r\n"
	    "segment s\r\n");
	ck_assert_uint_eq(t->routers[0].mgmt_gi, 3);
	ck_assert_str_eq(t->routers[0].config, "hostname A\n");
	ck_assert_str_eq(t->routers[0].ifs[0].mac, "02:00:00:00:00:01");
	ck_assert_str_eq(t->name, "");
	topo_done(t);
}
END_TEST

START_TEST(errors)
{
	expect_error("bogus x\n", "t.lab:1: expected lab, management, segment, "
	    "router or host, got \"bogus\"");
	expect_error("segment s\n interface Gi1 segment s\n",
	    "t.lab:2: an indented line outside a router or host block");
	expect_error("segment s\nrouter A\n interface Gi9 segment s\n",
	    "t.lab:3: expected GigabitEthernet1 to GigabitEthernet8");
	expect_error("router A\n interface Gi1 segment nowhere\n",
	    "t.lab:2: segment nowhere is not defined");
	expect_error("segment s\nrouter A\n config\nhostname A\n",
	    "t.lab:3: the config block of router A has no \"end\" line");
	expect_error("host h\n gateway 10.0.0.1\n segment s\nsegment s\n",
	    "t.lab:1: host h has no address");
	expect_error("segment s\nhost h\n address 10.0.0.1/24\n mac 0100.0000.0001\n",
	    "t.lab:4: expected \"mac H.H.H\"");
	expect_error("segment s\nrouter A\n interface Gi1 segment s\n"
	    "router A\n", "t.lab:4: a router or host named \"A\"");
	expect_error("segment s\nrouter hub\n", "t.lab:2: \"hub\" is reserved");
	expect_error("segment s\nrouter A\n management 10.0.0.1\n",
	    "t.lab:2: router A: management address outside");
	expect_error("segment s\nrouter A\n management 203.0.113.254\n",
	    "router A: management address outside the management network or "
	    "reserved");
	expect_error("segment s\nrouter A\n interface Gi3 segment s\n"
	    " management 203.0.113.1 Gi3\n", "t.lab:4: GigabitEthernet3 of A is "
	    "already attached");
	expect_error("segment s\nhost h\n address 10.0.0.1/24\n segment s\n"
	    " position a s\n", "t.lab:5: host h has a fixed segment already");
	expect_error("lab my.lab\n", "t.lab:1: expected \"lab NAME\"");
	expect_error("# nothing\n\n", "t.lab:2: no router or host");
	expect_error("segment mgmt\n", "t.lab:1: \"mgmt\" is the lab's "
	    "management segment");
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("labtopo");
	TCase	*tc = tcase_create("parse");

	tcase_add_test(tc, seed_lab);
	tcase_add_test(tc, two_site_lab);
	tcase_add_test(tc, plain_host_on_a_router_segment);
	tcase_add_test(tc, defaults_and_forms);
	tcase_add_test(tc, errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(suite());
}
