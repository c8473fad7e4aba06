// SPDX-License-Identifier: GPL-2.0
/*
 * Test module for the mvx system call hook (patch 2 of the series).
 *
 * /sys/kernel/debug/mvx_hook_test/ctl:
 *   write "set"   hook the writing thread
 *   write "clear" stop hooking it
 *   read          "enter=N exit=N skipped=N foreign=N"
 *
 * The hook counts the calls of the hooked thread group, skips
 * getpriority(MVX_HOOK_TEST_MAGIC, 0) with result MVX_HOOK_TEST_RESULT,
 * and counts as "foreign" any call it sees from another thread group,
 * which must never happen. Children are not hooked (no fork callback
 * says so), so their calls must reach the kernel untouched.
 */

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mvx_hook.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#define MVX_HOOK_TEST_MAGIC	0x6d7678
#define MVX_HOOK_TEST_RESULT	4242

static atomic_t hooked_tgid = ATOMIC_INIT(0);
static atomic_long_t n_enter, n_exit, n_skipped, n_foreign;
static struct dentry *test_dir;

static bool mine(void)
{
	if (current->tgid == atomic_read(&hooked_tgid))
		return true;
	atomic_long_inc(&n_foreign);
	return false;
}

static bool test_enter(struct pt_regs *regs, long nr)
{
	unsigned long args[6];

	if (!mine())
		return false;
	atomic_long_inc(&n_enter);

	syscall_get_arguments(current, regs, args);
	if (nr == __NR_getpriority && args[0] == MVX_HOOK_TEST_MAGIC) {
		atomic_long_inc(&n_skipped);
		syscall_set_return_value(current, regs, 0,
					 MVX_HOOK_TEST_RESULT);
		return true;
	}
	return false;
}

static void test_exit(struct pt_regs *regs)
{
	if (mine())
		atomic_long_inc(&n_exit);
}

static const struct mvx_hook_ops test_ops = {
	.enter	= test_enter,
	.exit	= test_exit,
};

static ssize_t ctl_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	char cmd[8] = {};

	if (len >= sizeof(cmd) || copy_from_user(cmd, ubuf, len))
		return -EINVAL;

	if (sysfs_streq(cmd, "set")) {
		atomic_set(&hooked_tgid, current->tgid);
		mvx_hook_set_task(current);
	} else if (sysfs_streq(cmd, "clear")) {
		mvx_hook_clear_task(current);
	} else {
		return -EINVAL;
	}
	return len;
}

static ssize_t ctl_read(struct file *file, char __user *ubuf, size_t len,
			loff_t *ppos)
{
	char buf[128];
	int n;

	n = scnprintf(buf, sizeof(buf),
		      "enter=%ld exit=%ld skipped=%ld foreign=%ld set=%d\n",
		      atomic_long_read(&n_enter), atomic_long_read(&n_exit),
		      atomic_long_read(&n_skipped),
		      atomic_long_read(&n_foreign),
		      mvx_hook_task_is_set(current));
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations ctl_fops = {
	.owner	= THIS_MODULE,
	.read	= ctl_read,
	.write	= ctl_write,
	.llseek	= default_llseek,
};

static int __init hook_test_init(void)
{
	int ret;

	ret = mvx_hook_register(&test_ops);
	if (ret)
		return ret;

	test_dir = debugfs_create_dir("mvx_hook_test", NULL);
	debugfs_create_file("ctl", 0600, test_dir, NULL, &ctl_fops);
	return 0;
}

static void __exit hook_test_exit(void)
{
	debugfs_remove_recursive(test_dir);
	mvx_hook_unregister(&test_ops);
}

module_init(hook_test_init);
module_exit(hook_test_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test module for the mvx system call hook");
