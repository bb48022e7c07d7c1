package kprobesim.cpu.exec;

import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Reg;

/** jmp, call, ret, iretq (jcc, int3, int n, hlt are in the core's dispatch or {@link SystemOps}). */
final class ControlFlowOps {
    private ControlFlowOps() {}

    private static long target(X86Core c, Instruction in) {
        switch (in.kind0) {
            case Instruction.REL: return in.target;
            case Instruction.REG: return c.r[in.reg0];
            default: return c.load(c.ea(in), 8);
        }
    }

    static void jmp(X86Core c, Instruction in) {
        c.nextRip = target(c, in);
    }

    static void call(X86Core c, Instruction in) {
        long t = target(c, in);
        StackOps.push(c, c.nextRip, 8);
        c.nextRip = t;
    }

    /** ret and ret imm16. */
    static void ret(X86Core c, Instruction in) {
        long t = StackOps.pop(c, 8);
        if (in.kind0 == Instruction.IMM) {
            c.r[Reg.RSP] += in.imm & 0xffff;
        }
        c.nextRip = t;
    }

    /**
     * iretq (and iretd with opSize 4): pops RIP, CS, RFLAGS, RSP, SS from the 64-bit interrupt
     * frame (Intel SDM Vol. 3 §6.14.3). CPL becomes CS.RPL; returning to a more privileged level
     * raises #GP(selector). Everything is loaded before anything is committed.
     */
    static void iret(X86Core c, Instruction in) {
        int size = in.opSize == 8 ? 8 : in.opSize;
        long sp = c.r[Reg.RSP];
        long newRip = c.load(sp, size);
        long newCs = c.load(sp + size, size) & 0xffff;
        long newFlags = c.load(sp + 2L * size, size);
        long newRsp = c.load(sp + 3L * size, size);
        long newSs = c.load(sp + 4L * size, size) & 0xffff;
        int newCpl = (int) newCs & 3;
        if (newCpl < c.cpl) {
            throw c.gp((int) newCs & 0xfffc);
        }
        StackOps.writeFlags(c, newFlags, size == 8 ? -1L : size == 4 ? 0xffffffffL : 0xffff);
        c.cs = newCs;
        c.ss = newSs;
        c.cpl = newCpl;
        c.r[Reg.RSP] = newRsp;
        c.nextRip = newRip;
    }
}
