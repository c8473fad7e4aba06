// SPDX-License-Identifier: GPL-2.0
// In-VM test: `umvx -p PID -i --json` must agree, column by column, with
// what /proc/PID/fd, /proc/PID/fdinfo and stat(2) report for the process.
//
// usage: fdcheck UMVX PID LABEL [TYPES]
// TYPES: comma-separated descriptor types the target must show
// (default reg,fifo,sock,anon).

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct ProcFd {
	std::string path;
	unsigned long flags = 0; // fdinfo "flags:", octal, with O_CLOEXEC
	long long pos = 0;
	struct stat st {};

	bool operator==(const ProcFd &o) const
	{
		return path == o.path && flags == o.flags && pos == o.pos;
	}
};

using ProcTable = std::map<int, ProcFd>;

ProcTable read_proc(pid_t pid)
{
	ProcTable t;
	const std::string dir = "/proc/" + std::to_string(pid);

	for (const auto &ent : std::filesystem::directory_iterator(dir + "/fd")) {
		const int fd = std::stoi(ent.path().filename().string());
		ProcFd p;
		std::error_code ec;

		p.path = std::filesystem::read_symlink(ent.path(), ec).string();
		if (ec || stat(ent.path().c_str(), &p.st) != 0)
			continue; // closed meanwhile
		std::ifstream info(dir + "/fdinfo/" + std::to_string(fd));
		std::string key;
		while (info >> key) {
			if (key == "pos:")
				info >> p.pos;
			else if (key == "flags:")
				info >> std::oct >> p.flags >> std::dec;
			else
				info.ignore(4096, '\n');
		}
		t[fd] = p;
	}
	return t;
}

std::string run(const std::string &cmd, int &status)
{
	std::string out;
	char buf[4096];
	FILE *p = popen(cmd.c_str(), "r");

	if (!p) {
		status = -1;
		return out;
	}
	for (size_t n; (n = fread(buf, 1, sizeof(buf), p)) > 0;)
		out.append(buf, n);
	status = pclose(p);
	return out;
}

int failures;

void check(bool ok, const std::string &what)
{
	std::printf("%s: %s\n", ok ? "PASS" : "FAIL", what.c_str());
	std::fflush(stdout);
	failures += !ok;
}

const char *type_of(const ProcFd &p)
{
	if (p.path.rfind("anon_inode:", 0) == 0)
		return "anon";
	switch (p.st.st_mode & S_IFMT) {
	case S_IFREG: return "reg";
	case S_IFDIR: return "dir";
	case S_IFCHR: return "chr";
	case S_IFBLK: return "blk";
	case S_IFIFO: return "fifo";
	case S_IFSOCK: return "sock";
	case S_IFLNK: return "link";
	}
	return "unknown";
}

const char *access_of(unsigned long flags)
{
	switch (flags & O_ACCMODE) {
	case O_RDONLY: return "r";
	case O_WRONLY: return "w";
	}
	return "rw";
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 4 && argc != 5) {
		std::fprintf(stderr, "usage: fdcheck UMVX PID LABEL [TYPES]\n");
		return 2;
	}
	const std::string umvx = argv[1];
	const pid_t pid = std::stoi(argv[2]);
	const std::string tag = std::string("inspect[") + argv[3] + "]: ";
	std::stringstream want_types(argc == 5 ? argv[4] : "reg,fifo,sock,anon");

	// The target keeps writing: take /proc on both sides of umvx and retry
	// until nothing moved in between.
	ProcTable proc;
	nlohmann::json j;
	int status = -1;
	bool stable = false;
	for (int attempt = 0; attempt < 10 && !stable; attempt++) {
		ProcTable before = read_proc(pid);
		std::string out = run(umvx + " -p " + std::to_string(pid) + " -i --json", status);
		proc = read_proc(pid);
		stable = before == proc;
		if (status == 0)
			j = nlohmann::json::parse(out, nullptr, false);
	}
	check(status == 0 && !j.is_discarded(), tag + "umvx -i --json succeeds and prints JSON");
	if (status != 0 || j.is_discarded())
		return 1;
	check(stable, tag + "the fd table held still for one comparison");

	check(j["pid"] == pid, tag + "JSON names the pid");
	check(j["total"] == proc.size() && j["fds"].size() == proc.size(),
	      tag + "every fd in /proc/PID/fd is listed, and no other (" +
	      std::to_string(j["fds"].size()) + " vs " + std::to_string(proc.size()) + ")");

	struct Column {
		const char *name;
		std::function<bool(const nlohmann::json &, const ProcFd &)> same;
	};
	const Column columns[] = {
		{ "path matches readlink(/proc/PID/fd/N)",
		  [](auto &e, auto &p) { return e["path"] == p.path; } },
		{ "close-on-exec matches fdinfo flags",
		  [](auto &e, auto &p) { return e["cloexec"] == bool(p.flags & O_CLOEXEC); } },
		{ "open flags match fdinfo flags",
		  [](auto &e, auto &p) { return e["open_flags"] == (p.flags & ~(unsigned long)O_CLOEXEC); } },
		{ "access mode matches fdinfo flags",
		  [](auto &e, auto &p) { return e["access"] == access_of(p.flags); } },
		{ "position matches fdinfo pos",
		  [](auto &e, auto &p) { return e["pos"] == p.pos; } },
		{ "type matches stat and the link name",
		  [](auto &e, auto &p) { return e["type"] == type_of(p); } },
		{ "device matches stat st_dev",
		  [](auto &e, auto &p) {
			  return e["dev_major"] == major(p.st.st_dev) &&
				 e["dev_minor"] == minor(p.st.st_dev);
		  } },
		{ "rdev matches stat st_rdev",
		  [](auto &e, auto &p) {
			  return e["rdev_major"] == major(p.st.st_rdev) &&
				 e["rdev_minor"] == minor(p.st.st_rdev);
		  } },
		{ "inode matches stat st_ino",
		  [](auto &e, auto &p) { return e["ino"] == p.st.st_ino; } },
		{ "uid and gid match stat",
		  [](auto &e, auto &p) { return e["uid"] == p.st.st_uid && e["gid"] == p.st.st_gid; } },
		{ "mode matches stat st_mode",
		  [](auto &e, auto &p) { return e["mode"] == p.st.st_mode; } },
		{ "size matches stat st_size",
		  [](auto &e, auto &p) { return e["size"] == p.st.st_size; } },
	};
	for (const auto &col : columns) {
		std::string bad;
		for (const auto &e : j["fds"]) {
			const int fd = e["fd"];
			auto it = proc.find(fd);
			if (it == proc.end() || !col.same(e, it->second))
				bad += " " + std::to_string(fd);
		}
		check(bad.empty(), tag + col.name + (bad.empty() ? "" : ": differs on fd" + bad));
	}

	std::string types;
	for (const auto &e : j["fds"])
		types += " " + e["type"].get<std::string>();
	for (std::string t; std::getline(want_types, t, ',');)
		check(types.find(" " + t) != std::string::npos,
		      tag + "the target shows a " + t + " descriptor");

	bool moved = false;
	for (const auto &e : j["fds"])
		moved |= e["pos"] > 0;
	check(moved, tag + "some descriptor has a non-zero position");

	// The table for people shows the same descriptors.
	std::string text = run(umvx + " -p " + std::to_string(pid) + " -i", status);
	std::string missing;
	for (const auto &[fd, p] : proc)
		if (text.find(p.path) == std::string::npos)
			missing += " " + p.path;
	check(status == 0 && missing.empty(), tag + "the text table shows every path" + missing);

	return failures ? 1 : 0;
}
