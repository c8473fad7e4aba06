// SPDX-License-Identifier: GPL-2.0
/*
 * ptydrive - run a program on a pseudo-terminal and drive it like a
 * person at a terminal would, for the tests of umvx's interactive mode
 * (busybox has no expect).
 *
 *   ptydrive [-s COLSxROWS] [-t SECONDS] [-l LOG] [-x STATUS] ACTION...
 *            -- PROGRAM [ARG...]
 *
 * ACTIONs run in the order given, while everything the program writes
 * is read (and appended to LOG, raw):
 *   -w TEXT       wait until TEXT appears on the screen: in the output
 *                 since the last -k or -r, with terminal control sequences
 *                 and blanks left out on both sides
 *   -k KEYS       type KEYS (\e, \r, \n, \t and \\ are understood)
 *   -r COLSxROWS  resize the terminal (TIOCSWINSZ, on which the kernel
 *                 sends SIGWINCH to the terminal's foreground process group)
 *   -W FILE       wait until FILE exists
 *   -T FILE       create FILE
 *   -S MS         wait MS milliseconds
 * Then it waits for PROGRAM to exit. Every wait gives up after SECONDS
 * (default 10): ptydrive then says what it waited for and shows the end
 * of the screen output, ends PROGRAM (SIGTERM, then SIGKILL) and exits
 * 124. Otherwise it exits with PROGRAM's exit status (128 + the signal
 * if it was killed), or, with -x, 0 if that was STATUS and 1 if not.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ACTIONS	64
#define SHOW_TAIL	1500

struct action {
	char op;
	const char *arg;
};

static struct action actions[MAX_ACTIONS];
static unsigned int nr_actions;
static int timeout_ms = 10000;
static int master = -1;
static pid_t child;
static int child_status = -1;	/* waitpid status once reaped */
static bool master_eof;
static FILE *log_file;

/* The screen text: output without control sequences and blanks. */
static char *text;
static size_t text_len, text_cap, mark;

/* Escape-sequence state of the output parser. */
static enum { S_TEXT, S_ESC, S_CSI, S_OSC, S_OSC_ESC, S_SKIP1 } pstate;

static void __attribute__((noreturn)) usage(const char *why)
{
	fprintf(stderr, "ptydrive: %s\n"
		"usage: ptydrive [-s COLSxROWS] [-t SECONDS] [-l LOG] [-x STATUS]\n"
		"                [-w TEXT|-k KEYS|-r COLSxROWS|-W FILE|-T FILE|-S MS]...\n"
		"                -- PROGRAM [ARG...]\n", why);
	exit(125);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void text_add(char c)
{
	if (text_len + 1 >= text_cap) {
		text_cap = text_cap ? 2 * text_cap : 65536;
		text = realloc(text, text_cap);
		if (!text) {
			fputs("ptydrive: out of memory\n", stderr);
			exit(125);
		}
	}
	text[text_len++] = c;
	text[text_len] = '\0';
}

/* Feeds program output through a small VT100/ECMA-48 parser. */
static void parse_output(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];

		switch (pstate) {
		case S_TEXT:
			if (c == 0x1b)
				pstate = S_ESC;
			else if (c == '\n')
				text_add('\n');
			else if (c > ' ' && c != 0x7f)
				text_add(c);
			break;
		case S_ESC:
			if (c == '[')
				pstate = S_CSI;
			else if (c == ']')
				pstate = S_OSC;
			else if (c == '(' || c == ')' || c == '*' || c == '+' ||
				 c == '#' || c == '%')
				pstate = S_SKIP1;	/* charset designation */
			else
				pstate = S_TEXT;
			break;
		case S_CSI:
			if (c >= 0x40 && c <= 0x7e)
				pstate = S_TEXT;
			break;
		case S_OSC:
			if (c == 0x07)
				pstate = S_TEXT;
			else if (c == 0x1b)
				pstate = S_OSC_ESC;
			break;
		case S_OSC_ESC:
			pstate = c == '\\' ? S_TEXT : S_OSC;
			break;
		case S_SKIP1:
			pstate = S_TEXT;
			break;
		}
	}
}

