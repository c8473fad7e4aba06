// SPDX-License-Identifier: GPL-2.0
/*
 * msg - sendmsg and recvmsg: over a UNIX socket pair, two iovecs out and
 * three in, and the write end of a pipe passed with SCM_RIGHTS (once
 * plainly, once with MSG_CMSG_CLOEXEC), through which the program then
 * writes to itself; over UDP on loopback, the sender's address received
 * in msg_name, and a datagram larger than the buffer (MSG_TRUNC). It
 * prints what it got; numbers that differ from run to run (the port)
 * are compared, not printed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "prog.h"

/* Sends @s over @sock with the descriptor @fd. */
static void send_fd(int sock, const char *s, int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov[2] = {
		{ .iov_base = (void *)s, .iov_len = 3 },
		{ .iov_base = (void *)(s + 3), .iov_len = strlen(s) - 3 },
	};
	struct msghdr m = {
		.msg_iov = iov, .msg_iovlen = 2,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	memset(u.buf, 0, sizeof(u.buf));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	printf("sent: %zd bytes\n", MUST(sendmsg(sock, &m, 0)));
}

/* Receives over @sock, with @flags; returns the descriptor received. */
static int recv_fd(int sock, int flags)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	char a[2], b[4], c[16];
	struct iovec iov[3] = {
		{ .iov_base = a, .iov_len = sizeof(a) },
		{ .iov_base = b, .iov_len = sizeof(b) },
		{ .iov_base = c, .iov_len = sizeof(c) },
	};
	struct msghdr m = {
		.msg_iov = iov, .msg_iovlen = 3,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cm;
	ssize_t n;
	int fd = -1;

	memset(c, 0, sizeof(c));
	n = MUST(recvmsg(sock, &m, flags));
	printf("received: %zd bytes: %.2s|%.4s|%.*s\n", n, a, b,
	       (int)(n > 6 ? n - 6 : 0), c);
	printf("control: %zu bytes, flags %#x\n", (size_t)m.msg_controllen,
	       m.msg_flags);
	for (cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
	printf("descriptor: %s, close-on-exec: %s\n", fd >= 0 ? "yes" : "no",
	       fd >= 0 && (MUST(fcntl(fd, F_GETFD)) & FD_CLOEXEC) ? "yes" : "no");
	return fd;
}

static void udp(void)
{
	struct sockaddr_in to = { .sin_family = AF_INET }, from, mine;
	socklen_t len = sizeof(to);
	char big[100], small[10];
	struct iovec iov = { .iov_base = small, .iov_len = sizeof(small) };
	struct msghdr m = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	int r = MUST(socket(AF_INET, SOCK_DGRAM, 0));
	int s = MUST(socket(AF_INET, SOCK_DGRAM, 0));
	struct iovec out = { .iov_base = big, .iov_len = sizeof(big) };
	struct msghdr sm = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &out, .msg_iovlen = 1,
	};
	ssize_t n;

	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	MUST(bind(r, (struct sockaddr *)&to, sizeof(to)));
	MUST(getsockname(r, (struct sockaddr *)&to, &len));
	memset(big, 'u', sizeof(big));
	printf("udp sent: %zd bytes\n", MUST(sendmsg(s, &sm, 0)));
	n = MUST(recvmsg(r, &m, 0));
	len = sizeof(mine);
	MUST(getsockname(s, (struct sockaddr *)&mine, &len));
	printf("udp received: %zd bytes, truncated: %s\n", n,
	       m.msg_flags & MSG_TRUNC ? "yes" : "no");
	printf("udp from: %s, name %u bytes, the sender's port: %s\n",
	       inet_ntoa(from.sin_addr), m.msg_namelen,
	       from.sin_port == mine.sin_port ? "yes" : "no");
	close(r);
	close(s);
}

int main(void)
{
	int sv[2], p[2], fd;
	char buf[32];
	ssize_t n;

	prog_start();
	MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	MUST(pipe(p));
	send_fd(sv[0], "abcdefghij", p[1]);
	fd = recv_fd(sv[1], 0);
	if (fd >= 0) {
		MUST(write(fd, "through", 7));
		close(fd);
	}
	send_fd(sv[0], "0123456", p[1]);
	fd = recv_fd(sv[1], MSG_CMSG_CLOEXEC);
	if (fd >= 0) {
		MUST(write(fd, " again", 6));
		close(fd);
	}
	close(p[1]);
	n = MUST(read(p[0], buf, sizeof(buf)));
	printf("pipe: %.*s\n", (int)n, buf);
	udp();
	return prog_end();
}
