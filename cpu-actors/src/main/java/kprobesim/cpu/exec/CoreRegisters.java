package kprobesim.cpu.exec;

import java.util.Arrays;

/**
 * An immutable copy of a core's architectural registers, taken on the core's thread.
 *
 * @param gprs rax rcx rdx rbx rsp rbp rsi rdi r8..r15 (a copy; the accessor copies again)
 * @param tsc  virtual time: instructions retired plus idle time skipped while halted
 */
public record CoreRegisters(long[] gprs, long rip, long rflags, long cr0, long cr2, long cr3, long cr4,
        long idtBase, int idtLimit, int cpl, int cs, int ss, long fsBase, long gsBase, long tsc) {

    public CoreRegisters {
        gprs = gprs.clone();
    }

    /** Captures {@code c}'s registers (RFLAGS materialised). */
    public static CoreRegisters of(X86Core c) {
        return new CoreRegisters(c.r, c.rip, c.rflags(), c.cr0, c.cr2, c.cr3, c.cr4, c.idtBase, c.idtLimit,
                c.cpl, (int) c.cs, (int) c.ss, c.fsBase, c.gsBase, c.tsc);
    }

    @Override
    public long[] gprs() {
        return gprs.clone();
    }

    public long gpr(int reg) {
        return gprs[reg];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoreRegisters x && Arrays.equals(gprs, x.gprs) && rip == x.rip && rflags == x.rflags
                && cr0 == x.cr0 && cr2 == x.cr2 && cr3 == x.cr3 && cr4 == x.cr4 && idtBase == x.idtBase
                && idtLimit == x.idtLimit && cpl == x.cpl && cs == x.cs && ss == x.ss && fsBase == x.fsBase
                && gsBase == x.gsBase && tsc == x.tsc;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(gprs) * 31 + Long.hashCode(rip);
    }

    @Override
    public String toString() {
        return String.format("rip=%016x rflags=%x rsp=%016x rax=%x cpl=%d idtr=%x/%x cr2=%x tsc=%d",
                rip, rflags, gprs[4], gprs[0], cpl, idtBase, idtLimit, cr2, tsc);
    }
}
