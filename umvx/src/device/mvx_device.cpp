// The real mvx device: the one place that knows the kernel's ioctl ABI.

#include "device/device.hpp"
#include "util/fd.hpp"

#include <mvx.h>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <vector>

namespace device {

extern const std::uint32_t api_version = MVX_API_VERSION;
extern const std::uint32_t max_list_capacity = MVX_FD_LIST_MAX;
extern const std::uint32_t max_monitor_read = MVX_MONITOR_READ_MAX;

namespace {

FileType
file_type(std::uint32_t type)
{
  switch (type) {
  case MVX_FD_TYPE_REG:
    return FileType::regular;
  case MVX_FD_TYPE_DIR:
    return FileType::directory;
  case MVX_FD_TYPE_CHR:
    return FileType::char_device;
  case MVX_FD_TYPE_BLK:
    return FileType::block_device;
  case MVX_FD_TYPE_FIFO:
    return FileType::fifo;
  case MVX_FD_TYPE_SOCK:
    return FileType::socket;
  case MVX_FD_TYPE_LNK:
    return FileType::symlink;
  case MVX_FD_TYPE_ANON:
    return FileType::anon_inode;
  default:
    return FileType::unknown;
  }
}

FdInfo
to_fd_info(const mvx_fd_entry& entry)
{
  FdInfo info;
  info.fd = entry.fd;
  info.cloexec = (entry.fd_flags & MVX_FD_CLOEXEC) != 0;
  info.open_flags = entry.open_flags;
  info.type = file_type(entry.type);
  info.pos = entry.pos;
  info.dev = entry.dev;
  info.rdev = entry.rdev;
  info.ino = entry.ino;
  info.size = entry.size;
  info.uid = entry.uid;
  info.gid = entry.gid;
  info.mode = entry.mode;
  info.path.assign(entry.path, strnlen(entry.path, sizeof(entry.path)));
  return info;
}

std::uint32_t
session_mode(SessionMode mode)
{
  return mode == SessionMode::duplicate ? MVX_SESSION_DUP : MVX_SESSION_REMAP;
}

SessionMode
from_session_mode(std::uint32_t mode)
{
  return mode == MVX_SESSION_DUP ? SessionMode::duplicate : SessionMode::remap;
}

SessionState
from_session_state(std::uint32_t state)
{
  switch (state) {
  case MVX_SESSION_PAUSED:
    return SessionState::paused;
  case MVX_SESSION_ENDED:
    return SessionState::ended;
  default:
    return SessionState::active;
  }
}

EndReason
from_end_reason(std::uint32_t reason)
{
  switch (reason) {
  case MVX_END_EXITED:
    return EndReason::exited;
  case MVX_END_EXECED:
    return EndReason::execed;
  default:
    return EndReason::none;
  }
}

std::uint32_t
session_op(SessionOp op)
{
  switch (op) {
  case SessionOp::pause:
    return MVX_SESSION_PAUSE;
  case SessionOp::resume:
    return MVX_SESSION_RESUME;
  case SessionOp::end:
    break;
  }
  return MVX_SESSION_END;
}

MonitorState
from_monitor_state(std::uint32_t state)
{
  switch (state) {
  case MVX_MON_AWAITING:
    return MonitorState::awaiting;
  case MVX_MON_ACTIVE:
    return MonitorState::active;
  case MVX_MON_EXITED:
    return MonitorState::exited;
  default:
    return MonitorState::none;
  }
}

MonitorInfo
to_monitor_info(const mvx_monitor_info& request)
{
  MonitorInfo info;
  info.state = from_monitor_state(request.state);
  const std::uint32_t nr_ranges
    = std::min<std::uint32_t>(request.nr_ranges, MVX_MONITOR_RANGES_MAX);
  for (std::uint32_t i = 0; i < nr_ranges; ++i) {
    const auto& range = request.ranges[i];
    info.ranges.push_back({range.start, range.end, range.prot});
  }
  info.entry = request.entry;
  info.records = request.records;
  info.records_size = request.records_size;
  info.excursions = request.excursions;
  info.refused = request.refused;
  info.exempt_count = request.exempt_count;
  static_assert(MVX_SYSCALL_MAX == syscall_max);
  for (std::size_t nr = 0; nr < syscall_max; ++nr) {
    if (request.exempt[nr / 64] & (std::uint64_t{1} << (nr % 64))) {
      info.exempt.set(nr);
    }
  }
  if (info.state == MonitorState::exited) {
    info.exit_status = request.exit_status;
  }
  return info;
}

GroupState
from_group_state(std::uint32_t state)
{
  switch (state) {
  case MVX_GROUP_STARTING:
    return GroupState::starting;
  case MVX_GROUP_RUNNING:
    return GroupState::running;
  case MVX_GROUP_STOPPED:
    return GroupState::stopped;
  case MVX_GROUP_ENDED:
    return GroupState::ended;
  default:
    return GroupState::unknown;
  }
}

StopCause
from_stop_cause(std::uint32_t cause)
{
  switch (cause) {
  case 0:
    return StopCause::none;
  case MVX_STOP_UNSUPPORTED:
    return StopCause::unsupported;
  case MVX_STOP_CALL:
    return StopCause::call;
  case MVX_STOP_ARGS:
    return StopCause::args;
  case MVX_STOP_DIED:
    return StopCause::died;
  case MVX_STOP_OUTPUT:
    return StopCause::output;
  case MVX_STOP_TOO_LARGE:
    return StopCause::too_large;
  case MVX_STOP_POLICY:
    return StopCause::policy;
  case MVX_STOP_CONTROLLER:
    return StopCause::controller;
  case MVX_STOP_NO_CALL:
    return StopCause::no_call;
  case MVX_STOP_RESULT:
    return StopCause::result;
  default:
    return StopCause::unknown;
  }
}

GroupStatus
to_group_status(const mvx_group_status& request)
{
  static_assert(MVX_GROUP_MAX == group_max);
  static_assert(MVX_GROUP_SHOW_MAX == group_show_max);
  static_assert(MVX_GROUP_DATA_MAX == group_data_max);
  GroupStatus status;
  status.state = from_group_state(request.state);
  status.n = std::min<std::uint32_t>(request.n, MVX_GROUP_MAX);
  for (std::uint32_t i = 0; i < status.n; ++i) {
    status.pids.push_back(request.pids[i]);
  }
  if (status.state != GroupState::stopped) {
    return status;
  }
  status.cause = from_stop_cause(request.cause);
  status.cause_code = request.cause;
  status.thread = request.thread;
  status.seq = request.seq;
  status.variant = request.variant;
  if (request.part < MVX_GROUP_PARTS_MAX) {
    status.part = request.part;
  }
  status.nr = request.nr;
  status.other_nr = request.other_nr;
  status.detail = request.detail;
  status.offset = request.offset;
  const auto shown = [](std::uint32_t len) {
    return std::min<std::uint32_t>(len, MVX_GROUP_SHOW_MAX);
  };
  status.leader_bytes.assign(request.bytes[0],
                             request.bytes[0] + shown(request.len[0]));
  status.variant_bytes.assign(request.bytes[1],
                              request.bytes[1] + shown(request.len[1]));
  return status;
}

int
retry_ioctl(int fd, unsigned long request, void* arg)
{
  int ret;
  do {
    ret = ::ioctl(fd, request, arg);
  } while (ret < 0 && errno == EINTR);
  return ret;
}

class MvxDevice final : public Device
{
public:
  MvxDevice(util::Fd fd, std::string path)
    : m_fd(std::move(fd)), m_path(std::move(path))
  {
  }