/* Reaps PROGRAM if it has exited. */
static void reap(void)
{
	int st;

	if (child_status == -1 && waitpid(child, &st, WNOHANG) == child)
		child_status = st;
}

/*
 * Reads what the program wrote for up to @ms milliseconds, or until a
 * read comes back empty-handed after PROGRAM exited.
 */
static void pump(int ms)
{
	struct pollfd pfd = { .fd = master, .events = POLLIN };
	unsigned char buf[4096];

	if (master_eof) {
		reap();
		if (ms > 0)
			usleep(ms * 1000);
		return;
	}
	if (poll(&pfd, 1, ms) > 0) {
		ssize_t n = read(master, buf, sizeof(buf));

		if (n > 0) {
			if (log_file)
				fwrite(buf, 1, n, log_file);
			parse_output(buf, n);
		} else if (n == 0 || errno == EIO) {
			/* Every slave descriptor is closed. */
			master_eof = true;
		}
	}
	reap();
}

static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	if (!out)
		exit(125);
	for (; *s; s++)
		if ((unsigned char)*s > ' ')
			*o++ = *s;
	*o = '\0';
	return out;
}

static void show_screen_tail(void)
{
	size_t from = text_len > SHOW_TAIL ? text_len - SHOW_TAIL : 0;

	fprintf(stderr, "ptydrive: the screen output ended with (blanks and "
		"control sequences left out):\n%s\n", text ? text + from : "");
}

static void __attribute__((noreturn)) give_up(const char *fmt, const char *what)
{
	fprintf(stderr, "ptydrive: timed out after %d s ", timeout_ms / 1000);
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	show_screen_tail();
	if (child_status == -1) {
		kill(child, SIGTERM);
		for (int i = 0; i < 40 && child_status == -1; i++)
			pump(50);
		if (child_status == -1) {
			kill(child, SIGKILL);
			waitpid(child, &child_status, 0);
		}
	}
	exit(124);
}

static void wait_text(const char *want)
{
	char *needle = squeeze(want);
	long long deadline = now_ms() + timeout_ms;

	for (;;) {
		if (text && text_len > mark && strstr(text + mark, needle))
			break;
		if (now_ms() > deadline)
			give_up("waiting for \"%s\" on the screen", want);
		if (master_eof && child_status != -1)
			give_up("waiting for \"%s\": the program has exited", want);
		pump(50);
	}
	free(needle);
}

static void wait_file(const char *path)
{
	long long deadline = now_ms() + timeout_ms;
	struct stat st;

	while (stat(path, &st)) {
		if (now_ms() > deadline)
			give_up("waiting for the file %s", path);
		pump(50);
	}
}

static void send_keys(const char *keys)
{
	char buf[256];
	size_t n = 0;

	for (const char *k = keys; *k && n < sizeof(buf); k++) {
		if (*k != '\\' || !k[1]) {
			buf[n++] = *k;
			continue;
		}
		switch (*++k) {
		case 'e':
			buf[n++] = 0x1b;
			break;
		case 'r':
			buf[n++] = '\r';
			break;
		case 'n':
			buf[n++] = '\n';
			break;
		case 't':
			buf[n++] = '\t';
			break;
		default:
			buf[n++] = *k;
		}
	}
	if (write(master, buf, n) != (ssize_t)n) {
		fprintf(stderr, "ptydrive: typing \"%s\": %s\n", keys, strerror(errno));
		exit(125);
	}
	mark = text_len;
}

static bool parse_size(const char *s, struct winsize *ws)
{
	unsigned int cols, rows;
	char x, end;

	if (sscanf(s, "%u%c%u%c", &cols, &x, &rows, &end) != 3 || x != 'x' ||
	    !cols || !rows || cols > 1000 || rows > 1000)
		return false;
	*ws = (struct winsize){ .ws_col = cols, .ws_row = rows };
	return true;
}

