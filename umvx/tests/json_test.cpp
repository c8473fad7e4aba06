#include "inspect/json.hpp"

#include "sample.hpp"

#include <nlohmann/json.hpp>

#include <string>

#include <CppUTest/TestHarness.h>

using nlohmann::json;

namespace {

// The keys of object in the order they were written, space-separated.
std::string
key_list(const nlohmann::ordered_json& object)
{
  std::string out;
  for (const auto& item : object.items()) {
    out += out.empty() ? item.key() : " " + item.key();
  }
  return out;
}

json
sample_json()
{
  return json::parse(inspect::render_json(test::sample_report()));
}

} // namespace

TEST_GROUP(JsonOutput){};

TEST(JsonOutput, has_exactly_the_documented_top_level_keys_in_order)
{
  const auto text = inspect::render_json(test::sample_report());
  STRCMP_EQUAL("pid comm total fds monitor",
               key_list(nlohmann::ordered_json::parse(text)).c_str());
}

TEST(JsonOutput, has_exactly_the_documented_keys_per_descriptor)
{
  const auto text = inspect::render_json(test::sample_report());
  const auto fd = nlohmann::ordered_json::parse(text)["fds"][0];
  STRCMP_EQUAL("fd cloexec open_flags access flags type pos dev_major "
               "dev_minor rdev_major rdev_minor ino size uid gid mode "
               "mode_string path",
               key_list(fd).c_str());
}

TEST(JsonOutput, describes_the_process)
{
  const auto j = sample_json();
  LONGS_EQUAL(1234, j["pid"].get<int>());
  STRCMP_EQUAL("fakeproc", j["comm"].get<std::string>().c_str());
  LONGS_EQUAL(8, j["total"].get<int>());
  LONGS_EQUAL(8, j["fds"].size());
}

TEST(JsonOutput, gives_null_for_an_unknown_command)
{
  auto report = test::sample_report();
  report.comm.reset();
  const auto j = json::parse(inspect::render_json(report));
  CHECK_TRUE(j["comm"].is_null());
}

TEST(JsonOutput, describes_a_character_device)
{
  const auto fd = sample_json()["fds"][0];
  LONGS_EQUAL(0, fd["fd"].get<int>());
  CHECK_FALSE(fd["cloexec"].get<bool>());
  LONGS_EQUAL(O_RDWR | inspect::kernel_o_largefile,
              fd["open_flags"].get<std::uint32_t>());
  STRCMP_EQUAL("rw", fd["access"].get<std::string>().c_str());
  STRCMP_EQUAL("[\"largefile\"]", fd["flags"].dump().c_str());
  STRCMP_EQUAL("chr", fd["type"].get<std::string>().c_str());
  LONGS_EQUAL(0, fd["dev_major"].get<int>());
  LONGS_EQUAL(25, fd["dev_minor"].get<int>());
  LONGS_EQUAL(136, fd["rdev_major"].get<int>());
  LONGS_EQUAL(0, fd["rdev_minor"].get<int>());
  LONGS_EQUAL(020620, fd["mode"].get<int>());
  STRCMP_EQUAL("crw--w----", fd["mode_string"].get<std::string>().c_str());
  LONGS_EQUAL(1000, fd["uid"].get<int>());
  LONGS_EQUAL(5, fd["gid"].get<int>());
  STRCMP_EQUAL("/dev/pts/0", fd["path"].get<std::string>().c_str());
}

TEST(JsonOutput, describes_a_regular_file)
{
  const auto fd = sample_json()["fds"][2];
  LONGS_EQUAL(3, fd["fd"].get<int>());
  CHECK_TRUE(fd["cloexec"].get<bool>());
  STRCMP_EQUAL("r", fd["access"].get<std::string>().c_str());
  STRCMP_EQUAL("reg", fd["type"].get<std::string>().c_str());
  LONGS_EQUAL(1234, fd["pos"].get<long>());
  LONGS_EQUAL(8, fd["dev_major"].get<int>());
  LONGS_EQUAL(1, fd["dev_minor"].get<int>());
  LONGS_EQUAL(131090, fd["ino"].get<long>());
  LONGS_EQUAL(2761, fd["size"].get<long>());
  LONGS_EQUAL(0100644, fd["mode"].get<int>());
  STRCMP_EQUAL("-rw-r--r--", fd["mode_string"].get<std::string>().c_str());
  STRCMP_EQUAL("/etc/passwd", fd["path"].get<std::string>().c_str());
}

TEST(JsonOutput, gives_an_empty_flag_list_when_none_are_set)
{
  const auto fd = sample_json()["fds"][4];
  STRCMP_EQUAL("sock", fd["type"].get<std::string>().c_str());
  CHECK_TRUE(fd["flags"].is_array());
  CHECK_TRUE(fd["flags"].empty());
}

TEST(JsonOutput, lists_several_flags)
{
  const auto fd = sample_json()["fds"][6];
  STRCMP_EQUAL("[\"nonblock\",\"largefile\",\"directory\"]",
               fd["flags"].dump().c_str());
}

TEST(JsonOutput, keeps_control_characters_in_paths_unescaped_by_umvx)
{
  auto report = test::sample_report();
  report.list.fds[0].path = "/tmp/a\nb";
  const auto j = json::parse(inspect::render_json(report));
  STRCMP_EQUAL("/tmp/a\nb", j["fds"][0]["path"].get<std::string>().c_str());
}

TEST(JsonOutput, replaces_bytes_that_are_not_utf8)
{
  auto report = test::sample_report();
  report.list.fds[0].path = "/tmp/\xff";
  const auto j = json::parse(inspect::render_json(report));
  STRCMP_EQUAL("/tmp/\xef\xbf\xbd",
               j["fds"][0]["path"].get<std::string>().c_str());
}

TEST(JsonOutput, ends_with_a_newline)
{
  const auto text = inspect::render_json(test::sample_report());
  CHECK_EQUAL('\n', text.back());
}

TEST(JsonOutput, has_an_empty_fd_array_for_no_descriptors)
{
  inspect::Report report;
  report.pid = 3;
  const auto j = json::parse(inspect::render_json(report));
  CHECK_TRUE(j["fds"].is_array());
  CHECK_TRUE(j["fds"].empty());
  LONGS_EQUAL(0, j["total"].get<int>());
}

TEST(JsonOutput, reports_the_kernels_total_when_the_list_is_incomplete)
{
  auto report = test::sample_report();
  report.list.total = 70000;
  const auto j = json::parse(inspect::render_json(report));
  LONGS_EQUAL(70000, j["total"].get<int>());
  LONGS_EQUAL(8, j["fds"].size());
}
