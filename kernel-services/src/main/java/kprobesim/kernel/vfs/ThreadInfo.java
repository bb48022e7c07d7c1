package kprobesim.kernel.vfs;

import java.util.Objects;

/**
 * The part of a task's {@code thread_info} that kernel file I/O needs: {@code addr_limit}.
 *
 * <p>Stand-in until tasks exist: the scheduler issue owns {@code thread_info} and will embed
 * this (one per task, switched with the task). Until then callers create one per simulated
 * execution context and pass it in {@link CurrentTask}.
 *
 * <p>Not thread-safe, like Linux's: accessed only by the CPU currently running the task
 * (a migration hands it over through an actor message, which orders the accesses).
 */
public final class ThreadInfo {
    /** {@code addr_limit}; USER_DS for a fresh task. */
    private MmSegment addrLimit;

    public ThreadInfo() {
        this(MmSegment.USER_DS);
    }

    public ThreadInfo(MmSegment addrLimit) {
        this.addrLimit = Objects.requireNonNull(addrLimit, "addrLimit");
    }

    /** {@code get_fs()}. */
    public MmSegment getFs() {
        return addrLimit;
    }

    /** {@code set_fs(seg)}. */
    public void setFs(MmSegment seg) {
        this.addrLimit = Objects.requireNonNull(seg, "seg");
    }

    /** {@code access_ok(addr, size)} against this task's {@code addr_limit}. */
    public boolean accessOk(long addr, long size) {
        return addrLimit.rangeOk(addr, size);
    }
}
