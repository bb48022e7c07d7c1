package kprobesim.cli.x86;

import java.util.List;

/**
 * One program run as the exec contract describes it: the code mapped at {@code base}, initial
 * registers, extra memory regions, ranges to dump afterwards and an instruction limit.
 *
 * @param regs the 16 general-purpose registers in encoding order (rax rcx rdx rbx rsp rbp rsi rdi
 *             r8..r15), see {@link RegisterNames}; unspecified registers are 0
 * @param rflags initial RFLAGS (default 0x2: only the always-one bit)
 */
public record ExecRequest(byte[] code, long base, long[] regs, long rflags,
                          List<MemRegion> mem, List<DumpRange> dumps, long maxInstructions) {
    /** Default instruction limit: about a tenth of a second at the interpreter's speed. */
    public static final long DEFAULT_MAX_INSTRUCTIONS = 10_000_000L;
    /** RFLAGS after reset: bit 1 always reads as one. */
    public static final long DEFAULT_RFLAGS = 0x2L;
    /** Largest region or dump we accept, so a typo cannot exhaust the heap. */
    public static final long MAX_REGION_BYTES = 1L << 30;

    /**
     * Memory mapped before the run: {@code length} bytes at {@code addr}, the first
     * {@code contents.length} of them initialised from {@code contents}, the rest zero.
     */
    public record MemRegion(long addr, byte[] contents, long length) {}

    /** Memory read after the run. */
    public record DumpRange(long addr, int length) {}
}
