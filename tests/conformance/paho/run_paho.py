"""
Runs one of the Paho interoperability suites (client_test.py for MQTT 3.1.1, client_test5.py for MQTT 5)
against a broker at --host/--port, and prints one line per test and a score:

  PAHO 5 test_basic passed 2.1s
  PAHO 5 SCORE 25/27

--tests runs some of them (--list names them); a test taking longer than TEST_TIMEOUT fails.

The suites' own __main__ blocks cannot be used: they hand sys.argv to unittest.main, which takes -h for
help and refuses --port, so they only reach localhost:1883. This sets the module globals their __main__
blocks set (host, port, topics), exactly as those do, and runs the same unittest classes.
Written for AKLight (not part of the Paho sources beside it).
"""
import argparse
import importlib
import logging
import os
import signal
import sys
import time
import unittest

SUITES = {"3.1.1": "client_test", "5": "client_test5"}
TEST_TIMEOUT = 25  # seconds; the longest test waits 15 s (test_keepalive)


class TestTimedOut(Exception):
    pass


def time_out(signum, frame):
    raise TestTimedOut(f"the test took longer than {TEST_TIMEOUT} s")


class Outcomes(unittest.TextTestResult):
    """Records each test's outcome by name; a test that takes longer than TEST_TIMEOUT fails."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {}
        self.durations = {}

    def startTest(self, test):
        super().startTest(test)
        self.started = time.monotonic()
        # A test waiting for a broker that never answers (client_test5's test_flow_control2 sends 65,536
        # QoS 2 messages to a broker that announces no Receive Maximum) is interrupted, even inside recv.
        signal.alarm(TEST_TIMEOUT)

    def stopTest(self, test):
        signal.alarm(0)
        self.durations[test._testMethodName] = time.monotonic() - self.started
        super().stopTest(test)

    def addSuccess(self, test):
        super().addSuccess(test)
        self.outcomes[test._testMethodName] = "passed"

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.outcomes[test._testMethodName] = "failed"

    def addError(self, test, err):
        super().addError(test, err)
        # An error in setUpClass is reported against the class, not one test.
        self.outcomes[getattr(test, "_testMethodName", str(test))] = "failed"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", choices=sorted(SUITES), required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tests", help="comma-separated test names (default: all)")
    parser.add_argument("--list", action="store_true", help="print the suite's test names and run nothing")
    options = parser.parse_args()

    sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    suite = importlib.import_module(SUITES[options.suite])
    # What the suites' __main__ blocks set (client_test5's setUpClass sets its topics again itself).
    suite.host, suite.port = options.host, options.port
    suite.topics = ("TopicA", "TopicA/B", "Topic/C", "TopicA/C", "/TopicA")
    suite.wildtopics = ("TopicA/+", "+/C", "#", "/#", "/+", "+/+", "TopicA/#")
    suite.nosubscribe_topics = ("test/nosubscribe",)
    suite.topic_prefix = "client_test5/"
    logging.getLogger().setLevel(logging.ERROR)
    signal.signal(signal.SIGALRM, time_out)

    tests = unittest.defaultTestLoader.loadTestsFromTestCase(suite.Test)
    if options.list:
        for test in tests:
            print(f"PAHO {options.suite} TEST {test._testMethodName}")
        return
    if options.tests:
        wanted = options.tests.split(",")
        unknown = sorted(set(wanted) - {test._testMethodName for test in tests})
        if unknown:
            parser.error(f"no such tests in {SUITES[options.suite]}.py: {', '.join(unknown)}")
        tests = unittest.TestSuite(test for test in tests if test._testMethodName in wanted)
    names = [test._testMethodName for test in tests]
    runner = unittest.TextTestRunner(stream=sys.stderr, resultclass=Outcomes, verbosity=2)
    result = runner.run(tests)
    passed = 0
    for name in names:
        outcome = result.outcomes.get(name, "failed")
        passed += outcome == "passed"
        print(f"PAHO {options.suite} {name} {outcome} {result.durations.get(name, 0):.1f}s", flush=True)
    print(f"PAHO {options.suite} SCORE {passed}/{len(names)}", flush=True)


if __name__ == "__main__":
    main()
