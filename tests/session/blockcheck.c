// SPDX-License-Identifier: GPL-2.0
/*
 * blockcheck - verifies the files that the session tests' targets wrote.
 *
 *   blockcheck -b SIZE [-u] [-v] [-z HOLES] -e SPEC [-e SPEC]... FILE
 *	FILE holds exactly the blocks (see block.h) that the SPECs name,
 *	each once and intact, plus exactly HOLES all-zero blocks (default
 *	0). Unless -u, each thread's blocks of a phase are in sequence
 *	order and phases do not go backwards. SPEC is THREADS:PHASES:BLOCKS,
 *	THREADS and PHASES a number or a range N-M: blocks 0..BLOCKS-1 of
 *	each of those threads in each of those phases.
 *   blockcheck -b SIZE -X THREADS:PHASES FILE
 *	Copies the intact blocks of those threads and phases to standard
 *	output, in file order (to cmp(1) a file with part of another).
 *   blockcheck -b SIZE -M FILE1 FILE2
 *	FILE1 and FILE2 hold the same blocks, in any order; holes ignored.
 *   blockcheck -b SIZE -S FILE1 FILE2
 *	FILE1 and FILE2 are the same, byte for byte; if not, says which
 *	blocks differ and what each file holds there.
 *   blockcheck -L remap|dup ORIG DEST
 *	For files of lines "PREFIX line N" (fakeproc, a shell loop), N
 *	counting from 1 per PREFIX and optionally padded with dots: DEST
 *	holds, per PREFIX, a run of consecutive lines, and ORIG the lines
 *	before and after it (remap) or all lines, with DEST's lines in the
 *	same order (dup).
 *
 * Exit status 0 when the check holds, 1 when not, 2 for usage errors.
 * The first line of output sums up; the lines after it (at most 20)
 * name the problems.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block.h"

#define MAX_SPECS	32
#define MAX_DETAILS	20

struct range {
	uint32_t lo, hi;
};

struct spec {
	struct range threads, phases;
	uint32_t blocks;
};

struct rec {
	uint32_t thread, phase, seq, pid;
	uint64_t index;			/* block number in the file */
};

struct file {
	const char *path;
	unsigned char *data;
	size_t len;
};

static uint32_t block_size;
static struct spec specs[MAX_SPECS];
static unsigned int nr_specs;

/* Problems: counted, and the first MAX_DETAILS described. */
static char *details[MAX_DETAILS];
static unsigned int nr_problems;

static void __attribute__((format(printf, 1, 2))) problem(const char *fmt, ...)
{
	va_list ap;

	if (nr_problems < MAX_DETAILS) {
		va_start(ap, fmt);
		if (vasprintf(&details[nr_problems], fmt, ap) < 0)
			details[nr_problems] = NULL;
		va_end(ap);
	}
	nr_problems++;
}

