package kprobesim.cpu.exec;

/**
 * The parts of the 64-bit TSS that interrupt delivery reads (Intel SDM Vol. 3 §7.7): the ring-0
 * stack pointer {@code RSP0} used when an interrupt arrives in ring 3, and the seven interrupt
 * stack table entries {@code IST1..IST7} a gate may select (Linux puts #DF, NMI and #MC there so
 * a broken kernel stack cannot turn a double fault into a triple fault).
 *
 * <p>Kept in Java rather than in simulated memory: nothing in the simulated kernel writes a TSS
 * with instructions, and no {@code ltr} is modelled. Owned by one CPU (its actor); not thread-safe.
 */
public final class TaskState {
    private long rsp0;
    private final long[] ist = new long[8];

    public long rsp0() {
        return rsp0;
    }

    public void setRsp0(long rsp0) {
        this.rsp0 = rsp0;
    }

    /** IST entry {@code n} (1..7). */
    public long ist(int n) {
        check(n);
        return ist[n];
    }

    public void setIst(int n, long rsp) {
        check(n);
        ist[n] = rsp;
    }

    private static void check(int n) {
        if (n < 1 || n > 7) {
            throw new IllegalArgumentException("IST index " + n + " (expected 1..7)");
        }
    }
}
