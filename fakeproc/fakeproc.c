// SPDX-License-Identifier: GPL-2.0
/*
 * fakeproc - the practice target of mvx.
 *
 * Opens a known set of descriptors (see fakeproc(1) for the layout), prints
 * them, then writes numbered lines (or, with -b, blocks of a fixed size) to
 * its output file and to stdout from one or more threads until COUNT lines
 * are written or SIGTERM/SIGINT arrives. With -w it waits for SIGUSR1
 * before it starts writing, so that a session can be attached first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREADS	256
#define MIN_RATE	0.001
#define MIN_BLOCK	64		/* longer than any line */
#define MAX_BLOCK	(1 << 20)
#define NSEC_PER_SEC	1000000000LL
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char usage_line[] =
	"usage: fakeproc [-r RATE] [-n COUNT] [-o FILE] [-t THREADS] [-p PIDFILE] [-q]\n"
	"                [-b BYTES] [-w]\n";

static const char usage_opts[] =
	"  -r RATE     lines per second per thread, 0 = as fast as possible (default 1)\n"
	"  -n COUNT    lines per thread, 0 = until signalled (default 0)\n"
	"  -o FILE     output file (default $TMPDIR/fakeproc.PID.out)\n"
	"  -t THREADS  number of writing threads, 1-256 (default 1)\n"
	"  -p PIDFILE  write the pid to PIDFILE once all descriptors are open\n"
	"  -q          do not write the lines to stdout\n"
	"  -b BYTES    write blocks of BYTES bytes (64-1048576): each line padded\n"
	"              with dots\n"
	"  -w          wait for SIGUSR1 before writing\n"
	"  -h          show this help\n";

/* The lines of FILE.in; the first is read at start. */
static const char *const input_lines[] = {
	"fakeproc input line 1\n",
	"fakeproc input line 2\n",
	"fakeproc input line 3\n",
};

enum {
	FD_OUT, FD_IN, FD_PIPE_R, FD_PIPE_W, FD_UNIX0, FD_UNIX1, FD_UDP,
	FD_EVENT, NR_FDS
};

static const char *const fd_roles[NR_FDS] = {
	[FD_OUT]	= "output",
	[FD_IN]		= "input",
	[FD_PIPE_R]	= "pipe read end",
	[FD_PIPE_W]	= "pipe write end",
	[FD_UNIX0]	= "unix socket pair end 0",
	[FD_UNIX1]	= "unix socket pair end 1",
	[FD_UDP]	= "udp socket",
	[FD_EVENT]	= "eventfd",
};

struct config {
	long long interval_ns;		/* 0: as fast as possible */
	unsigned long long count;	/* 0: forever */
	unsigned int threads;
	const char *out_path;
	const char *pid_path;
	bool quiet;
	size_t block;			/* 0: lines */
	bool wait_start;
};

struct writer {
	pthread_t tid;
	unsigned int nr;		/* 1-based; 0 when running alone */
	int failed;
};

static struct config cfg = { .interval_ns = NSEC_PER_SEC, .threads = 1 };
static int fds[NR_FDS];
static pid_t pid;

/*
 * Set by the signal handler or by a failing writer. Writers sleep on it with
 * a futex so that a handler, which cannot use a condition variable, can wake
 * every sleeping thread and not just the one the signal landed on.
 */
static int stopping;

/* Set by SIGUSR1 under -w. */
static volatile sig_atomic_t start_requested;

static long futex(int *uaddr, int op, int val, const struct timespec *ts,
		  unsigned int bitset)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, bitset);
}

static void request_stop(void)
{
	__atomic_store_n(&stopping, 1, __ATOMIC_SEQ_CST);
	futex(&stopping, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, 0);
}

static bool should_stop(void)
{
	return __atomic_load_n(&stopping, __ATOMIC_SEQ_CST);
}

static void on_signal(int sig)
{
	int saved = errno;

	if (sig == SIGUSR1)
		start_requested = 1;
	else
		request_stop();
	errno = saved;
}

/* Sleeps until @deadline (CLOCK_MONOTONIC) or until a stop is requested. */
static void sleep_until(const struct timespec *deadline)
{
	while (!should_stop()) {
		long ret = futex(&stopping,
				 FUTEX_WAIT_BITSET_PRIVATE, 0, deadline,
				 FUTEX_BITSET_MATCH_ANY);

		if (ret == -1 && errno == ETIMEDOUT)
			return;
	}
}

static void __attribute__((noreturn, format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("fakeproc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fputs(usage_line, stderr);
	exit(2);
}

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "fakeproc: %s: %s\n", what, strerror(errno));
	exit(1);
}

static bool parse_count(const char *s, unsigned long long *val)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*val = strtoull(s, &end, 10);
	return !errno && !*end;
}

