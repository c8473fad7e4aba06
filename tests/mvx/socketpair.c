// SPDX-License-Identifier: GPL-2.0
/*
 * socketpair - a stream pair (both directions, then end of file when one
 * end closes) and a datagram pair (message boundaries, truncation).
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <unistd.h>

#include "prog.h"

int main(void)
{
	static const char *const dgrams[] = { "a", "bb bb", "a longer datagram" };
	char buf[256];
	ssize_t n;
	int sv[2], i;

	prog_start();
	MUST(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	MUST(write(sv[0], "ping", 4));
	n = MUST(read(sv[1], buf, sizeof(buf)));
	printf("stream: 0 to 1: '%.*s'\n", (int)n, buf);
	MUST(send(sv[1], "pong", 4, 0));
	n = MUST(recv(sv[0], buf, sizeof(buf), 0));
	printf("stream: 1 to 0: '%.*s'\n", (int)n, buf);
	MUST(close(sv[0]));
	printf("stream: read after the other end closed: %zd\n",
	       MUST(read(sv[1], buf, sizeof(buf))));
	MUST(close(sv[1]));

	MUST(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
	for (i = 0; i < 3; i++)
		MUST(send(sv[0], dgrams[i], strlen(dgrams[i]), 0));
	for (i = 0; i < 2; i++) {
		n = MUST(recv(sv[1], buf, sizeof(buf), 0));
		printf("datagram %d: %zd bytes: '%.*s'\n", i, n, (int)n, buf);
	}
	n = MUST(recv(sv[1], buf, 4, MSG_TRUNC));
	printf("datagram 2 into 4 bytes: %zd (MSG_TRUNC), got '%.4s'\n", n, buf);
	n = recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT);
	printf("nothing left: %zd (%s)\n", n, strerror(errno));
	MUST(close(sv[0]));
	MUST(close(sv[1]));
	return prog_end();
}
