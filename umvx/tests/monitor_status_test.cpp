#include "monitor/status.hpp"

#include "fake_device.hpp"
#include "ring_area.hpp"

#include <cerrno>

#include <CppUTest/TestHarness.h>

TEST_GROUP(MonitorStatus)
{
  test::FakeDevice fake;
  test::RingArea area;

  void setup() override
  {
    std::strcpy(area.head().policy, "/etc/mvx/web.policy");
    area.head().rules = 4;
    area.head().default_action = MVX_POLICY_DENY;
    area.head().default_errno = EPERM;
    area.add(7, 0, {0, 0, 0});
    area.add(7, 87, {0}, -EPERM, MVX_REC_DENIED | MVX_REC_DONE);
    area.install(fake);
    fake.monitor.ranges = {{0x7f0000000000, 0x7f0000004000, 5},
                           {0x7f0000004000, 0x7f0000010000, 3}};
    fake.monitor.entry = 0x7f0000001000;
    fake.monitor.excursions = 1530;
    fake.monitor.refused = 1;
    fake.monitor.exempt.set(39);
    fake.monitor.exempt.set(228);
    fake.monitor.exempt_count = 2;
  }

  std::string text()
  {
    auto status = monitor::read_status(fake, 1234);
    CHECK_TRUE(status.ok());
    return monitor::render_text(*status);
  }
};

TEST(MonitorStatus, describes_an_active_monitor)
{
  const std::string expected
    = "\n"
      "monitor: monitored\n"
      "  policy      /etc/mvx/web.policy\n"
      "  default     deny EPERM\n"
      "  rules       4\n"
      "  exempt      2: getpid, clock_gettime\n"
      "  forwarded   2 calls, 1 denied\n"
      "  excursions  1530\n"
      "  refused     1 tamper attempt\n"
      "  ranges      0x7f0000000000-0x7f0000004000 r-x\n"
      "              0x7f0000004000-0x7f0000010000 rw-\n"
      "  entry       0x7f0000001000\n"
      "  records     0x7f0000005000, "
      + std::to_string(area.size()) + " bytes\n";
  STRCMP_EQUAL(expected.c_str(), text().c_str());
}

TEST(MonitorStatus, names_the_default_policy)
{
  area.head().policy[0] = '\0';
  area.head().default_action = MVX_POLICY_ALLOW;
  area.install(fake);
  const auto t = text();
  CHECK_TRUE(t.find("  policy      default\n") != std::string::npos);
  CHECK_TRUE(t.find("  default     allow\n") != std::string::npos);
}

TEST(MonitorStatus, says_when_a_process_is_not_monitored)
{
  fake.monitor = device::MonitorInfo{};
  STRCMP_EQUAL("\nmonitor: not monitored\n", text().c_str());
  // Nothing is read of a record area that does not exist.
  CHECK_TRUE(fake.reads.empty());
}

TEST(MonitorStatus, says_when_a_process_awaits_its_monitor)
{
  fake.monitor = device::MonitorInfo{};
  fake.monitor.state = device::MonitorState::awaiting;
  STRCMP_EQUAL("\nmonitor: awaiting its monitor after execve\n",
               text().c_str());
}

TEST(MonitorStatus, shows_the_kernels_view_when_the_area_cannot_be_read)
{
  area.head().magic = 0;
  area.install(fake);
  const auto t = text();
  CHECK_TRUE(t.find("  policy      unknown: pid 1234: the monitor's record"
                    " area is not one umvx knows")
             != std::string::npos);
  CHECK_TRUE(t.find("  excursions  1530\n") != std::string::npos);
  CHECK_TRUE(t.find("forwarded") == std::string::npos);
}

TEST(MonitorStatus, fails_when_the_device_cannot_tell)
{
  fake.monitor_errno = ESRCH;
  auto status = monitor::read_status(fake, 1234);
  CHECK_FALSE(status.ok());
  STRCMP_EQUAL("pid 1234: no such process",
               device::describe(status.error()).c_str());
}

TEST(MonitorStatus, gives_the_same_in_json)
{
  auto status = monitor::read_status(fake, 1234);
  const auto j = monitor::to_json(*status);
  STRCMP_EQUAL("active", j["state"].get<std::string>().c_str());
  STRCMP_EQUAL("/etc/mvx/web.policy", j["policy"].get<std::string>().c_str());
  STRCMP_EQUAL("deny", j["default_action"].get<std::string>().c_str());
  STRCMP_EQUAL("EPERM", j["default_errno"].get<std::string>().c_str());
  LONGS_EQUAL(4, j["rules"].get<int>());
  LONGS_EQUAL(2, j["exempt"].size());
  STRCMP_EQUAL("clock_gettime", j["exempt"][1].get<std::string>().c_str());
  LONGS_EQUAL(2, j["calls"].get<int>());
  LONGS_EQUAL(1, j["denied"].get<int>());
  LONGS_EQUAL(1530, j["excursions"].get<int>());
  LONGS_EQUAL(1, j["refused"].get<int>());
  STRCMP_EQUAL("r-x", j["ranges"][0]["prot"].get<std::string>().c_str());
  CHECK_EQUAL(0x7f0000001000ULL, j["entry"].get<std::uint64_t>());
}

TEST(MonitorStatus, gives_nulls_in_json_for_a_process_not_monitored)
{
  const auto j = monitor::to_json(monitor::Status{});
  STRCMP_EQUAL("none", j["state"].get<std::string>().c_str());
  CHECK_TRUE(j["policy"].is_null());
  CHECK_TRUE(j["calls"].is_null());
  CHECK_TRUE(j["exempt"].empty());
}
