// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz - a structure-aware fuzzer of the mvx ABI (kmod/uapi/mvx.h): every
 * ioctl of /dev/mvx and every mvx() operation, with requests that are
 * valid, nearly valid and wrong in one or several ways: sizes around
 * each published version, flags and padding, user pointers that are
 * NULL, unmapped, in the kernel, misaligned, read-only or that run into
 * an inaccessible page, and pids of processes that come and go while
 * several threads aim at them.
 *
 * usage: fuzz [-f] [-t SECONDS] [CALLS [THREADS [SEED]]]
 *   CALLS    calls to make (default $FUZZ_CALLS, else 20000)
 *   THREADS  threads making them (default $FUZZ_THREADS, else 4)
 *   SEED     seed of the choices (default $FUZZ_SEED, else the time):
 *            what the Ith call of thread T asks follows from it, and
 *            not from what the calls before it met; the races between
 *            threads and children do not
 *   -f       mark every fuzzing thread for fault injection (writes 1 to
 *            /proc/thread-self/make-it-fail once set up); its children
 *            inherit the mark (see tests/lib/faults.sh)
 *   -t       stop after SECONDS even if CALLS are not made yet
 *
 * What each call is (the names of the report):
 *   get_version, fd_list, session_start, session_status, session_ctl,
 *	monitor_info, monitor_read: the ioctls, on open files of /dev/mvx
 *	shared by the threads, private to one, revoked by rmmod or none;
 *	aimed at the fuzzer, its children (monitored or not, alive, exiting
 *	or exited), init, kthreadd, random and reaped pids; sessions that
 *	remap or duplicate, paused, resumed, ended, or left to the release
 *	of their file
 *   unknown_ioctl: numbers past the last, known ones with another size,
 *	direction or type, random ones (not those the VFS serves itself)
 *   mvx_register: descriptors with one to three things wrong, or none
 *	(EBUSY: the fuzzer has several threads, and never registers)
 *   mvx_return: MVX_CALL_RETURN outside an excursion, any action
 *   mvx_unknown_op: other operations, and 64-bit ones whose low half is
 *	REGISTER or RETURN
 *   open, close: of /dev/mvx, with any access mode, O_PATH included
 *   child_register: the registrations of children, nearly right first
 *   monitored_calls: mvx() and buffers in "[mvx]" from monitored children
 *
 * The verdict on the kernel is the console's (KASAN, lockdep, WARN: see
 * vm/boot): the fuzzer only counts what each operation returned, and
 * prints per operation the successes and errnos, then a last line
 *     fuzz: N calls, M distinct errnos: E1 E2 ...
 * It exits 0 when it ran to the end, 1 when it could not run (no
 * /dev/mvx that it may open although one exists, no memory to set up),
 * 2 on bad arguments.
 *
 * The children. Each thread keeps a few children that exit, execute
 * /bin/true or this program again (fuzz --child MODE MS SEED), fork,
 * spin or run threads; some register a monitor of their own first (a
 * few bytes of code that let every call run), so that the monitor
 * ioctls see active, awaiting and exited monitors. Monitored processes
 * pin kmvx (kmod/monitor.c): so that rmmod can succeed while the fuzzer
 * runs (tests/fuzz/fuzz.sh retries it), they are only made in the first
 * MON_WINDOW_MS of each second, and killed when it ends.
 *
 * Nothing here may crash on what the kernel writes: every buffer a
 * request or a pointer in it names lies in memory of its own (each
 * thread's arena, followed by an inaccessible guard larger than any
 * element the kernel writes), in memory the kernel cannot write (a
 * read-only view, the vDSO, this program's text), or outside the user
 * address space.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <mvx.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define DEV		"/dev/mvx"
#define MAX_THREADS	64
#define SLOTS		4	/* children per thread */
#define NSHARED		4	/* clients (open files of /dev/mvx) of all threads */
#define NPRIV		2	/* clients of one thread */
#define NSESS		8	/* sessions one thread keeps */
#define NSTALE		64	/* pids of children reaped lately */
#define NSPECIAL	8	/* [vdso], [vvar], [mvx] mappings */

/*
 * Descriptors the process keeps at fixed numbers: the one its children
 * keep (close_range() leaves them 0 to SINK_FD), and the one sessions on
 * the fuzzer itself may remap. Both are /dev/null, open for writing.
 */
#define SINK_FD		3
#define SELF_FD		4

#define MON_PAGES	4	/* data pages of a monitor descriptor */
#define MON_WINDOW_MS	600	/* of each second, when monitored children live */
#define CHILD_MAX_MS	20	/* longest a child spins */

#define ERRNO_SLOTS	4096	/* [0]: successes, [e]: errno e */

/* Each thread's arena: requests, then what the kernel fills, then a guard. */
#define REQ_ROOM	(MVX_STRUCT_SIZE_MAX + 8192)
#define OUT_ROOM	(MVX_MONITOR_READ_MAX + (256 << 10))
#define GUARD		(256 << 10)	/* more than any element the kernel writes */

enum fuzz_op {
	OP_VERSION,
	OP_FD_LIST,
	OP_SESSION_START,
	OP_SESSION_STATUS,
	OP_SESSION_CTL,
	OP_MONITOR_INFO,
	OP_MONITOR_READ,
	OP_BAD_IOCTL,
	OP_REGISTER,
	OP_RETURN,
	OP_UNKNOWN_CALL,
	OP_OPEN,
	OP_CLOSE,
	OP_CHILD_REGISTER,
	OP_MONITORED,
	NR_OPS
};

static const char *const op_names[NR_OPS] = {
	[OP_VERSION] = "get_version",
	[OP_FD_LIST] = "fd_list",
	[OP_SESSION_START] = "session_start",
	[OP_SESSION_STATUS] = "session_status",
	[OP_SESSION_CTL] = "session_ctl",
	[OP_MONITOR_INFO] = "monitor_info",
	[OP_MONITOR_READ] = "monitor_read",
	[OP_BAD_IOCTL] = "unknown_ioctl",
	[OP_REGISTER] = "mvx_register",
	[OP_RETURN] = "mvx_return",
	[OP_UNKNOWN_CALL] = "mvx_unknown_op",
	[OP_OPEN] = "open",
	[OP_CLOSE] = "close",
	[OP_CHILD_REGISTER] = "child_register",
	[OP_MONITORED] = "monitored_calls",
};

/* Calls that the uapi header says fail, whatever their arguments. */
static const char *const must_fail[NR_OPS] = {
	[OP_REGISTER] = "a registration in a multi-threaded process",
	[OP_RETURN] = "MVX_CALL_RETURN outside an excursion",
	[OP_UNKNOWN_CALL] = "an unknown operation, or one in a multi-threaded process",
	[OP_MONITORED] = "mvx() or the monitor's memory outside an excursion",
};

/* In shared memory: children count what they do too. */
struct stats {
	unsigned long n[NR_OPS][ERRNO_SLOTS];
	unsigned long forked, monitored, fork_failed, killed;
};

/*
 * A child of a thread, which the other threads aim at. @pid is > 0 while
 * the child is unreaped, -pid while its owner is about to reap it, 0 for
 * none. A thread that starts a session on the child holds @busy, so that
 * the pid cannot be reaped and given to another process meanwhile: the
 * holder increments @busy, then reads @pid again; the owner stores -pid,
 * then reads @busy (both sequentially consistent).
 */
struct slot {
	int pid;
	int busy;
	int mon;	/* the child registers a monitor */
	int killed;	/* owner only */
};

/* The memory a monitor descriptor names: one code page, MON_PAGES of data. */
struct mon {
	unsigned char *code;
	unsigned char *data;
};

/* Entry points in the code page: each ends the excursion in its own way. */
enum stub { STUB_EXECUTE, STUB_KILL, STUB_BAD_ACTION, STUB_INT3, NR_STUBS };
static const unsigned int stub_off[NR_STUBS] = { 0, 64, 128, 200 };

struct sess {
	int fd;		/* the client */
	int priv;	/* index of the private client it is on, or -1 */
	int dest_priv;	/* index of the private client it writes to, or -1 */
	uint32_t id;
};

struct ctx {
	int idx;
	pthread_t thread;
	pid_t tid;
	unsigned long calls;	/* made so far, for the progress lines */
	uint64_t seed;		/* of the thread */
	uint64_t rng;
	unsigned int spin_ms;	/* of a thread of a child image */
	unsigned char *arena;	/* REQ_ROOM + OUT_ROOM, then GUARD */
	unsigned char *ro_w;	/* one page, and a read-only view of it */
	unsigned char *ro_r;
	struct mon mon;
	int priv[NPRIV];
	int memfd;		/* a destination */
	struct sess sess[NSESS];
	int nsess;
	int revoked_shared;	/* clients to open again after the call, or -1 */
	int revoked_priv;
	uint64_t rsize;		/* record area size an answer reported last */
	struct slot *slots;
	int ok;
};

struct place {
	uint64_t addr;		/* what the call gets */
	unsigned char *fill;	/* where the request is written, or NULL */
	size_t room;		/* bytes writable at @fill */
};

static struct stats *stats;
static struct ctx ctxs[MAX_THREADS];
static struct slot slot_table[MAX_THREADS * SLOTS];
static int shared_dev[NSHARED];
static int stale[NSTALE];
static unsigned int stale_pos;
static unsigned long ncalls, done_calls;
static int nthreads;
static int marked, fault_mode, timed_out, finished;
static uint64_t deadline_ms;
static long pg;
static pid_t self_pid;
static int pid_max = 32768;
static int rdonly_fd = -1;
static unsigned char *big;	/* PROT_NONE, for ranges too large */
static uint64_t big_size;
static struct { uint64_t start, end; } special[NSPECIAL];
static int nspecial;

/* Keeps the compiler from dropping or merging memory accesses around it. */
static inline void barrier(void)
{
	__asm__ __volatile__("" : : : "memory");
}

/* xorshift64* */
static uint64_t rnd64(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/* splitmix64: seeds of the streams, from the seed */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return (x ^ (x >> 31)) | 1;
}

static uint32_t rnd(struct ctx *c, uint32_t n)
{
	return n ? (uint32_t)(rnd64(&c->rng) >> 32) % n : 0;
}

static bool chance(struct ctx *c, unsigned int percent)
{
	return rnd(c, 100) < percent;
}

static const uint64_t boundaries[] = {
	0, 1, 2, 3, 4, 7, 8, 15, 16, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000,
	0x1001, 0x7fff, 0x8000, 0xffff, 0x10000, 0x10001, 0x7fffffff,
	0x80000000, 0xffffffff, 0x100000000ULL, 0x7fffffffffffULL,
	0x800000000000ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
	0xfffffffffffffff8ULL, 0xffffffffffffffffULL,
};

/* A boundary value, or random bits of a random width. */
static uint64_t interesting(struct ctx *c)
{
	if (chance(c, 60))
		return boundaries[rnd(c, ARRAY_SIZE(boundaries))];
	return rnd64(&c->rng) >> rnd(c, 64);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool mon_window(void)
{
	return now_ms() % 1000 < MON_WINDOW_MS;
}

static void note(enum fuzz_op op, long ret, int err)
{
	int e = 0;

	if (!stats)
		return;
	if (ret < 0)
		e = err > 0 && err < ERRNO_SLOTS ? err : ERRNO_SLOTS - 1;
	__atomic_fetch_add(&stats->n[op][e], 1, __ATOMIC_RELAXED);
}

/* note() of a call's result: errno is read once the call has returned. */
static long noted(enum fuzz_op op, long ret)
{
	note(op, ret, errno);
	return ret;
}

static void count(unsigned long *counter)
{
	if (stats)
		__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

/* Where a request or a buffer goes, and what address the call gets. */
enum ptr_kind {
	P_GOOD, P_MISALIGNED, P_PAGE_END, P_READ_ONLY, P_NULL, P_LOW,
	P_GUARD, P_TASK_END, P_NONCANONICAL, P_KERNEL_DIRECT, P_KERNEL_TEXT,
	P_VSYSCALL, P_ALL_ONES, P_SPECIAL, P_TEXT, NR_PTR_KINDS
};

/*
 * @need is the size the request claims, for P_PAGE_END to cut it; @out
 * says the kernel fills the buffer (FD_LIST entries, MONITOR_READ's
 * buffer): its good place is the large region.
 */
static struct place pick_place(struct ctx *c, size_t need, bool out)
{
	unsigned char *req = c->arena, *outbuf = c->arena + REQ_ROOM;
	unsigned char *end = c->arena + REQ_ROOM + OUT_ROOM;
	struct place p = { 0 };
	int kind = P_GOOD;
	size_t k;

	if (out)
		req = outbuf;
	if (!chance(c, 70))
		kind = 1 + rnd(c, NR_PTR_KINDS - 1);
	switch (kind) {
	case P_GOOD:
		p.fill = req;
		break;
	case P_MISALIGNED:
		p.fill = req + 1 + rnd(c, 7);
		break;
	case P_PAGE_END:
		/* Starts in the last page before the guard, and runs into it. */
		k = rnd(c, 3) ? 1 + rnd(c, need ? need : 8) : 1 + rnd(c, 8);
		if (k > (size_t)pg)
			k = pg;
		p.fill = end - k;
		p.room = k;
		break;
	case P_READ_ONLY:
		k = need < (size_t)pg ? rnd(c, pg - need + 1) & ~7UL : 0;
		p.fill = c->ro_w + k;
		p.room = pg - k;
		p.addr = (uintptr_t)(c->ro_r + k);
		return p;
	case P_NULL:
		return p;
	case P_LOW:
		p.addr = rnd(c, 2) ? 8 : 0x1000 - rnd(c, 8);
		return p;
	case P_GUARD:
		p.addr = (uintptr_t)end + rnd(c, GUARD / 2);
		return p;
	case P_TASK_END:
		p.addr = 0x7ffffffff000ULL - rnd(c, 16);
		return p;
	case P_NONCANONICAL:
		p.addr = rnd(c, 2) ? 0x800000000000ULL : 0x8000000000000000ULL;
		return p;
	case P_KERNEL_DIRECT:
		p.addr = 0xffff888000000000ULL + rnd(c, 2) * pg;
		return p;
	case P_KERNEL_TEXT:
		p.addr = 0xffffffff81000000ULL;
		return p;
	case P_VSYSCALL:
		p.addr = 0xffffffffff600000ULL;
		return p;
	case P_ALL_ONES:
		p.addr = ~0ULL - rnd(c, 8);
		return p;
	case P_SPECIAL:
		if (nspecial) {
			int i = rnd(c, nspecial);

			p.addr = special[i].start +
				 rnd(c, special[i].end - special[i].start);
			return p;
		}
		p.addr = 0;
		return p;
	case P_TEXT:
		p.addr = (uintptr_t)&pick_place;
		return p;
	}
	if (!p.room)
		p.room = end - p.fill;
	p.addr = (uintptr_t)p.fill;
	return p;
}

/*
 * Writes the @len bytes at @req to @p, then zeros up to @usize, the size
 * the request claims (the kernel wants the bytes it does not know zero),
 * and now and then one byte that is not. Nothing past @p->room.
 */
static void put_request(struct ctx *c, const struct place *p, const void *req,
			size_t len, uint32_t usize)
{
	size_t total = len, n;

	if (!p->fill)
		return;
	if (usize > len && usize <= MVX_STRUCT_SIZE_MAX)
		total = usize;
	n = total < p->room ? total : p->room;
	memset(p->fill, 0, n);
	memcpy(p->fill, req, len < n ? len : n);
	if (total > len && chance(c, 10)) {
		size_t off = len + rnd(c, total - len);

		if (off < n)
			p->fill[off] = 1 + rnd(c, 255);
	}
}

/* A size for a request whose versions are @ver[0] < ... < @ver[n - 1]. */
static uint32_t pick_size(struct ctx *c, const uint32_t *ver, int n)
{
	switch (rnd(c, 20)) {
	case 0:
		return ver[rnd(c, n)];
	case 1:
		return ver[rnd(c, n)] + 1;
	case 2:
		return ver[0] - 1;
	case 3:
		return rnd(c, 9);
	case 4:
		return pg;
	case 5:
		return MVX_STRUCT_SIZE_MAX;
	case 6:
		return MVX_STRUCT_SIZE_MAX + 1;
	case 7:
		return (uint32_t)boundaries[20 + rnd(c, 4)];
	case 8:
		return ver[n - 1] + 8 * (1 + rnd(c, 8));
	case 9:
		return ver[0] - 8 + rnd(c, MVX_STRUCT_SIZE_MAX - ver[0] + 9);
	default:
		return ver[n - 1];
	}
}

/*
 * Changes what the request says in one random place: a field or a bit,
 * anywhere but the size (which pick_size() chose).
 */
static void mutate_bytes(struct ctx *c, void *req, size_t len)
{
	unsigned char *b = req;
	size_t off;

	off = 4 + rnd(c, len - 4);
	if (rnd(c, 2)) {
		b[off] ^= 1 << rnd(c, 8);
	} else {
		uint64_t v = interesting(c);

		off &= ~3UL;
		memcpy(b + off, &v, len - off < 8 ? len - off : 8);
	}
}

/* Now and then. */
static void mutate(struct ctx *c, void *req, size_t len)
{
	if (len > 8 && chance(c, 15))
		mutate_bytes(c, req, len);
}

/* --- the clients: open files of /dev/mvx --- */

static int open_flags(struct ctx *c)
{
	static const int flags[] = {
		O_RDWR | O_CLOEXEC, O_RDWR | O_CLOEXEC, O_RDWR | O_CLOEXEC,
		O_RDONLY | O_CLOEXEC, O_WRONLY | O_CLOEXEC,
		O_RDWR | O_NONBLOCK | O_CLOEXEC, O_PATH | O_CLOEXEC,
	};

	return flags[rnd(c, ARRAY_SIZE(flags))];
}

static int dev_open(struct ctx *c)
{
	int fd = open(DEV, c ? open_flags(c) : O_RDWR | O_CLOEXEC);

	note(OP_OPEN, fd, errno);
	return fd;
}

static void dev_close(int fd)
{
	if (fd >= 0)
		noted(OP_CLOSE, close(fd));
}

/* Forgets the sessions that lived on @fd, a client now closed. */
static void sess_forget_fd(struct ctx *c, int fd)
{
	int i;

	for (i = 0; i < c->nsess; )
		if (c->sess[i].fd == fd)
			c->sess[i] = c->sess[--c->nsess];
		else
			i++;
}

struct dev {
	int fd;
	int shared;	/* index in shared_dev, or -1 */
	int priv;	/* index in c->priv, or -1 */
};

static struct dev pick_dev(struct ctx *c)
{
	struct dev d = { -1, -1, -1 };
	uint32_t r = rnd(c, 100);

	if (r < 65) {
		d.shared = rnd(c, NSHARED);
		d.fd = __atomic_load_n(&shared_dev[d.shared], __ATOMIC_RELAXED);
	} else if (r < 95) {
		d.priv = rnd(c, NPRIV);
		d.fd = c->priv[d.priv];
	} else {
		static const int junk[] = { -1, SINK_FD, 1 << 20, INT_MAX };

		d.fd = rnd(c, 5) ? junk[rnd(c, 4)] : rdonly_fd;
	}
	return d;
}

static bool end_session(struct ctx *c, int i);

/*
 * Closes private client @k and opens it again, after ending every
 * session that lives on it or writes to it: a session holds its
 * destination, so one that wrote to the file of its own client would
 * keep that client from ever being released.
 */
static void reopen_priv(struct ctx *c, int k)
{
	int i, tries;

	for (tries = 0; tries < 3; tries++) {
		bool left = false;

		for (i = 0; i < c->nsess; ) {
			if (c->sess[i].priv != k && c->sess[i].dest_priv != k)
				i++;
			else if (!end_session(c, i))
				left = true, i++;
		}
		if (!left)
			break;
	}
	if (tries == 3)
		return;		/* a target that does not run: later */
	sess_forget_fd(c, c->priv[k]);
	dev_close(c->priv[k]);
	c->priv[k] = dev_open(c);
}

static void reopen_shared(struct ctx *c, int k)
{
	int fd = dev_open(c), old;

	old = __atomic_exchange_n(&shared_dev[k], fd, __ATOMIC_SEQ_CST);
	sess_forget_fd(c, old);
	dev_close(old);
}

/*
 * A client that the module revoked when it was unloaded answers ENODEV,
 * and one that could not be opened (while kmvx was away) EBADF: it is
 * opened again after the call (not during it: the call's caller still
 * looks at its sessions); after EBADF only now and then, as kmvx may
 * still be away.
 */
static void reopen_revoked(struct ctx *c)
{
	if (c->revoked_shared >= 0)
		reopen_shared(c, c->revoked_shared);
	if (c->revoked_priv >= 0)
		reopen_priv(c, c->revoked_priv);
	c->revoked_shared = c->revoked_priv = -1;
}

/* --- pids --- */

enum trust {
	T_INVALID,	/* no process can have it */
	T_SELF,		/* the fuzzer */
	T_CHILD,	/* a child held unreaped (struct slot) */
	T_FOREIGN,	/* anything else: may be any process of the system */
};

struct target {
	pid_t pid;
	enum trust trust;
	struct slot *held;
};

static void remember_stale(pid_t pid)
{
	unsigned int i = __atomic_fetch_add(&stale_pos, 1, __ATOMIC_RELAXED);

	__atomic_store_n(&stale[i % NSTALE], pid, __ATOMIC_RELAXED);
}

/*
 * A child of any thread, preferably one with a monitor when @want_mon.
 * With @hold, the child stays unreaped until release_target().
 */
static bool pick_child(struct ctx *c, struct target *t, bool hold, bool want_mon)
{
	int n = nthreads * SLOTS, tries;

	for (tries = 0; tries < 6; tries++) {
		struct slot *s = &slot_table[rnd(c, n)];
		int pid = __atomic_load_n(&s->pid, __ATOMIC_SEQ_CST);

		if (want_mon && tries < 4 && !__atomic_load_n(&s->mon, __ATOMIC_RELAXED))
			continue;
		if (pid <= 0)
			continue;
		if (hold) {
			__atomic_fetch_add(&s->busy, 1, __ATOMIC_SEQ_CST);
			if (__atomic_load_n(&s->pid, __ATOMIC_SEQ_CST) != pid) {
				__atomic_fetch_sub(&s->busy, 1, __ATOMIC_SEQ_CST);
				continue;
			}
			t->held = s;
		}
		t->pid = pid;
		t->trust = T_CHILD;
		return true;
	}
	return false;
}

static struct target pick_pid(struct ctx *c, bool hold, bool want_mon)
{
	struct target t = { 0, T_FOREIGN, NULL };
	uint32_t r = rnd(c, 100);

	if (r < 45 && pick_child(c, &t, hold, want_mon))
		return t;
	if (r < 55) {
		t.pid = self_pid;
		t.trust = T_SELF;
	} else if (r < 60) {
		/* Foreign for sessions: a thread gone may leave its id to anyone. */
		t.pid = __atomic_load_n(&ctxs[rnd(c, nthreads)].tid, __ATOMIC_RELAXED);
	} else if (r < 64) {
		t.pid = getppid();
	} else if (r < 67) {
		t.pid = 1 + rnd(c, 2);	/* init, kthreadd */
	} else if (r < 76) {
		t.pid = __atomic_load_n(&stale[rnd(c, NSTALE)], __ATOMIC_RELAXED);
		if (t.pid <= 0)
			t.trust = T_INVALID;
	} else if (r < 84) {
		t.pid = 1 + rnd(c, pid_max - 1);
	} else {
		static const pid_t bad[] = { 0, -1, INT_MIN, INT_MAX, -2 };

		t.trust = T_INVALID;
		switch (rnd(c, 4)) {
		case 0:
			t.pid = pid_max + rnd(c, 2);	/* ESRCH */
			break;
		case 1:
			t.pid = -self_pid;
			break;
		default:
			t.pid = bad[rnd(c, 5)];
		}
		if (t.pid > 0)
			t.trust = T_FOREIGN;
	}
	return t;
}

static void release_target(struct target *t)
{
	if (t->held)
		__atomic_fetch_sub(&t->held->busy, 1, __ATOMIC_SEQ_CST);
	t->held = NULL;
}

/* --- ioctls --- */

static long do_ioctl(struct ctx *c, enum fuzz_op op, const struct dev *d,
		     unsigned long cmd, uint64_t arg)
{
	long ret = ioctl(d->fd, cmd, (void *)(uintptr_t)arg);
	int err = errno;

	note(op, ret, err);
	if (ret == -1 && (err == ENODEV || (err == EBADF && d->fd < 0 && chance(c, 12)))) {
		if (d->shared >= 0)
			c->revoked_shared = d->shared;
		if (d->priv >= 0)
			c->revoked_priv = d->priv;
	}
	errno = err;
	return ret;
}

static void op_version(struct ctx *c)
{
	static const uint32_t ver[] = { MVX_VERSION_SIZE_VER0 };
	struct mvx_version v;
	struct dev d = pick_dev(c);
	struct place p;

	memset(&v, 0, sizeof(v));
	v.size = pick_size(c, ver, 1);
	if (chance(c, 10))
		v.api_version = interesting(c);
	mutate(c, &v, sizeof(v));
	p = pick_place(c, v.size, false);
	put_request(c, &p, &v, sizeof(v), v.size);
	do_ioctl(c, OP_VERSION, &d, MVX_IOC_GET_VERSION, p.addr);
}

static uint32_t pick_entry_size(struct ctx *c)
{
	static const uint32_t sizes[] = {
		MVX_FD_ENTRY_SIZE_VER0 - 1, MVX_FD_ENTRY_SIZE_VER0 + 1,
		MVX_FD_ENTRY_SIZE_VER0 + 8, 0, 4096, MVX_STRUCT_SIZE_MAX,
		MVX_STRUCT_SIZE_MAX + 1, 0xffffffff, 8192 + 8,
	};

	if (chance(c, 60))
		return MVX_FD_ENTRY_SIZE_VER0;
	return sizes[rnd(c, ARRAY_SIZE(sizes))];
}

static uint32_t pick_count(struct ctx *c)
{
	static const uint32_t counts[] = {
		0, 1, 2, MVX_FD_LIST_MAX, MVX_FD_LIST_MAX + 1, 0xffffffff, 0x80000000,
	};

	if (chance(c, 50))
		return 1 + rnd(c, 64);
	return counts[rnd(c, ARRAY_SIZE(counts))];
}

static void op_fd_list(struct ctx *c)
{
	static const uint32_t ver[] = { MVX_FD_LIST_SIZE_VER0 };
	struct target t = pick_pid(c, false, false);
	struct dev d = pick_dev(c);
	struct mvx_fd_list req;
	struct place p, e;

	memset(&req, 0, sizeof(req));
	req.size = pick_size(c, ver, 1);
	req.flags = chance(c, 5) ? 1U << rnd(c, 32) : 0;
	req.pid = t.pid;
	req.entry_size = pick_entry_size(c);
	req.count = pick_count(c);
	req.total = chance(c, 20) ? (uint32_t)interesting(c) : 0;
	e = pick_place(c, req.entry_size, true);
	req.entries = e.addr;
	mutate(c, &req, sizeof(req));
	p = pick_place(c, req.size, false);
	put_request(c, &p, &req, sizeof(req), req.size);
	do_ioctl(c, OP_FD_LIST, &d, MVX_IOC_FD_LIST, p.addr);
}

/* A descriptor of the fuzzer that a session may write to. */
static int pick_dest(struct ctx *c, const struct dev *d, int *dest_priv)
{
	uint32_t r = rnd(c, 100);

	*dest_priv = -1;
	if (r < 35)
		return SINK_FD;
	if (r < 60)
		return c->memfd;
	if (r < 70)
		return rdonly_fd;			/* EBADF */
	if (r < 85 && d->priv >= 0) {
		/* A file of /dev/mvx: only a private client's (see reopen_priv()). */
		*dest_priv = rnd(c, NPRIV);
		return c->priv[*dest_priv];
	}
	return rnd(c, 2) ? -1 : 1 << 20;
}

static int pick_bad_fd(struct ctx *c)
{
	static const int bad[] = { -1, INT_MIN, 1 << 20, INT_MAX, 1000 };

	return bad[rnd(c, 5)];
}

/* Ends session @i with a well-formed request. Returns whether it is gone. */
static bool end_session(struct ctx *c, int i)
{
	struct mvx_session_ctl ctl = {
		.size = sizeof(ctl),
		.id = c->sess[i].id,
		.op = MVX_SESSION_END,
	};
	struct dev d = { c->sess[i].fd, -1, c->sess[i].priv };
	long ret;
	int err;

	memcpy(c->arena, &ctl, sizeof(ctl));
	ret = ioctl(d.fd, MVX_IOC_SESSION_CTL, c->arena);
	err = errno;
	note(OP_SESSION_CTL, ret, err);
	/* ETIMEDOUT and EINTR leave the session; the rest cannot get better. */
	if (ret == -1 && (err == ETIMEDOUT || err == EINTR))
		return false;
	c->sess[i] = c->sess[--c->nsess];
	return true;
}

static void op_session_start(struct ctx *c)
{
	static const uint32_t ver[] = { MVX_SESSION_START_SIZE_VER0 };
	struct mvx_session_start req;
	struct dev d = pick_dev(c);
	struct target t;
	struct place p;
	int dest_priv;
	long ret;

	if (c->nsess == NSESS && !end_session(c, rnd(c, NSESS)))
		return;
	t = pick_pid(c, true, false);
	memset(&req, 0, sizeof(req));
	req.size = pick_size(c, ver, 1);
	req.pid = t.pid;
	req.mode = rnd(c, 2) ? MVX_SESSION_REMAP : MVX_SESSION_DUP;
	if (chance(c, 8))
		req.mode = (uint32_t)interesting(c);
	req.dest_fd = pick_dest(c, &d, &dest_priv);
	req.id = chance(c, 20) ? (uint32_t)interesting(c) : 0;
	req.flags = chance(c, 4) ? 1U << rnd(c, 32) : 0;
	req.__pad = chance(c, 4) ? (uint32_t)interesting(c) : 0;

	/*
	 * What a session may aim at. Never a descriptor that could hold a
	 * file of /dev/mvx (a session holds its target's file, and one on
	 * its own client's file would never be released): the children's
	 * 0 to SINK_FD (they closed the rest), SELF_FD of the fuzzer (only a
	 * session puts something else there, and a second session on it is
	 * refused). Never a remap of a process that is not the fuzzer's:
	 * it would take the harness's output away; a duplicate to
	 * /dev/null costs it nothing.
	 */
	switch (t.trust) {
	case T_CHILD:
		req.fd = chance(c, 85) ? (int)rnd(c, SINK_FD + 1) : pick_bad_fd(c);
		break;
	case T_SELF:
		if (chance(c, 70)) {
			req.fd = SELF_FD;
		} else if (chance(c, 50)) {
			req.fd = rnd(c, SINK_FD + 1);
			if (req.mode == MVX_SESSION_REMAP)
				req.mode = MVX_SESSION_DUP;
		} else {
			req.fd = pick_bad_fd(c);
		}
		break;
	case T_FOREIGN:
		req.fd = rnd(c, SINK_FD + 1);
		if (req.mode == MVX_SESSION_REMAP)
			req.mode = MVX_SESSION_DUP;
		req.dest_fd = SINK_FD;
		dest_priv = -1;
		if (chance(c, 30)) {
			if (rnd(c, 2))
				req.fd = pick_bad_fd(c);
			else
				req.flags |= 1;
		}
		break;
	case T_INVALID:
		req.fd = chance(c, 50) ? (int)rnd(c, 8) : pick_bad_fd(c);
		break;
	}
	/* A session that writes to /dev/mvx must be known, to be ended. */
	p = dest_priv >= 0 ? (struct place){ (uintptr_t)c->arena, c->arena, REQ_ROOM } :
			     pick_place(c, req.size, false);
	put_request(c, &p, &req, sizeof(req), req.size);
	ret = do_ioctl(c, OP_SESSION_START, &d, MVX_IOC_SESSION_START, p.addr);
	release_target(&t);
	if (ret == 0) {
		struct sess *s = &c->sess[c->nsess++];

		s->fd = d.fd;
		s->priv = d.priv;
		s->dest_priv = dest_priv;
		s->id = 0;
		if (p.fill && p.room >= offsetof(struct mvx_session_start, __pad))
			memcpy(&s->id, p.fill + offsetof(struct mvx_session_start, id),
			       sizeof(s->id));
	}
}

/* A session of this thread, or a guess: client and id. */
static int pick_session(struct ctx *c, struct dev *d, uint32_t *id)
{
	if (c->nsess && chance(c, 80)) {
		int i = rnd(c, c->nsess);

		d->fd = c->sess[i].fd;
		d->shared = -1;
		d->priv = c->sess[i].priv;
		*id = c->sess[i].id;
		if (chance(c, 5))
			*id += 1;
		return i;
	}
	*d = pick_dev(c);
	*id = chance(c, 60) ? 1 + rnd(c, 64) : (uint32_t)interesting(c);
	return -1;
}

static void op_session_status(struct ctx *c)
{
	static const uint32_t ver[] = { MVX_SESSION_STATUS_SIZE_VER0 };
	struct mvx_session_status req;
	struct place p;
	struct dev d;
	uint32_t id;
	long ret;
	int i = pick_session(c, &d, &id);

	memset(&req, 0, sizeof(req));
	if (chance(c, 20))
		memset(&req, 0xa5, sizeof(req));	/* outputs: the kernel overwrites them */
	req.size = pick_size(c, ver, 1);
	req.id = id;
	req.__pad = chance(c, 5) ? (uint32_t)interesting(c) : 0;
	mutate(c, &req, sizeof(req));
	p = pick_place(c, req.size, false);
	put_request(c, &p, &req, sizeof(req), req.size);
	ret = do_ioctl(c, OP_SESSION_STATUS, &d, MVX_IOC_SESSION_STATUS, p.addr);
	if (i >= 0 && ret == -1 && req.id == c->sess[i].id &&
	    (errno == ENOENT || errno == EBADF || errno == ENOTTY || errno == ENODEV))
		c->sess[i] = c->sess[--c->nsess];
}

static void op_session_ctl(struct ctx *c)
{
	static const uint32_t ver[] = { MVX_SESSION_CTL_SIZE_VER0 };
	struct mvx_session_ctl req;
	struct place p;
	struct dev d;
	uint32_t id;
	long ret;
	int i = pick_session(c, &d, &id), err;

	memset(&req, 0, sizeof(req));
	req.size = pick_size(c, ver, 1);
	req.id = id;
	req.op = chance(c, 92) ? 1 + rnd(c, 3) : (uint32_t)interesting(c);
	req.__pad = chance(c, 5) ? (uint32_t)interesting(c) : 0;
	mutate(c, &req, sizeof(req));
	p = pick_place(c, req.size, false);
	put_request(c, &p, &req, sizeof(req), req.size);
	ret = do_ioctl(c, OP_SESSION_CTL, &d, MVX_IOC_SESSION_CTL, p.addr);
	err = errno;
	if (i < 0 || req.id != c->sess[i].id)
		return;
	/* Gone: ended here, by another thread, or with its client. */
	if ((ret == 0 && req.op == MVX_SESSION_END) ||
	    (ret == -1 && (err == ENOENT || err == EBADF || err == ENOTTY ||
			   err == ENODEV)))
		c->sess[i] = c->sess[--c->nsess];
}

static void op_monitor_info(struct ctx *c)
{
	static const uint32_t ver[] = {
		MVX_MONITOR_INFO_SIZE_VER0, MVX_MONITOR_INFO_SIZE_VER1,
	};
	struct target t = pick_pid(c, false, chance(c, 60));
	struct mvx_monitor_info req;
	struct dev d = pick_dev(c);
	struct place p;
	long ret;

	memset(&req, 0, sizeof(req));
	if (chance(c, 20))
		memset(&req, 0x5a, sizeof(req));	/* outputs */
	req.size = pick_size(c, ver, 2);
	req.pid = t.pid;
	req.__pad = chance(c, 4) ? (uint32_t)interesting(c) : 0;
	req.__pad2 = chance(c, 4) ? (uint32_t)interesting(c) : 0;
	mutate(c, &req, sizeof(req));
	p = pick_place(c, req.size, false);
	put_request(c, &p, &req, sizeof(req), req.size);
	ret = do_ioctl(c, OP_MONITOR_INFO, &d, MVX_IOC_MONITOR_INFO, p.addr);
	if (ret == 0 && p.fill == c->arena) {
		memcpy(&req, p.fill, sizeof(req));
		if (req.state == MVX_MON_ACTIVE || req.state == MVX_MON_EXITED)
			c->rsize = req.records_size;
	}
}

static void op_monitor_read(struct ctx *c)
{
	static const uint32_t ver[] = { MVX_MONITOR_READ_SIZE_VER0 };
	struct target t = pick_pid(c, false, chance(c, 75));
	uint64_t rsize = c->rsize ? c->rsize : (uint64_t)(MON_PAGES - 1) * pg;
	struct mvx_monitor_read req;
	struct dev d = pick_dev(c);
	struct place p, b;

	memset(&req, 0, sizeof(req));
	req.size = pick_size(c, ver, 1);
	req.pid = t.pid;
	switch (rnd(c, 8)) {
	case 0:
		req.offset = rsize - rnd(c, 2);
		break;
	case 1:
		req.offset = rsize + 1 + rnd(c, 8);
		break;
	case 2:
		req.offset = interesting(c);
		break;
	default:
		req.offset = rnd(c, 4) ? 0 : rnd(c, rsize) & ~7ULL;
	}
	switch (rnd(c, 8)) {
	case 0:
		req.len = rsize - req.offset + rnd(c, 2);
		break;
	case 1:
		req.len = MVX_MONITOR_READ_MAX + rnd(c, 2);
		break;
	case 2:
		req.len = (uint32_t)interesting(c);
		break;
	default:
		req.len = rnd(c, 4) ? 8 + 96 * rnd(c, 8) : rsize;
	}
	req.__pad = chance(c, 4) ? (uint32_t)interesting(c) : 0;
	b = pick_place(c, req.len, true);
	req.buf = b.addr;
	mutate(c, &req, sizeof(req));
	p = pick_place(c, req.size, false);
	put_request(c, &p, &req, sizeof(req), req.size);
	do_ioctl(c, OP_MONITOR_READ, &d, MVX_IOC_MONITOR_READ, p.addr);
}

/*
 * Whether @cmd is one that the VFS serves itself, before the driver sees
 * it (FIFREEZE would freeze devtmpfs): not to be sent.
 */
static bool vfs_cmd(unsigned int cmd)
{
	switch (_IOC_TYPE(cmd)) {
	case 0x00:	/* FIGETBSZ, FIBMAP */
	case 'T':	/* FIONREAD, FIOCLEX, FIONBIO, ... */
	case 'X':	/* FIFREEZE, FITHAW, FS_IOC_FS[GS]ETXATTR */
	case 'f':	/* FS_IOC_GETFLAGS, FS_IOC_FIEMAP, ... */
	case 0x94:	/* FICLONE, FIDEDUPERANGE */
	case 0x15:	/* FS_IOC_GETFSUUID, later kernels */
		return true;
	}
	return false;
}

static void op_bad_ioctl(struct ctx *c)
{
	static const unsigned int sizes[] = {
		0, 8, MVX_MONITOR_INFO_SIZE_VER1, MVX_MONITOR_DESC_SIZE_VER1,
		_IOC_SIZEMASK,
	};
	struct dev d = pick_dev(c);
	unsigned int nr = rnd(c, 7), cmd;
	struct place p;
	uint32_t word;

	switch (rnd(c, 6)) {
	case 0:		/* a number that does not exist yet */
		cmd = MVX_IOWR(7 + rnd(c, 249), sizeof(struct mvx_version));
		break;
	case 1:		/* a known number with another size */
		cmd = MVX_IOWR(nr, sizes[rnd(c, 5)]);
		break;
	case 2:		/* or another direction */
		cmd = _IOC(rnd(c, 3), MVX_IOC_MAGIC, nr, sizeof(struct mvx_version));
		break;
	case 3:		/* or another type */
		cmd = _IOC(_IOC_READ | _IOC_WRITE, 0xb7 + 2 * rnd(c, 2), nr,
			   sizeof(struct mvx_version));
		break;
	default:
		do
			cmd = rnd64(&c->rng) >> 32;
		while (vfs_cmd(cmd));
	}
	p = pick_place(c, 64, false);
	word = chance(c, 50) ? (uint32_t)interesting(c) : sizeof(struct mvx_version);
	put_request(c, &p, &word, sizeof(word), 64);
	do_ioctl(c, OP_BAD_IOCTL, &d, cmd, p.addr);
}

/* --- mvx() --- */

static long mvx_call(unsigned long op, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return syscall(MVX_NR_mvx, op, a1, a2, a3);
}

/* A descriptor the kernel would accept, of @m's memory. */
static void base_desc(const struct mon *m, struct mvx_monitor_desc *d, enum stub stub)
{
	memset(d, 0, sizeof(*d));
	d->size = sizeof(*d);
	d->entry = (uintptr_t)m->code + stub_off[stub];
	d->stack_top = (uintptr_t)m->data + pg;
	d->records = (uintptr_t)m->data + pg;
	d->records_size = (MON_PAGES - 1) * pg;
	d->nr_ranges = 2;
	d->ranges[0].start = (uintptr_t)m->data;
	d->ranges[0].end = (uintptr_t)m->data + MON_PAGES * pg;
	d->ranges[0].prot = PROT_READ | PROT_WRITE;
	d->ranges[1].start = (uintptr_t)m->code;
	d->ranges[1].end = (uintptr_t)m->code + pg;
	d->ranges[1].prot = PROT_READ | PROT_EXEC;
	d->log_head = d->records;
	d->log = d->records + 64;
	d->log_nrec = 16;
}

/*
 * Breaks (or, sometimes, only changes) one thing of a valid descriptor.
 * With @large, also ranges over the large PROT_NONE reservation and
 * random words anywhere: only for a caller that cannot be registered.
 */
static void mutate_desc(struct ctx *c, struct mvx_monitor_desc *d, bool large)
{
	struct mvx_range *r = &d->ranges[rnd(c, 2)];
	uint64_t data = d->ranges[0].start, code = d->ranges[1].start;
	uint64_t v;

	switch (rnd(c, large ? 27 : 24)) {
	case 0:
		d->flags = 1U << rnd(c, 32);
		break;
	case 1:
		d->__pad = interesting(c) | 1;
		break;
	case 2:
		d->__pad2 = interesting(c) | 1;
		break;
	case 3:
		d->nr_ranges = rnd(c, 2) ? 0 : 3 + rnd(c, 3);
		if (rnd(c, 4) == 0)
			d->nr_ranges = interesting(c);
		break;
	case 4:
		r->start += 1 + rnd(c, pg - 1);
		break;
	case 5:
		r->end -= 1 + rnd(c, pg - 1);
		break;
	case 6:
		v = r->start;
		r->start = r->end;
		r->end = rnd(c, 2) ? v : r->start;
		break;
	case 7:
		r->end = rnd(c, 2) ? 0x800000000000ULL : ~0ULL & ~(uint64_t)(pg - 1);
		break;
	case 8:		/* overlapping */
		d->ranges[2] = d->ranges[0];
		d->ranges[2].start += pg * rnd(c, MON_PAGES);
		d->nr_ranges = 3;
		break;
	case 9:		/* not mapped */
		d->ranges[2].start = 0x10000;
		d->ranges[2].end = 0x10000 + pg * (1 + rnd(c, 4));
		d->ranges[2].prot = PROT_READ;
		d->nr_ranges = 3;
		break;
	case 10:
		r->prot |= rnd(c, 2) ? 1U << (3 + rnd(c, 29)) : (uint32_t)interesting(c);
		break;
	case 11:
		r->__pad = interesting(c) | 1;
		break;
	case 12:	/* an unused entry not zero */
		d->ranges[3].start = rnd(c, 2) ? data : 0;
		d->ranges[3].prot = rnd(c, 2);
		d->ranges[3].end = d->ranges[3].prot ? 0 : pg;
		break;
	case 13:	/* valid: calls that run without an excursion */
		d->exempt[rnd(c, MVX_SYSCALL_MAX / 64)] = rnd64(&c->rng);
		d->exempt[MVX_NR_mvx / 64] &= ~(1ULL << (MVX_NR_mvx % 64));
		break;
	case 14:
		d->exempt[MVX_NR_mvx / 64] |= 1ULL << (MVX_NR_mvx % 64);
		break;
	case 15:
		switch (rnd(c, 4)) {
		case 0:
			d->entry = data + rnd(c, MON_PAGES * pg);
			break;
		case 1:
			d->entry = code + pg + rnd(c, 16);
			break;
		case 2:
			d->entry = interesting(c);
			break;
		default:
			d->entry = code - 1;
		}
		break;
	case 16:	/* valid, but it lands on int3 or mid-instruction */
		d->entry = code + rnd(c, pg);
		break;
	case 17:
		d->stack_top += 1 + rnd(c, 15);
		break;
	case 18:
		switch (rnd(c, 4)) {
		case 0:
			d->stack_top = code + pg;	/* below it not writable */
			break;
		case 1:
			d->stack_top = 16 * rnd(c, pg / 16);
			break;
		case 2:
			d->stack_top = data;		/* below it not mapped */
			break;
		default:
			d->stack_top = data + MON_PAGES * pg;	/* valid */
		}
		break;
	case 19:
		d->records_size = 0;
		break;
	case 20:
		switch (rnd(c, 5)) {
		case 0:
			d->records = data + MON_PAGES * pg;
			break;
		case 1:
			d->records_size = ~0ULL - rnd(c, 8);
			break;
		case 2:
			d->records_size = interesting(c);
			break;
		case 3:		/* valid: readable, not writable; the log goes */
			d->records = code;
			d->records_size = pg;
			d->log_nrec = 0;
			d->log = d->log_head = 0;
			break;
		default:
			d->records = data + rnd(c, MON_PAGES * pg);
		}
		break;
	case 21:
		switch (rnd(c, 5)) {
		case 0:
			d->log_nrec = 0;
			break;
		case 1:
			d->log_nrec = 3 + 2 * rnd(c, 100);
			break;
		case 2:
			d->log_nrec = MVX_LOG_RECORDS_MAX << rnd(c, 2);
			break;
		case 3:
			d->log_nrec = 1U << rnd(c, 32);
			break;
		default:	/* valid: no log at all */
			d->log_nrec = 0;
			d->log = d->log_head = 0;
		}
		break;
	case 22:
		d->log_head += rnd(c, 2) ? 1 + rnd(c, 7) : -8 * (uint64_t)(1 + rnd(c, 4));
		break;
	case 23:
		if (rnd(c, 2))
			d->log += 1 + rnd(c, 7);
		else
			d->log = rnd(c, 2) ? code : d->records + d->records_size - 8;
		break;
	case 24:	/* too large together (E2BIG), over PROT_NONE memory */
		d->ranges[2].start = (uintptr_t)big;
		switch (rnd(c, 4)) {
		case 0:
			v = (17 << 20);
			break;
		case 1:
			v = MVX_MONITOR_BYTES_MAX - (MON_PAGES + 1) * pg + pg;
			break;
		case 2:
			v = big_size;
			break;
		default:
			v = MVX_MONITOR_BYTES_MAX - (MON_PAGES + 1) * pg;	/* fits */
		}
		d->ranges[2].end = (uintptr_t)big + (v < big_size ? v : big_size);
		d->ranges[2].prot = PROT_READ;
		d->nr_ranges = 3;
		break;
	case 25:
		d->ranges[2].start = (uintptr_t)big;
		d->ranges[2].end = (uintptr_t)big + (9 << 20);
		d->ranges[3].start = (uintptr_t)big + (10 << 20);
		d->ranges[3].end = (uintptr_t)big + (19 << 20);
		d->ranges[2].prot = d->ranges[3].prot = PROT_READ;
		d->nr_ranges = 4;
		break;
	default:
		mutate_bytes(c, d, sizeof(*d));
	}
}

static void op_register(struct ctx *c)
{
	static const uint32_t ver[] = {
		MVX_MONITOR_DESC_SIZE_VER0, MVX_MONITOR_DESC_SIZE_VER1,
	};
	struct mvx_monitor_desc d;
	struct place p;
	int i, n = rnd(c, 4);

	/*
	 * The fuzzer never registers: a descriptor the kernel accepts gets
	 * EBUSY, since the process has more than one thread (main() waits
	 * in pthread_join() while the workers run).
	 */
	base_desc(&c->mon, &d, rnd(c, NR_STUBS));
	for (i = 0; i < n; i++)
		mutate_desc(c, &d, true);
	d.size = chance(c, 60) ? ver[rnd(c, 2)] : pick_size(c, ver, 2);
	p = pick_place(c, d.size, false);
	put_request(c, &p, &d, sizeof(d), d.size);
	noted(OP_REGISTER, mvx_call(MVX_CALL_REGISTER, p.addr, interesting(c), 0));
}

static void op_return(struct ctx *c)
{
	uint64_t action = chance(c, 70) ? rnd(c, 5) : interesting(c);

	noted(OP_RETURN, mvx_call(MVX_CALL_RETURN, action, interesting(c),
				 interesting(c)));
}

static void op_unknown_call(struct ctx *c)
{
	static const uint64_t ops[] = {
		0, 3, 4, 0xff, 0x7fffffff, 0x80000000, 0xffffffff,
		0x100000000ULL, 0xffffffff00000000ULL,
		/* the kernel takes 32 bits: these are REGISTER and RETURN */
		0x100000001ULL, 0xdead00000002ULL,
	};
	uint64_t op;
	struct place p;

	if (chance(c, 70)) {
		op = ops[rnd(c, ARRAY_SIZE(ops))];
	} else {
		do
			op = rnd64(&c->rng);
		while ((uint32_t)op == MVX_CALL_REGISTER || (uint32_t)op == MVX_CALL_RETURN);
	}
	p = pick_place(c, MVX_MONITOR_DESC_SIZE_VER1, false);
	if (p.fill)
		memset(p.fill, 0xff, p.room < 64 ? p.room : 64);
	noted(OP_UNKNOWN_CALL, mvx_call(op, p.addr, interesting(c), interesting(c)));
}

static void op_reopen(struct ctx *c)
{
	if (rnd(c, 2))
		reopen_shared(c, rnd(c, NSHARED));
	else
		reopen_priv(c, rnd(c, NPRIV));
}

/* --- children --- */

enum behaviour {
	B_EXIT, B_SPIN, B_EXEC_TRUE, B_EXEC_SPIN, B_EXEC_THREADS, B_FORK, B_SIGNAL,
	B_MON_SPIN, B_MON_FORK, B_MON_EXEC_TRUE, B_MON_EXEC_MON, B_MON_THREADS,
	B_MON_TOUCH, B_MON_CALLS, B_MON_EXIT, NR_BEHAVIOURS
};
#define B_FIRST_MON	B_MON_SPIN

/*
 * Runs for @ms, in user space and in system calls, writing to SINK_FD
 * now and then (duplicate sessions copy it); it sleeps too, so that the
 * fuzzing threads keep most of the CPU.
 */
static void spin(struct ctx *c, unsigned int ms)
{
	static const struct timespec nap = { 0, 200000 };
	static const char line[] = "a child writes\n";
	uint64_t end = now_ms() + ms;
	int writes = 0, x;

	while (now_ms() < end) {
		uint32_t r = rnd(c, 10);

		for (x = 0; x < 20000; x++)
			barrier();
		if (r < 3 && writes < 64) {
			/* A session may have put anything there. */
			if (write(SINK_FD, line, sizeof(line) - 1) < 0)
				writes = 64;
			writes++;
		} else if (r < 4) {
			getppid();
		} else if (r < 8) {
			nanosleep(&nap, NULL);
		}
	}
}

/* Maps @m: a code page of stubs, read and execute, and the data pages. */
static int mon_setup(struct mon *m)
{
	/*
	 * mov (%rdi),%r10; mov $511,%eax; mov $2,%edi; mov $ACTION,%esi;
	 * xor %edx,%edx; syscall; ud2
	 */
	static const unsigned char stub[] = {
		0x4c, 0x8b, 0x17, 0xb8, 0xff, 0x01, 0x00, 0x00, 0xbf, 0x02, 0x00,
		0x00, 0x00, 0xbe, 0x00, 0x00, 0x00, 0x00, 0x31, 0xd2, 0x0f, 0x05,
		0x0f, 0x0b,
	};
	static const unsigned char action[NR_STUBS] = {
		MVX_ACT_EXECUTE, MVX_ACT_KILL, 7,
	};
	int i;

	m->code = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	m->data = mmap(NULL, MON_PAGES * pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m->code == MAP_FAILED || m->data == MAP_FAILED)
		return -1;
	memset(m->code, 0xcc, pg);	/* int3 */
	for (i = 0; i < STUB_INT3; i++) {
		memcpy(m->code + stub_off[i], stub, sizeof(stub));
		m->code[stub_off[i] + 14] = action[i];
	}
	memset(m->data, 0, MON_PAGES * pg);
	return mprotect(m->code, pg, PROT_READ | PROT_EXEC);
}

/*
 * Registers a monitor of @m in the calling process, which must be
 * single-threaded; first, now and then, descriptors that are nearly
 * right. Returns whether it is monitored.
 */
static bool child_register(struct ctx *c, struct mon *m)
{
	struct mvx_monitor_desc d;
	int i, tries = rnd(c, 3);
	long ret;

	for (i = 0; i < tries; i++) {
		base_desc(m, &d, STUB_EXECUTE);
		mutate_desc(c, &d, false);
		if (chance(c, 20))
			d.size = MVX_MONITOR_DESC_SIZE_VER0 + rnd(c, 2) * 8;
		ret = mvx_call(MVX_CALL_REGISTER, (uintptr_t)&d, 0, 0);
		note(OP_CHILD_REGISTER, ret, errno);
		if (!ret)
			return true;
	}
	i = rnd(c, 100);
	base_desc(m, &d, i < 92 ? STUB_EXECUTE : i < 95 ? STUB_KILL :
			 i < 98 ? STUB_BAD_ACTION : STUB_INT3);
	ret = mvx_call(MVX_CALL_REGISTER, (uintptr_t)&d, 0, 0);
	note(OP_CHILD_REGISTER, ret, errno);
	return !ret;
}

/*
 * What a monitored process may not do with the ABI: mvx() from outside
 * an excursion, and requests and buffers in its monitor's memory, which
 * the kernel must refuse or fault on, not read.
 */
static void monitored_calls(struct ctx *c, struct mon *m)
{
	struct mvx_monitor_desc d;
	int dev = open(DEV, O_RDWR | O_CLOEXEC);
	int i;

	base_desc(m, &d, STUB_EXECUTE);
	noted(OP_MONITORED, mvx_call(MVX_CALL_REGISTER, (uintptr_t)&d, 0, 0));
	noted(OP_MONITORED, mvx_call(MVX_CALL_RETURN, MVX_ACT_EXECUTE, 0, 0));
	noted(OP_MONITORED, mvx_call(rnd(c, 8), 0, 0, 0));
	for (i = 0; i < 4; i++) {
		unsigned char *a = m->data + rnd(c, MON_PAGES * pg);

		if (rnd(c, 2))
			noted(OP_MONITORED, write(SINK_FD, a, 1 + rnd(c, 64)));
		else if (dev >= 0)
			noted(OP_MONITORED, ioctl(dev, MVX_IOC_MONITOR_INFO, a));
	}
	if (dev >= 0)
		close(dev);
}

/* Decimal digits of @v in @buf, of 24 bytes: no stdio after fork(). */
static char *utoa(uint64_t v, char *buf)
{
	char *p = buf + 23;

	*p = '\0';
	do
		*--p = '0' + v % 10;
	while (v /= 10);
	return p;
}

static void exec_self(const char *mode, unsigned int ms, uint64_t seed)
{
	char a[24], b[24];

	execl("/proc/self/exe", "fuzz", "--child", mode, utoa(ms, a), utoa(seed, b),
	      (char *)NULL);
}

static void fork_and_wait(struct ctx *c, unsigned int ms)
{
	pid_t g = fork();

	if (g == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (rnd(c, 3))
			spin(c, ms);
		else
			execl("/bin/true", "true", (char *)NULL);
		_exit(0);
	}
	spin(c, ms / 2);
	if (g > 0)
		waitpid(g, NULL, 0);
}

/* The life of a child forked by a fuzzing thread; stdio must not be used. */
static _Noreturn void child_main(struct ctx *c, enum behaviour b,
						  unsigned int ms, uint64_t seed)
{
	static const struct rlimit no_core = { 0, 0 };

	c->rng = seed | 1;
	/* Children that die of SIGSEGV and the like are the plan. */
	setrlimit(RLIMIT_CORE, &no_core);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != self_pid)
		_exit(0);
	/* The fuzzer's clients, memfds and SELF_FD: see op_session_start(). */
	close_range(SINK_FD + 1, ~0U, 0);

	if (b >= B_FIRST_MON && !child_register(c, &c->mon))
		b = B_SPIN;
	switch (b) {
	case B_EXIT:
		_exit(rnd(c, 256));
	case B_SPIN:
	case B_MON_SPIN:
		spin(c, ms);
		break;
	case B_EXEC_TRUE:
	case B_MON_EXEC_TRUE:
		execl("/bin/true", "true", (char *)NULL);
		break;
	case B_EXEC_SPIN:
		exec_self("spin", ms, seed);
		break;
	case B_EXEC_THREADS:
		exec_self("threads", ms, seed);
		break;
	case B_MON_EXEC_MON:
		exec_self("monitor", ms, seed);
		break;
	case B_MON_THREADS:
		exec_self("monthreads", ms, seed);
		break;
	case B_FORK:
	case B_MON_FORK:
		fork_and_wait(c, ms);
		break;
	case B_SIGNAL:
	case B_MON_EXIT:
		spin(c, ms / 4);
		if (rnd(c, 2))
			kill(getpid(), rnd(c, 2) ? SIGTERM : SIGUSR1);
		_exit(rnd(c, 256));
	case B_MON_TOUCH:
		/* Outside an excursion: SIGSEGV. */
		spin(c, ms / 4);
		c->mon.data[rnd(c, MON_PAGES * pg)] = 1;
		barrier();
		break;
	case B_MON_CALLS:
		monitored_calls(c, &c->mon);
		spin(c, ms / 2);
		break;
	default:
		break;
	}
	_exit(0);
}

static enum behaviour pick_behaviour(struct ctx *c)
{
	bool mon = chance(c, 40);	/* drawn whatever the time */

	if (mon && mon_window())
		return B_FIRST_MON + rnd(c, NR_BEHAVIOURS - B_FIRST_MON);
	return rnd(c, B_FIRST_MON);
}

static void spawn(struct ctx *c, struct slot *s)
{
	enum behaviour b = pick_behaviour(c);
	unsigned int ms = 1 + rnd(c, CHILD_MAX_MS);
	uint64_t seed = rnd64(&c->rng);
	pid_t pid;

	pid = fork();
	if (pid == 0)
		child_main(c, b, ms, seed);
	if (pid < 0) {
		count(&stats->fork_failed);
		return;
	}
	count(&stats->forked);
	if (b >= B_FIRST_MON)
		count(&stats->monitored);
	s->killed = 0;
	__atomic_store_n(&s->mon, b >= B_FIRST_MON, __ATOMIC_RELAXED);
	__atomic_store_n(&s->pid, pid, __ATOMIC_SEQ_CST);
}

/* Reaps the child of @s if it has exited and nobody holds it (@wait: do). */
static void reap_slot(struct slot *s, bool wait)
{
	int pid = __atomic_load_n(&s->pid, __ATOMIC_SEQ_CST);
	siginfo_t si;
	pid_t ret;

	if (!pid)
		return;
	if (pid > 0) {
		memset(&si, 0, sizeof(si));
		if (!wait && (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) ||
			      si.si_pid != pid))
			return;
		__atomic_store_n(&s->pid, -pid, __ATOMIC_SEQ_CST);
	} else {
		pid = -pid;
	}
	while (__atomic_load_n(&s->busy, __ATOMIC_SEQ_CST)) {
		if (!wait)
			return;
		sched_yield();
	}
	ret = waitpid(pid, NULL, wait ? 0 : WNOHANG);
	if (ret == pid || (ret < 0 && errno == ECHILD)) {
		__atomic_store_n(&s->mon, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&s->pid, 0, __ATOMIC_SEQ_CST);
		remember_stale(pid);
	}
}

static void kill_child(struct slot *s)
{
	int pid = __atomic_load_n(&s->pid, __ATOMIC_SEQ_CST);

	if (pid > 0 && !s->killed) {
		kill(pid, SIGKILL);
		s->killed = 1;
		count(&stats->killed);
	}
}

/*
 * Between calls: children that exited are reaped, monitored ones killed
 * once their window closes (they pin kmvx), some killed early, and empty
 * slots filled again.
 */
static void housekeeping(struct ctx *c)
{
	bool window = mon_window();
	int i;

	for (i = 0; i < SLOTS; i++) {
		struct slot *s = &c->slots[i];

		if ((!window && __atomic_load_n(&s->mon, __ATOMIC_RELAXED)) || chance(c, 2))
			kill_child(s);
		reap_slot(s, false);
		if (!__atomic_load_n(&s->pid, __ATOMIC_SEQ_CST) && chance(c, 25))
			spawn(c, s);
	}
	/* What sessions wrote there; a memfd that cannot shrink is dropped. */
	if (chance(c, 2) && c->memfd >= 0 && ftruncate(c->memfd, 0)) {
		close(c->memfd);
		c->memfd = -1;
	}
}

/* --- threads --- */

static int ctx_init(struct ctx *c)
{
	size_t size = REQ_ROOM + OUT_ROOM + GUARD;
	unsigned char *ro;
	int fd, i;

	c->tid = gettid();
	c->arena = mmap(NULL, size, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (c->arena == MAP_FAILED ||
	    mprotect(c->arena + REQ_ROOM + OUT_ROOM, GUARD, PROT_NONE))
		return -1;
	/* The read-only view, then an inaccessible page. */
	fd = memfd_create("fuzz-ro", MFD_CLOEXEC);
	ro = mmap(NULL, 2 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fd < 0 || ro == MAP_FAILED || ftruncate(fd, pg))
		return -1;
	c->ro_r = mmap(ro, pg, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
	c->ro_w = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (c->ro_r == MAP_FAILED || c->ro_w == MAP_FAILED || mon_setup(&c->mon))
		return -1;
	c->memfd = memfd_create("fuzz-dest", MFD_CLOEXEC);
	for (i = 0; i < NPRIV; i++)
		c->priv[i] = dev_open(NULL);
	c->slots = &slot_table[c->idx * SLOTS];
	c->revoked_shared = c->revoked_priv = -1;
	return 0;
}

static void ctx_fini(struct ctx *c)
{
	int i;

	while (c->nsess) {
		int n = c->nsess, tries;

		for (tries = 0; tries < 3 && c->nsess == n; tries++)
			end_session(c, n - 1);
		if (c->nsess == n)
			c->nsess--;	/* left to its client's release */
	}
	for (i = 0; i < NPRIV; i++)
		dev_close(c->priv[i]);
	for (i = 0; i < SLOTS; i++) {
		kill_child(&c->slots[i]);
		reap_slot(&c->slots[i], true);
	}
	if (c->memfd >= 0)
		close(c->memfd);
}

static void (*const op_fns[])(struct ctx *) = {
	op_version, op_fd_list, op_session_start, op_session_status,
	op_session_ctl, op_monitor_info, op_monitor_read, op_bad_ioctl,
	op_register, op_return, op_unknown_call, op_reopen,
};

/* Out of 1000, in op_fns's order. */
static const unsigned int op_weights[] = {
	30, 140, 160, 100, 110, 150, 130, 40, 80, 20, 20, 20,
};

/* Marks (@what "1") or unmarks the calling thread for fault injection. */
static int make_it_fail(const char *what)
{
	int fd = open("/proc/thread-self/make-it-fail", O_WRONLY | O_CLOEXEC);
	int ret = fd >= 0 && write(fd, what, 1) == 1 ? 0 : -1;

	if (fd >= 0)
		close(fd);
	return ret;
}

static void *worker(void *arg)
{
	struct ctx *c = arg;
	unsigned long i, quota;

	if (ctx_init(c)) {
		fprintf(stderr, "fuzz: thread %d: setup: %s\n", c->idx, strerror(errno));
		__atomic_fetch_add(&finished, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	if (fault_mode) {
		if (!make_it_fail("1"))
			__atomic_fetch_add(&marked, 1, __ATOMIC_RELAXED);
		else
			fprintf(stderr, "fuzz: thread %d: make-it-fail: %s\n",
				c->idx, strerror(errno));
	}
	c->ok = 1;
	/*
	 * A share of its own, and a stream of choices per call: what call I
	 * of thread T asks follows from the seed, whatever the calls before
	 * it met (races, children, earlier answers).
	 */
	quota = ncalls / nthreads + ((unsigned long)c->idx < ncalls % nthreads);
	for (i = 0; i < quota; i++) {
		unsigned int w, k = 0;

		c->rng = mix(c->seed + 2 * i + 1);
		reopen_revoked(c);
		if ((i & 15) == 15) {
			if (deadline_ms && now_ms() >= deadline_ms) {
				__atomic_store_n(&timed_out, 1, __ATOMIC_RELAXED);
				break;
			}
			housekeeping(c);
		}
		c->rng = mix(c->seed + 2 * i);
		__atomic_store_n(&c->calls, i, __ATOMIC_RELAXED);
		w = rnd(c, 1000);
		while (k < ARRAY_SIZE(op_weights) - 1 && w >= op_weights[k])
			w -= op_weights[k++];
		op_fns[k](c);
	}
	__atomic_fetch_add(&done_calls, i, __ATOMIC_RELAXED);
	/* Sessions that outlived a failed END would outlive the fuzzer. */
	if (fault_mode)
		make_it_fail("0");
	ctx_fini(c);
	__atomic_fetch_add(&finished, 1, __ATOMIC_RELAXED);
	return NULL;
}

/* --- setup and report --- */

static void find_special_mappings(void)
{
	char line[512], name[64];
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && fgets(line, sizeof(line), f) && nspecial < NSPECIAL) {
		unsigned long s, e;

		name[0] = '\0';
		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %63s", &s, &e, name) < 2)
			continue;
		if (!strcmp(name, "[vdso]") || !strcmp(name, "[vvar]") ||
		    !strcmp(name, "[mvx]")) {
			special[nspecial].start = s;
			special[nspecial].end = e;
			nspecial++;
		}
	}
	if (f)
		fclose(f);
}

/* SINK_FD and SELF_FD on /dev/null, 0 to 2 open: nothing else may be there. */
static int setup_fds(void)
{
	int fd, i;

	for (i = 0; i < 3; i++)
		if (fcntl(i, F_GETFD) < 0 && open("/dev/null", O_RDWR) != i)
			return -1;
	fd = open("/dev/null", O_WRONLY);
	if (fd < 0 || dup2(fd, SINK_FD) < 0 || dup2(fd, SELF_FD) < 0)
		return -1;
	if (fd != SINK_FD && fd != SELF_FD)
		close(fd);
	rdonly_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	return rdonly_fd < 0 ? -1 : 0;
}

static const char *errname(int e)
{
	static char buf[16];
	const char *n = strerrorname_np(e);

	if (n)
		return n;
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

static void report(void)
{
	unsigned long total = 0, seen[ERRNO_SLOTS] = { 0 };
	int op, e, distinct = 0;

	for (op = 0; op < NR_OPS; op++) {
		unsigned long n = 0;
		char line[2048];
		int len = 0;

		for (e = 0; e < ERRNO_SLOTS; e++) {
			unsigned long k = stats->n[op][e];

			if (!k)
				continue;
			n += k;
			if (e)
				seen[e] += k;
			if (len < (int)sizeof(line) - 64)
				len += snprintf(line + len, sizeof(line) - len, ", %s %lu",
						e ? errname(e) : "ok", k);
		}
		total += n;
		printf("fuzz: %-16s %8lu calls%s\n", op_names[op], n, n ? line : "");
	}
	printf("fuzz: children: %lu forked (%lu to be monitored), %lu killed, %lu forks failed\n",
	       stats->forked, stats->monitored, stats->killed, stats->fork_failed);
	if (fault_mode)
		printf("fuzz: fault injection: %d of %d threads marked\n", marked, nthreads);
	for (op = 0; op < NR_OPS; op++)
		if (must_fail[op] && stats->n[op][0])
			printf("fuzz: unexpected: %s succeeded %lu times: %s\n",
			       op_names[op], stats->n[op][0], must_fail[op]);
	if (timed_out)
		printf("fuzz: time limit: stopped after %lu of %lu calls\n", done_calls, ncalls);
	for (e = 1; e < ERRNO_SLOTS; e++)
		distinct += !!seen[e];
	printf("fuzz: %lu calls, %d distinct errnos:", total, distinct);
	for (e = 1; e < ERRNO_SLOTS; e++)
		if (seen[e])
			printf(" %s", errname(e));
	printf("\n");
}

/* fuzz --child MODE MS SEED: what a child runs after execve(). */
static void *image_spinner(void *arg)
{
	struct ctx *c = arg;

	spin(c, c->spin_ms);
	return NULL;
}

static int child_image(const char *mode, unsigned int ms, uint64_t seed)
{
	struct ctx *c = &ctxs[0];
	pthread_t t[2];
	int i, n = 0;

	pg = sysconf(_SC_PAGESIZE);
	c->rng = mix(seed);
	/* Not registered, it is still a target. */
	if (!strncmp(mode, "mon", 3) && !mon_setup(&c->mon))
		child_register(c, &c->mon);
	if (strstr(mode, "threads")) {
		for (i = 0; i < 2; i++) {
			ctxs[1 + i].rng = rnd64(&c->rng) | 1;
			ctxs[1 + i].spin_ms = ms;
			if (!pthread_create(&t[n], NULL, image_spinner, &ctxs[1 + i]))
				n++;
		}
	}
	spin(c, ms);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	return 0;
}

static unsigned long parse_number(const char *s, const char *what)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end) {
		fprintf(stderr, "fuzz: %s: '%s' is not a number\n", what, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *usage = "usage: fuzz [-f] [-t SECONDS] [CALLS [THREADS [SEED]]]\n";
	unsigned long seconds = 0;
	uint64_t seed;
	struct stat st;
	static const struct timespec nap = { 0, 10000000 };
	unsigned long next_progress;
	uint64_t start_ms;
	int opt, i, err, started = 0;
	FILE *f;

	if (argc == 5 && !strcmp(argv[1], "--child"))
		return child_image(argv[2], parse_number(argv[3], "ms"), parse_number(argv[4], "seed"));

	ncalls = getenv("FUZZ_CALLS") ? parse_number(getenv("FUZZ_CALLS"), "FUZZ_CALLS") : 20000;
	nthreads = getenv("FUZZ_THREADS") ? parse_number(getenv("FUZZ_THREADS"), "FUZZ_THREADS") : 4;
	seed = getenv("FUZZ_SEED") ? parse_number(getenv("FUZZ_SEED"), "FUZZ_SEED") :
	       (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	while ((opt = getopt(argc, argv, "ft:")) != -1) {
		switch (opt) {
		case 'f':
			fault_mode = 1;
			break;
		case 't':
			seconds = parse_number(optarg, "SECONDS");
			break;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (argc - optind > 3) {
		fputs(usage, stderr);
		return 2;
	}
	if (optind < argc)
		ncalls = parse_number(argv[optind], "CALLS");
	if (optind + 1 < argc)
		nthreads = parse_number(argv[optind + 1], "THREADS");
	if (optind + 2 < argc)
		seed = parse_number(argv[optind + 2], "SEED");
	if (nthreads < 1 || nthreads > MAX_THREADS) {
		fprintf(stderr, "fuzz: THREADS: 1 to %d\n", MAX_THREADS);
		return 2;
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	pg = sysconf(_SC_PAGESIZE);
	self_pid = getpid();
	if (setup_fds()) {
		perror("fuzz: /dev/null");
		return 1;
	}
	f = fopen("/proc/sys/kernel/pid_max", "r");
	if (f) {
		if (fscanf(f, "%d", &pid_max) != 1 || pid_max < 2)
			pid_max = 32768;
		fclose(f);
	}
	stats = mmap(NULL, sizeof(*stats), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	big_size = 8ULL << 30;
	big = mmap(NULL, big_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (big == MAP_FAILED) {
		big_size = 64 << 20;
		big = mmap(NULL, big_size, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	}
	if (stats == MAP_FAILED || big == MAP_FAILED) {
		perror("fuzz: mmap");
		return 1;
	}
	find_special_mappings();

	printf("fuzz: seed %llu, %lu calls, %d threads%s, /dev/mvx %s\n",
	       (unsigned long long)seed, ncalls, nthreads, fault_mode ? ", fault injection" : "",
	       stat(DEV, &st) ? "absent" : "present");
	/* A /dev/mvx that rmmod just took away is fine; one root may not open is not. */
	for (i = 0; i < NSHARED; i++) {
		shared_dev[i] = dev_open(NULL);
		if (shared_dev[i] < 0 && errno != ENOENT && errno != ENXIO && errno != ENODEV) {
			fprintf(stderr, "fuzz: " DEV ": %s\n", strerror(errno));
			return 1;
		}
	}

	if (seconds)
		deadline_ms = now_ms() + seconds * 1000;
	next_progress = ncalls >= 10 ? ncalls / 10 : ~0UL;
	/*
	 * A child killed while its own child lives leaves that one to the
	 * fuzzer, which reaps it, rather than to init. It becomes a child of
	 * this thread, the first of the process, which has no other.
	 */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	for (i = 0; i < nthreads; i++) {
		ctxs[i].idx = i;
		ctxs[i].seed = mix(seed) + ((uint64_t)i << 48);
		ctxs[i].rng = mix(ctxs[i].seed - 1);
		err = pthread_create(&ctxs[i].thread, NULL, worker, &ctxs[i]);
		if (err) {
			fprintf(stderr, "fuzz: pthread_create: %s\n", strerror(err));
			break;
		}
		started++;
	}
	start_ms = now_ms();
	while (__atomic_load_n(&finished, __ATOMIC_RELAXED) < started) {
		unsigned long sum = 0;

		while (waitpid(-1, NULL, WNOHANG | __WALL | __WNOTHREAD) > 0)
			;
		nanosleep(&nap, NULL);
		for (i = 0; i < started; i++)
			sum += __atomic_load_n(&ctxs[i].calls, __ATOMIC_RELAXED);
		/* Every tenth, so that a run cut short shows how far it got. */
		if (sum >= next_progress && sum < ncalls) {
			printf("fuzz: %lu of %lu calls, %llu s\n", sum, ncalls,
			       (unsigned long long)(now_ms() - start_ms) / 1000);
			next_progress = (sum / (ncalls / 10) + 1) * (ncalls / 10);
		}
	}
	for (i = 0; i < started; i++)
		pthread_join(ctxs[i].thread, NULL);
	for (i = 0; i < NSHARED; i++)
		dev_close(shared_dev[i]);
	while (waitpid(-1, NULL, __WALL) > 0)
		;

	for (i = 0; i < started; i++)
		if (ctxs[i].ok)
			break;
	if (i == started) {
		fprintf(stderr, "fuzz: no thread could run\n");
		return 1;
	}
	report();
	return 0;
}
