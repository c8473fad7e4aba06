// SPDX-License-Identifier: GPL-2.0
/*
 * writer - a target for the session tests that writes in phases, on cue.
 *
 * It closes the descriptors it inherited above 2 (but those of -f), opens
 * its outputs, starts its threads, prints "ready" and waits.
 * Each SIGUSR1 runs the next phase: every thread writes its BLOCKS blocks
 * (see block.h) to every output, with the system call that -m names; the
 * main thread waits for them, then prints "phase K done" (or "phase K
 * failed") on standard output. SIGUSR2 makes it execve() the program of
 * -e, keeping every descriptor that is not close-on-exec. SIGTERM or
 * SIGINT makes it print "exiting" and exit 0.
 *
 * The threads live from start to exit and wait between phases, so that
 * a session starts on a process whose threads already exist.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "block.h"

#define MAX_THREADS	64
#define MAX_OUTPUTS	4
#define FIRST_FD	3
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char usage_text[] =
	"usage: writer [-m MODE] [-t THREADS] [-n BLOCKS] [-b SIZE]\n"
	"              [[-f FD] -o FILE]... [-f FD] [-C] [-P PHASE] [-F PHASE]\n"
	"              [-T PHASE]\n"
	"              [-x METHODS] [-p PIDFILE] [-e PROG [--] [ARG...]]\n"
	"  -m MODE     write, writev, pwrite64, pwritev or pwritev2 (default write)\n"
	"  -t THREADS  writing threads, 1-64 (default 4)\n"
	"  -n BLOCKS   blocks per thread per phase (default 64)\n"
	"  -b SIZE     block size, 128 bytes to 1 MiB (default 4096)\n"
	"  -o FILE     an output: opened O_WRONLY|O_CREAT|O_TRUNC, with O_APPEND\n"
	"              for write and writev, and moved to descriptor FD (the -f\n"
	"              before it; else 3 for the first output, one more for each\n"
	"              next); up to 4 outputs\n"
	"  -f FD       alone, without a -o after it: an output on descriptor FD,\n"
	"              inherited open (the p* modes start at its end)\n"
	"  -C          make the output descriptors close-on-exec\n"
	"  -P PHASE    number of the first phase (default 1)\n"
	"  -F PHASE    at the start of phase PHASE, fork a child that writes\n"
	"              BLOCKS blocks as thread 100 to every output, then exits\n"
	"  -T PHASE    phase PHASE is written by threads created for it (as\n"
	"              threads 0 to THREADS-1), not by the long-lived ones\n"
	"  -x METHODS  after each phase, write one more block per method, as\n"
	"              threads 200, 201, 202: sendfile,splice,copy_file_range\n"
	"              (comma-separated; p* modes only: the kernel refuses them\n"
	"              on O_APPEND files)\n"
	"  -p PIDFILE  write the pid to PIDFILE once ready\n"
	"  -e PROG     on SIGUSR2, execve PROG with the ARGs that follow\n";

enum mode { M_WRITE, M_WRITEV, M_PWRITE64, M_PWRITEV, M_PWRITEV2 };

static const char *const mode_names[] = {
	[M_WRITE] = "write", [M_WRITEV] = "writev", [M_PWRITE64] = "pwrite64",
	[M_PWRITEV] = "pwritev", [M_PWRITEV2] = "pwritev2",
};

static const char *const skip_names[] = {
	"sendfile", "splice", "copy_file_range",
};

struct output {
	int fd;
	const char *path;		/* NULL for an inherited descriptor */
	uint64_t offset;		/* next free offset, p* modes; atomic */
};

static struct {
	enum mode mode;
	unsigned int threads;
	unsigned int blocks;
	uint32_t size;
	bool cloexec;
	unsigned int first_phase;
	unsigned int fork_phase;
	unsigned int fresh_phase;
	unsigned int skip_mask;
	const char *pid_path;
	char **exec_argv;
} cfg = { .threads = 4, .blocks = 64, .size = 4096, .first_phase = 1 };

static struct output outputs[MAX_OUTPUTS];
static unsigned int nr_outputs;
static pid_t pid;

