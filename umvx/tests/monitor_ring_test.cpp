#include "monitor/ring.hpp"

#include "fake_device.hpp"
#include "ring_area.hpp"

#include <cerrno>

#include <CppUTest/TestHarness.h>

TEST_GROUP(MonitorRing)
{
  test::FakeDevice fake;
  test::RingArea area;

  monitor::Reader reader()
  {
    area.install(fake);
    return monitor::Reader(fake, 1234, fake.monitor.records_size);
  }
};

TEST(MonitorRing, decodes_the_head_of_the_record_area)
{
  std::strcpy(area.head().policy, "/etc/p.policy");
  area.head().rules = 3;
  area.head().default_action = MVX_POLICY_DENY;
  area.head().default_errno = EACCES;
  area.head().action[87] = MVX_POLICY_KILL;
  area.head().error[2] = ENOENT;
  area.add(7, 0, {0, 0x1000, 10}, 10);
  area.add(7, 87, {0x2000}, -EPERM, MVX_REC_DENIED | MVX_REC_DONE, 0);
  auto r = reader();
  auto head = r.read_head();
  CHECK_TRUE(head.ok());
  LONGS_EQUAL(2, head->head);
  LONGS_EQUAL(2, head->calls);
  LONGS_EQUAL(1, head->denied);
  LONGS_EQUAL(1234, head->pid);
  LONGS_EQUAL(3, head->rules);
  STRCMP_EQUAL("/etc/p.policy", head->policy.c_str());
  CHECK_TRUE(head->default_action == monitor::Action::deny);
  LONGS_EQUAL(EACCES, head->default_errno);
  CHECK_TRUE(head->action[87] == monitor::Action::kill);
  CHECK_TRUE(head->action[0] == monitor::Action::allow);
  LONGS_EQUAL(ENOENT, head->error[2]);
  LONGS_EQUAL(1, head->count[87].calls);
  LONGS_EQUAL(1, head->count[87].denied);
  LONGS_EQUAL(1000, head->count[0].ns);
  LONGS_EQUAL(MVX_RING_RECORDS, head->nrec);
  // One read of the fixed part, from the start of the area.
  LONGS_EQUAL(1, fake.reads.size());
  LONGS_EQUAL(0, fake.reads[0].first);
  LONGS_EQUAL(offsetof(mvx_ring_head, records), fake.reads[0].second);
}

TEST(MonitorRing, refuses_an_area_with_another_magic)
{
  area.head().magic = 0x1234;
  auto head = reader().read_head();
  CHECK_FALSE(head.ok());
  LONGS_EQUAL(EPROTO, head.error().err);
  STRCMP_EQUAL("pid 1234: the monitor's record area is not one umvx knows"
               " (another version of libmvx?)",
               device::describe(head.error()).c_str());
}

TEST(MonitorRing, refuses_a_ring_larger_than_the_area)
{
  area.head().nrec = 1u << 20;
  CHECK_FALSE(reader().read_head().ok());
}

TEST(MonitorRing, refuses_a_ring_size_that_is_not_a_power_of_two)
{
  area.head().nrec = 100;
  CHECK_FALSE(reader().read_head().ok());
}

TEST(MonitorRing, says_a_process_is_not_monitored_when_its_area_is_gone)
{
  fake.monitor.state = device::MonitorState::none;
  monitor::Reader r(fake, 1234, 100000);
  auto head = r.read_head();
  CHECK_FALSE(head.ok());
  STRCMP_EQUAL("process 1234 is not monitored",
               device::describe(head.error()).c_str());
}

TEST(MonitorRing, decodes_complete_records)
{
  area.add(7, 257, {static_cast<std::uint64_t>(-100), 0x7ffd0000, 0x80000}, 3);
  area.add(8, 1, {1, 0x5000, 12}, 0, 0);
  auto r = reader();
  auto head = r.read_head();
  auto records = r.read_records(*head, 0, head->head);
  CHECK_TRUE(records.ok());
  LONGS_EQUAL(2, records->size());
  const auto& first = (*records)[0];
  LONGS_EQUAL(0, first.index);
  LONGS_EQUAL(7, first.tid);
  LONGS_EQUAL(257, first.nr);
  LONGS_EQUAL(0x7ffd0000, first.args[1]);
  LONGS_EQUAL(3, first.result);
  CHECK_TRUE(first.done);
  CHECK_TRUE(first.executed);
  CHECK_TRUE(first.final());
  const auto& second = (*records)[1];
  LONGS_EQUAL(1, second.index);
  CHECK_FALSE(second.done);
  CHECK_FALSE(second.final());
}

TEST(MonitorRing, leaves_out_a_record_being_written)
{
  area.add(7, 0, {0, 0, 0});
  area.add(7, 1, {1, 0, 0});
  area.slot(1).seq = 0;
  auto r = reader();
  auto head = r.read_head();
  auto records = r.read_records(*head, 0, 2);
  LONGS_EQUAL(1, records->size());
  LONGS_EQUAL(0, (*records)[0].index);
}

