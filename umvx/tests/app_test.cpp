#include "app/run.hpp"
#include "cli/options.hpp"
#include "inspect/text.hpp"

#include "fake_device.hpp"
#include "sample.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <sstream>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

TEST_GROUP(App)
{
  std::ostringstream out;
  std::ostringstream err;
  app::Context context{out, err};
  std::shared_ptr<test::FakeDevice> fake = std::make_shared<test::FakeDevice>();
  std::optional<device::Error> open_error;
  std::vector<std::string> opened_paths;

  void setup() override
  {
    fake->fds = test::sample_fds();
    context.open_device = [this](const std::string& path)
      -> util::Result<std::unique_ptr<device::Device>, device::Error> {
      opened_paths.push_back(path);
      if (open_error) {
        return util::fail(*open_error);
      }
      return std::unique_ptr<device::Device>(new Shared(fake));
    };
    context.read_comm
      = [](pid_t) { return std::optional<std::string>("fakeproc"); };
  }

  int run(const std::vector<std::string>& args)
  {
    return app::run(args, context);
  }

  // Hands out the test's fake while the test keeps looking at it.
  class Shared : public device::Device
  {
  public:
    explicit Shared(std::shared_ptr<test::FakeDevice> target)
      : m_target(std::move(target))
    {
    }

    util::Result<device::Version, device::Error>
    version() override
    {
      return m_target->version();
    }

    util::Result<device::FdList, device::Error>
    list_fds(pid_t pid, std::uint32_t capacity) override
    {
      return m_target->list_fds(pid, capacity);
    }

  private:
    std::shared_ptr<test::FakeDevice> m_target;
  };
};

TEST(App, prints_help_to_stdout_and_succeeds)
{
  LONGS_EQUAL(0, run({"--help"}));
  STRCMP_EQUAL(cli::usage_text().c_str(), out.str().c_str());
  STRCMP_EQUAL("", err.str().c_str());
  CHECK_TRUE(opened_paths.empty());
}

TEST(App, prints_the_version_and_the_api_it_was_built_for)
{
  LONGS_EQUAL(0, run({"-V"}));
  STRCMP_EQUAL("umvx " UMVX_VERSION " (mvx API version 1)\n",
               out.str().c_str());
  STRCMP_EQUAL("umvx 0.1.0 (mvx API version 1)\n", out.str().c_str());
}

TEST(App, reports_a_usage_error_in_two_lines_and_exits_2)
{
  LONGS_EQUAL(2, run({"-p", "abc", "-i"}));
  STRCMP_EQUAL("umvx: invalid pid 'abc'\n"
               "Try 'umvx --help' for more information.\n",
               err.str().c_str());
  STRCMP_EQUAL("", out.str().c_str());
  CHECK_TRUE(opened_paths.empty());
}

TEST(App, reports_an_unknown_option)
{
  LONGS_EQUAL(2, run({"--foo"}));
  STRCMP_EQUAL("umvx: unknown option '--foo'\n"
               "Try 'umvx --help' for more information.\n",
               err.str().c_str());
}

TEST(App, inspects_a_process_as_a_table)
{
  LONGS_EQUAL(0, run({"-p", "1234", "-i"}));
  STRCMP_EQUAL(inspect::render_text(test::sample_report()).c_str(),
               out.str().c_str());
  STRCMP_EQUAL("", err.str().c_str());
  LONGS_EQUAL(1234, fake->pids.at(0));
}

TEST(App, inspects_a_process_as_json)
{
  LONGS_EQUAL(0, run({"--pid=1234", "--inspect", "--json"}));
  const auto j = nlohmann::json::parse(out.str());
  LONGS_EQUAL(1234, j["pid"].get<int>());
  LONGS_EQUAL(8, j["fds"].size());
}

TEST(App, opens_dev_mvx_by_default)
{
  run({"-p", "1", "-i"});
  STRCMP_EQUAL("/dev/mvx", opened_paths.at(0).c_str());
}

TEST(App, opens_the_device_that_MVX_DEVICE_names)
{
  auto system = app::system_context(out, err, "/tmp/other-mvx");
  STRCMP_EQUAL("/tmp/other-mvx", system.device_path.c_str());
}

TEST(App, ignores_an_empty_or_unset_MVX_DEVICE)
{
  STRCMP_EQUAL("/dev/mvx",
               app::system_context(out, err, "").device_path.c_str());
  STRCMP_EQUAL("/dev/mvx",
               app::system_context(out, err, nullptr).device_path.c_str());
}

TEST(App, exits_3_when_the_module_is_not_loaded)
{
  open_error = device::Error::open_failed("/nonexistent", ENOENT);
  LONGS_EQUAL(3, run({"-p", "1", "-i"}));
  STRCMP_EQUAL("umvx: /nonexistent: no such device: the kmvx module is not"
               " loaded (load it with 'modprobe kmvx' or 'insmod kmvx.ko')\n",
               err.str().c_str());
  STRCMP_EQUAL("", out.str().c_str());
}

TEST(App, exits_3_when_the_device_may_not_be_opened)
{
  open_error = device::Error::open_failed("/dev/mvx", EACCES);
  LONGS_EQUAL(3, run({"-p", "1", "-i"}));
  STRCMP_EQUAL("umvx: /dev/mvx: permission denied (run umvx as root)\n",
               err.str().c_str());
}

TEST(App, exits_3_when_the_module_speaks_another_api)
{
  open_error = device::Error::wrong_api("/dev/mvx", 2, 1);
  LONGS_EQUAL(3, run({"-p", "1", "-i"}));
  STRCMP_EQUAL("umvx: /dev/mvx: kmvx speaks API version 2, umvx needs 1\n",
               err.str().c_str());
}

TEST(App, exits_1_for_a_process_that_does_not_exist)
{
  fake->list_errno = ESRCH;
  LONGS_EQUAL(1, run({"-p", "4242", "-i"}));
  STRCMP_EQUAL("umvx: pid 4242: no such process\n", err.str().c_str());
  STRCMP_EQUAL("", out.str().c_str());
}

TEST(App, exits_1_for_a_process_it_may_not_ptrace)
{
  fake->list_errno = EPERM;
  LONGS_EQUAL(1, run({"-p", "1", "-i"}));
  STRCMP_EQUAL("umvx: pid 1: operation not permitted"
               " (may not ptrace this process)\n",
               err.str().c_str());
}

TEST(App, exits_1_for_a_kernel_thread)
{
  fake->list_errno = EINVAL;
  LONGS_EQUAL(1, run({"-p", "2", "-i"}));
  STRCMP_EQUAL("umvx: pid 2: invalid argument"
               " (a kernel thread or an exiting process)\n",
               err.str().c_str());
}

TEST(App, exits_1_with_strerror_text_for_other_list_errors)
{
  fake->list_errno = EFAULT;
  LONGS_EQUAL(1, run({"-p", "9", "-i"}));
  STRCMP_EQUAL("umvx: pid 9: bad address\n", err.str().c_str());
}