static void parse_args(int argc, char **argv)
{
	unsigned long long n;
	double rate;
	char *end;
	int opt;

	opterr = 0;
	while ((opt = getopt(argc, argv, ":r:n:o:t:p:qb:wh")) != -1) {
		switch (opt) {
		case 'r':
			errno = 0;
			rate = strtod(optarg, &end);
			if (!*optarg || !strchr("0123456789.", *optarg) ||
			    errno || *end || !isfinite(rate) ||
			    (rate != 0 && rate < MIN_RATE))
				usage_error("invalid rate '%s'", optarg);
			cfg.interval_ns = rate ? (long long)(NSEC_PER_SEC / rate) : 0;
			break;
		case 'n':
			if (!parse_count(optarg, &cfg.count))
				usage_error("invalid count '%s'", optarg);
			break;
		case 'o':
			if (!*optarg)
				usage_error("invalid output file '%s'", optarg);
			cfg.out_path = optarg;
			break;
		case 't':
			if (!parse_count(optarg, &n) || n < 1 || n > MAX_THREADS)
				usage_error("invalid thread count '%s'", optarg);
			cfg.threads = n;
			break;
		case 'p':
			if (!*optarg)
				usage_error("invalid pid file '%s'", optarg);
			cfg.pid_path = optarg;
			break;
		case 'q':
			cfg.quiet = true;
			break;
		case 'b':
			if (!parse_count(optarg, &n) || n < MIN_BLOCK || n > MAX_BLOCK)
				usage_error("invalid block size '%s'", optarg);
			cfg.block = n;
			break;
		case 'w':
			cfg.wait_start = true;
			break;
		case 'h':
			fputs(usage_line, stdout);
			fputs(usage_opts, stdout);
			exit(0);
		case ':':
			usage_error("option '-%c' needs an argument", optopt);
			break;
		default:
			usage_error("invalid option '-%c'", optopt);
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
}

/*
 * The documented layout starts at 3: drop whatever descriptors we inherited
 * above stderr, and fill any hole in 0-2 so that ours do not start lower.
 */
static void reset_fds(void)
{
	if (close_range(3, ~0U, 0) && errno != ENOSYS)
		die("close_range");
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		if (open("/dev/null", O_RDWR) == -1)
			die("/dev/null");
	}
}

static void open_input(const char *path)
{
	char buf[64];
	size_t len = strlen(input_lines[0]);
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1)
		die(path);
	for (size_t i = 0; i < ARRAY_SIZE(input_lines); i++) {
		const char *line = input_lines[i];

		if (write(fd, line, strlen(line)) != (ssize_t)strlen(line))
			die(path);
	}
	if (close(fd))
		die(path);

	fds[FD_IN] = open(path, O_RDONLY | O_CLOEXEC);
	if (fds[FD_IN] == -1)
		die(path);
	if (read(fds[FD_IN], buf, len) != (ssize_t)len)
		die(path);
}

static void open_fds(void)
{
	char *in_path;
	int pair[2];

	fds[FD_OUT] = open(cfg.out_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fds[FD_OUT] == -1)
		die(cfg.out_path);

	if (asprintf(&in_path, "%s.in", cfg.out_path) == -1)
		die("asprintf");
	open_input(in_path);
	free(in_path);

	if (pipe2(pair, O_CLOEXEC))
		die("pipe2");
	fds[FD_PIPE_R] = pair[0];
	fds[FD_PIPE_W] = pair[1];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair))
		die("socketpair");
	fds[FD_UNIX0] = pair[0];
	fds[FD_UNIX1] = pair[1];

	fds[FD_UDP] = socket(AF_INET, SOCK_DGRAM, 0);
	if (fds[FD_UDP] == -1)
		die("socket");

	fds[FD_EVENT] = eventfd(0, EFD_NONBLOCK);
	if (fds[FD_EVENT] == -1)
		die("eventfd");
}

static void print_fds(void)
{
	static const char *const modes[] = { "read", "write", "read-write", "?" };
	char link[64], target[PATH_MAX];

	fprintf(stderr, "fakeproc: pid %d\n", pid);
	for (int i = 0; i < NR_FDS; i++) {
		int fd = fds[i];
		int fl = fcntl(fd, F_GETFL);
		int fdfl = fcntl(fd, F_GETFD);
		const char *name = target;
		ssize_t len;

		/* Without /proc the file names are all we can tell. */
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		len = readlink(link, target, sizeof(target) - 1);
		if (len >= 0)
			target[len] = '\0';
		else if (i == FD_OUT)
			name = cfg.out_path;
		else
			name = fd_roles[i];

		fprintf(stderr, "fakeproc: fd %d -> %s (%s, %s%s%s%s)\n",
			fd, name, fd_roles[i], modes[fl & O_ACCMODE],
			fl & O_APPEND ? ", append" : "",
			fl & O_NONBLOCK ? ", nonblock" : "",
			fdfl & FD_CLOEXEC ? ", cloexec" : "");
	}
}