TEST(MonitorRing, leaves_out_a_record_rewritten_during_the_copy)
{
  area.add(7, 0, {0, 0, 0});
  area.add(7, 1, {1, 0, 0});
  auto r = reader();
  auto head = r.read_head();
  // The writer starts updating record 1 right after the first copy.
  int copies = 0;
  fake.on_read = [&](test::FakeDevice& f, std::uint64_t, std::size_t) {
    if (++copies == 1) {
      const auto at = offsetof(mvx_ring_head, records) + sizeof(mvx_record);
      std::memset(f.records.data() + at, 0, sizeof(std::uint64_t));
    }
  };
  auto records = r.read_records(*head, 0, 2);
  LONGS_EQUAL(1, records->size());
  LONGS_EQUAL(0, (*records)[0].index);
}

TEST(MonitorRing, leaves_out_a_slot_that_holds_a_newer_record)
{
  area.add(7, 0, {0, 0, 0});
  auto r = reader();
  auto head = r.read_head();
  // Record 0's slot already holds record 256.
  area.slot(0).seq = MVX_RING_RECORDS + 1;
  area.install(fake);
  auto records = r.read_records(*head, 0, 1);
  CHECK_TRUE(records->empty());
}

TEST(MonitorRing, reads_across_the_end_of_the_ring_in_two_pieces)
{
  for (int i = 0; i < MVX_RING_RECORDS + 10; ++i) {
    area.add(7, static_cast<std::uint32_t>(i % 300), {0, 0, 0});
  }
  auto r = reader();
  auto head = r.read_head();
  LONGS_EQUAL(10, head->oldest());
  fake.reads.clear();
  auto records = r.read_records(*head, head->head - 20, head->head);
  LONGS_EQUAL(20, records->size());
  LONGS_EQUAL(head->head - 20, records->front().index);
  LONGS_EQUAL(head->head - 1, records->back().index);
  // Two pieces, each copied twice.
  LONGS_EQUAL(4, fake.reads.size());
}

TEST(MonitorRing, passes_device_errors_on)
{
  area.add(7, 0, {0, 0, 0});
  auto r = reader();
  auto head = r.read_head();
  fake.read_errno = ESRCH;
  auto records = r.read_records(*head, 0, 1);
  CHECK_FALSE(records.ok());
  LONGS_EQUAL(ESRCH, records.error().err);
}

TEST(MonitorRing, keeps_what_it_saw_of_a_record_torn_later)
{
  area.add(7, 0, {0, 0, 0});
  area.add(7, 1, {1, 0, 0}, 0, 0);
  auto r = reader();
  monitor::Recent recent;
  CHECK_TRUE(recent.update(r, *r.read_head(), 0).ok());
  LONGS_EQUAL(2, recent.records().size());
  CHECK_FALSE(recent.records().at(1).done);

  // The result of record 1 arrives.
  area.slot(1).result = 5;
  area.slot(1).flags = MVX_REC_DONE | MVX_REC_EXECUTED;
  area.install(fake);
  CHECK_TRUE(recent.update(r, *r.read_head(), 0).ok());
  CHECK_TRUE(recent.records().at(1).done);
  LONGS_EQUAL(5, recent.records().at(1).result);

  // Record 2 is being written: not there yet, the others stay.
  area.add(7, 2, {2, 0, 0}).seq = 0;
  area.install(fake);
  CHECK_TRUE(recent.update(r, *r.read_head(), 0).ok());
  LONGS_EQUAL(2, recent.records().size());
}

TEST(MonitorRing, rereads_only_from_the_first_record_not_final)
{
  area.add(7, 0, {0, 0, 0});
  area.add(7, 1, {1, 0, 0});
  area.add(7, 2, {2, 0, 0}, 0, 0);
  auto r = reader();
  monitor::Recent recent;
  CHECK_TRUE(recent.update(r, *r.read_head(), 0).ok());
  fake.reads.clear();
  CHECK_TRUE(recent.update(r, *r.read_head(), 0).ok());
  // The head, then record 2 twice.
  LONGS_EQUAL(3, fake.reads.size());
  LONGS_EQUAL(offsetof(mvx_ring_head, records) + 2 * sizeof(mvx_record),
              fake.reads[1].first);
  LONGS_EQUAL(sizeof(mvx_record), fake.reads[1].second);
}

TEST(MonitorRing, forgets_records_below_the_first_wanted)
{
  area.add(7, 0, {0, 0, 0});
  area.add(7, 1, {1, 0, 0});
  auto r = reader();
  monitor::Recent recent;
  CHECK_TRUE(recent.update(r, *r.read_head(), 1).ok());
  LONGS_EQUAL(1, recent.records().size());
  LONGS_EQUAL(1, recent.records().begin()->first);
}
