// SPDX-License-Identifier: GPL-2.0
/*
 * epoll - epoll on both ends of a pipe: nothing ready, the write end
 * ready, the read end ready once written, level triggering, EPOLL_CTL_MOD
 * and _DEL, and end of file (EPOLLHUP).
 *
 * Then, as servers do, the data of each registration is a pointer to a
 * record on the heap, whose address differs from variant to variant:
 * the program finds the descriptor and its name through the pointer
 * epoll_wait gives back, after an EPOLL_CTL_MOD that changes it, an
 * EPOLL_CTL_ADD refused (EEXIST) with another pointer, and an
 * EPOLL_CTL_DEL with an event before the descriptor is added again.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "prog.h"

static int p[2];

/* Prints what epoll_wait reports, as "NAME:EVENTS" words. */
static void show(int ep, const char *when)
{
	struct epoll_event ev[4];
	int n, i;

	n = MUST(epoll_wait(ep, ev, 4, 0));
	printf("%s: %d ready:", when, n);
	for (i = 0; i < n; i++)
		printf(" %s:%s%s%s", ev[i].data.fd == p[0] ? "read-end" : "write-end",
		       ev[i].events & EPOLLIN ? "IN" : "",
		       ev[i].events & EPOLLOUT ? "OUT" : "",
		       ev[i].events & EPOLLHUP ? "HUP" : "");
	printf("\n");
}

struct conn {
	const char *name;
	int fd;
};

static void pointers(void)
{
	struct conn *r = malloc(sizeof(*r)), *w = malloc(sizeof(*w));
	struct conn *w2 = malloc(sizeof(*w2));
	struct epoll_event ev = { 0 }, got[4];
	int q[2], ep, n, i;
	char buf[8];

	MUST(pipe(q));
	*r = (struct conn){ "reader", q[0] };
	*w = (struct conn){ "writer", q[1] };
	*w2 = (struct conn){ "writer (modified)", q[1] };
	ep = MUST(epoll_create1(0));
	ev.events = EPOLLIN;
	ev.data.ptr = r;
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
	ev.events = EPOLLOUT;
	ev.data.ptr = w;
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, q[1], &ev));
	ev.data.ptr = w2;
	MUST(epoll_ctl(ep, EPOLL_CTL_MOD, q[1], &ev));
	/* Refused: w2 stays registered (and DEL with an event drops). */
	ev.data.ptr = w;
	printf("adding it again: %s\n",
	       epoll_ctl(ep, EPOLL_CTL_ADD, q[1], &ev) < 0 ? strerror(errno) : "added");
	ev.data.ptr = r;
	MUST(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], &ev));
	ev.events = EPOLLIN;
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
	MUST(write(q[1], "xy", 2));
	n = MUST(epoll_wait(ep, got, 4, 0));
	for (i = 0; i < n; i++) {
		struct conn *c = got[i].data.ptr;

		printf("pointer event: %s\n", c->name);
		if (c->fd == q[0])
			printf("read through it: %zd bytes\n",
			       MUST(read(c->fd, buf, sizeof(buf))));
	}
	MUST(close(ep));
	MUST(close(q[0]));
	MUST(close(q[1]));
	free(r);
	free(w);
	free(w2);
}

int main(void)
{
	struct epoll_event ev = { 0 };
	char buf[16];
	int ep;

	prog_start();
	MUST(pipe2(p, O_CLOEXEC));
	ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	ev.events = EPOLLIN;
	ev.data.fd = p[0];
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	show(ep, "empty pipe");
	ev.events = EPOLLOUT;
	ev.data.fd = p[1];
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev));
	show(ep, "write end added");
	ev.events = 0;
	MUST(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev));
	show(ep, "write end modified to no events");
	MUST(write(p[1], "abc", 3));
	show(ep, "after a write");
	show(ep, "again (level-triggered)");
	MUST(read(p[0], buf, sizeof(buf)));
	show(ep, "after reading all");
	MUST(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
	MUST(close(p[1]));
	show(ep, "write end deleted and closed");
	MUST(close(p[0]));
	MUST(close(ep));
	pointers();
	return prog_end();
}