/* The phase the threads are to run; they run each generation once. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static unsigned int generation, phase, finished, failures;
static bool quitting;

static void __attribute__((noreturn, format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("writer: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fputs(usage_text, stderr);
	exit(2);
}

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "writer: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static unsigned int number(const char *s, unsigned int min, unsigned int max,
			   const char *what)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || errno || *end || v < min || v > max)
		usage_error("invalid %s '%s'", what, s);
	return v;
}

static bool positional(void)
{
	return cfg.mode >= M_PWRITE64;
}

static void add_output(int fd, const char *path)
{
	if (nr_outputs == MAX_OUTPUTS)
		usage_error("more than %d outputs", MAX_OUTPUTS);
	for (unsigned int i = 0; i < nr_outputs; i++)
		if (outputs[i].fd == fd)
			usage_error("descriptor %d given twice", fd);
	outputs[nr_outputs].fd = fd;
	outputs[nr_outputs].path = path;
	nr_outputs++;
}

static void parse_skip(char *list)
{
	for (char *name = strtok(list, ","); name; name = strtok(NULL, ",")) {
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(skip_names); i++)
			if (!strcmp(name, skip_names[i]))
				break;
		if (i == ARRAY_SIZE(skip_names))
			usage_error("unknown method '%s'", name);
		cfg.skip_mask |= 1u << i;
	}
}

static void parse_args(int argc, char **argv)
{
	int pending_fd = -1, next_fd = FIRST_FD, opt;
	const char *prog = NULL;

	opterr = 0;
	while ((opt = getopt(argc, argv, "+:m:t:n:b:o:f:CP:F:T:x:p:e:h")) != -1) {
		switch (opt) {
		case 'm': {
			unsigned int i;

			for (i = 0; i <= M_PWRITEV2; i++)
				if (!strcmp(optarg, mode_names[i]))
					break;
			if (i > M_PWRITEV2)
				usage_error("unknown mode '%s'", optarg);
			cfg.mode = i;
			break;
		}
		case 't':
			cfg.threads = number(optarg, 1, MAX_THREADS, "thread count");
			break;
		case 'n':
			cfg.blocks = number(optarg, 1, 1000000, "block count");
			break;
		case 'b':
			cfg.size = number(optarg, BLOCK_MIN, BLOCK_MAX, "block size");
			break;
		case 'o':
			if (!*optarg)
				usage_error("empty output file name");
			add_output(pending_fd >= 0 ? pending_fd : next_fd, optarg);
			next_fd = outputs[nr_outputs - 1].fd + 1;
			pending_fd = -1;
			break;
		case 'f':
			if (pending_fd >= 0)
				add_output(pending_fd, NULL);
			pending_fd = number(optarg, 0, 1023, "descriptor");
			break;
		case 'C':
			cfg.cloexec = true;
			break;
		case 'P':
			cfg.first_phase = number(optarg, 1, 1000000, "phase");
			break;
		case 'F':
			cfg.fork_phase = number(optarg, 1, 1000000, "phase");
			break;
		case 'T':
			cfg.fresh_phase = number(optarg, 1, 1000000, "phase");
			break;
		case 'x':
			parse_skip(optarg);
			break;
		case 'p':
			cfg.pid_path = optarg;
			break;
		case 'e':
			prog = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case ':':
			usage_error("option '-%c' needs an argument", optopt);
			break;
		default:
			usage_error("invalid option '-%c'", optopt);
		}
	}
	if (pending_fd >= 0)
		add_output(pending_fd, NULL);
	if (!nr_outputs)
		add_output(FIRST_FD, NULL);
	if (cfg.skip_mask && !positional())
		usage_error("-x needs a p* mode: the kernel refuses sendfile, "
			    "splice and copy_file_range on O_APPEND files");
	if (prog) {
		/* argv[optind - 1] is replaced by PROG: execve's argv. */
		argv[optind - 1] = (char *)prog;
		cfg.exec_argv = &argv[optind - 1];
	} else if (optind < argc) {
		usage_error("unexpected argument '%s'", argv[optind]);
	}
}

/*
 * Closes every inherited descriptor above 2 but the -f outputs, so that
 * the writer's descriptor table is the same whoever started it.
 */
