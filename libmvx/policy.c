// SPDX-License-Identifier: GPL-2.0
/*
 * policy.c - the policy file parser of libmvx (see policy.h)
 *
 * The format is mvx-policy(5): one rule per line, '#' to the end of the
 * line is a comment, words are separated by blanks.
 *
 *	default allow | deny ERRNO | kill
 *	NAME allow | deny ERRNO | kill
 *	exempt NAME [NAME...]
 *
 * Rules and exempt lines may come in any order; the checks that relate
 * two lines (a second rule, an exempt call with a deny or kill rule) are
 * made at whichever line comes second, and the default is applied to the
 * tables at the end.
 */
#include <syscalls.h>

#include "policy.h"
#include "str.h"

/* Longest piece of a user's word quoted in a message. */
#define QUOTE_MAX	64

/* Longest file name in a message; a longer one keeps its end. */
#define FILE_MAX	256

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * The system call a word names: a name of the table (syscalls.h) or a
 * number below MVX_SYSCALL_MAX. Returns the number, or -1.
 */
static long syscall_lookup(const char *w, size_t n)
{
	uint64_t v;

	if (mvx_parse_u64(w, n, &v) == 0)
		return v < MVX_SYSCALL_MAX ? (long)v : -1;
	return mvx_syscall_number(w, n);
}

/* The errno a word names: a name or a number 1..4095. Returns it, or -1. */
static long errno_lookup(const char *w, size_t n)
{
	uint64_t v;

	if (mvx_parse_u64(w, n, &v) == 0)
		return v >= 1 && v <= MVX_POLICY_ERRNO_MAX ? (long)v : -1;
	return mvx_errno_number(w, n);
}

/* How messages name system call @nr: its name, or its number. */
static void buf_syscall(struct mvx_buf *b, unsigned long nr)
{
	const char *name = mvx_syscall_name(nr);

	if (name)
		mvx_buf_str(b, name);
	else
		mvx_buf_u64(b, nr);
}

static void set_bit(uint64_t *map, unsigned long nr)
{
	map[nr / 64] |= (uint64_t)1 << (nr % 64);
}

/* Where an error is reported: "FILE:LINE" of a file, or a fixed prefix. */
struct where {
	const char *file;	/* a file, or NULL */
	const char *prefix;	/* without @file: "MVX_EXEMPT" */
	unsigned int line;
};

/* Starts the message of @err: "FILE:LINE: " or "PREFIX: ". */
static void err_start(struct mvx_policy_error *err, struct mvx_buf *b,
		      const struct where *at)
{
	mvx_buf_init(b, err->msg, sizeof(err->msg));
	err->line = 0;
	if (!at->file) {
		mvx_buf_str(b, at->prefix);
	} else {
		size_t n = mvx_strlen(at->file);

		if (n > FILE_MAX) {
			mvx_buf_str(b, "...");
			mvx_buf_str(b, at->file + n - (FILE_MAX - 3));
		} else {
			mvx_buf_str(b, at->file);
		}
		mvx_buf_char(b, ':');
		mvx_buf_u64(b, at->line);
		err->line = at->line;
	}
	mvx_buf_str(b, ": ");
}

/* "...: TEXT" */
static int fail(struct mvx_policy_error *err, const struct where *at,
		const char *text)
{
	struct mvx_buf b;

	err_start(err, &b, at);
	mvx_buf_str(&b, text);
	return -1;
}

/* "...: TEXT 'WORD'", quoting what the user wrote */
static int fail_word(struct mvx_policy_error *err, const struct where *at,
		     const char *text, const char *w, size_t n)
{
	struct mvx_buf b;

	err_start(err, &b, at);
	mvx_buf_str(&b, text);
	mvx_buf_str(&b, " '");
	mvx_buf_word(&b, w, n, QUOTE_MAX);
	mvx_buf_char(&b, '\'');
	return -1;
}

/* "...: BEFORE'NAME'AFTER", naming system call @nr */
static int fail_nr(struct mvx_policy_error *err, const struct where *at,
		   const char *before, unsigned long nr, const char *after)
{
	struct mvx_buf b;

	err_start(err, &b, at);
	mvx_buf_str(&b, before);
	mvx_buf_char(&b, '\'');
	buf_syscall(&b, nr);
	mvx_buf_char(&b, '\'');
	mvx_buf_str(&b, after);
	return -1;
}

