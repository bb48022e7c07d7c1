package kprobesim.cpu.actor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import kprobesim.cpu.memory.PageAllocator;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * The machine-wide state every CPU shares (the "motherboard"): physical memory and its page
 * allocator, the hypercall table, the online mask, the IDT a CPU loads when it comes online,
 * the scheduling parameters and the {@link Interconnect}. Everything mutable here is atomic.
 *
 * @see kprobesim.cpu.actor package documentation for the threading model
 */
public final class Board {
    private final PhysicalMemory memory;
    private final PageAllocator allocator;
    private final HypercallTable hypercalls;
    private final ExecutionMode mode;
    private final int cpus;
    private final long quantum;
    private final long timerEvery;
    private final long budget;
    private final Duration smpTimeout;
    private final long smpTimeoutRounds;
    private final AtomicIntegerArray online;
    private final AtomicReference<Idtr> currentIdt = new AtomicReference<>(Idtr.EMPTY);
    private final Quiescence quiescence = new Quiescence();
    private volatile Interconnect interconnect;
    private volatile boolean exclusiveActive;

    /**
     * @param quantum          instructions per slice (parallel) or per CPU per round (deterministic)
     * @param timerEvery       timer interrupt every this many instructions of virtual time; 0 = off
     * @param budget           guest instructions each CPU retires at most (then it is DONE)
     * @param smpTimeout       how long a broadcast with wait waits in parallel mode (wall clock)
     * @param smpTimeoutRounds how long it waits in deterministic mode (clock rounds)
     */
    public Board(PhysicalMemory memory, PageAllocator allocator, HypercallTable hypercalls, ExecutionMode mode,
            int cpus, long quantum, long timerEvery, long budget, Duration smpTimeout, long smpTimeoutRounds) {
        if (cpus < 1 || quantum < 1 || timerEvery < 0 || budget < 0 || smpTimeoutRounds < 1) {
            throw new IllegalArgumentException("cpus=" + cpus + " quantum=" + quantum + " timerEvery=" + timerEvery
                    + " budget=" + budget + " smpTimeoutRounds=" + smpTimeoutRounds);
        }
        this.memory = memory;
        this.allocator = allocator;
        this.hypercalls = hypercalls;
        this.mode = mode;
        this.cpus = cpus;
        this.quantum = quantum;
        this.timerEvery = timerEvery;
        this.budget = budget;
        this.smpTimeout = smpTimeout;
        this.smpTimeoutRounds = smpTimeoutRounds;
        this.online = new AtomicIntegerArray(cpus);
    }

    public PhysicalMemory memory() { return memory; }
    public PageAllocator allocator() { return allocator; }
    public HypercallTable hypercalls() { return hypercalls; }
    public ExecutionMode mode() { return mode; }
    public int cpus() { return cpus; }
    public long quantum() { return quantum; }
    public long timerEvery() { return timerEvery; }
    public long budget() { return budget; }
    public Duration smpTimeout() { return smpTimeout; }
    public long smpTimeoutRounds() { return smpTimeoutRounds; }
    public Quiescence quiescence() { return quiescence; }

    public Interconnect interconnect() {
        return interconnect;
    }

    public void setInterconnect(Interconnect i) {
        this.interconnect = i;
    }

    /** The IDT a CPU loads when it comes online (updated by the IDT reload protocol). */
    public Idtr currentIdt() {
        return currentIdt.get();
    }

    public void setCurrentIdt(Idtr idtr) {
        currentIdt.set(idtr);
    }

    /** Parallel mode: an exclusive section is parking or has parked the CPUs. */
    public boolean exclusiveActive() {
        return exclusiveActive;
    }

    public void setExclusiveActive(boolean active) {
        exclusiveActive = active;
    }

    public boolean isOnline(int cpu) {
        return online.get(cpu) != 0;
    }

    /** Written only by the CPU itself (hotplug) or by the machine before start. */
    public void setOnline(int cpu, boolean on) {
        online.set(cpu, on ? 1 : 0);
    }

    /** Online CPUs other than {@code self} (-1: all), ascending. */
    public int[] onlineCpus(int self) {
        int n = 0;
        int[] tmp = new int[cpus];
        for (int i = 0; i < cpus; i++) {
            if (i != self && online.get(i) != 0) {
                tmp[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(tmp, n);
    }
}
