// SPDX-License-Identifier: GPL-2.0
/*
 * pipe - a pipe written and read by one process: messages, a read that
 * gets all that is buffered, filling it up to EAGAIN, draining it, and
 * end of file once the write end is closed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

#include "prog.h"

int main(void)
{
	static const char *const msgs[] = { "first ", "second ", "third\n" };
	char buf[65536];
	long filled = 0, drained = 0;
	ssize_t n;
	int p[2], i;

	prog_start();
	MUST(pipe2(p, O_CLOEXEC));
	i = MUST(fcntl(p[1], F_SETPIPE_SZ, 8192));
	printf("pipe size set: %d, got: %d\n", i, MUST(fcntl(p[0], F_GETPIPE_SZ)));
	for (i = 0; i < 3; i++)
		MUST(write(p[1], msgs[i], strlen(msgs[i])));
	n = MUST(read(p[0], buf, sizeof(buf)));
	printf("one read got %zd bytes: %.*s", n, (int)n, buf);
	MUST(close(p[0]));
	MUST(close(p[1]));

	MUST(pipe2(p, O_CLOEXEC | O_NONBLOCK));
	memset(buf, 'x', sizeof(buf));
	while ((n = write(p[1], buf, 4096)) > 0)
		filled += n;
	printf("filled with %ld bytes, then: %s\n", filled, strerror(errno));
	while ((n = read(p[0], buf, 3000)) > 0)
		drained += n;
	printf("drained %ld bytes, then: %s\n", drained, strerror(errno));
	MUST(close(p[1]));
	printf("read after the write end closed: %zd\n", MUST(read(p[0], buf, sizeof(buf))));
	MUST(close(p[0]));
	return prog_end();
}