static void print_details(void)
{
	for (unsigned int i = 0; i < nr_problems && i < MAX_DETAILS; i++)
		printf("  %s\n", details[i] ? details[i] : "?");
	if (nr_problems > MAX_DETAILS)
		printf("  ... and %u more\n", nr_problems - MAX_DETAILS);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
usage(const char *fmt, ...)
{
	va_list ap;

	fputs("blockcheck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nusage: blockcheck -b SIZE [-u] [-v] [-z HOLES] -e T:P:N... FILE\n"
	      "       blockcheck -b SIZE -X T:P FILE\n"
	      "       blockcheck -b SIZE -M FILE1 FILE2\n"
	      "       blockcheck -b SIZE -S FILE1 FILE2\n"
	      "       blockcheck -L remap|dup ORIG DEST\n", stderr);
	exit(2);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("blockcheck: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static bool parse_u32(const char *s, char **end, uint32_t *v)
{
	unsigned long n;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	n = strtoul(s, end, 10);
	if (errno || n > UINT32_MAX)
		return false;
	*v = n;
	return true;
}

static const char *parse_range(const char *s, struct range *r, char stop)
{
	char *end;

	if (!parse_u32(s, &end, &r->lo))
		return NULL;
	r->hi = r->lo;
	if (*end == '-' && !parse_u32(end + 1, &end, &r->hi))
		return NULL;
	if (*end != stop || r->hi < r->lo)
		return NULL;
	return end;
}

/* THREADS:PHASES[:BLOCKS]; BLOCKS required when @need_blocks. */
static struct spec parse_spec(const char *s, bool need_blocks)
{
	struct spec sp = { 0 };
	const char *p = parse_range(s, &sp.threads, ':');
	char *end;

	if (p)
		p = parse_range(p + 1, &sp.phases, need_blocks ? ':' : '\0');
	if (p && need_blocks &&
	    (!parse_u32(p + 1, &end, &sp.blocks) || *end || !sp.blocks))
		p = NULL;
	if (!p)
		usage("invalid block set '%s'", s);
	return sp;
}

static bool in_range(const struct range *r, uint32_t v)
{
	return v >= r->lo && v <= r->hi;
}

static void read_file(struct file *f, const char *path)
{
	struct stat st;
	size_t got = 0;
	int fd;

	f->path = path;
	fd = open(path, O_RDONLY);
	if (fd == -1 || fstat(fd, &st)) {
		printf("%s: %s\n", path, strerror(errno));
		exit(1);
	}
	f->len = st.st_size;
	f->data = xrealloc(NULL, f->len);
	while (got < f->len) {
		ssize_t n = read(fd, f->data + got, f->len - got);

		if (n <= 0) {
			printf("%s: %s\n", path, n ? strerror(errno) : "file shrank");
			exit(1);
		}
		got += n;
	}
	close(fd);
}

/* A short, printable picture of the bytes at @p, for diagnostics. */
static const char *show_bytes(const unsigned char *p, size_t n)
{
	static char out[4 * 64 + 1];
	char *o = out;

	for (size_t i = 0; i < n && i < 64; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\')
			*o++ = p[i];
		else
			o += sprintf(o, "\\%03o", p[i]);
	}
	*o = '\0';
	return out;
}

/*
 * Classifies every block of @f: intact ones are appended to *@recs,
 * holes counted in *@holes, anything else reported as torn.
 */
static size_t scan(const struct file *f, struct rec **recs, size_t *holes)
{
	unsigned char *scratch = xrealloc(NULL, block_size);
	size_t n = 0, blocks = f->len / block_size;

	*recs = xrealloc(NULL, blocks * sizeof(**recs));
	*holes = 0;
	for (size_t i = 0; i < blocks; i++) {
		const unsigned char *b = f->data + i * block_size;
		struct block_head h;

		if (block_is_hole(b, block_size)) {
			(*holes)++;
		} else if (block_intact(b, block_size, scratch, &h)) {
			(*recs)[n++] = (struct rec){ h.thread, h.phase, h.seq,
						     h.pid, i };
		} else if (!memcmp(h.magic, BLOCK_MAGIC, sizeof(h.magic))) {
			size_t k = 0;

			while (k < block_size && b[k] == scratch[k])
				k++;
			problem("%s: torn block at offset %zu: its header says "
				"thread %u phase %u block %u, but byte %zu differs",
				f->path, i * block_size, h.thread, h.phase, h.seq, k);
		} else {
			problem("%s: torn block at offset %zu: no block header, "
				"starts with \"%s\"", f->path, i * block_size,
				show_bytes(b, block_size));
		}
	}
	if (f->len % block_size)
		problem("%s: %zu bytes are not a whole number of %u-byte blocks: "
			"the last %zu bytes start with \"%s\"", f->path, f->len,
			block_size, f->len % block_size,
			show_bytes(f->data + blocks * block_size,
				   f->len % block_size));
	free(scratch);
	return n;
}

static int key_cmp(const struct rec *a, const struct rec *b)
{
	if (a->thread != b->thread)
		return a->thread < b->thread ? -1 : 1;
	if (a->phase != b->phase)
		return a->phase < b->phase ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return 0;
}

static int rec_cmp(const void *pa, const void *pb)
{
	const struct rec *a = pa, *b = pb;
	int c = key_cmp(a, b);

	if (c)
		return c;
	if (a->pid != b->pid)
		return a->pid < b->pid ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Same key and pid: the same block content, wherever it is. */
static int rec_cmp_content(const struct rec *a, const struct rec *b)
{
	int c = key_cmp(a, b);

	if (c)
		return c;
	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

static bool expected(const struct rec *r)
{
	for (unsigned int i = 0; i < nr_specs; i++)
		if (in_range(&specs[i].threads, r->thread) &&
		    in_range(&specs[i].phases, r->phase) &&
		    r->seq < specs[i].blocks)
			return true;
	return false;
}

/* Reports blocks FROM..TO of a thread and phase as missing. */
static void report_missing(uint32_t thread, uint32_t phase, uint32_t from,
			   uint32_t to, size_t *missing)
{
	*missing += to - from + 1;
	if (from == to)
		problem("missing: thread %u phase %u block %u", thread, phase, from);
	else
		problem("missing: thread %u phase %u blocks %u-%u", thread,
			phase, from, to);
}

/* Reports every block that a spec names and @recs (sorted) lacks. */
static void check_missing(const struct rec *recs, size_t n, size_t *missing)
{
	for (unsigned int s = 0; s < nr_specs; s++) {
		const struct spec *sp = &specs[s];

		for (uint32_t t = sp->threads.lo; t <= sp->threads.hi; t++) {
			for (uint32_t p = sp->phases.lo; p <= sp->phases.hi; p++) {
				struct rec key = { t, p, 0, 0, 0 };
				size_t lo = 0, hi = n;
				uint32_t next = 0;

				/* First record of (t, p): binary search. */
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;

					if (key_cmp(&recs[mid], &key) < 0)
						lo = mid + 1;
					else
						hi = mid;
				}
				for (; lo < n && recs[lo].thread == t &&
				       recs[lo].phase == p && next < sp->blocks; lo++) {
					if (recs[lo].seq < next)
						continue;	/* duplicate */
					if (recs[lo].seq > next)
						report_missing(t, p, next,
							       recs[lo].seq - 1 < sp->blocks - 1 ?
							       recs[lo].seq - 1 : sp->blocks - 1,
							       missing);
					next = recs[lo].seq + 1;
				}
				if (next < sp->blocks)
					report_missing(t, p, next, sp->blocks - 1,
						       missing);
			}
		}
	}
}

static int check_mode(const char *path, bool ordered, bool verbose,
		      size_t want_holes)
{
	size_t n, holes, dups = 0, unexpected = 0, missing = 0, disorder = 0;
	uint32_t max_phase = 0;
	size_t max_phase_at = 0;
	struct rec *recs;
	struct file f;

	read_file(&f, path);
	n = scan(&f, &recs, &holes);
	const size_t torn = nr_problems;

	/* In file order: phases never go backwards. */
	for (size_t i = 0; ordered && i < n; i++) {
		if (recs[i].phase < max_phase) {
			disorder++;
			problem("out of order: thread %u phase %u block %u at offset "
				"%llu comes after a phase %u block at offset %zu",
				recs[i].thread, recs[i].phase, recs[i].seq,
				(unsigned long long)recs[i].index * block_size,
				max_phase, max_phase_at);
		} else if (recs[i].phase > max_phase) {
			max_phase = recs[i].phase;
			max_phase_at = recs[i].index * block_size;
		}
	}

	qsort(recs, n, sizeof(*recs), rec_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct rec *r = &recs[i], *prev = i ? &recs[i - 1] : NULL;

		if (prev && !key_cmp(prev, r)) {
			dups++;
			problem("duplicated: thread %u phase %u block %u at offsets "
				"%llu and %llu", r->thread, r->phase, r->seq,
				(unsigned long long)prev->index * block_size,
				(unsigned long long)r->index * block_size);
			continue;
		}
		if (!expected(r)) {
			unexpected++;
			problem("unexpected: thread %u phase %u block %u at offset %llu",
				r->thread, r->phase, r->seq,
				(unsigned long long)r->index * block_size);
		}
		/* Sorted by seq within (thread, phase): offsets must rise too. */
		if (ordered && prev && prev->thread == r->thread &&
		    prev->phase == r->phase && prev->index > r->index) {
			disorder++;
			problem("out of order: thread %u phase %u block %u at offset "
				"%llu comes before block %u at offset %llu",
				r->thread, r->phase, r->seq,
				(unsigned long long)r->index * block_size, prev->seq,
				(unsigned long long)prev->index * block_size);
		}
	}
	check_missing(recs, n, &missing);
	if (holes != want_holes)
		problem("%zu all-zero blocks (holes), expected %zu", holes,
			want_holes);

	if (!nr_problems) {
		printf("%s: OK: %zu intact blocks, %zu holes\n", path, n, holes);
	} else {
		printf("%s: %u problems: %zu intact blocks, %zu torn, %zu holes "
		       "(expected %zu), %zu duplicated, %zu missing, %zu unexpected, "
		       "%zu out of order\n", path, nr_problems, n, torn, holes,
		       want_holes, dups, missing, unexpected, disorder);
		print_details();
	}
	if (verbose) {
		for (size_t i = 0, j; i < n; i = j) {
			for (j = i; j < n && recs[j].thread == recs[i].thread &&
			     recs[j].phase == recs[i].phase; j++)
				;
			printf("  thread %u phase %u: %zu blocks\n",
			       recs[i].thread, recs[i].phase, j - i);
		}
	}
	free(recs);
	free(f.data);
	return nr_problems ? 1 : 0;
}

static int extract_mode(const char *path, const char *spec_text)
{
	struct spec sp = parse_spec(spec_text, false);
	size_t n, holes;
	struct rec *recs;
	struct file f;

	read_file(&f, path);
	n = scan(&f, &recs, &holes);
	for (size_t i = 0; i < n; i++) {
		if (!in_range(&sp.threads, recs[i].thread) ||
		    !in_range(&sp.phases, recs[i].phase))
			continue;
		if (fwrite(f.data + recs[i].index * block_size, block_size, 1,
			   stdout) != 1) {
			fprintf(stderr, "blockcheck: standard output: %s\n",
				strerror(errno));
			return 1;
		}
	}
	if (fflush(stdout))
		return 1;
	if (nr_problems) {
		/* Standard output carries the blocks: diagnostics go here. */
		fprintf(stderr, "%s: %u problems\n", path, nr_problems);
		for (unsigned int i = 0; i < nr_problems && i < MAX_DETAILS; i++)
			fprintf(stderr, "  %s\n", details[i] ? details[i] : "?");
	}
	free(recs);
	free(f.data);
	return nr_problems ? 1 : 0;
}

static int multiset_mode(const char *path1, const char *path2)
{
	size_t n1, n2, h1, h2, i = 0, j = 0, only1 = 0, only2 = 0;
	struct rec *r1, *r2;
	struct file f1, f2;

	read_file(&f1, path1);
	read_file(&f2, path2);
	n1 = scan(&f1, &r1, &h1);
	n2 = scan(&f2, &r2, &h2);
	qsort(r1, n1, sizeof(*r1), rec_cmp);
	qsort(r2, n2, sizeof(*r2), rec_cmp);
	while (i < n1 || j < n2) {
		int c;

		if (i == n1)
			c = 1;
		else if (j == n2)
			c = -1;
		else
			c = rec_cmp_content(&r1[i], &r2[j]);
		if (!c) {
			i++;
			j++;
			continue;
		}
		const struct rec *r = c < 0 ? &r1[i++] : &r2[j++];

		if (c < 0)
			only1++;
		else
			only2++;
		problem("only in %s: thread %u phase %u block %u (pid %u) at offset %llu",
			c < 0 ? path1 : path2, r->thread, r->phase, r->seq, r->pid,
			(unsigned long long)r->index * block_size);
	}
	if (!nr_problems)
		printf("%s and %s: OK: the same %zu blocks (%zu and %zu holes "
		       "ignored)\n", path1, path2, n1, h1, h2);
	else {
		printf("%s and %s: %u problems: %zu and %zu intact blocks, %zu "
		       "only in the first, %zu only in the second\n", path1,
		       path2, nr_problems, n1, n2, only1, only2);
		print_details();
	}
	return nr_problems ? 1 : 0;
}

/* What the block at @off of @f is, for a diagnostic. */
static const char *describe_block(const struct file *f, size_t off,
				  unsigned char *scratch)
{
	static char out[2][160];
	static int which;
	char *o = out[which ^= 1];
	struct block_head h;

	if (off >= f->len)
		snprintf(o, sizeof(out[0]), "nothing (the file ends at %zu)", f->len);
	else if (f->len - off < block_size)
		snprintf(o, sizeof(out[0]), "a partial block of %zu bytes",
			 f->len - off);
	else if (block_is_hole(f->data + off, block_size))
		snprintf(o, sizeof(out[0]), "a hole");
	else if (block_intact(f->data + off, block_size, scratch, &h))
		snprintf(o, sizeof(out[0]), "thread %u phase %u block %u",
			 h.thread, h.phase, h.seq);
	else if (!memcmp(h.magic, BLOCK_MAGIC, sizeof(h.magic)))
		snprintf(o, sizeof(out[0]), "a torn block whose header says "
			 "thread %u phase %u block %u", h.thread, h.phase, h.seq);
	else
		snprintf(o, sizeof(out[0]), "a torn block starting with \"%s\"",
			 show_bytes(f->data + off, 24));
	return o;
}

static int same_mode(const char *path1, const char *path2)
{
	unsigned char *scratch = xrealloc(NULL, block_size);
	size_t len, blocks, differing = 0;
	struct file f1, f2;

	read_file(&f1, path1);
	read_file(&f2, path2);
	len = f1.len > f2.len ? f1.len : f2.len;
	blocks = (len + block_size - 1) / block_size;
	for (size_t i = 0; i < blocks; i++) {
		size_t off = i * block_size;
		size_t n1 = off < f1.len ? f1.len - off : 0;
		size_t n2 = off < f2.len ? f2.len - off : 0;

		if (n1 > block_size)
			n1 = block_size;
		if (n2 > block_size)
			n2 = block_size;
		if (n1 == n2 && !memcmp(f1.data + off, f2.data + off, n1))
			continue;
		differing++;
		problem("at offset %zu: %s has %s, %s has %s", off, path1,
			describe_block(&f1, off, scratch), path2,
			describe_block(&f2, off, scratch));
	}
	if (!nr_problems)
		printf("%s and %s: OK: the same %zu bytes\n", path1, path2, f1.len);
	else {
		printf("%s and %s: %zu of %zu blocks differ (%zu and %zu bytes)\n",
		       path1, path2, differing, blocks, f1.len, f2.len);
		print_details();
	}
	free(scratch);
	return nr_problems ? 1 : 0;
}

/* Lines "PREFIX line N[...]\n", grouped by PREFIX. */

struct line {
	const char *text;
	size_t len;
	unsigned int key;
	uint64_t nr;
};

struct key {
	const char *prefix;
	size_t len;
	uint64_t *orig, *dest;
	size_t n_orig, n_dest;
};

static struct key *keys;
static unsigned int nr_keys;

static unsigned int key_of(const char *prefix, size_t len)
{
	for (unsigned int i = nr_keys; i-- > 0;)
		if (keys[i].len == len && !memcmp(keys[i].prefix, prefix, len))
			return i;
	keys = xrealloc(keys, (nr_keys + 1) * sizeof(*keys));
	keys[nr_keys] = (struct key){ .prefix = prefix, .len = len };
	return nr_keys++;
}

static size_t parse_lines(const struct file *f, struct line **out, bool dest)
{
	const char *p = (const char *)f->data, *end = p + f->len;
	size_t n = 0, cap = 0, lineno = 0;

	*out = NULL;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p), *word, *q = NULL;
		struct line l = { .text = p };
		size_t prefix_len = 0;
		struct key *k;

		lineno++;
		if (!nl) {
			problem("%s: line %zu is unfinished: \"%s\"", f->path,
				lineno, show_bytes((const unsigned char *)p, end - p));
			break;
		}
		l.len = nl - p;
		word = memmem(p, l.len, " line ", 6);
		if (word) {
			prefix_len = word - p;
			q = word + 6;
		} else if (l.len >= 5 && !memcmp(p, "line ", 5)) {
			q = p + 5;		/* no prefix */
		}
		if (!q || q >= nl || *q < '0' || *q > '9') {
			problem("%s: line %zu is not \"PREFIX line N\": \"%s\"",
				f->path, lineno,
				show_bytes((const unsigned char *)p, l.len));
			p = nl + 1;
			continue;
		}
		while (q < nl && *q >= '0' && *q <= '9')
			l.nr = l.nr * 10 + (*q++ - '0');
		while (q < nl && *q == '.')
			q++;
		if (q != nl) {
			problem("%s: line %zu has trailing bytes: \"%s\"", f->path,
				lineno, show_bytes((const unsigned char *)p, l.len));
			p = nl + 1;
			continue;
		}
		l.key = key_of(p, prefix_len);
		k = &keys[l.key];
		if (dest) {
			k->dest = xrealloc(k->dest, (k->n_dest + 1) * sizeof(uint64_t));
			k->dest[k->n_dest++] = l.nr;
		} else {
			k->orig = xrealloc(k->orig, (k->n_orig + 1) * sizeof(uint64_t));
			k->orig[k->n_orig++] = l.nr;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[n++] = l;
		p = nl + 1;
	}
	return n;
}

static const char *key_name(const struct key *k)
{
	static char name[128];

	snprintf(name, sizeof(name), "\"%.*s\"", (int)(k->len < 100 ? k->len : 100),
		 k->prefix);
	return name;
}

static void check_key(const struct key *k, bool dup)
{
	const uint64_t *o = k->orig, *d = k->dest;
	size_t no = k->n_orig, nd = k->n_dest, i, j;

	for (i = 1; i < nd; i++)
		if (d[i] != d[i - 1] + 1) {
			problem("%s: in dest, line %llu follows line %llu",
				key_name(k), (unsigned long long)d[i],
				(unsigned long long)d[i - 1]);
			break;
		}
	for (i = 1; i < no; i++)
		if (o[i] <= o[i - 1]) {
			problem("%s: in orig, line %llu follows line %llu",
				key_name(k), (unsigned long long)o[i],
				(unsigned long long)o[i - 1]);
			break;
		}
	if (dup) {
		for (i = 0; i < no; i++)
			if (o[i] != i + 1) {
				problem("%s: orig misses line %llu", key_name(k),
					(unsigned long long)(i + 1));
				break;
			}
		if (nd && (!no || d[nd - 1] > o[no - 1] || d[0] < 1))
			problem("%s: dest has lines %llu-%llu, orig only up to %llu",
				key_name(k), (unsigned long long)d[0],
				(unsigned long long)d[nd - 1],
				no ? (unsigned long long)o[no - 1] : 0ULL);
	} else {
		/* orig and dest together: exactly 1..max, no line in both. */
		uint64_t want = 1;

		for (i = 0, j = 0; i < no || j < nd; want++) {
			if (i < no && o[i] == want) {
				i++;
				if (j < nd && d[j] == want) {
					problem("%s: line %llu is in orig and dest",
						key_name(k), (unsigned long long)want);
					break;
				}
			} else if (j < nd && d[j] == want) {
				j++;
			} else {
				problem("%s: line %llu is in neither orig nor dest",
					key_name(k), (unsigned long long)want);
				break;
			}
		}
	}
	if (nd && (!no || o[no - 1] <= d[nd - 1]))
		problem("%s: orig has no line after dest's last, %llu: "
			"nothing reached it after the session", key_name(k),
			(unsigned long long)d[nd - 1]);
}

static int lines_mode(const char *how, const char *orig, const char *dest)
{
	bool dup = !strcmp(how, "dup");
	size_t n_orig, n_dest, i, j;
	struct line *lo, *ld;
	struct file fo, fd;

	if (!dup && strcmp(how, "remap"))
		usage("-L takes remap or dup, not '%s'", how);
	read_file(&fo, orig);
	read_file(&fd, dest);
	n_orig = parse_lines(&fo, &lo, false);
	n_dest = parse_lines(&fd, &ld, true);
	if (!n_dest)
		problem("%s is empty: nothing was %s", dest,
			dup ? "duplicated" : "remapped");
	for (unsigned int k = 0; k < nr_keys; k++)
		check_key(&keys[k], dup);

	/* dest, as a whole, is a subsequence of orig: the copy order. */
	for (i = 0, j = 0; dup && j < n_dest; i++) {
		if (i == n_orig) {
			problem("dest line %zu (\"%s\") is not in orig after dest's "
				"previous line: the copies are out of order", j + 1,
				show_bytes((const unsigned char *)ld[j].text, ld[j].len));
			break;
		}
		if (lo[i].len == ld[j].len && !memcmp(lo[i].text, ld[j].text, lo[i].len))
			j++;
	}

	if (!nr_problems)
		printf("%s and %s: OK (%s): %u writers, %zu and %zu lines\n",
		       orig, dest, how, nr_keys, n_orig, n_dest);
	else {
		printf("%s and %s: %u problems (%s): %u writers, %zu and %zu lines\n",
		       orig, dest, nr_problems, how, nr_keys, n_orig, n_dest);
		print_details();
	}
	return nr_problems ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *extract = NULL, *lines = NULL;
	bool multiset = false, same = false, ordered = true, verbose = false;
	uint32_t holes = 0;
	char *end;
	int opt;

	opterr = 0;
	while ((opt = getopt(argc, argv, ":b:e:z:X:MSL:uv")) != -1) {
		switch (opt) {
		case 'b':
			if (!parse_u32(optarg, &end, &block_size) || *end ||
			    block_size < BLOCK_MIN || block_size > BLOCK_MAX)
				usage("invalid block size '%s'", optarg);
			break;
		case 'e':
			if (nr_specs == MAX_SPECS)
				usage("more than %d -e", MAX_SPECS);
			specs[nr_specs++] = parse_spec(optarg, true);
			break;
		case 'z':
			if (!parse_u32(optarg, &end, &holes) || *end)
				usage("invalid hole count '%s'", optarg);
			break;
		case 'X':
			extract = optarg;
			break;
		case 'M':
			multiset = true;
			break;
		case 'S':
			same = true;
			break;
		case 'L':
			lines = optarg;
			break;
		case 'u':
			ordered = false;
			break;
		case 'v':
			verbose = true;
			break;
		case ':':
			usage("option '-%c' needs an argument", optopt);
		default:
			usage("invalid option '-%c'", optopt);
		}
	}
	argc -= optind;
	argv += optind;

	if (lines) {
		if (argc != 2)
			usage("-L needs ORIG and DEST");
		return lines_mode(lines, argv[0], argv[1]);
	}
	if (!block_size)
		usage("-b SIZE is needed");
	if (multiset || same) {
		if (argc != 2)
			usage("-%c needs two files", multiset ? 'M' : 'S');
		return multiset ? multiset_mode(argv[0], argv[1])
				: same_mode(argv[0], argv[1]);
	}
	if (argc != 1)
		usage("one FILE is needed");
	if (extract)
		return extract_mode(argv[0], extract);
	if (!nr_specs)
		usage("say which blocks FILE should hold with -e");
	return check_mode(argv[0], ordered, verbose, holes);
}
