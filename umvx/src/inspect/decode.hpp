#pragma once

#include "device/fd_info.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace inspect {

// O_LARGEFILE as the kernel reports it. glibc defines O_LARGEFILE as 0 on
// 64-bit ABIs, yet the kernel sets its own bit in the flags of every file
// such a process opens. The bit differs between architectures.
#if defined(__aarch64__) || defined(__arm__)
inline constexpr std::uint32_t kernel_o_largefile = 0400000;
#elif defined(__powerpc__)
inline constexpr std::uint32_t kernel_o_largefile = 0200000;
#else
// asm-generic: x86, riscv, s390, loongarch
inline constexpr std::uint32_t kernel_o_largefile = 0100000;
#endif

// "reg", "dir", "chr", "blk", "fifo", "sock", "link", "anon" or "unknown".
std::string type_name(device::FileType type);

// "r", "w" or "rw" from the O_ACCMODE bits; "-" for the mode 3 some
// drivers use for ioctl-only descriptors.
std::string access_name(std::uint32_t open_flags);

// The lowercase names of the status flags set besides the access mode
// (O_NONBLOCK is "nonblock"), in a fixed order. Bits without a name are
// reported together as one octal number, e.g. "040".
std::vector<std::string> flag_names(std::uint32_t open_flags);

// Like ls -l: "-rw-r--r--", "crw--w----", "drwxrwxrwt"; the type letter is
// '?' when mode has no file type (anonymous inodes).
std::string mode_string(std::uint32_t mode);

// "MAJOR:MINOR" of a device number in stat(2)'s encoding.
std::string device_number(std::uint64_t dev);

std::uint32_t dev_major(std::uint64_t dev);
std::uint32_t dev_minor(std::uint64_t dev);

} // namespace inspect