static void resize(const char *size)
{
	struct winsize ws;

	parse_size(size, &ws);
	if (ioctl(master, TIOCSWINSZ, &ws)) {
		fprintf(stderr, "ptydrive: TIOCSWINSZ: %s\n", strerror(errno));
		exit(125);
	}
	/* The kernel sends SIGWINCH to the terminal's foreground group. */
	mark = text_len;
}

int main(int argc, char **argv)
{
	struct winsize ws = { .ws_col = 80, .ws_row = 24 };
	int opt, expect = -1, status;
	const char *log_path = NULL;
	char *end;

	while ((opt = getopt(argc, argv, "+s:t:l:x:w:k:r:W:T:S:")) != -1) {
		switch (opt) {
		case 's':
			if (!parse_size(optarg, &ws))
				usage("invalid size");
			break;
		case 't':
			timeout_ms = strtol(optarg, &end, 10) * 1000;
			if (*end || timeout_ms <= 0)
				usage("invalid timeout");
			break;
		case 'l':
			log_path = optarg;
			break;
		case 'x':
			expect = strtol(optarg, &end, 10);
			if (*end || expect < 0 || expect > 255)
				usage("invalid exit status");
			break;
		case 'r': {
			struct winsize tmp;

			if (!parse_size(optarg, &tmp))
				usage("invalid size");
		}
			/* fall through */
		case 'w':
		case 'k':
		case 'W':
		case 'T':
		case 'S':
			if (nr_actions == MAX_ACTIONS)
				usage("too many actions");
			actions[nr_actions++] = (struct action){ opt, optarg };
			break;
		default:
			usage("invalid option");
		}
	}
	if (optind >= argc)
		usage("no program to run");

	if (log_path) {
		log_file = fopen(log_path, "we");
		if (!log_file) {
			fprintf(stderr, "ptydrive: %s: %s\n", log_path, strerror(errno));
			return 125;
		}
		setvbuf(log_file, NULL, _IONBF, 0);
	}

	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		fprintf(stderr, "ptydrive: forkpty: %s\n", strerror(errno));
		return 125;
	}
	if (child == 0) {
		execvp(argv[optind], &argv[optind]);
		fprintf(stderr, "ptydrive: %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}
	fcntl(master, F_SETFD, FD_CLOEXEC);

	for (unsigned int i = 0; i < nr_actions; i++) {
		const struct action *a = &actions[i];
		FILE *f;

		switch (a->op) {
		case 'w':
			wait_text(a->arg);
			break;
		case 'k':
			send_keys(a->arg);
			break;
		case 'r':
			resize(a->arg);
			break;
		case 'W':
			wait_file(a->arg);
			break;
		case 'T':
			f = fopen(a->arg, "we");
			if (!f || fclose(f)) {
				fprintf(stderr, "ptydrive: %s: %s\n", a->arg,
					strerror(errno));
				return 125;
			}
			break;
		case 'S': {
			long long until = now_ms() + atoi(a->arg);

			while (now_ms() < until)
				pump(until - now_ms() > 50 ? 50 : until - now_ms());
			break;
		}
		}
	}

	/* The program's exit, then whatever output is left. */
	{
		long long deadline = now_ms() + timeout_ms;

		while (child_status == -1) {
			if (now_ms() > deadline)
				give_up("waiting for %s to exit", argv[optind]);
			pump(50);
		}
		for (int i = 0; i < 10 && !master_eof; i++)
			pump(20);
	}

	status = WIFEXITED(child_status) ? WEXITSTATUS(child_status)
					 : 128 + WTERMSIG(child_status);
	if (expect >= 0 && status != expect) {
		fprintf(stderr, "ptydrive: %s exited %d, expected %d\n",
			argv[optind], status, expect);
		show_screen_tail();
		return 1;
	}
	return expect >= 0 ? 0 : status;
}
