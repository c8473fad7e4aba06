#include "inspect/text.hpp"

#include "sample.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

TEST_GROUP(TextOutput){};

TEST(TextOutput, aligns_the_sample_process_in_a_table)
{
  STRCMP_EQUAL(
    "pid 1234 (fakeproc): 8 open file descriptors\n"
    "FD   TYPE  ACCESS  FLAGS                           POS   DEV   INODE  MODE         UID   GID  PATH\n"
    " 0   chr   rw      largefile                         0  0:25       3  crw--w----  1000     5  /dev/pts/0\n"
    " 1   chr   rw      largefile                         0  0:25       3  crw--w----  1000     5  /dev/pts/0\n"
    " 3*  reg   r       largefile                      1234   8:1  131090  -rw-r--r--     0     0  /etc/passwd\n"
    " 4   fifo  w       nonblock                          0  0:13   56789  prw-------  1000  1000  pipe:[56789]\n"
    " 5*  sock  rw      -                                 0   0:8   98765  srwxrwxrwx  1000  1000  socket:[98765]\n"
    " 6*  anon  rw      nonblock                          0  0:15    1055  ?rw-------     0     0  anon_inode:[eventfd]\n"
    " 7*  dir   r       nonblock,largefile,directory      0   8:1  524289  drwxr-xr-x  1000  1000  /home/user\n"
    "10   reg   w       append,largefile              40960   8:1  131200  -rw-------  1000  1000  /tmp/fakeproc.log\n"
    "\n"
    "monitor: not monitored\n",
    inspect::render_text(test::sample_report()).c_str());
}

TEST(TextOutput, names_the_process_when_its_command_is_known)
{
  auto report = test::sample_report();
  STRCMP_EQUAL("pid 1234 (fakeproc): 8 open file descriptors\n",
               inspect::summary_line(report).c_str());
}

TEST(TextOutput, leaves_the_command_out_when_unknown)
{
  auto report = test::sample_report();
  report.comm.reset();
  STRCMP_EQUAL("pid 1234: 8 open file descriptors\n",
               inspect::summary_line(report).c_str());
}

TEST(TextOutput, says_descriptor_for_just_one)
{
  auto report = test::sample_report();
  report.list.fds.resize(1);
  report.list.total = 1;
  STRCMP_EQUAL("pid 1234 (fakeproc): 1 open file descriptor\n",
               inspect::summary_line(report).c_str());
}

TEST(TextOutput, says_how_many_are_shown_when_the_list_is_incomplete)
{
  auto report = test::sample_report();
  report.list.total = 70000;
  STRCMP_EQUAL("pid 1234 (fakeproc): 70000 open file descriptors, 8 shown\n",
               inspect::summary_line(report).c_str());
}

TEST(TextOutput, prints_only_the_summary_for_no_descriptors)
{
  inspect::Report report;
  report.pid = 99;
  STRCMP_EQUAL("pid 99: 0 open file descriptors\n",
               inspect::render_text(report).c_str());
}

TEST(TextOutput, escapes_control_characters_in_paths_and_commands)
{
  inspect::Report report;
  report.pid = 5;
  report.comm = "bad\nname";
  report.list.fds.push_back(test::sample_fds()[2]);
  report.list.fds[0].path = "/tmp/a\nb";
  report.list.total = 1;
  const auto text = inspect::render_text(report);
  CHECK_TRUE(text.find("pid 5 (bad\\nname): ") == 0);
  CHECK_TRUE(text.find("  /tmp/a\\nb\n") != std::string::npos);
}
