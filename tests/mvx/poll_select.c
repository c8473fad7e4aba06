// SPDX-License-Identifier: GPL-2.0
/*
 * poll_select - poll and select on a pipe: nothing to read, then data,
 * then end of file; the write end always writable. Timeouts are zero.
 * What the calls ignore differs from variant to variant, as in real
 * programs that leave it uninitialized: the revents that poll is given
 * come from the layout, and fcntl(F_GETFL) gets an address as its
 * unused third argument.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/select.h>
#include <unistd.h>

#include "prog.h"

static int p[2];

static void both(const char *when)
{
	struct pollfd pf[2] = { { .fd = p[0], .events = POLLIN },
				{ .fd = p[1], .events = POLLOUT } };
	struct timeval tv = { 0, 0 };
	fd_set r, w;
	int n;

	if (p[1] < 0)
		pf[1].fd = -1;
	pf[0].revents = (short)(uintptr_t)&n;
	pf[1].revents = (short)((uintptr_t)&n >> 16);
	n = MUST(poll(pf, 2, 0));
	printf("%s: poll %d: read end%s%s%s, write end%s\n", when, n,
	       pf[0].revents & POLLIN ? " IN" : "", pf[0].revents & POLLHUP ? " HUP" : "",
	       pf[0].revents ? "" : " -", pf[1].revents & POLLOUT ? " OUT" : " -");
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	if (p[1] >= 0)
		FD_SET(p[1], &w);
	n = MUST(select((p[0] > p[1] ? p[0] : p[1]) + 1, &r, &w, NULL, &tv));
	printf("%s: select %d: read end %s, write end %s\n", when, n,
	       FD_ISSET(p[0], &r) ? "ready" : "-",
	       p[1] >= 0 && FD_ISSET(p[1], &w) ? "ready" : "-");
}

int main(void)
{
	char buf[16];

	prog_start();
	MUST(pipe2(p, O_CLOEXEC));
	printf("flags: %#x\n", MUST(fcntl(p[0], F_GETFL, buf)));
	both("empty");
	MUST(write(p[1], "data", 4));
	both("written");
	MUST(read(p[0], buf, sizeof(buf)));
	both("read");
	MUST(close(p[1]));
	p[1] = -1;
	both("write end closed");
	MUST(close(p[0]));
	return prog_end();
}
