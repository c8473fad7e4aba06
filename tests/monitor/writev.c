// SPDX-License-Identifier: GPL-2.0
/*
 * writev - gathered writes and scattered reads (writev, pwritev, readv,
 * preadv) on a file, and short writes on a nonblocking pipe: filled
 * until EAGAIN, a write larger than the room left returns a short
 * count, and a writer that handles short counts (with poll) moves 1 MiB
 * through the pipe to a reader thread that checks every byte.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/uio.h>
#include <unistd.h>

#include "prog.h"

#define STREAM	(1 << 20)
#define PAGE	4096

static int pipefd[2];

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i % 251);
}

static void *reader(void *arg)
{
	unsigned char buf[7000];
	size_t got = 0, bad = 0;
	ssize_t r, k;

	(void)arg;
	while ((r = read(pipefd[0], buf, sizeof(buf))) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (k = 0; k < r; k++)
			bad += buf[k] != pattern(got + k);
		got += r;
	}
	return (void *)(got == STREAM && bad == 0 ? 1L : 0L);
}

int main(void)
{
	char path[] = "/tmp/mvx-writev.XXXXXX", a[5], b[3], c[16], whole[64];
	static unsigned char big[STREAM];
	struct iovec iov[4];
	struct pollfd pfd;
	pthread_t th;
	size_t done, total;
	ssize_t r;
	void *ok;
	int fd, cap, shorts;

	prog_start();
	fd = MUST(mkstemp(path));
	unlink(path);
	iov[0] = (struct iovec){ "alpha ", 6 };
	iov[1] = (struct iovec){ "", 0 };
	iov[2] = (struct iovec){ "beta ", 5 };
	iov[3] = (struct iovec){ "gamma\n", 6 };
	r = writev(fd, iov, 4);
	EXPECT(r == 17, "writev: %zd", r);
	iov[0] = (struct iovec){ "BETA", 4 };
	r = pwritev(fd, iov, 1, 6);
	EXPECT(r == 4, "pwritev: %zd", r);
	MUST(lseek(fd, 0, SEEK_SET));
	iov[0] = (struct iovec){ a, sizeof(a) };
	iov[1] = (struct iovec){ b, sizeof(b) };
	iov[2] = (struct iovec){ c, sizeof(c) };
	r = readv(fd, iov, 3);
	snprintf(whole, sizeof(whole), "%.5s|%.3s|%.*s", a, b, (int)(r - 8), c);
	EXPECT(r == 17 && !strcmp(whole, "alpha| BE|TA gamma\n"), "readv: %zd '%s'", r, whole);
	printf("writev + pwritev, readv into 5+3+16 bytes: '%.*s'\n", (int)strlen(whole) - 1,
	       whole);
	r = preadv(fd, iov, 1, 11);
	EXPECT(r == 5 && !memcmp(a, "gamma", 5), "preadv: %zd", r);
	printf("preadv at 11: '%.5s'\n", a);
	close(fd);

	MUST(pipe2(pipefd, O_NONBLOCK | O_CLOEXEC));
	cap = MUST(fcntl(pipefd[1], F_GETPIPE_SZ));
	memset(big, 'p', PAGE);
	for (total = 0; (r = write(pipefd[1], big, PAGE)) > 0; total += r)
		EXPECT(r == PAGE, "a write of a page into a pipe with room wrote %zd", r);
	EXPECT(r == -1 && errno == EAGAIN, "filling the pipe ended with %s", strerror(errno));
	EXPECT(total == (size_t)cap, "%zu bytes fit in a pipe of %d", total, cap);
	printf("nonblocking pipe filled with page writes: EAGAIN at F_GETPIPE_SZ\n");
	MUST(read(pipefd[0], big, 2 * PAGE));
	r = write(pipefd[1], big, 5 * PAGE);
	EXPECT(r == 2 * PAGE, "a write of 5 pages into 2 pages of room wrote %zd", r);
	printf("write of 5 pages with room for 2: short, %zd bytes\n", r);
	EXPECT(write(pipefd[1], big, 1) == -1 && errno == EAGAIN, "the pipe is not full");
	MUST(read(pipefd[0], big, PAGE));
	iov[0] = (struct iovec){ big, 3000 };
	iov[1] = (struct iovec){ big, 3000 };
	iov[2] = (struct iovec){ big, 3000 };
	r = writev(pipefd[1], iov, 3);
	EXPECT(r > 0 && r < 9000, "a writev of 9000 bytes into a page of room wrote %zd", r);
	printf("writev of 3 x 3000 bytes with room for a page: short\n");
	/* Empty the pipe: the stream below starts on an empty pipe. */
	while (read(pipefd[0], big, PAGE) > 0)
		;
	MUST(fcntl(pipefd[0], F_SETFL, 0));	/* the reader blocks */

	for (done = 0; done < STREAM; done++)
		big[done] = pattern(done);
	if (pthread_create(&th, NULL, reader, NULL))
		return 2;
	shorts = 0;
	pfd = (struct pollfd){ .fd = pipefd[1], .events = POLLOUT };
	for (done = 0; done < STREAM; ) {
		/* 3 iovecs of odd sizes, so counts land anywhere in them. */
		size_t left = STREAM - done, n0 = left < 10007 ? left : 10007;
		size_t n1 = left - n0 < 20011 ? left - n0 : 20011;
		size_t n2 = left - n0 - n1 < 30011 ? left - n0 - n1 : 30011;

		iov[0] = (struct iovec){ big + done, n0 };
		iov[1] = (struct iovec){ big + done + n0, n1 };
		iov[2] = (struct iovec){ big + done + n0 + n1, n2 };
		r = writev(pipefd[1], iov, 3);
		if (r < 0 && errno == EAGAIN) {
			if (poll(&pfd, 1, 10000) == 0) {
				EXPECT(0, "the pipe stayed full for 10 s");
				break;
			}
			continue;
		}
		if (r <= 0) {
			EXPECT(0, "writev: %s", strerror(errno));
			break;
		}
		shorts += (size_t)r < n0 + n1 + n2;
		done += r;
	}
	close(pipefd[1]);
	pthread_join(th, &ok);
	EXPECT(ok != NULL, "the reader did not get the stream intact");
	EXPECT(shorts > 0, "no short write in a 1 MiB stream through a pipe");
	printf("1 MiB through the pipe with short writes handled: %s\n",
	       ok ? "intact" : "damaged");
	return prog_end();
}
