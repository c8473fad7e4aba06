// SPDX-License-Identifier: GPL-2.0
/*
 * udp - datagrams between two sockets on 127.0.0.1 with sendto and
 * recvfrom: contents, boundaries, the sender's address, and EAGAIN when
 * nothing is queued.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "prog.h"

int main(void)
{
	static const char *const msgs[] = { "first datagram", "2nd", "the third one" };
	struct sockaddr_in a = { 0 }, b = { 0 }, from;
	socklen_t len = sizeof(a);
	char buf[128];
	int sa, sb, i;
	ssize_t n;

	prog_start();
	sa = MUST(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	sb = MUST(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	a.sin_family = b.sin_family = AF_INET;
	a.sin_addr.s_addr = b.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	MUST(bind(sa, (struct sockaddr *)&a, sizeof(a)));
	MUST(bind(sb, (struct sockaddr *)&b, sizeof(b)));
	MUST(getsockname(sa, (struct sockaddr *)&a, &len));
	len = sizeof(b);
	MUST(getsockname(sb, (struct sockaddr *)&b, &len));

	for (i = 0; i < 3; i++) {
		n = MUST(sendto(sa, msgs[i], strlen(msgs[i]), 0, (struct sockaddr *)&b, sizeof(b)));
		printf("sent %zd bytes\n", n);
	}
	for (i = 0; i < 3; i++) {
		len = sizeof(from);
		memset(&from, 0, sizeof(from));
		n = MUST(recvfrom(sb, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len));
		printf("received %zd bytes: '%.*s', from the sender: %s\n", n, (int)n, buf,
		       len == sizeof(from) && from.sin_port == a.sin_port &&
		       from.sin_addr.s_addr == a.sin_addr.s_addr ? "yes" : "no");
	}
	MUST(sendto(sb, "reply", 5, 0, (struct sockaddr *)&a, sizeof(a)));
	n = MUST(recvfrom(sa, buf, sizeof(buf), 0, NULL, NULL));
	printf("reply: '%.*s'\n", (int)n, buf);
	n = recvfrom(sa, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL);
	printf("nothing queued: %zd (%s)\n", n, strerror(errno));
	MUST(close(sa));
	MUST(close(sb));
	return prog_end();
}