static void close_others(void)
{
	unsigned int lo = FIRST_FD;
	int keep[MAX_OUTPUTS], n = 0;

	for (unsigned int i = 0; i < nr_outputs; i++)
		if (!outputs[i].path)
			keep[n++] = outputs[i].fd;
	for (int i = 1; i < n; i++)	/* insertion sort: at most 4 */
		for (int j = i; j > 0 && keep[j - 1] > keep[j]; j--) {
			int tmp = keep[j];

			keep[j] = keep[j - 1];
			keep[j - 1] = tmp;
		}
	for (int i = 0; i < n; i++) {
		if ((unsigned int)keep[i] < lo)
			continue;
		if ((unsigned int)keep[i] > lo)
			close_range(lo, keep[i] - 1, 0);
		lo = keep[i] + 1;
	}
	close_range(lo, ~0U, 0);
}

static void open_outputs(void)
{
	for (unsigned int i = 0; i < nr_outputs; i++) {
		struct output *o = &outputs[i];
		int flags = O_WRONLY | O_CREAT | O_TRUNC;
		struct stat st;

		if (o->path) {
			int fd;

			if (!positional())
				flags |= O_APPEND;
			fd = open(o->path, flags, 0644);
			if (fd == -1)
				die(o->path);
			if (fd != o->fd) {
				if (dup2(fd, o->fd) == -1)
					die("dup2");
				close(fd);
			}
		} else {
			int fl = fcntl(o->fd, F_GETFL);

			if (fl == -1 || (fl & O_ACCMODE) == O_RDONLY) {
				fprintf(stderr, "writer: descriptor %d is not open "
					"for writing\n", o->fd);
				exit(1);
			}
		}
		if (fcntl(o->fd, F_SETFD, cfg.cloexec ? FD_CLOEXEC : 0))
			die("fcntl");
		if (fstat(o->fd, &st))
			die("fstat");
		o->offset = o->path ? 0 : st.st_size;
	}
}

/* Writes all of @len bytes at @buf with one call, looping only if short. */
static int write_block(struct output *o, unsigned char *buf, uint64_t off)
{
	size_t len = cfg.size, half = (len - sizeof(struct block_head)) / 2;
	struct iovec iov[3];
	ssize_t n;

	/* Three pieces, so that the kernel walks a real vector. */
	iov[0] = (struct iovec){ buf, sizeof(struct block_head) };
	iov[1] = (struct iovec){ buf + sizeof(struct block_head), half };
	iov[2] = (struct iovec){ buf + sizeof(struct block_head) + half,
				 len - sizeof(struct block_head) - half };
	do {
		switch (cfg.mode) {
		case M_WRITE:
			n = write(o->fd, buf, len);
			break;
		case M_WRITEV:
			n = writev(o->fd, iov, 3);
			break;
		case M_PWRITE64:
			n = pwrite(o->fd, buf, len, off);
			break;
		case M_PWRITEV:
			n = pwritev(o->fd, iov, 3, off);
			break;
		default:
			n = pwritev2(o->fd, iov, 3, off, 0);
			break;
		}
	} while (n == -1 && errno == EINTR);
	if (n == (ssize_t)len)
		return 0;
	if (n >= 0)
		errno = EIO;	/* a short write to a test file is a failure */
	fprintf(stderr, "writer: %s on fd %d: %s\n", mode_names[cfg.mode],
		o->fd, n >= 0 ? "short write" : strerror(errno));
	return -1;
}

static uint64_t reserve(struct output *o, unsigned int nr)
{
	if (!positional())
		return 0;
	return __atomic_fetch_add(&o->offset, (uint64_t)nr * cfg.size,
				  __ATOMIC_SEQ_CST);
}

/* One thread's blocks of one phase; @base: offsets reserved, or NULL. */
static int write_phase(unsigned char *buf, uint32_t thread, unsigned int ph,
		       const uint64_t *base)
{
	for (unsigned int seq = 0; seq < cfg.blocks; seq++) {
		block_fill(buf, cfg.size, pid, thread, ph, seq);
		for (unsigned int i = 0; i < nr_outputs; i++) {
			uint64_t off = base ? base[i] + (uint64_t)seq * cfg.size
					    : reserve(&outputs[i], 1);

			if (write_block(&outputs[i], buf, off))
				return -1;
		}
	}
	return 0;
}