static void write_pidfile(void)
{
	char *tmp, buf[32];
	int fd, len;

	if (asprintf(&tmp, "%s.%d.tmp", cfg.pid_path, pid) == -1)
		die("asprintf");
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1)
		die(tmp);
	len = snprintf(buf, sizeof(buf), "%d\n", pid);
	if (write(fd, buf, len) != len || close(fd))
		die(tmp);
	if (rename(tmp, cfg.pid_path))
		die(cfg.pid_path);
	free(tmp);
}

/* One write(2) per line; only an interruption or a short write loops. */
static int write_line(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

static void timespec_add_ns(struct timespec *ts, const struct timespec *base,
			    long long ns)
{
	ns += base->tv_nsec;
	ts->tv_sec = base->tv_sec + ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

static void *writer_run(void *arg)
{
	struct writer *w = arg;
	struct timespec start, next;
	size_t size = cfg.block ? cfg.block : 96;
	char *line = malloc(size);
	unsigned long long n;

	if (!line) {
		fprintf(stderr, "fakeproc: out of memory\n");
		goto fail;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (n = 1; !should_stop(); n++) {
		size_t len;

		if (w->nr)
			len = snprintf(line, size,
				       "fakeproc %d thread %u line %llu\n",
				       pid, w->nr, n);
		else
			len = snprintf(line, size,
				       "fakeproc %d line %llu\n", pid, n);
		if (cfg.block) {
			/*
			 * The line without its newline, dots, a newline; a line
			 * is always shorter than MIN_BLOCK.
			 */
			memset(line + len - 1, '.', size - len);
			line[size - 1] = '\n';
			len = size;
		}

		if (write_line(fds[FD_OUT], line, len)) {
			fprintf(stderr, "fakeproc: %s: %s\n",
				cfg.out_path, strerror(errno));
			goto fail;
		}
		if (!cfg.quiet && write_line(STDOUT_FILENO, line, len)) {
			fprintf(stderr, "fakeproc: stdout: %s\n",
				strerror(errno));
			goto fail;
		}
		if (n == cfg.count)
			break;
		if (cfg.interval_ns) {
			/* From the start, so that pacing does not drift. */
			timespec_add_ns(&next, &start,
					(long long)n * cfg.interval_ns);
			sleep_until(&next);
		}
	}
	free(line);
	return NULL;
fail:
	free(line);
	w->failed = 1;
	request_stop();
	return NULL;
}

/*
 * Under -w: waits for SIGUSR1 (or a stop). The signals are blocked from
 * before the pid file is written, so one sent as soon as the pid file
 * appears is not lost.
 */
static void wait_for_start(const sigset_t *unblocked)
{
	while (!start_requested && !should_stop())
		sigsuspend(unblocked);
}

int main(int argc, char **argv)
{
	struct writer writers[MAX_THREADS] = { 0 };
	struct sigaction sa = { .sa_handler = on_signal };
	char *default_out = NULL;
	sigset_t block, unblocked;
	unsigned int started;
	int ret = 0;

	parse_args(argc, argv);
	pid = getpid();

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) || sigaction(SIGINT, &sa, NULL))
		die("sigaction");
	if (cfg.wait_start) {
		sigemptyset(&block);
		sigaddset(&block, SIGUSR1);
		sigaddset(&block, SIGTERM);
		sigaddset(&block, SIGINT);
		if (sigprocmask(SIG_BLOCK, &block, &unblocked) ||
		    sigaction(SIGUSR1, &sa, NULL))
			die("sigaction");
	}

	if (!cfg.out_path) {
		const char *dir = getenv("TMPDIR");

		if (!dir || !*dir)
			dir = "/tmp";
		if (asprintf(&default_out, "%s/fakeproc.%d.out", dir, pid) == -1)
			die("asprintf");
		cfg.out_path = default_out;
	}

	reset_fds();
	open_fds();
	print_fds();
	if (cfg.pid_path)
		write_pidfile();
	if (cfg.wait_start) {
		wait_for_start(&unblocked);
		if (sigprocmask(SIG_SETMASK, &unblocked, NULL))
			die("sigprocmask");
	}

	/* The main thread is writer 1; alone it writes the plain format. */
	for (unsigned int i = 0; i < cfg.threads; i++)
		writers[i].nr = cfg.threads > 1 ? i + 1 : 0;
	for (started = 1; started < cfg.threads; started++) {
		int err = pthread_create(&writers[started].tid, NULL,
					 writer_run, &writers[started]);

		if (err) {
			fprintf(stderr, "fakeproc: pthread_create: %s\n",
				strerror(err));
			request_stop();
			ret = 1;
			break;
		}
	}
	writer_run(&writers[0]);
	for (unsigned int i = 1; i < started; i++)
		pthread_join(writers[i].tid, NULL);

	for (unsigned int i = 0; i < cfg.threads; i++)
		if (writers[i].failed)
			ret = 1;
	for (int i = NR_FDS - 1; i >= 0; i--)
		close(fds[i]);
	free(default_out);
	return ret;
}
