// SPDX-License-Identifier: GPL-2.0
/*
 * policy_test.c - host unit tests of libmvx's policy parser and string
 * helpers (libmvx/policy.c, libmvx/str.c), built against libc only for
 * printing results.
 *
 * usage: policy_test [GROUP]
 * Runs every test, or those of GROUP; prints one line per failed check
 * and a summary, and exits 1 if any check failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscalls.h>

#include "policy.h"
#include "str.h"

struct test {
	const char *group;
	const char *name;
	void (*fn)(void);
	struct test *next;
};

static struct test *tests, **tests_tail = &tests;
static int failures;
static const struct test *current;

static void add_test(struct test *t)
{
	*tests_tail = t;
	tests_tail = &t->next;
}

/* TEST(group, name_that_reads_as_a_sentence) { ... } */
#define TEST(group, name)						\
	static void group##__##name(void);				\
	static struct test group##__##name##_test = {			\
		#group, #name, group##__##name, NULL };			\
	__attribute__((constructor)) static void group##__##name##_reg(void) \
	{ add_test(&group##__##name##_test); }				\
	static void group##__##name(void)

static void failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: %s.%s: %s\n", file, line, current->group,
		current->name, what);
	failures++;
}

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			failed(__FILE__, __LINE__, "CHECK(" #cond ")");	\
	} while (0)