static void *thread_run(void *arg)
{
	uint32_t nr = (uintptr_t)arg;
	unsigned char *buf = malloc(cfg.size);
	unsigned int seen = 0;

	if (!buf)
		die("malloc");
	pthread_mutex_lock(&lock);
	for (;;) {
		unsigned int ph;
		int ret;

		while (generation == seen && !quitting)
			pthread_cond_wait(&go, &lock);
		if (quitting)
			break;
		seen = generation;
		ph = phase;
		pthread_mutex_unlock(&lock);

		ret = write_phase(buf, nr, ph, NULL);

		pthread_mutex_lock(&lock);
		if (ret)
			failures++;
		finished++;
		pthread_cond_signal(&done);
	}
	pthread_mutex_unlock(&lock);
	free(buf);
	return NULL;
}

/* A thread of -T: one phase of blocks as thread @arg, then it ends. */
static void *fresh_run(void *arg)
{
	unsigned char *buf = malloc(cfg.size);
	uintptr_t ret = 1;

	if (buf) {
		ret = write_phase(buf, (uintptr_t)arg, phase, NULL) != 0;
		free(buf);
	}
	return (void *)ret;
}

/* Phase @ph of -T: new threads write it. Returns the number that failed. */
static int fresh_phase(void)
{
	pthread_t tids[MAX_THREADS];
	int bad = 0;
	void *ret;

	for (unsigned int i = 0; i < cfg.threads; i++) {
		if (pthread_create(&tids[i], NULL, fresh_run,
				   (void *)(uintptr_t)i))
			die("pthread_create");
	}
	for (unsigned int i = 0; i < cfg.threads; i++) {
		pthread_join(tids[i], &ret);
		bad += ret != NULL;
	}
	return bad;
}

/* The child of -F: one phase of blocks as BLOCK_CHILD, at reserved offsets. */
static pid_t fork_writer(unsigned int ph, unsigned char *buf)
{
	uint64_t base[MAX_OUTPUTS];
	pid_t child;

	for (unsigned int i = 0; i < nr_outputs; i++)
		base[i] = reserve(&outputs[i], cfg.blocks);
	child = fork();
	if (child == -1)
		die("fork");
	if (child == 0) {
		pid = getpid();
		_exit(write_phase(buf, BLOCK_CHILD, ph,
				  positional() ? base : NULL) ? 1 : 0);
	}
	return child;
}

/* A file on the same file system as @o, for copy_file_range's source. */
static int source_file(const struct output *o, const unsigned char *buf)
{
	char link[64], dir[PATH_MAX];
	ssize_t len;
	int fd;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", o->fd);
	len = readlink(link, dir, sizeof(dir) - 1);
	if (len <= 0)
		return -1;
	dir[len] = '\0';
	if (dir[0] != '/')
		return -1;	/* not a file in a directory */
	*strrchr(dir, '/') = '\0';
	fd = open(*dir ? dir : "/", O_TMPFILE | O_RDWR, 0600);
	if (fd == -1)
		return -1;
	if (write(fd, buf, cfg.size) != (ssize_t)cfg.size) {
		close(fd);
		return -1;
	}
	return fd;
}

static int skip_block(struct output *o, unsigned int method, unsigned char *buf)
{
	uint64_t off = reserve(o, 1);
	loff_t in_off = 0, out_off = off;
	int src = -1, pipefd[2] = { -1, -1 };
	ssize_t n = -1;

	switch (method) {
	case 0:	/* sendfile writes at the file position: put it there */
		src = source_file(o, buf);
		if (src >= 0 && lseek(o->fd, off, SEEK_SET) == (off_t)off)
			n = sendfile(o->fd, src, &in_off, cfg.size);
		break;
	case 1:
		if (pipe(pipefd) == 0 &&
		    write(pipefd[1], buf, cfg.size) == (ssize_t)cfg.size)
			n = splice(pipefd[0], NULL, o->fd, &out_off, cfg.size, 0);
		break;
	default:
		src = source_file(o, buf);
		if (src >= 0)
			n = copy_file_range(src, &in_off, o->fd, &out_off,
					    cfg.size, 0);
		break;
	}
	if (n != (ssize_t)cfg.size)
		fprintf(stderr, "writer: %s on fd %d: %s\n", skip_names[method],
			o->fd, n >= 0 ? "short write" : strerror(errno));
	if (src >= 0)
		close(src);
	if (pipefd[0] >= 0) {
		close(pipefd[0]);
		close(pipefd[1]);
	}
	return n == (ssize_t)cfg.size ? 0 : -1;
}

