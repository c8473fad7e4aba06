#include "run/elf.hpp"

#include "util/fd.hpp"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

namespace run {

namespace {

// Enough for the headers of any program the loader itself accepts.
constexpr std::size_t max_header_bytes = 64 * 1024;

template<typename Ehdr, typename Phdr>
Linkage
scan_program_headers(const std::string& bytes)
{
  if (bytes.size() < sizeof(Ehdr)) {
    return Linkage::not_elf;
  }
  Ehdr header;
  std::memcpy(&header, bytes.data(), sizeof(header));
  if (header.e_phentsize != sizeof(Phdr)) {
    return Linkage::not_elf;
  }
  for (std::size_t i = 0; i < header.e_phnum; ++i) {
    const std::size_t at = header.e_phoff + i * sizeof(Phdr);
    if (at + sizeof(Phdr) > bytes.size() || at < header.e_phoff) {
      break;
    }
    Phdr program_header;
    std::memcpy(&program_header, bytes.data() + at, sizeof(program_header));
    if (program_header.p_type == PT_INTERP) {
      return Linkage::dynamic;
    }
  }
  return Linkage::static_elf;
}

bool
executable_file(const std::string& path, int& err)
{
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    err = errno;
    return false;
  }
  if (!S_ISREG(st.st_mode) || ::access(path.c_str(), X_OK) != 0) {
    err = EACCES;
    return false;
  }
  return true;
}

} // namespace

Linkage
linkage_of(const std::string& bytes)
{
  if (bytes.size() < EI_NIDENT
      || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0) {
    return Linkage::not_elf;
  }
  switch (bytes[EI_CLASS]) {
  case ELFCLASS64:
    return scan_program_headers<Elf64_Ehdr, Elf64_Phdr>(bytes);
  case ELFCLASS32:
    return scan_program_headers<Elf32_Ehdr, Elf32_Phdr>(bytes);
  default:
    return Linkage::not_elf;
  }
}

util::Result<Linkage, int>
linkage(const std::string& path)
{
  util::Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    return util::fail(errno);
  }
  std::string bytes;
  char buf[4096];
  while (bytes.size() < max_header_bytes) {
    const ssize_t n = ::read(fd.get(), buf, sizeof(buf));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return util::fail(errno);
    }
    if (n == 0) {
      break;
    }
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  return linkage_of(bytes);
}

util::Result<std::string, int>
resolve(const std::string& program, const std::string& path)
{
  if (program.find('/') != std::string::npos) {
    int err = 0;
    if (!executable_file(program, err)) {
      return util::fail(err);
    }
    return program;
  }
  int result = ENOENT;
  std::size_t start = 0;
  for (;;) {
    const std::size_t colon = path.find(':', start);
    std::string_view dir = std::string_view(path).substr(start, colon - start);
    if (dir.empty()) {
      dir = ".";
    }
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about
    // assigning to a string made by substr().
    std::string candidate;
    candidate.reserve(dir.size() + 1 + program.size());
    candidate.append(dir).append(1, '/').append(program);
    int err = 0;
    if (executable_file(candidate, err)) {
      return candidate;
    }
    // As execvp: a file that exists but cannot be executed is remembered.
    if (err == EACCES) {
      result = EACCES;
    }
    if (colon == std::string::npos) {
      return util::fail(result);
    }
    start = colon + 1;
  }
}

} // namespace run
