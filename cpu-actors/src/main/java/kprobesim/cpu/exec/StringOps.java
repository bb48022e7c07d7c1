package kprobesim.cpu.exec;

import static kprobesim.cpu.isa.Flags.DF;

import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.Reg;

/**
 * movs and stos (b/w/l/q), with or without rep (F3; F2 acts the same for these two). DF selects
 * the direction. Registers are updated after every element, so a #PF in the middle leaves rcx,
 * rsi and rdi describing the remaining work and rip at the instruction (restartable, as the SDM
 * requires). A rep instruction retires as one instruction.
 */
final class StringOps {
    private StringOps() {}

    static void string(X86Core c, Instruction in) {
        int size = in.opSize;
        long step = (c.flags & DF) != 0 ? -size : size;
        long amask = in.addrSize == 4 ? 0xffffffffL : -1L;
        boolean movs = in.op == Op.MOVS;
        boolean rep = (in.prefixes & (Instruction.REP | Instruction.REPNE)) != 0;
        if (!rep) {
            element(c, movs, size, step, amask);
            return;
        }
        while ((c.r[Reg.RCX] & amask) != 0) {
            element(c, movs, size, step, amask);
            setAddrReg(c, Reg.RCX, (c.r[Reg.RCX] - 1) & amask, amask);
        }
    }

    private static void element(X86Core c, boolean movs, int size, long step, long amask) {
        long di = c.r[Reg.RDI] & amask;
        if (movs) {
            long si = c.r[Reg.RSI] & amask;
            long v = c.load(si, size);
            c.store(di, size, v);
            setAddrReg(c, Reg.RSI, si + step, amask);
        } else {
            c.store(di, size, c.getReg(Reg.RAX, size));
        }
        setAddrReg(c, Reg.RDI, di + step, amask);
    }

    private static void setAddrReg(X86Core c, int reg, long v, long amask) {
        c.r[reg] = v & amask;
    }
}
