#include "inspect/decode.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using device::FileType;

namespace {

std::string
flags(std::uint32_t open_flags)
{
  std::string joined;
  for (const auto& name : inspect::flag_names(open_flags)) {
    joined += joined.empty() ? name : "," + name;
  }
  return joined;
}

} // namespace

TEST_GROUP(Decode){};

TEST(Decode, names_every_file_type)
{
  STRCMP_EQUAL("reg", inspect::type_name(FileType::regular).c_str());
  STRCMP_EQUAL("dir", inspect::type_name(FileType::directory).c_str());
  STRCMP_EQUAL("chr", inspect::type_name(FileType::char_device).c_str());
  STRCMP_EQUAL("blk", inspect::type_name(FileType::block_device).c_str());
  STRCMP_EQUAL("fifo", inspect::type_name(FileType::fifo).c_str());
  STRCMP_EQUAL("sock", inspect::type_name(FileType::socket).c_str());
  STRCMP_EQUAL("link", inspect::type_name(FileType::symlink).c_str());
  STRCMP_EQUAL("anon", inspect::type_name(FileType::anon_inode).c_str());
  STRCMP_EQUAL("unknown", inspect::type_name(FileType::unknown).c_str());
}

TEST(Decode, reads_the_access_mode)
{
  STRCMP_EQUAL("r", inspect::access_name(O_RDONLY).c_str());
  STRCMP_EQUAL("w", inspect::access_name(O_WRONLY | O_APPEND).c_str());
  STRCMP_EQUAL("rw", inspect::access_name(O_RDWR | O_NONBLOCK).c_str());
  STRCMP_EQUAL("-", inspect::access_name(O_ACCMODE).c_str());
}

TEST(Decode, finds_no_flags_besides_the_access_mode)
{
  CHECK_TRUE(inspect::flag_names(O_RDWR).empty());
}

TEST(Decode, names_single_flags)
{
  STRCMP_EQUAL("append", flags(O_WRONLY | O_APPEND).c_str());
  STRCMP_EQUAL("nonblock", flags(O_NONBLOCK).c_str());
  STRCMP_EQUAL("dsync", flags(O_DSYNC).c_str());
  STRCMP_EQUAL("async", flags(O_ASYNC).c_str());
  STRCMP_EQUAL("direct", flags(O_DIRECT).c_str());
  STRCMP_EQUAL("largefile", flags(inspect::kernel_o_largefile).c_str());
  STRCMP_EQUAL("directory", flags(O_DIRECTORY).c_str());
  STRCMP_EQUAL("nofollow", flags(O_NOFOLLOW).c_str());
  STRCMP_EQUAL("noatime", flags(O_NOATIME).c_str());
  STRCMP_EQUAL("path", flags(O_PATH).c_str());
}

TEST(Decode, names_sync_once_not_also_as_dsync)
{
  STRCMP_EQUAL("sync", flags(O_SYNC).c_str());
}

TEST(Decode, names_tmpfile_once_not_also_as_directory)
{
  STRCMP_EQUAL("tmpfile", flags(O_RDWR | O_TMPFILE).c_str());
}

TEST(Decode, lists_several_flags_in_a_fixed_order)
{
  STRCMP_EQUAL(
    "append,nonblock,largefile",
    flags(O_WRONLY | inspect::kernel_o_largefile | O_NONBLOCK | O_APPEND)
      .c_str());
  STRCMP_EQUAL(
    "nonblock,largefile,directory",
    flags(O_DIRECTORY | O_NONBLOCK | inspect::kernel_o_largefile).c_str());
}

TEST(Decode, ignores_close_on_exec_in_the_flags)
{
  CHECK_TRUE(inspect::flag_names(O_RDONLY | O_CLOEXEC).empty());
}

TEST(Decode, shows_unnamed_bits_as_one_octal_number)
{
  STRCMP_EQUAL("append,040", flags(O_APPEND | 040).c_str());
}

TEST(Decode, writes_modes_like_ls)
{
  STRCMP_EQUAL("-rw-r--r--", inspect::mode_string(S_IFREG | 0644).c_str());
  STRCMP_EQUAL("drwxr-xr-x", inspect::mode_string(S_IFDIR | 0755).c_str());
  STRCMP_EQUAL("crw--w----", inspect::mode_string(S_IFCHR | 0620).c_str());
  STRCMP_EQUAL("brw-rw----", inspect::mode_string(S_IFBLK | 0660).c_str());
  STRCMP_EQUAL("prw-------", inspect::mode_string(S_IFIFO | 0600).c_str());
  STRCMP_EQUAL("srwxrwxrwx", inspect::mode_string(S_IFSOCK | 0777).c_str());
  STRCMP_EQUAL("lrwxrwxrwx", inspect::mode_string(S_IFLNK | 0777).c_str());
}

TEST(Decode, marks_a_mode_without_file_type_with_a_question_mark)
{
  STRCMP_EQUAL("?rw-------", inspect::mode_string(0600).c_str());
  STRCMP_EQUAL("?---------", inspect::mode_string(0).c_str());
}

TEST(Decode, writes_setuid_setgid_and_sticky_bits_like_ls)
{
  STRCMP_EQUAL("-rwsr-xr-x", inspect::mode_string(S_IFREG | 04755).c_str());
  STRCMP_EQUAL("-rwSr--r--", inspect::mode_string(S_IFREG | 04644).c_str());
  STRCMP_EQUAL("-rwxr-sr-x", inspect::mode_string(S_IFREG | 02755).c_str());
  STRCMP_EQUAL("-rw-r-Sr--", inspect::mode_string(S_IFREG | 02644).c_str());
  STRCMP_EQUAL("drwxrwxrwt", inspect::mode_string(S_IFDIR | 01777).c_str());
  STRCMP_EQUAL("drwxr-xr-T", inspect::mode_string(S_IFDIR | 01754).c_str());
}

TEST(Decode, writes_device_numbers_as_major_colon_minor)
{
  STRCMP_EQUAL("8:1", inspect::device_number(makedev(8, 1)).c_str());
  STRCMP_EQUAL("0:25", inspect::device_number(makedev(0, 25)).c_str());
  STRCMP_EQUAL("259:65536",
               inspect::device_number(makedev(259, 65536)).c_str());
}

TEST(Decode, splits_the_kernels_device_encoding)
{
  // The kernel's new_encode_dev(MKDEV(259, 300)): minor's low byte, then
  // major, then the rest of minor.
  const std::uint64_t encoded
    = (300 & 0xff) | (259 << 8) | ((300 & ~0xff) << 12);
  LONGS_EQUAL(259, inspect::dev_major(encoded));
  LONGS_EQUAL(300, inspect::dev_minor(encoded));
}
