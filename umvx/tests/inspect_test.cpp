#include "inspect/inspect.hpp"
#include "inspect/text.hpp"

#include "fake_device.hpp"
#include "sample.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <string>

#include <CppUTest/TestHarness.h>

TEST_GROUP(InspectCommand)
{
  test::FakeDevice fake;
  std::vector<pid_t> comm_pids;
  inspect::CommReader read_comm = [this](pid_t pid) {
    comm_pids.push_back(pid);
    return std::optional<std::string>("fakeproc");
  };

  void setup() override
  {
    fake.fds = test::sample_fds();
  }
};

TEST(InspectCommand, prints_the_table_for_the_process)
{
  auto output = inspect::run(fake, 1234, inspect::Format::text, read_comm);
  CHECK_TRUE(output.ok());
  STRCMP_EQUAL(inspect::render_text(test::sample_report()).c_str(),
               output->c_str());
  LONGS_EQUAL(1234, fake.pids.at(0));
  LONGS_EQUAL(1234, comm_pids.at(0));
}

TEST(InspectCommand, prints_json_for_the_process)
{
  auto output = inspect::run(fake, 1234, inspect::Format::json, read_comm);
  CHECK_TRUE(output.ok());
  const auto j = nlohmann::json::parse(*output);
  LONGS_EQUAL(1234, j["pid"].get<int>());
  STRCMP_EQUAL("fakeproc", j["comm"].get<std::string>().c_str());
  LONGS_EQUAL(8, j["fds"].size());
}

TEST(InspectCommand, shows_the_process_without_a_name_when_comm_is_unreadable)
{
  auto no_comm = [](pid_t) { return std::optional<std::string>(); };
  auto output = inspect::run(fake, 1234, inspect::Format::text, no_comm);
  CHECK_TRUE(output->rfind("pid 1234: 8 open file descriptors\n", 0) == 0);
}

TEST(InspectCommand, lists_every_descriptor_of_a_process_with_many)
{
  fake.fds.clear();
  for (int fd = 0; fd < 200; ++fd) {
    fake.fds.push_back(test::fd_info(fd, device::FileType::regular, "/x"));
  }
  auto output = inspect::run(fake, 9, inspect::Format::json, read_comm);
  const auto j = nlohmann::json::parse(*output);
  LONGS_EQUAL(200, j["fds"].size());
  LONGS_EQUAL(200, j["total"].get<int>());
  LONGS_EQUAL(2, fake.capacities.size());
}

TEST(InspectCommand, fails_without_reading_comm_when_the_device_fails)
{
  fake.list_errno = ESRCH;
  auto output = inspect::run(fake, 4242, inspect::Format::text, read_comm);
  CHECK_FALSE(output.ok());
  LONGS_EQUAL(ESRCH, output.error().err);
  CHECK_TRUE(comm_pids.empty());
}
