package kprobesim.kernel.boot;

import java.nio.file.Path;
import java.util.Objects;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.kernel.profile.KernelProfile;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.profile.PreemptModel;

/**
 * How to boot: machine size and mode, kernel profile, preemption model, virtual time.
 *
 * <p>Virtual time: every CPU counts retired instructions in its TSC, and 1 retired instruction
 * is 1 ns of that CPU's virtual time; a halted CPU's clock jumps to its next timer tick. The
 * local timer fires every {@link #tickNs} ns (HZ = 1e9 / tickNs; the default 1,000,000 gives
 * HZ = 1000). Each CPU's jiffies are its TSC / tickNs; the global {@code jiffies} variable is
 * the largest of them. printk timestamps are the printing CPU's virtual time (never less than
 * the previous record's).
 *
 * @param cpus            number of CPUs
 * @param profile         the kernel profile
 * @param preempt         the preemption model (the profile's default unless overridden)
 * @param mode            deterministic or parallel
 * @param seed            the deterministic clock's seed
 * @param tickNs          instructions (virtual ns) between timer ticks
 * @param runForNs        each CPU stops at its first tick at or after this virtual time
 * @param stopWhenIdle    stop every CPU at its next tick once no task but the idle tasks is left
 * @param taskLimit       most tasks alive at once, idle tasks excluded (fork returns -EAGAIN beyond)
 * @param sliceTicks      ticks a task runs before the tick asks for a reschedule (if others wait)
 * @param quantum         instructions per CPU per deterministic round (or per parallel slice)
 * @param panicOnOops     an oops panics the machine ({@code panic_on_oops=1})
 * @param vfsRoot         the host directory behind the VFS (a {@code HostDirectoryFileSystem}
 *                        sandbox no guest path can leave), or null for the in-memory file system
 *                        with an empty /tmp (the default; the host directory is used as it is,
 *                        nothing is created in it at boot)
 * @param memoryPages     RAM in 4 KiB frames: the page allocator's pool, from which user pages,
 *                        page tables and kernel stacks (4 frames each, the idle tasks' too) come.
 *                        When it runs dry the OOM chain runs, then the OOM killer
 *                        ({@link #DEFAULT_MEMORY_PAGES} by default)
 */
public record BootConfig(int cpus, KernelProfile profile, PreemptModel preempt, ExecutionMode mode, long seed,
        long tickNs, long runForNs, boolean stopWhenIdle, int taskLimit, int sliceTicks, long quantum,
        boolean panicOnOops, Path vfsRoot, int memoryPages) {

    /**
     * 256 MiB: far more than the built-in workloads and tests need (a task costs its 4 stack
     * frames plus a few for its program, page tables and stack pages), so only a configuration
     * asking for a small memory meets the OOM path.
     */
    public static final int DEFAULT_MEMORY_PAGES = 65536;

    public BootConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(preempt, "preempt");
        Objects.requireNonNull(mode, "mode");
        if (cpus < 1 || cpus > 256 || tickNs < 1000 || runForNs < 1 || taskLimit < 1 || sliceTicks < 1 || quantum < 1
                || memoryPages < 1) {
            throw new IllegalArgumentException("bad boot config: cpus=" + cpus + " tickNs=" + tickNs + " runForNs="
                    + runForNs + " taskLimit=" + taskLimit + " memoryPages=" + memoryPages);
        }
    }

    /** 1 CPU... defaults: the profile's preemption model, deterministic, HZ=1000, 1 s of virtual time. */
    public static BootConfig of(int cpus, KernelProfile profile) {
        return new BootConfig(cpus, profile, profile.defaultPreempt(), ExecutionMode.DETERMINISTIC, 1, 1_000_000,
                1_000_000_000L, false, 1024, 4, 1000, false, null, DEFAULT_MEMORY_PAGES);
    }

    public static BootConfig defaults() {
        return of(1, KernelProfiles.MODERN);
    }

    public long hz() {
        return 1_000_000_000L / tickNs;
    }

    public BootConfig withCpus(int n) {
        return new BootConfig(n, profile, preempt, mode, seed, tickNs, runForNs, stopWhenIdle, taskLimit, sliceTicks, quantum, panicOnOops, vfsRoot, memoryPages);
    }

    public BootConfig withPreempt(PreemptModel m) {
        return new BootConfig(cpus, profile, m, mode, seed, tickNs, runForNs, stopWhenIdle, taskLimit, sliceTicks, quantum, panicOnOops, vfsRoot, memoryPages);
    }

    public BootConfig withMode(ExecutionMode m, long s) {
        return new BootConfig(cpus, profile, preempt, m, s, tickNs, runForNs, stopWhenIdle, taskLimit, sliceTicks, quantum, panicOnOops, vfsRoot, memoryPages);
    }

    public BootConfig withTickNs(long t) {
        return new BootConfig(cpus, profile, preempt, mode, seed, t, runForNs, stopWhenIdle, taskLimit, sliceTicks, quantum, panicOnOops, vfsRoot, memoryPages);
    }

    public BootConfig withRunForNs(long r) {
        return new BootConfig(cpus, profile, preempt, mode, seed, tickNs, r, stopWhenIdle, taskLimit, sliceTicks, quantum, panicOnOops, vfsRoot, memoryPages);
    }

    public BootConfig withStopWhenIdle(boolean s) {
        return new BootConfig(cpus, profile, preempt, mode, seed, tickNs, runForNs, s, taskLimit, sliceTicks, quantum, panicOnOops, vfsRoot, memoryPages);
    }

    public BootConfig withTaskLimit(int l) {
        return new BootConfig(cpus, profile, preempt, mode, seed, tickNs, runForNs, stopWhenIdle, l, sliceTicks, quantum, panicOnOops, vfsRoot, memoryPages);
    }

    public BootConfig withSliceTicks(int t) {
        return new BootConfig(cpus, profile, preempt, mode, seed, tickNs, runForNs, stopWhenIdle, taskLimit, t, quantum, panicOnOops, vfsRoot, memoryPages);
    }

    public BootConfig withPanicOnOops(boolean p) {
        return new BootConfig(cpus, profile, preempt, mode, seed, tickNs, runForNs, stopWhenIdle, taskLimit, sliceTicks, quantum, p, vfsRoot, memoryPages);
    }

    /** Files live in the host directory {@code root} (sandboxed), or in memory if null. */
    public BootConfig withVfsRoot(Path root) {
        return new BootConfig(cpus, profile, preempt, mode, seed, tickNs, runForNs, stopWhenIdle, taskLimit, sliceTicks, quantum, panicOnOops, root, memoryPages);
    }

    /** RAM of {@code pages} 4 KiB frames (see {@link #memoryPages}). */
    public BootConfig withMemoryPages(int pages) {
        return new BootConfig(cpus, profile, preempt, mode, seed, tickNs, runForNs, stopWhenIdle, taskLimit, sliceTicks, quantum, panicOnOops, vfsRoot, pages);
    }
}