/* A deny or kill rule for @nr, which then cannot be exempt. */
static int restrictive_rule(const struct mvx_policy *p, unsigned long nr)
{
	return mvx_policy_ruled(p, nr) && p->action[nr] != MVX_POLICY_ALLOW;
}

/*
 * Resolves a word naming a call to exempt. Returns its number, or -1
 * with @err filled in.
 */
static long exempt_lookup(const struct mvx_policy *p, const char *w, size_t n,
			  const struct where *at, struct mvx_policy_error *err)
{
	long nr = syscall_lookup(w, n);

	if (nr < 0)
		return fail_word(err, at, "unknown system call", w, n);
	if (nr == MVX_NR_mvx)
		return fail_nr(err, at, "", nr, " cannot be exempt");
	if (restrictive_rule(p, nr))
		return fail_nr(err, at, "", nr, " is exempt and has a rule");
	return nr;
}

/* The words of one line, without its comment. */
struct words {
	const char *p;
	const char *end;
};

/* Takes the next word of @ws into @w, @n. Returns 0 at the end. */
static int next_word(struct words *ws, const char **w, size_t *n)
{
	while (ws->p < ws->end && is_blank(*ws->p))
		ws->p++;
	if (ws->p == ws->end)
		return 0;
	*w = ws->p;
	while (ws->p < ws->end && !is_blank(*ws->p))
		ws->p++;
	*n = (size_t)(ws->p - *w);
	return 1;
}

/*
 * Parses "allow", "deny ERRNO" or "kill" and the end of the line.
 * Returns 0 with *@action and *@error set, or -1 with @err filled in.
 */
static int parse_action(struct words *ws, uint32_t *action, uint32_t *error,
			const struct where *at, struct mvx_policy_error *err)
{
	const char *w;
	size_t n;
	long e;

	if (!next_word(ws, &w, &n))
		return fail(err, at, "expected allow, deny ERRNO or kill");
	*error = 0;
	if (mvx_word_eq(w, n, "allow")) {
		*action = MVX_POLICY_ALLOW;
	} else if (mvx_word_eq(w, n, "kill")) {
		*action = MVX_POLICY_KILL;
	} else if (mvx_word_eq(w, n, "deny")) {
		*action = MVX_POLICY_DENY;
		if (!next_word(ws, &w, &n))
			return fail(err, at, "expected allow, deny ERRNO or kill");
		e = errno_lookup(w, n);
		if (e < 0)
			return fail_word(err, at, "unknown errno", w, n);
		*error = (uint32_t)e;
	} else {
		return fail(err, at, "expected allow, deny ERRNO or kill");
	}
	if (next_word(ws, &w, &n))
		return fail_word(err, at, "unexpected", w, n);
	return 0;
}

static int parse_default(struct mvx_policy *p, struct words *ws,
			 int *seen, const struct where *at,
			 struct mvx_policy_error *err)
{
	if (*seen)
		return fail(err, at, "second default");
	*seen = 1;
	return parse_action(ws, &p->default_action, &p->default_errno, at, err);
}

static int parse_exempt(struct mvx_policy *p, struct words *ws,
			const struct where *at, struct mvx_policy_error *err)
{
	const char *w;
	size_t n;
	long nr;

	if (!next_word(ws, &w, &n))
		return fail(err, at, "expected a system call after exempt");
	do {
		nr = exempt_lookup(p, w, n, at, err);
		if (nr < 0)
			return -1;
		set_bit(p->exempt, (unsigned long)nr);
	} while (next_word(ws, &w, &n));
	return 0;
}

/* "NAME action": the name is the word @w, @n already taken. */
static int parse_rule(struct mvx_policy *p, struct words *ws,
		      const char *w, size_t n, const struct where *at,
		      struct mvx_policy_error *err)
{
	long nr = syscall_lookup(w, n);
	uint32_t action, error;