#define CHECK_INT(want, got)						\
	do {								\
		long long w_ = (want), g_ = (got);			\
		char m_[256];						\
		if (w_ != g_) {						\
			snprintf(m_, sizeof(m_), "%s: want %lld, got %lld", \
				 #got, w_, g_);				\
			failed(__FILE__, __LINE__, m_);			\
		}							\
	} while (0)

#define CHECK_STR(want, got)						\
	do {								\
		const char *w_ = (want), *g_ = (got);			\
		char m_[4096];						\
		if (!g_ || strcmp(w_, g_)) {				\
			snprintf(m_, sizeof(m_), "%s: want \"%s\", got \"%s\"", \
				 #got, w_, g_ ? g_ : "(null)");		\
			failed(__FILE__, __LINE__, m_);			\
		}							\
	} while (0)

/* Parsed policies and their errors, per test. */
static struct mvx_policy pol;
static struct mvx_policy_error perr;

static int parse(const char *text)
{
	memset(&perr, 0, sizeof(perr));
	return mvx_policy_parse(&pol, text, strlen(text), "t.policy", &perr);
}

/* Parses @text, which must fail with @message. */
#define CHECK_ERROR(text, message)					\
	do {								\
		CHECK_INT(-1, parse(text));				\
		CHECK_STR(message, perr.msg);				\
	} while (0)

/* Parses @text, which must succeed. */
#define CHECK_PARSES(text)						\
	do {								\
		CHECK_INT(0, parse(text));				\
		CHECK_STR("", perr.msg);				\
	} while (0)

static long nr_of(const char *name)
{
	for (long nr = 0; nr < MVX_SYSCALL_MAX; nr++) {
		const char *n = mvx_syscall_name(nr);

		if (n && !strcmp(n, name))
			return nr;
	}
	fprintf(stderr, "no system call %s\n", name);
	abort();
}

#define ACTION(name) (pol.action[nr_of(name)])
#define ERRNO(name) (pol.error[nr_of(name)])
#define EXEMPT(name) mvx_policy_exempt(&pol, nr_of(name))
#define RULED(name) mvx_policy_ruled(&pol, nr_of(name))

/* --- string helpers --- */

TEST(str, lengths_count_up_to_the_nul)
{
	CHECK_INT(0, mvx_strlen(""));
	CHECK_INT(5, mvx_strlen("hello"));
	CHECK_INT(3, mvx_strnlen("hello", 3));
	CHECK_INT(5, mvx_strnlen("hello", 9));
}

TEST(str, compare_orders_as_unsigned_bytes)
{
	CHECK_INT(0, mvx_strcmp("abc", "abc"));
	CHECK(mvx_strcmp("abc", "abd") < 0);
	CHECK(mvx_strcmp("abd", "abc") > 0);
	CHECK(mvx_strcmp("ab", "abc") < 0);
	CHECK(mvx_strcmp("\xff", "a") > 0);
}

TEST(str, a_word_equals_only_the_whole_string)
{
	CHECK(mvx_word_eq("openat x", 6, "openat"));
	CHECK(!mvx_word_eq("openat", 4, "openat"));
	CHECK(!mvx_word_eq("openat", 6, "open"));
	CHECK(mvx_word_eq("", 0, ""));
	CHECK(!mvx_word_eq("a\0b", 3, "a"));
}

TEST(str, prefix_returns_the_rest)
{
	CHECK_STR("/tmp/p", mvx_strprefix("MVX_POLICY=/tmp/p", "MVX_POLICY="));
	CHECK_STR("", mvx_strprefix("MVX_POLICY=", "MVX_POLICY="));
	CHECK(!mvx_strprefix("MVX_POLIC", "MVX_POLICY="));
	CHECK(!mvx_strprefix("MVX_EXEMPT=x", "MVX_POLICY="));
}

TEST(str, strlcpy_truncates_and_terminates)
{
	char b[4] = "xyz";

	CHECK_INT(5, mvx_strlcpy(b, "hello", sizeof(b)));
	CHECK_STR("hel", b);
	CHECK_INT(2, mvx_strlcpy(b, "hi", sizeof(b)));
	CHECK_STR("hi", b);
	CHECK_INT(2, mvx_strlcpy(b, "hi", 0));
	CHECK_STR("hi", b);
}

TEST(str, decimal_numbers_parse_without_signs_or_overflow)
{
	uint64_t v = 7;

	CHECK_INT(0, mvx_parse_u64("0", 1, &v));
	CHECK_INT(0, v);
	CHECK_INT(0, mvx_parse_u64("4095x", 4, &v));
	CHECK_INT(4095, v);
	CHECK_INT(0, mvx_parse_u64("18446744073709551615", 20, &v));
	CHECK(v == UINT64_MAX);
	CHECK_INT(-1, mvx_parse_u64("18446744073709551616", 20, &v));
	CHECK_INT(-1, mvx_parse_u64("99999999999999999999", 20, &v));
	CHECK_INT(-1, mvx_parse_u64("", 0, &v));
	CHECK_INT(-1, mvx_parse_u64("-1", 2, &v));
	CHECK_INT(-1, mvx_parse_u64("+1", 2, &v));
	CHECK_INT(-1, mvx_parse_u64("0x10", 4, &v));
	CHECK_INT(-1, mvx_parse_u64("1 ", 2, &v));
}

TEST(str, buffer_formats_numbers)
{
	char s[128];
	struct mvx_buf b;

	mvx_buf_init(&b, s, sizeof(s));
	mvx_buf_u64(&b, 0);
	mvx_buf_char(&b, ' ');
	mvx_buf_u64(&b, UINT64_MAX);
	mvx_buf_char(&b, ' ');
	mvx_buf_s64(&b, -1);
	mvx_buf_char(&b, ' ');
	mvx_buf_s64(&b, INT64_MIN);
	mvx_buf_char(&b, ' ');
	mvx_buf_s64(&b, 42);
	mvx_buf_char(&b, ' ');
	mvx_buf_hex(&b, 0);
	mvx_buf_char(&b, ' ');
	mvx_buf_hex(&b, 0x7ffd10abcdefULL);
	CHECK_STR("0 18446744073709551615 -1 -9223372036854775808 42 0x0 "
		  "0x7ffd10abcdef", s);
	CHECK_INT(0, b.truncated);
	CHECK_INT(strlen(s), b.len);
}

TEST(str, buffer_truncates_and_stays_terminated)
{
	char s[8];
	struct mvx_buf b;

	memset(s, 'x', sizeof(s));
	mvx_buf_init(&b, s, sizeof(s));
	mvx_buf_str(&b, "libmvx: ");
	CHECK_STR("libmvx:", s);
	CHECK_INT(7, b.len);
	CHECK_INT(1, b.truncated);
	mvx_buf_u64(&b, 123);
	CHECK_STR("libmvx:", s);
}

TEST(str, buffer_quotes_words_safely)
{
	char s[64];
	struct mvx_buf b;

	mvx_buf_init(&b, s, sizeof(s));
	mvx_buf_word(&b, "ab\x01\xff" "c", 5, 10);
	CHECK_STR("ab??c", s);
	mvx_buf_init(&b, s, sizeof(s));
	mvx_buf_word(&b, "abcdefghij", 10, 8);
	CHECK_STR("abcde...", s);
	mvx_buf_init(&b, s, sizeof(s));
	mvx_buf_word(&b, "abcdefgh", 8, 8);
	CHECK_STR("abcdefgh", s);
}

/* --- names --- */

TEST(names, system_calls_and_errnos_have_their_x86_64_names)
{
	CHECK_STR("read", mvx_syscall_name(0));
	CHECK_STR("openat", mvx_syscall_name(257));
	CHECK_STR("mvx", mvx_syscall_name(MVX_NR_mvx));
	CHECK_INT(511, MVX_NR_mvx);	/* the last below x32, clear of upstream */
	CHECK(!mvx_syscall_name(335));	/* a hole in the table */
	CHECK(!mvx_syscall_name(510));
	CHECK(!mvx_syscall_name(100000));
	CHECK_STR("EPERM", mvx_errno_name(1));
	CHECK_STR("EAGAIN", mvx_errno_name(11));
	CHECK(!mvx_errno_name(0));
	CHECK(!mvx_errno_name(4095));
}

/* --- the default policy --- */

TEST(defaults, init_allows_everything_and_exempts_nothing)
{
	memset(&pol, 0xaa, sizeof(pol));
	mvx_policy_init(&pol);
	for (int nr = 0; nr < MVX_SYSCALL_MAX; nr++) {
		CHECK_INT(MVX_POLICY_ALLOW, pol.action[nr]);
		CHECK_INT(0, pol.error[nr]);
		CHECK(!mvx_policy_exempt(&pol, nr));
		CHECK(!mvx_policy_ruled(&pol, nr));
	}
	CHECK_INT(MVX_POLICY_ALLOW, pol.default_action);
	CHECK_INT(0, pol.default_errno);
	CHECK_INT(0, pol.rules);
}

TEST(defaults, an_empty_file_is_the_default_policy)
{
	memset(&pol, 0xaa, sizeof(pol));
	CHECK_PARSES("");
	for (int nr = 0; nr < MVX_SYSCALL_MAX; nr++) {
		CHECK_INT(MVX_POLICY_ALLOW, pol.action[nr]);
		CHECK(!mvx_policy_exempt(&pol, nr));
	}
	CHECK_INT(MVX_POLICY_ALLOW, pol.default_action);
	CHECK_INT(0, pol.rules);
}

TEST(defaults, default_deny_applies_to_calls_no_rule_names)
{
	CHECK_PARSES("default deny EACCES\nread allow\nexempt getpid\n");
	CHECK_INT(MVX_POLICY_DENY, pol.default_action);
	CHECK_INT(13, pol.default_errno);
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("read"));
	CHECK_INT(0, ERRNO("read"));
	CHECK_INT(MVX_POLICY_DENY, ACTION("write"));
	CHECK_INT(13, ERRNO("write"));
	CHECK_INT(MVX_POLICY_DENY, pol.action[335]);	/* unnamed numbers too */
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("getpid"));	/* exempt: never seen */
	CHECK_INT(MVX_POLICY_ALLOW, pol.action[MVX_NR_mvx]);	/* mvx: the kernel's */
	CHECK_INT(1, pol.rules);
}

