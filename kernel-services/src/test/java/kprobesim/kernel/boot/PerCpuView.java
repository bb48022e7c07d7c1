package kprobesim.kernel.boot;

import kprobesim.kernel.sched.PerCpu;

/** Reads of the per-CPU area for tests. */
final class PerCpuView {
    private PerCpuView() {}

    static long preemptCount(Kernel k, int cpu) {
        return PerCpu.get(k.memory(), cpu, PerCpu.PREEMPT_COUNT);
    }
}
