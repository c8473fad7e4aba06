// SPDX-License-Identifier: GPL-2.0
/*
 * tcp - an epoll server on 127.0.0.1 and its clients: 4 forked processes
 * and 2 threads, each sending 100 lines of various lengths and checking
 * every reply ("ok " and the line). The server counts what it served.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prog.h"

#define PROCS		4
#define THREADS		2
#define CLIENTS		(PROCS + THREADS)
#define MESSAGES	100
#define LINE_MAX	4096

static struct sockaddr_in addr;

struct conn {
	int fd;
	size_t len;
	char buf[2 * LINE_MAX];
};

/* The i-th line client @c sends: its length varies from 10 to ~3000. */
static int make_line(char *buf, int c, int i)
{
	int n = snprintf(buf, LINE_MAX, "client %d message %d ", c, i);
	int pad = (i * 997 + c * 31) % 3000;

	memset(buf + n, 'a' + (i + c) % 26, pad);
	buf[n + pad] = '\n';
	return n + pad + 1;
}

static int write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

/* One client: returns the number of right replies. */
static int client(int c)
{
	char line[LINE_MAX], want[LINE_MAX + 3], got[LINE_MAX + 3];
	int fd, i, n, right = 0;
	size_t have;
	ssize_t r;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		fprintf(stderr, "client %d: connect: %s\n", c, strerror(errno));
		return 0;
	}
	for (i = 0; i < MESSAGES; i++) {
		n = make_line(line, c, i);
		if (write_all(fd, line, n))
			break;
		memcpy(want, "ok ", 3);
		memcpy(want + 3, line, n);
		for (have = 0; have < (size_t)n + 3; have += r) {
			r = read(fd, got + have, n + 3 - have);
			if (r <= 0)
				break;
		}
		if (have == (size_t)n + 3 && !memcmp(got, want, n + 3))
			right++;
		else
			fprintf(stderr, "client %d: reply %d is wrong\n", c, i);
	}
	close(fd);
	return right;
}

static void *client_thread(void *arg)
{
	return (void *)(long)client((int)(long)arg);
}

/* Serves one readable connection; returns 1 when it closed. */
static int serve(struct conn *cn, long *served)
{
	char reply[LINE_MAX + 3];
	char *nl;
	ssize_t r;
	size_t n;

	r = read(cn->fd, cn->buf + cn->len, sizeof(cn->buf) - cn->len);
	if (r < 0 && errno == EAGAIN)
		return 0;
	if (r <= 0)
		return 1;
	cn->len += r;
	while ((nl = memchr(cn->buf, '\n', cn->len))) {
		n = nl + 1 - cn->buf;
		memcpy(reply, "ok ", 3);
		memcpy(reply + 3, cn->buf, n);
		/* The client reads before it sends again: this never blocks long. */
		if (write_all(cn->fd, reply, n + 3))
			return 1;
		memmove(cn->buf, cn->buf + n, cn->len - n);
		cn->len -= n;
		(*served)++;
	}
	return 0;
}

int main(void)
{
	struct conn *conns[64] = { 0 };
	struct epoll_event ev, events[16];
	pthread_t th[THREADS];
	pid_t pids[PROCS];
	socklen_t len = sizeof(addr);
	int lfd, ep, i, n, c, fd, status, closed = 0, accepted = 0;
	long served = 0, right;
	void *ret;

	prog_start();
	lfd = MUST(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	MUST(bind(lfd, (struct sockaddr *)&addr, sizeof(addr)));
	MUST(listen(lfd, 16));
	MUST(getsockname(lfd, (struct sockaddr *)&addr, &len));
	ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	ev.events = EPOLLIN;
	ev.data.fd = lfd;
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev));

	fflush(stdout);
	for (c = 0; c < PROCS; c++) {
		pids[c] = MUST(fork());
		if (pids[c] == 0) {
			close(lfd);
			close(ep);
			_exit(client(c) == MESSAGES ? 0 : 1);
		}
	}
	for (c = 0; c < THREADS; c++)
		if (pthread_create(&th[c], NULL, client_thread, (void *)(long)(PROCS + c)))
			return 2;

	while (closed < CLIENTS) {
		n = epoll_wait(ep, events, 16, 30000);
		if (n < 0 && errno == EINTR)
			continue;
		EXPECT(n > 0, "epoll_wait: %s", n ? strerror(errno) : "30 s without events");
		if (n <= 0)
			break;
		for (i = 0; i < n; i++) {
			fd = events[i].data.fd;
			if (fd == lfd) {
				while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
					EXPECT(fd < 64, "descriptor %d", fd);
					conns[fd] = calloc(1, sizeof(struct conn));
					conns[fd]->fd = fd;
					ev.events = EPOLLIN | EPOLLRDHUP;
					ev.data.fd = fd;
					MUST(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
					accepted++;
				}
				EXPECT(errno == EAGAIN, "accept4: %s", strerror(errno));
			} else if (serve(conns[fd], &served)) {
				MUST(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL));
				close(fd);
				free(conns[fd]);
				conns[fd] = NULL;
				closed++;
			}
		}
	}
	for (c = 0; c < PROCS; c++) {
		MUST(waitpid(pids[c], &status, 0));
		EXPECT(status == 0, "client process %d: status 0x%x", c, status);
		printf("client %d (process): %s\n", c,
		       status == 0 ? "all replies right" : "wrong replies");
	}
	for (c = 0; c < THREADS; c++) {
		pthread_join(th[c], &ret);
		right = (long)ret;
		EXPECT(right == MESSAGES, "client thread %d: %ld right", c, right);
		printf("client %d (thread): %ld of %d replies right\n", PROCS + c, right,
		       MESSAGES);
	}
	EXPECT(accepted == CLIENTS && served == CLIENTS * MESSAGES,
	       "%d connections, %ld lines", accepted, served);
	printf("server: %d connections, %ld lines served\n", accepted, served);
	return prog_end();
}