TEST(defaults, default_kill_and_default_allow)
{
	CHECK_PARSES("default kill\nwrite allow\n");
	CHECK_INT(MVX_POLICY_KILL, pol.default_action);
	CHECK_INT(0, pol.default_errno);
	CHECK_INT(MVX_POLICY_KILL, ACTION("read"));
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("write"));
	CHECK_PARSES("default allow\nwrite kill\n");
	CHECK_INT(MVX_POLICY_ALLOW, pol.default_action);
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("read"));
	CHECK_INT(MVX_POLICY_KILL, ACTION("write"));
}

TEST(defaults, default_may_come_after_the_rules)
{
	CHECK_PARSES("read allow\ndefault deny EPERM\n");
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("read"));
	CHECK_INT(MVX_POLICY_DENY, ACTION("write"));
	CHECK_INT(1, ERRNO("write"));
}

TEST(defaults, a_second_default_is_an_error)
{
	CHECK_ERROR("default allow\n\ndefault kill\n",
		    "t.policy:3: second default");
	CHECK_ERROR("default allow\ndefault allow\n",
		    "t.policy:2: second default");
}

/* --- rules --- */

TEST(rules, each_action_is_recorded_with_its_errno)
{
	CHECK_PARSES("openat allow\nunlink deny EPERM\nptrace kill\n"
		     "connect deny ECONNREFUSED\n");
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("openat"));
	CHECK_INT(0, ERRNO("openat"));
	CHECK_INT(MVX_POLICY_DENY, ACTION("unlink"));
	CHECK_INT(1, ERRNO("unlink"));
	CHECK_INT(MVX_POLICY_KILL, ACTION("ptrace"));
	CHECK_INT(0, ERRNO("ptrace"));
	CHECK_INT(MVX_POLICY_DENY, ACTION("connect"));
	CHECK_INT(111, ERRNO("connect"));
	CHECK_INT(4, pol.rules);
	CHECK(RULED("openat") && RULED("unlink") && RULED("ptrace"));
	CHECK(!RULED("read"));
	CHECK_INT(MVX_POLICY_ALLOW, pol.default_action);
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("read"));
}

