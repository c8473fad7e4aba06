#include "inspect/decode.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cstdio>

namespace inspect {

namespace {

struct FlagName
{
  std::uint32_t mask;
  const char* name;
};

// Flags made of several bits (O_SYNC includes O_DSYNC, O_TMPFILE includes
// O_DIRECTORY) come before their parts, which they consume.
constexpr FlagName flag_table[] = {
  {O_APPEND, "append"},
  {O_NONBLOCK, "nonblock"},
  {O_SYNC, "sync"},
  {O_DSYNC, "dsync"},
  {O_ASYNC, "async"},
  {O_DIRECT, "direct"},
  {kernel_o_largefile, "largefile"},
  {O_TMPFILE, "tmpfile"},
  {O_DIRECTORY, "directory"},
  {O_NOFOLLOW, "nofollow"},
  {O_NOATIME, "noatime"},
  {O_PATH, "path"},
  {O_CREAT, "creat"},
  {O_EXCL, "excl"},
  {O_NOCTTY, "noctty"},
  {O_TRUNC, "trunc"},
};

} // namespace

std::string
type_name(device::FileType type)
{
  using device::FileType;
  switch (type) {
  case FileType::regular:
    return "reg";
  case FileType::directory:
    return "dir";
  case FileType::char_device:
    return "chr";
  case FileType::block_device:
    return "blk";
  case FileType::fifo:
    return "fifo";
  case FileType::socket:
    return "sock";
  case FileType::symlink:
    return "link";
  case FileType::anon_inode:
    return "anon";
  case FileType::unknown:
    break;
  }
  return "unknown";
}

std::string
access_name(std::uint32_t open_flags)
{
  switch (open_flags & O_ACCMODE) {
  case O_RDONLY:
    return "r";
  case O_WRONLY:
    return "w";
  case O_RDWR:
    return "rw";
  default:
    return "-";
  }
}

std::vector<std::string>
flag_names(std::uint32_t open_flags)
{
  std::uint32_t rest = open_flags & ~std::uint32_t{O_ACCMODE | O_CLOEXEC};
  std::vector<std::string> names;
  for (const auto& flag : flag_table) {
    if ((rest & flag.mask) == flag.mask) {
      names.emplace_back(flag.name);
      rest &= ~flag.mask;
    }
  }
  if (rest != 0) {
    char octal[16];
    std::snprintf(octal, sizeof(octal), "0%o", rest);
    names.emplace_back(octal);
  }
  return names;
}

std::string
mode_string(std::uint32_t mode)
{
  std::string s = "?rwxrwxrwx";
  switch (mode & S_IFMT) {
  case S_IFREG:
    s[0] = '-';
    break;
  case S_IFDIR:
    s[0] = 'd';
    break;
  case S_IFCHR:
    s[0] = 'c';
    break;
  case S_IFBLK:
    s[0] = 'b';
    break;
  case S_IFIFO:
    s[0] = 'p';
    break;
  case S_IFSOCK:
    s[0] = 's';
    break;
  case S_IFLNK:
    s[0] = 'l';
    break;
  }
  for (int bit = 0; bit < 9; ++bit) {
    if ((mode & (0400u >> bit)) == 0) {
      s[1 + bit] = '-';
    }
  }
  // The special bits show in the execute positions, capitalised when the
  // execute bit beneath them is clear.
  auto special = [&](std::uint32_t bit, size_t pos, char letter) {
    if (mode & bit) {
      s[pos] = s[pos] == 'x' ? letter : static_cast<char>(letter - 'a' + 'A');
    }
  };
  special(S_ISUID, 3, 's');
  special(S_ISGID, 6, 's');
  special(S_ISVTX, 9, 't');
  return s;
}

std::uint32_t
dev_major(std::uint64_t dev)
{
  return major(dev);
}

std::uint32_t
dev_minor(std::uint64_t dev)
{
  return minor(dev);
}

std::string
device_number(std::uint64_t dev)
{
  return std::to_string(dev_major(dev)) + ":" + std::to_string(dev_minor(dev));
}

} // namespace inspect
