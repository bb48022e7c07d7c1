package kprobesim.kernel.sched;

import kprobesim.cpu.memory.PhysicalMemory;

/**
 * The per-CPU area every CPU's GS base points at, one page per CPU from {@link #BASE}:
 * <pre>
 *   %gs:0x00  current        the running task (its kernel stack base, where thread_info sits)
 *   %gs:0x08  preempt_count  preempt_disable/enable nest through it (0 = preemptible)
 *   %gs:0x10  need_resched   set by the tick, wake-ups and IPIs; cleared by schedule
 *   %gs:0x18  cpu_number     smp_processor_id()
 *   %gs:0x20  kprobe state   reserved for the probe manager (current_kprobe, kprobe_status)
 * </pre>
 * Machine code reads and writes these with {@code %gs:} operands; Java reads them here.
 */
public final class PerCpu {
    public static final long BASE = 0xfffffe8000000000L;
    public static final int CURRENT = 0x00, PREEMPT_COUNT = 0x08, NEED_RESCHED = 0x10, CPU_NUMBER = 0x18,
            KPROBE_STATE = 0x20;

    private PerCpu() {}

    /** The GS base of {@code cpu}. */
    public static long base(int cpu) {
        return BASE + 0x1000L * cpu;
    }

    public static long get(PhysicalMemory mem, int cpu, int field) {
        return mem.read64(base(cpu) + field);
    }

    public static void set(PhysicalMemory mem, int cpu, int field, long v) {
        mem.write64(base(cpu) + field, v);
    }
}