TEST(rules, numbers_name_system_calls_and_errnos)
{
	CHECK_PARSES("39 deny 13\n0 kill\n510 deny 4095\n335 allow\n");
	CHECK_INT(MVX_POLICY_DENY, ACTION("getpid"));
	CHECK_INT(13, ERRNO("getpid"));
	CHECK_INT(MVX_POLICY_KILL, ACTION("read"));
	CHECK_INT(MVX_POLICY_DENY, pol.action[510]);
	CHECK_INT(4095, pol.error[510]);
	CHECK(mvx_policy_ruled(&pol, 335));
	CHECK_INT(4, pol.rules);
}

TEST(rules, a_number_and_a_name_are_the_same_call)
{
	CHECK_ERROR("257 allow\nopenat deny EPERM\n",
		    "t.policy:2: second rule for 'openat'");
	CHECK_ERROR("openat allow\n0257 allow\n",
		    "t.policy:2: second rule for 'openat'");
}

TEST(rules, the_kill_system_call_can_be_killed)
{
	CHECK_PARSES("kill kill\ntkill deny EPERM\n");
	CHECK_INT(MVX_POLICY_KILL, ACTION("kill"));
	CHECK_INT(MVX_POLICY_DENY, ACTION("tkill"));
}

TEST(rules, glibc_errno_aliases_are_known)
{
	CHECK_PARSES("read deny EWOULDBLOCK\nwrite deny EDEADLOCK\n"
		     "ioctl deny ENOTSUP\nopen deny EAGAIN\n");
	CHECK_INT(11, ERRNO("read"));
	CHECK_INT(35, ERRNO("write"));
	CHECK_INT(95, ERRNO("ioctl"));
	CHECK_INT(11, ERRNO("open"));
}

TEST(rules, every_errno_name_of_the_table_is_accepted)
{
	char text[64];

	for (int e = 1; e < 4096; e++) {
		const char *name = mvx_errno_name(e);

		if (!name)
			continue;
		snprintf(text, sizeof(text), "read deny %s\n", name);
		CHECK_PARSES(text);
		CHECK_INT(e, ERRNO("read"));
	}
}

TEST(rules, every_system_call_name_of_the_table_is_accepted)
{
	char text[64];

	for (int nr = 0; nr < MVX_SYSCALL_MAX; nr++) {
		const char *name = mvx_syscall_name(nr);

		if (!name || nr == MVX_NR_mvx)
			continue;
		snprintf(text, sizeof(text), "%s kill\n", name);
		CHECK_PARSES(text);
		CHECK_INT(MVX_POLICY_KILL, pol.action[nr]);
	}
}