  util::Result<Version, Error>
  version() override
  {
    mvx_version request{};
    request.size = sizeof(request);
    if (retry_ioctl(m_fd.get(), MVX_IOC_GET_VERSION, &request) < 0) {
      return util::fail(Error::version_failed(m_path, errno));
    }
    Version version;
    version.api_version = request.api_version;
    version.fd_entry_size = request.fd_entry_size;
    version.fd_list_size = request.fd_list_size;
    return version;
  }

  util::Result<FdList, Error>
  list_fds(pid_t pid, std::uint32_t capacity) override
  {
    capacity = std::min<std::uint32_t>(capacity, MVX_FD_LIST_MAX);
    std::vector<mvx_fd_entry> entries;
    try {
      // Value-initialised: the kernel wants unknown trailing bytes zero.
      entries.resize(capacity);
    } catch (const std::bad_alloc&) {
      return util::fail(Error::list_failed(m_path, pid, ENOMEM));
    }

    mvx_fd_list request{};
    request.size = sizeof(request);
    request.pid = pid;
    request.entry_size = sizeof(mvx_fd_entry);
    request.count = capacity;
    request.entries = reinterpret_cast<std::uintptr_t>(entries.data());
    if (retry_ioctl(m_fd.get(), MVX_IOC_FD_LIST, &request) < 0) {
      return util::fail(Error::list_failed(m_path, pid, errno));
    }

    FdList list;
    list.total = request.total;
    const std::uint32_t count = std::min(request.count, capacity);
    list.fds.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      list.fds.push_back(to_fd_info(entries[i]));
    }
    return list;
  }

