// SPDX-License-Identifier: GPL-2.0
/*
 * tcp - a server and a client on 127.0.0.1 in one process: a nonblocking
 * connect completed with poll, accept with the peer's address, a message
 * echoed back, end of file when the client closes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "prog.h"

static int wait_for(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n = MUST(poll(&p, 1, 10000));

	EXPECT(n == 1 && (p.revents & events), "poll %d: %d, revents %#x", fd, n, p.revents);
	return n == 1 && (p.revents & events);
}

int main(void)
{
	static const char msg[] = "a message over tcp";
	struct sockaddr_in addr = { 0 }, caddr, peer;
	socklen_t len = sizeof(addr);
	int lfd, cfd, sfd, r;
	char buf[128];
	ssize_t n;

	prog_start();
	lfd = MUST(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	MUST(bind(lfd, (struct sockaddr *)&addr, sizeof(addr)));
	MUST(listen(lfd, 4));
	MUST(getsockname(lfd, (struct sockaddr *)&addr, &len));

	cfd = MUST(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
	r = connect(cfd, (struct sockaddr *)&addr, sizeof(addr));
	EXPECT(r == 0 || errno == EINPROGRESS, "connect: %s", strerror(errno));
	printf("connect: started\n");
	printf("listener readable: %s\n", wait_for(lfd, POLLIN) ? "yes" : "no");
	len = sizeof(peer);
	sfd = MUST(accept(lfd, (struct sockaddr *)&peer, &len));
	printf("client writable: %s\n", wait_for(cfd, POLLOUT) ? "yes" : "no");
	len = sizeof(caddr);
	MUST(getsockname(cfd, (struct sockaddr *)&caddr, &len));
	printf("accept: the peer is the client: %s\n",
	       peer.sin_port == caddr.sin_port && peer.sin_addr.s_addr == caddr.sin_addr.s_addr ?
	       "yes" : "no");
	{
		int type = 0, nodelay = 1;
		socklen_t tl = sizeof(type);

		MUST(setsockopt(sfd, IPPROTO_TCP, TCP_NODELAY, &nodelay, sizeof(nodelay)));
		nodelay = 0;
		len = sizeof(nodelay);
		MUST(getsockopt(sfd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &len));
		MUST(getsockopt(sfd, SOL_SOCKET, SO_TYPE, &type, &tl));
		printf("getsockopt: nodelay %s (%u bytes), stream %s\n",
		       nodelay ? "on" : "off", len, type == SOCK_STREAM ? "yes" : "no");
	}

	MUST(write(cfd, msg, strlen(msg)));
	wait_for(sfd, POLLIN);
	n = MUST(read(sfd, buf, sizeof(buf)));
	printf("server got: '%.*s'\n", (int)n, buf);
	MUST(write(sfd, buf, n));
	wait_for(cfd, POLLIN);
	n = MUST(read(cfd, buf, sizeof(buf)));
	printf("client got back: '%.*s'\n", (int)n, buf);
	MUST(close(cfd));
	wait_for(sfd, POLLIN);
	printf("server read after the client closed: %zd\n", MUST(read(sfd, buf, sizeof(buf))));
	MUST(close(sfd));
	MUST(close(lfd));
	return prog_end();
}
