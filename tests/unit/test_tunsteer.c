/*
 * The TUN steering program (platform/tunsteer-linux.c), run by the kernel
 * on built packets (BPF_PROG_TEST_RUN): every packet of a flow gets the
 * same value (so the same queue, whatever the TUN's number of queues),
 * the ports count for TCP and UDP, fragments go by addresses alone, and
 * many flows spread over two queues.  Needs CAP_BPF (root): skipped
 * (77) when the kernel will not load the program for us.
 */
#include <sys/syscall.h>
#include <linux/bpf.h>

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform/tunsteer.h"

static int	 pfd = -1;

/* An Ethernet header (the test run takes one off) and an IPv4 packet
 * with a TCP or UDP header, or a fragment; returns its length. */
static size_t
packet(uint8_t *b, uint8_t proto, uint32_t src, uint32_t dst,
    uint16_t sport, uint16_t dport, uint16_t frag, size_t paylen)
{
	uint8_t	*ip = b + 14;
	size_t	 len = 20 + 20 + paylen;

	memset(b, 0, 14 + len);
	b[12] = 0x08;		/* IPv4 */
	ip[0] = 0x45;
	ip[2] = (uint8_t)(len >> 8);
	ip[3] = (uint8_t)len;
	ip[6] = (uint8_t)(frag >> 8);
	ip[7] = (uint8_t)frag;
	ip[8] = 64;
	ip[9] = proto;
	ip[12] = (uint8_t)(src >> 24);
	ip[13] = (uint8_t)(src >> 16);
	ip[14] = (uint8_t)(src >> 8);
	ip[15] = (uint8_t)src;
	ip[16] = (uint8_t)(dst >> 24);
	ip[17] = (uint8_t)(dst >> 16);
	ip[18] = (uint8_t)(dst >> 8);
	ip[19] = (uint8_t)dst;
	ip[20] = (uint8_t)(sport >> 8);
	ip[21] = (uint8_t)sport;
	ip[22] = (uint8_t)(dport >> 8);
	ip[23] = (uint8_t)dport;
	memset(ip + 40, (int)(paylen & 0xff), paylen);
	return 14 + len;
}

static uint32_t
run(const uint8_t *b, size_t len)
{
	union bpf_attr	 a;

	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (uint32_t)pfd;
	a.test.data_in = (uint64_t)(uintptr_t)b;
	a.test.data_size_in = (uint32_t)len;
	a.test.repeat = 1;
	ck_assert_int_eq((int)syscall(__NR_bpf, BPF_PROG_TEST_RUN, &a,
	    sizeof(a)), 0);
	return a.test.retval;
}

#define H1	0x0a01010au	/* 10.1.1.10 */
#define H3	0x0a03030au	/* 10.3.3.10 */

START_TEST(every_packet_of_a_flow_gets_the_same_queue)
{
	static uint8_t	 b[2000];
	uint32_t	 v, first;
	size_t		 n, len;

	len = packet(b, 6, H1, H3, 40000, 5201, 0, 0);
	first = run(b, len);
	for (n = 1; n < 1400; n += 97) {
		len = packet(b, 6, H1, H3, 40000, 5201, 0x4000, n);
		v = run(b, len);
		ck_assert_uint_eq(v, first);
	}
}
END_TEST

START_TEST(ports_make_flows_between_two_hosts_differ)
{
	static uint8_t	 b[200];
	unsigned	 q[2] = { 0, 0 }, port;
	uint32_t	 v;
	size_t		 len;

	/* 200 TCP and 200 UDP flows between the same two hosts. */
	for (port = 0; port < 400; port++) {
		len = packet(b, port < 200 ? 6 : 17, H1, H3,
		    (uint16_t)(33000 + port), 5201, 0, 10);
		v = run(b, len);
		q[v % 2]++;
	}
	/* Binomial(400, 1/2): 160-240 holds but for 1 in 10^4. */
	ck_assert_uint_ge(q[0], 160);
	ck_assert_uint_ge(q[1], 160);
}
END_TEST

START_TEST(many_hosts_spread_over_two_and_four_queues)
{
	static uint8_t	 b[200];
	unsigned	 q2[2] = { 0, 0 }, q4[4] = { 0, 0, 0, 0 }, i;
	uint32_t	 v;
	size_t		 len;

	for (i = 0; i < 1000; i++) {
		len = packet(b, 1, H1 + i, H3 + 7 * i, 0, 0, 0, 20);
		v = run(b, len);
		q2[v % 2]++;
		q4[v % 4]++;
	}
	for (i = 0; i < 2; i++)
		ck_assert_uint_ge(q2[i], 420);
	for (i = 0; i < 4; i++)
		ck_assert_uint_ge(q4[i], 190);
}
END_TEST

START_TEST(fragments_of_a_datagram_stay_together)
{
	static uint8_t	 b[2000];
	uint32_t	 first, v;
	size_t		 len;
	uint16_t	 off;

	/* The first fragment (MF) and the later ones (offsets) carry no
	 * ports the program could see, so all go by addresses: together. */
	len = packet(b, 17, H1, H3, 4000, 53, 0x2000, 1000);
	first = run(b, len);
	for (off = 1; off < 200; off += 37) {
		len = packet(b, 17, H1, H3, (uint16_t)(off * 11), off, off,
		    500);
		v = run(b, len);
		ck_assert_uint_eq(v, first);
	}
	/* And a short packet (no room for ports): no fault, a value. */
	len = packet(b, 6, H1, H3, 1, 2, 0, 0);
	(void)run(b, len - 18);
}
END_TEST

static Suite *
tunsteer_suite(void)
{
	Suite	*s = suite_create("tunsteer");
	TCase	*t = tcase_create("program");

	tcase_add_test(t, every_packet_of_a_flow_gets_the_same_queue);
	tcase_add_test(t, ports_make_flows_between_two_hosts_differ);
	tcase_add_test(t, many_hosts_spread_over_two_and_four_queues);
	tcase_add_test(t, fragments_of_a_datagram_stay_together);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	if ((pfd = tun_steer_prog()) < 0) {
		printf("SKIP: the kernel did not load the program: %s\n",
		    strerror(errno));
		return 77;
	}
	sr = srunner_create(tunsteer_suite());
	/* One process: the children would share pfd anyway. */
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	close(pfd);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