	if (nr < 0)
		return fail_word(err, at, "unknown system call", w, n);
	if (nr == MVX_NR_mvx)
		return fail_nr(err, at, "", nr, " cannot be given a rule");
	if (mvx_policy_ruled(p, nr))
		return fail_nr(err, at, "second rule for ", nr, "");
	if (parse_action(ws, &action, &error, at, err))
		return -1;
	if (action != MVX_POLICY_ALLOW && mvx_policy_exempt(p, nr))
		return fail_nr(err, at, "", nr, " is exempt and has a rule");
	set_bit(p->ruled, nr);
	p->action[nr] = (uint8_t)action;
	p->error[nr] = (uint16_t)error;
	p->rules++;
	return 0;
}

/* Fills in the calls no rule names, and those the monitor never sees. */
static void finish(struct mvx_policy *p)
{
	unsigned long nr;

	for (nr = 0; nr < MVX_SYSCALL_MAX; nr++) {
		if (nr == MVX_NR_mvx || mvx_policy_exempt(p, nr)) {
			p->action[nr] = MVX_POLICY_ALLOW;
			p->error[nr] = 0;
		} else if (!mvx_policy_ruled(p, nr)) {
			p->action[nr] = (uint8_t)p->default_action;
			p->error[nr] = (uint16_t)p->default_errno;
		}
	}
}

void mvx_policy_init(struct mvx_policy *p)
{
	unsigned long i;

	for (i = 0; i < MVX_SYSCALL_MAX; i++) {
		p->action[i] = MVX_POLICY_ALLOW;
		p->error[i] = 0;
	}
	for (i = 0; i < MVX_SYSCALL_MAX / 64; i++) {
		p->exempt[i] = 0;
		p->ruled[i] = 0;
	}
	p->default_action = MVX_POLICY_ALLOW;
	p->default_errno = 0;
	p->rules = 0;
}

int mvx_policy_parse(struct mvx_policy *p, const char *text, size_t len,
		     const char *file, struct mvx_policy_error *err)
{
	struct where at = { .file = file, .line = 0 };
	const char *end = text + len;
	const char *line = text;
	int seen_default = 0;

	mvx_policy_init(p);
	while (line < end) {
		const char *eol = line;
		const char *hash = NULL;
		struct words ws;
		const char *w;
		size_t n;
		int ret;

		at.line++;
		while (eol < end && *eol != '\n') {
			if (*eol == '\0')
				return fail(err, &at, "unexpected NUL byte");
			if (*eol == '#' && !hash)
				hash = eol;
			eol++;
		}
		ws.p = line;
		ws.end = hash ? hash : eol;
		line = eol < end ? eol + 1 : eol;

		if (!next_word(&ws, &w, &n))
			continue;
		if (mvx_word_eq(w, n, "default"))
			ret = parse_default(p, &ws, &seen_default, &at, err);
		else if (mvx_word_eq(w, n, "exempt"))
			ret = parse_exempt(p, &ws, &at, err);
		else
			ret = parse_rule(p, &ws, w, n, &at, err);
		if (ret)
			return -1;
	}
	finish(p);
	return 0;
}

int mvx_policy_add_exempt_list(struct mvx_policy *p, const char *list,
			       struct mvx_policy_error *err)
{
	const struct where at = { .prefix = "MVX_EXEMPT" };
	uint64_t add[MVX_SYSCALL_MAX / 64] = { 0 };
	const char *s = list;
	unsigned long i;

	/* Check every name before changing @p. */
	while (*s) {
		struct words ws = { .p = s };
		const char *w;
		size_t n;
		long nr;

		while (*s && *s != ',')
			s++;
		ws.end = s;
		if (*s)
			s++;
		if (!next_word(&ws, &w, &n))
			continue;
		/* "get pid": the blank is inside the item, so it is one word */
		n = (size_t)(ws.end - w);
		while (is_blank(w[n - 1]))
			n--;
		nr = exempt_lookup(p, w, n, &at, err);
		if (nr < 0)
			return -1;
		set_bit(add, (unsigned long)nr);
	}
	for (i = 0; i < MVX_SYSCALL_MAX / 64; i++)
		p->exempt[i] |= add[i];
	finish(p);
	return 0;
}