/* --- layout: comments, blanks, line ends --- */

TEST(layout, comments_and_blank_lines_are_ignored)
{
	CHECK_PARSES("# a policy\n\n   \n\t\n"
		     "openat deny EACCES # no files\n"
		     "#read kill\n"
		     "write allow#no blank before the comment\n"
		     "  # indented comment\n");
	CHECK_INT(2, pol.rules);
	CHECK_INT(MVX_POLICY_DENY, ACTION("openat"));
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("read"));
	CHECK(!RULED("read"));
	CHECK(RULED("write"));
}

TEST(layout, words_may_be_separated_by_any_blanks)
{
	CHECK_PARSES("  openat \t deny\t\tEACCES   \n\tread\tkill\t\n"
		     "write allow\r\n\fexempt\v getpid  gettid\r\n");
	CHECK_INT(MVX_POLICY_DENY, ACTION("openat"));
	CHECK_INT(13, ERRNO("openat"));
	CHECK_INT(MVX_POLICY_KILL, ACTION("read"));
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("write"));
	CHECK(EXEMPT("getpid") && EXEMPT("gettid"));
}

TEST(layout, the_last_line_needs_no_newline)
{
	CHECK_PARSES("read allow\nwrite kill");
	CHECK_INT(MVX_POLICY_KILL, ACTION("write"));
	CHECK_INT(2, pol.rules);
}

TEST(layout, only_len_bytes_are_read)
{
	static const char text[] = "read kill\nwrite bogus\n";

	CHECK_INT(0, mvx_policy_parse(&pol, text, 10, "t.policy", &perr));
	CHECK_INT(MVX_POLICY_KILL, ACTION("read"));
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("write"));
}

TEST(layout, a_nul_byte_is_an_error)
{
	static const char text[] = "read kill\nwr\0ite allow\n";

	CHECK_INT(-1, mvx_policy_parse(&pol, text, sizeof(text) - 1,
				       "t.policy", &perr));
	CHECK_STR("t.policy:2: unexpected NUL byte", perr.msg);
	CHECK_INT(2, perr.line);
}

/* --- exempt lines --- */

TEST(exempt, names_and_numbers_set_the_bitmap)
{
	CHECK_PARSES("exempt getpid gettid\nexempt 228\nexempt clock_gettime\n");
	CHECK(EXEMPT("getpid") && EXEMPT("gettid"));
	CHECK(EXEMPT("clock_gettime"));
	CHECK(pol.exempt[228 / 64] & (1ULL << (228 % 64)));
	CHECK(!EXEMPT("read"));
	CHECK_INT(0, pol.rules);
	for (int nr = 0, n = 0; nr <= MVX_SYSCALL_MAX; nr++) {
		if (nr == MVX_SYSCALL_MAX) {
			CHECK_INT(3, n);
			break;
		}
		n += mvx_policy_exempt(&pol, nr);
	}
}

TEST(exempt, exempting_twice_is_harmless)
{
	CHECK_PARSES("exempt getpid getpid\nexempt 39\n");
	CHECK(EXEMPT("getpid"));
}

TEST(exempt, an_allow_rule_may_name_an_exempt_call)
{
	CHECK_PARSES("exempt getpid\ngetpid allow\n");
	CHECK_PARSES("getpid allow\nexempt getpid\n");
	CHECK(EXEMPT("getpid"));
	CHECK(RULED("getpid"));
	CHECK_INT(1, pol.rules);
}

TEST(exempt, a_deny_or_kill_rule_may_not_name_an_exempt_call)
{
	CHECK_ERROR("exempt getpid\ngetpid deny EPERM\n",
		    "t.policy:2: 'getpid' is exempt and has a rule");
	CHECK_ERROR("getpid kill\n\nexempt gettid getpid\n",
		    "t.policy:3: 'getpid' is exempt and has a rule");
	CHECK_ERROR("exempt 39\ngetpid kill\n",
		    "t.policy:2: 'getpid' is exempt and has a rule");
}

TEST(exempt, exempt_calls_are_allowed_whatever_the_default)
{
	CHECK_PARSES("default kill\nexempt getpid\n");
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("getpid"));
	CHECK_INT(MVX_POLICY_KILL, ACTION("getppid"));
}

