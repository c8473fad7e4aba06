#include "run/environment.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string_view>

namespace run {

namespace {

bool
has_name(const std::string& entry, const std::string& name)
{
  return entry.size() > name.size() && entry.compare(0, name.size(), name) == 0
         && entry[name.size()] == '=';
}

// The entries of an LD_PRELOAD value: the loader separates them by blanks
// or colons.
std::vector<std::string>
preload_entries(const std::string& value)
{
  std::vector<std::string> entries;
  std::string current;
  for (char c : value) {
    if (c == ' ' || c == ':' || c == '\t') {
      if (!current.empty()) {
        entries.push_back(current);
      }
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) {
    entries.push_back(current);
  }
  return entries;
}

} // namespace

std::string
beside_umvx(const std::string& self_exe)
{
  const auto slash = self_exe.rfind('/');
  const std::string dir
    = slash == std::string::npos ? "." : self_exe.substr(0, slash);
  // Lexically, as the program will see it in LD_PRELOAD: /opt/mvx/lib/...
  return std::filesystem::path(dir + "/../lib/mvx/libmvx.so")
    .lexically_normal()
    .string();
}

util::Result<std::string, std::string>
find_libmvx(const LibmvxPlaces& places, const FileCheck& check)
{
  if (places.env) {
    if (const int err = check(*places.env); err != 0) {
      return util::fail("MVX_LIBMVX=" + *places.env + ": "
                        + std::strerror(err));
    }
    return *places.env;
  }
  for (const auto* candidate : {&places.beside, &places.installed}) {
    if (!candidate->empty() && check(*candidate) == 0) {
      return *candidate;
    }
  }
  return util::fail("cannot find libmvx.so (looked for " + places.beside
                    + " and " + places.installed + "; set MVX_LIBMVX)");
}

std::string
absolute_path(const std::string& path, const std::string& cwd)
{
  if (path.empty() || path[0] == '/') {
    return path;
  }
  return (cwd.empty() || cwd.back() == '/' ? cwd : cwd + "/") + path;
}

std::vector<std::string>
make_environment(const std::vector<std::string>& environ,
                 const std::string& libmvx,
                 const Options& options,
                 const std::optional<std::string>& absolute_policy)
{
  // No static std::string: nothing allocated that outlives the call.
  const std::string ld_preload = "LD_PRELOAD";
  constexpr std::string_view owned[]
    = {"MVX_POLICY", "MVX_EXEMPT", "MVX_ALLOW_UNMONITORED_EXEC"};

  std::string preload = libmvx;
  std::vector<std::string> out;
  for (const auto& entry : environ) {
    if (has_name(entry, ld_preload)) {
      for (const auto& lib :
           preload_entries(entry.substr(ld_preload.size() + 1))) {
        if (lib != libmvx) {
          preload += ":" + lib;
        }
      }
      continue;
    }
    const bool drop = std::any_of(
      std::begin(owned), std::end(owned), [&](std::string_view name) {
        return has_name(entry, std::string(name));
      });
    if (!drop) {
      out.push_back(entry);
    }
  }

  out.push_back(ld_preload + "=" + preload);
  if (absolute_policy) {
    out.push_back("MVX_POLICY=" + *absolute_policy);
  }
  if (!options.exempt.empty()) {
    std::string list;
    for (const auto& name : options.exempt) {
      list += (list.empty() ? "" : ",") + name;
    }
    out.push_back("MVX_EXEMPT=" + list);
  }
  if (options.allow_unmonitored_exec) {
    out.push_back("MVX_ALLOW_UNMONITORED_EXEC=1");
  }
  return out;
}

} // namespace run