static void run_phase(unsigned char *buf)
{
	pid_t child = 0;
	int status, bad;

	pthread_mutex_lock(&lock);
	phase++;
	if (phase == cfg.fork_phase)
		child = fork_writer(phase, buf);
	if (phase == cfg.fresh_phase) {
		pthread_mutex_unlock(&lock);
		bad = fresh_phase();
	} else {
		finished = 0;
		failures = 0;
		generation++;
		pthread_cond_broadcast(&go);
		while (finished < cfg.threads)
			pthread_cond_wait(&done, &lock);
		bad = failures;
		pthread_mutex_unlock(&lock);
	}

	for (unsigned int m = 0; m < 3; m++) {
		if (!(cfg.skip_mask & (1u << m)))
			continue;
		block_fill(buf, cfg.size, pid, BLOCK_SKIP + m, phase, 0);
		for (unsigned int i = 0; i < nr_outputs; i++)
			bad += skip_block(&outputs[i], m, buf) != 0;
	}
	if (child) {
		if (waitpid(child, &status, 0) != child ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "writer: the child of phase %u failed\n",
				phase);
			bad++;
		}
	}
	say("phase %u %s\n", phase, bad ? "failed" : "done");
}

static void write_pidfile(void)
{
	char tmp[PATH_MAX];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.%d.tmp", cfg.pid_path, pid);
	f = fopen(tmp, "we");
	if (!f || fprintf(f, "%d\n", pid) < 0 || fclose(f))
		die(tmp);
	if (rename(tmp, cfg.pid_path))
		die(cfg.pid_path);
}

int main(int argc, char **argv)
{
	pthread_t tids[MAX_THREADS];
	unsigned char *buf;
	sigset_t set;
	int sig;

	parse_args(argc, argv);
	pid = getpid();
	phase = cfg.first_phase - 1;

	/* Blocked in every thread: the main thread takes them with sigwait. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		die("sigprocmask");

	close_others();
	open_outputs();
	buf = malloc(cfg.size);
	if (!buf)
		die("malloc");
	for (unsigned int i = 0; i < cfg.threads; i++) {
		int err = pthread_create(&tids[i], NULL, thread_run,
					 (void *)(uintptr_t)i);

		if (err) {
			errno = err;
			die("pthread_create");
		}
	}
	if (cfg.pid_path)
		write_pidfile();
	say("ready\n");

	for (;;) {
		if (sigwait(&set, &sig))
			continue;
		if (sig == SIGUSR1) {
			run_phase(buf);
		} else if (sig == SIGUSR2) {
			if (!cfg.exec_argv) {
				say("no program to execute\n");
				continue;
			}
			/*
			 * A blocked mask survives execve: unblock, so that
			 * the new program gets the default actions. (One of
			 * these signals arriving just now would act here.)
			 */
			sigprocmask(SIG_UNBLOCK, &set, NULL);
			execv(cfg.exec_argv[0], cfg.exec_argv);
			sigprocmask(SIG_BLOCK, &set, NULL);
			fprintf(stderr, "writer: %s: %s\n", cfg.exec_argv[0],
				strerror(errno));
		} else {
			break;
		}
	}

	pthread_mutex_lock(&lock);
	quitting = true;
	pthread_cond_broadcast(&go);
	pthread_mutex_unlock(&lock);
	for (unsigned int i = 0; i < cfg.threads; i++)
		pthread_join(tids[i], NULL);
	free(buf);
	say("exiting\n");
	return 0;
}
