#pragma once

#include "util/result.hpp"

#include <string>

namespace run {

// How a program file is linked, as far as loading libmvx goes.
enum class Linkage
{
  dynamic,    // an ELF file with PT_INTERP: the loader can preload libmvx
  static_elf, // an ELF file without PT_INTERP (static, or static-pie)
  not_elf,    // a script or anything else: execve decides
};

// Reads the ELF header and program headers of the file at path. The error
// is an errno value from opening or reading it.
util::Result<Linkage, int> linkage(const std::string& path);

// The same, of bytes already read (the start of a file, which must hold
// the program headers).
Linkage linkage_of(const std::string& bytes);

// What execvp(3) would execute for program: program itself if it contains
// a slash, else the first executable regular file named program in a
// directory of path (a colon-separated list; empty entries mean the
// current directory). The error is ENOENT if there is none, or EACCES if
// a file was found but none could be executed.
util::Result<std::string, int> resolve(const std::string& program,
                                       const std::string& path);

} // namespace run
