package kprobesim.cpu.actor;

/** What a CPU is doing, as seen at a slice boundary. */
public enum CpuStatus {
    /** Executing guest code (or about to, at its next slice or quantum). */
    RUNNING,
    /** Executed {@code hlt} with IF=1: waits for an interrupt. */
    HALTED,
    /** Executed {@code hlt} with IF=0, or was stopped ({@code Halt}/{@code Stop}): only an NMI wakes it. */
    STOPPED,
    /** A fault while delivering a double fault: the CPU shut down (reported, never resumes). */
    TRIPLE_FAULT,
    /** Retired its instruction budget: executes no more guest code, still answers messages. */
    DONE,
    /** Hot-unplugged (or never brought up): executes nothing, acknowledges requests as skipped. */
    OFFLINE;

    /** True if the CPU is not going to execute guest code without an outside event. */
    public boolean isIdle() {
        return this != RUNNING;
    }
}
