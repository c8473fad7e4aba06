// SPDX-License-Identifier: GPL-2.0
/*
 * udp - sendmsg with three iovecs and recvmsg into two on 127.0.0.1:
 * datagram boundaries, the sender's address, scatter, truncation
 * (MSG_TRUNC), MSG_PEEK, and sendmmsg/recvmmsg of a batch.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "prog.h"

#define BATCH	8

int main(void)
{
	struct sockaddr_in a = { 0 }, b = { 0 }, from;
	socklen_t len = sizeof(a);
	char h[] = "header:", body[] = "the body of datagram ", tail[16];
	char r1[10], r2[100], big[64];
	struct iovec out[3], in[2];
	struct msghdr m;
	struct mmsghdr mm[BATCH];
	struct iovec bi[BATCH], bo[BATCH];
	char bbuf[BATCH][32], bin[BATCH][32];
	int sa, sb, i, n, right = 0;
	ssize_t r;

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

	for (i = 0; i < 5; i++) {
		snprintf(tail, sizeof(tail), "%d.", i);
		out[0] = (struct iovec){ h, strlen(h) };
		out[1] = (struct iovec){ body, strlen(body) };
		out[2] = (struct iovec){ tail, strlen(tail) };
		memset(&m, 0, sizeof(m));
		m.msg_name = &b;
		m.msg_namelen = sizeof(b);
		m.msg_iov = out;
		m.msg_iovlen = 3;
		r = sendmsg(sa, &m, 0);
		EXPECT(r == (ssize_t)(strlen(h) + strlen(body) + strlen(tail)),
		       "sendmsg: %zd", r);
	}
	for (i = 0; i < 5; i++) {
		char want[64], got[128];

		memset(r1, 0, sizeof(r1));
		memset(r2, 0, sizeof(r2));
		in[0] = (struct iovec){ r1, sizeof(r1) };
		in[1] = (struct iovec){ r2, sizeof(r2) };
		memset(&m, 0, sizeof(m));
		m.msg_name = &from;
		m.msg_namelen = sizeof(from);
		m.msg_iov = in;
		m.msg_iovlen = 2;
		r = recvmsg(sb, &m, 0);
		n = snprintf(want, sizeof(want), "%s%s%d.", h, body, i);
		memcpy(got, r1, sizeof(r1));
		memcpy(got + sizeof(r1), r2, r > (ssize_t)sizeof(r1) ? r - sizeof(r1) : 0);
		if (r == n && !memcmp(got, want, n) && m.msg_namelen == sizeof(from) &&
		    from.sin_port == a.sin_port && !(m.msg_flags & MSG_TRUNC))
			right++;
	}
	EXPECT(right == 5, "%d datagrams right", right);
	printf("sendmsg of 3 iovecs, recvmsg into 2: %d of 5 datagrams right, from the sender\n",
	       right);

	/* Peek, then a buffer too small: the rest of the datagram is lost. */
	MUST(sendto(sa, "0123456789abcdef", 16, 0, (struct sockaddr *)&b, sizeof(b)));
	r = recv(sb, big, sizeof(big), MSG_PEEK);
	EXPECT(r == 16, "MSG_PEEK: %zd", r);
	in[0] = (struct iovec){ r1, 4 };
	in[1] = (struct iovec){ r2, 4 };
	memset(&m, 0, sizeof(m));
	m.msg_iov = in;
	m.msg_iovlen = 2;
	r = recvmsg(sb, &m, MSG_TRUNC);
	EXPECT(r == 16 && (m.msg_flags & MSG_TRUNC) && !memcmp(r1, "0123", 4) &&
	       !memcmp(r2, "4567", 4), "MSG_TRUNC: %zd, flags 0x%x", r, m.msg_flags);
	printf("recvmsg of 16 bytes into 8: MSG_TRUNC, real length %zd\n", r);
	EXPECT(recv(sb, big, sizeof(big), MSG_DONTWAIT) == -1 && errno == EAGAIN,
	       "the truncated datagram is still there");

	for (i = 0; i < BATCH; i++) {
		snprintf(bbuf[i], sizeof(bbuf[i]), "batch %d", i);
		bo[i] = (struct iovec){ bbuf[i], strlen(bbuf[i]) + 1 };
		memset(&mm[i], 0, sizeof(mm[i]));
		mm[i].msg_hdr.msg_name = &b;
		mm[i].msg_hdr.msg_namelen = sizeof(b);
		mm[i].msg_hdr.msg_iov = &bo[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	EXPECT(sendmmsg(sa, mm, BATCH, 0) == BATCH, "sendmmsg");
	for (i = 0; i < BATCH; i++) {
		bi[i] = (struct iovec){ bin[i], sizeof(bin[i]) };
		memset(&mm[i], 0, sizeof(mm[i]));
		mm[i].msg_hdr.msg_iov = &bi[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	n = 0;
	while (n < BATCH) {
		r = recvmmsg(sb, mm + n, BATCH - n, 0, NULL);
		if (r <= 0)
			break;
		n += r;
	}
	right = 0;
	for (i = 0; i < n; i++)
		right += mm[i].msg_len == strlen(bbuf[i]) + 1 && !strcmp(bin[i], bbuf[i]);
	EXPECT(right == BATCH, "%d of %d batched datagrams right", right, BATCH);
	printf("sendmmsg/recvmmsg: %d of %d datagrams right, in order\n", right, BATCH);
	close(sa);
	close(sb);
	return prog_end();
}
