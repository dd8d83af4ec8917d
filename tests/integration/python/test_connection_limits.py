"""The edge under abuse (issue 12 item 4), measured from outside: thousands of idle keep-alive
connections (a leaky client pool) must not keep a new client from being served. At the cap
the longest-idle connection makes room, and /metrics counts it."""

import resource
import socket
import unittest

from emulator_process import EmulatorTestCase, http_request

IDLE_CONNECTIONS = 10_000


def raise_own_open_files(wanted):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def metric(emu, name):
    for line in http_request(emu.url + "/metrics").body.decode().splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError("no %s in /metrics" % name)


class IdleConnectionsTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator()
        cls.client = cls.emu.client()

    def test_ten_thousand_idle_connections_do_not_stop_a_new_client(self):
        limit = raise_own_open_files(IDLE_CONNECTIONS + 256)
        count = min(IDLE_CONNECTIONS, limit - 256)
        self.assertGreater(count, 2_000, "this process may open only %d files" % limit)
        port = int(self.emu.url.rsplit(":", 1)[1])
        idle = []
        try:
            for _ in range(count):
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.settimeout(5)
                s.connect(("127.0.0.1", port))
                idle.append(s)
            # A new client, with every idle connection still held open by this process.
            self.client.list_hyper_parameter_tuning_jobs()
            self.assertEqual(self.emu.health()["status"], "ok")
            self.assertGreater(metric(self.emu, "amt_emulator_http_connections_evicted_total"), 0)
            self.assertLessEqual(metric(self.emu, "amt_emulator_http_connections"), 1024)
            self.assertEqual(metric(self.emu, "amt_emulator_http_connections_refused_total"), 0)
        finally:
            for s in idle:
                s.close()
        self.assertIn("closing the longest-idle one to make room", self.emu.log_tail(200_000))


if __name__ == "__main__":
    unittest.main()