/* --- errors, each message as libmvx prints it (after "libmvx: ") --- */

TEST(errors, unknown_system_call)
{
	CHECK_ERROR("read allow\n\ngetpidd allow\n",
		    "t.policy:3: unknown system call 'getpidd'");
	CHECK_INT(3, perr.line);
	CHECK_ERROR("512 allow\n", "t.policy:1: unknown system call '512'");
	CHECK_ERROR("-1 allow\n", "t.policy:1: unknown system call '-1'");
	CHECK_ERROR("OPENAT allow\n", "t.policy:1: unknown system call 'OPENAT'");
	CHECK_ERROR("exempt getpid foo\n",
		    "t.policy:1: unknown system call 'foo'");
	CHECK_ERROR("allow\n", "t.policy:1: unknown system call 'allow'");
}

TEST(errors, unknown_errno)
{
	CHECK_ERROR("# x\n\n\nread deny EFOO\n",
		    "t.policy:4: unknown errno 'EFOO'");
	CHECK_ERROR("read deny 0\n", "t.policy:1: unknown errno '0'");
	CHECK_ERROR("read deny 4096\n", "t.policy:1: unknown errno '4096'");
	CHECK_ERROR("read deny eperm\n", "t.policy:1: unknown errno 'eperm'");
	CHECK_ERROR("read deny -1\n", "t.policy:1: unknown errno '-1'");
	CHECK_ERROR("default deny EFOO\n", "t.policy:1: unknown errno 'EFOO'");
}

TEST(errors, second_rule)
{
	CHECK_ERROR("openat allow\nread allow\nopenat allow\n",
		    "t.policy:3: second rule for 'openat'");
	CHECK_ERROR("335 allow\n335 kill\n", "t.policy:2: second rule for '335'");
}