  util::Result<SessionId, Error>
  start_session(pid_t pid, int fd, SessionMode mode, int dest_fd) override
  {
    mvx_session_start request{};
    request.size = sizeof(request);
    request.pid = pid;
    request.fd = fd;
    request.mode = session_mode(mode);
    request.dest_fd = dest_fd;
    // A start that fails with EINTR leaves nothing behind: retrying is
    // safe.
    if (retry_ioctl(m_fd.get(), MVX_IOC_SESSION_START, &request) < 0) {
      return util::fail(Error::start_failed(m_path, pid, fd, errno));
    }
    return SessionId{request.id};
  }

  util::Result<SessionStatus, Error>
  session_status(SessionId id) override
  {
    mvx_session_status request{};
    request.size = sizeof(request);
    request.id = id;
    if (retry_ioctl(m_fd.get(), MVX_IOC_SESSION_STATUS, &request) < 0) {
      return util::fail(Error::status_failed(m_path, errno));
    }
    SessionStatus status;
    status.state = from_session_state(request.state);
    status.end_reason = from_end_reason(request.end_reason);
    status.pid = request.pid;
    status.fd = request.fd;
    status.mode = from_session_mode(request.mode);
    status.writes = request.writes;
    status.bytes = request.bytes;
    status.errors = request.errors;
    status.skipped = request.skipped;
    status.attached_ns = request.attached_ns;
    return status;
  }

  util::Result<void, Error>
  session_ctl(SessionId id, SessionOp op) override
  {
    mvx_session_ctl request{};
    request.size = sizeof(request);
    request.id = id;
    request.op = session_op(op);
    // Not retried: MVX_SESSION_END forgets the session even when it fails,
    // and the kernel waits killably, so EINTR means umvx is dying anyway.
    if (::ioctl(m_fd.get(), MVX_IOC_SESSION_CTL, &request) < 0) {
      return util::fail(Error::ctl_failed(m_path, op, errno));
    }
    return {};
  }

  util::Result<MonitorInfo, Error>
  monitor_info(pid_t pid) override
  {
    mvx_monitor_info request{};
    request.size = sizeof(request);
    request.pid = pid;
    if (retry_ioctl(m_fd.get(), MVX_IOC_MONITOR_INFO, &request) < 0) {
      return util::fail(Error::monitor_info_failed(m_path, pid, errno));
    }
    return to_monitor_info(request);
  }

  util::Result<void, Error>
  monitor_read(pid_t pid,
               std::uint64_t offset,
               std::span<std::byte> buf) override
  {
    if (buf.size() > MVX_MONITOR_READ_MAX) {
      return util::fail(Error::monitor_read_failed(m_path, pid, EINVAL));
    }
    mvx_monitor_read request{};
    request.size = sizeof(request);
    request.pid = pid;
    request.offset = offset;
    request.len = static_cast<std::uint32_t>(buf.size());
    request.buf = reinterpret_cast<std::uintptr_t>(buf.data());
    if (retry_ioctl(m_fd.get(), MVX_IOC_MONITOR_READ, &request) < 0) {
      return util::fail(Error::monitor_read_failed(m_path, pid, errno));
    }
    return {};
  }

  util::Result<void, Error>
  create_group(std::uint32_t n) override
  {
    mvx_group_create request{};
    request.size = sizeof(request);
    request.n = n;
    if (retry_ioctl(m_fd.get(), MVX_IOC_GROUP_CREATE, &request) < 0) {
      return util::fail(Error::group_create_failed(m_path, errno));
    }
    m_group_size = n;
    return {};
  }

  util::Result<void, Error>
  join_group(std::uint32_t index) override
  {
    mvx_group_join request{};
    request.size = sizeof(request);
    request.index = index;
    // A variant of several runs with rdtsc faulting, so that the kernel
    // gives it the leader's counter; the join insists.
    if (m_group_size > 1 && ::prctl(PR_SET_TSC, PR_TSC_SIGSEGV) != 0) {
      return util::fail(Error::group_join_failed(m_path, index, errno));
    }
    if (retry_ioctl(m_fd.get(), MVX_IOC_GROUP_JOIN, &request) < 0) {
      return util::fail(Error::group_join_failed(m_path, index, errno));
    }
    return {};
  }

  util::Result<GroupStatus, Error>
  group_status() override
  {
    mvx_group_status request{};
    request.size = sizeof(request);
    if (retry_ioctl(m_fd.get(), MVX_IOC_GROUP_STATUS, &request) < 0) {
      return util::fail(Error::group_status_failed(m_path, errno));
    }
    return to_group_status(request);
  }

private:
  util::Fd m_fd;
  std::string m_path;
  std::uint32_t m_group_size = 0;
};

} // namespace

util::Result<std::unique_ptr<Device>, Error>
open_mvx(const std::string& path)
{
  const int raw = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (raw < 0) {
    return util::fail(Error::open_failed(path, errno));
  }
  return verify_version(std::make_unique<MvxDevice>(util::Fd(raw), path), path);
}

} // namespace device
