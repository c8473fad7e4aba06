#include "monitor/names.h"

#include <mvx_syscall_names.h>

#include <string.h>

const char *
umvx_syscall_name(unsigned long nr)
{
	return nr < MVX_SYSCALL_NAMES_COUNT ? mvx_syscall_names[nr] : 0;
}

const char *
umvx_errno_name(unsigned long err)
{
	return err < MVX_ERRNO_NAMES_COUNT ? mvx_errno_names[err] : 0;
}

long
umvx_syscall_number(const char *name)
{
	unsigned long nr;

	for (nr = 0; nr < MVX_SYSCALL_NAMES_COUNT; nr++)
		if (mvx_syscall_names[nr] && strcmp(mvx_syscall_names[nr], name) == 0)
			return (long)nr;
	return -1;
}
