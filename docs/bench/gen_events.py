#!/usr/bin/env python3
"""Writes 10 files x 100,000 mobile-style JSON events to /tmp/bench/in (the StructuredBench input),
and a copy of the first file alone to /tmp/bench/in1."""
import shutil
import datetime
import os
import random

random.seed(1)
base = datetime.datetime(2018, 3, 2, 10, 0, 0)
actions = ["open", "close", "swipe", "crash", "tap"]
os.makedirs("/tmp/bench/in", exist_ok=True)
for f in range(10):
    with open(f"/tmp/bench/in/part-{f:02d}.json", "w") as out:
        for i in range(100000):
            t = base + datetime.timedelta(seconds=f * 3600 + i * 0.036)
            out.write('{"id":"phone%d","action":"%s","ts":"%s"}\n' % (
                random.randrange(5000), random.choice(actions), t.strftime("%Y-%m-%dT%H:%M:%S")))
os.makedirs("/tmp/bench/in1", exist_ok=True)
shutil.copy("/tmp/bench/in/part-00.json", "/tmp/bench/in1/part-00.json")