TEST(errors, expected_an_action)
{
	static const char *const bad[] = {
		"openat\n", "openat # comment\n", "openat permit\n",
		"openat deny\n", "openat ALLOW\n", "default\n",
		"default EPERM\n", "openat allowed\n",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_ERROR(bad[i], "t.policy:1: expected allow, deny ERRNO or kill");
}

TEST(errors, words_after_the_rule)
{
	CHECK_ERROR("openat allow please\n", "t.policy:1: unexpected 'please'");
	CHECK_ERROR("openat deny EPERM EACCES\n",
		    "t.policy:1: unexpected 'EACCES'");
	CHECK_ERROR("default kill now\n", "t.policy:1: unexpected 'now'");
}

TEST(errors, mvx_cannot_be_given_a_rule_or_be_exempt)
{
	CHECK_ERROR("mvx allow\n", "t.policy:1: 'mvx' cannot be given a rule");
	CHECK_ERROR("511 deny EPERM\n",
		    "t.policy:1: 'mvx' cannot be given a rule");
	CHECK_ERROR("exempt mvx\n", "t.policy:1: 'mvx' cannot be exempt");
	CHECK_ERROR("exempt getpid 511\n", "t.policy:1: 'mvx' cannot be exempt");
}

TEST(errors, exempt_needs_a_name)
{
	CHECK_ERROR("exempt\n", "t.policy:1: expected a system call after exempt");
	CHECK_ERROR("exempt   # none\n",
		    "t.policy:1: expected a system call after exempt");
}

TEST(errors, words_are_quoted_safely_and_briefly)
{
	char text[200], want[200];

	CHECK_ERROR("get\x01pid allow\n",
		    "t.policy:1: unknown system call 'get?pid'");
	memset(text, 'a', 100);
	strcpy(text + 100, " allow\n");
	snprintf(want, sizeof(want), "t.policy:1: unknown system call '%.61s...'",
		 text);
	CHECK_ERROR(text, want);
}

TEST(errors, a_long_file_name_keeps_its_end)
{
	char file[1000], want[MVX_POLICY_MSG_MAX];

	memset(file, 'd', sizeof(file));
	strcpy(file + sizeof(file) - 10, "/p.policy");
	CHECK_INT(-1, mvx_policy_parse(&pol, "x allow", 7, file, &perr));
	snprintf(want, sizeof(want), "...%s:1: unknown system call 'x'",
		 file + strlen(file) - 253);
	CHECK_STR(want, perr.msg);
	CHECK(strlen(perr.msg) < MVX_POLICY_MSG_MAX);
}

TEST(errors, the_first_error_is_reported)
{
	CHECK_ERROR("read allow\nfoo allow\nbar allow\n",
		    "t.policy:2: unknown system call 'foo'");
}

/* --- MVX_EXEMPT --- */

static int add_exempt(const char *list)
{
	memset(&perr, 0, sizeof(perr));
	return mvx_policy_add_exempt_list(&pol, list, &perr);
}

TEST(exempt_list, names_and_numbers_are_added)
{
	mvx_policy_init(&pol);
	CHECK_INT(0, add_exempt("getpid,186,clock_gettime"));
	CHECK(EXEMPT("getpid") && EXEMPT("gettid") && EXEMPT("clock_gettime"));
	CHECK(!EXEMPT("read"));
}

TEST(exempt_list, blanks_and_empty_items_are_ignored)
{
	mvx_policy_init(&pol);
	CHECK_INT(0, add_exempt(""));
	CHECK_INT(0, add_exempt(","));
	CHECK_INT(0, add_exempt(" getpid , gettid,,\tgetppid ,"));
	CHECK(EXEMPT("getpid") && EXEMPT("gettid") && EXEMPT("getppid"));
	CHECK(!EXEMPT("read"));
}

TEST(exempt_list, adds_to_the_exempt_lines_of_the_policy)
{
	CHECK_PARSES("default deny EPERM\nexempt getpid\nread allow\n");
	CHECK_INT(0, add_exempt("gettid,read"));
	CHECK(EXEMPT("getpid") && EXEMPT("gettid") && EXEMPT("read"));
	CHECK_INT(MVX_POLICY_ALLOW, ACTION("gettid"));
	CHECK_INT(0, ERRNO("gettid"));
	CHECK_INT(MVX_POLICY_DENY, ACTION("write"));
	CHECK_INT(1, ERRNO("write"));
	CHECK_INT(1, pol.rules);
}

TEST(exempt_list, unknown_names_are_errors_and_change_nothing)
{
	struct mvx_policy before;

	CHECK_PARSES("default kill\n");
	before = pol;
	CHECK_INT(-1, add_exempt("getpid,foo"));
	CHECK_STR("MVX_EXEMPT: unknown system call 'foo'", perr.msg);
	CHECK_INT(0, perr.line);
	CHECK(!memcmp(&before, &pol, sizeof(pol)));
	CHECK_INT(-1, add_exempt("get pid"));
	CHECK_STR("MVX_EXEMPT: unknown system call 'get pid'", perr.msg);
	CHECK_INT(-1, add_exempt("512"));
	CHECK_STR("MVX_EXEMPT: unknown system call '512'", perr.msg);
}

TEST(exempt_list, mvx_and_calls_with_deny_rules_are_refused)
{
	CHECK_PARSES("getpid deny EPERM\ngettid allow\n");
	CHECK_INT(-1, add_exempt("mvx"));
	CHECK_STR("MVX_EXEMPT: 'mvx' cannot be exempt", perr.msg);
	CHECK_INT(-1, add_exempt("gettid,getpid"));
	CHECK_STR("MVX_EXEMPT: 'getpid' is exempt and has a rule", perr.msg);
	CHECK(!EXEMPT("gettid"));
	CHECK_INT(0, add_exempt("gettid"));
	CHECK(EXEMPT("gettid"));
}

int main(int argc, char *argv[])
{
	const char *group = argc > 1 ? argv[1] : NULL;
	int ran = 0;

	for (const struct test *t = tests; t; t = t->next) {
		if (group && strcmp(group, t->group))
			continue;
		current = t;
		t->fn();
		ran++;
	}
	if (!ran) {
		fprintf(stderr, "policy_test: no tests in group %s\n", group);
		return 2;
	}
	printf("policy_test: %d tests, %d failed checks\n", ran, failures);
	return failures ? 1 : 0;
}
