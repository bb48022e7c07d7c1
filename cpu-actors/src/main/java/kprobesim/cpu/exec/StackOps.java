package kprobesim.cpu.exec;

import kprobesim.cpu.isa.Flags;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Reg;

/**
 * push, pop, pushf, popf, leave. The store happens before rsp moves, so a faulting push leaves
 * rsp unchanged (Intel SDM Vol. 2 PUSH/POP). Operand size is 8, or 2 with a 0x66 prefix.
 */
final class StackOps {
    /** RFLAGS bits pushf never stores (RF, VM). */
    private static final long PUSHF_CLEAR = (1L << 16) | (1L << 17);

    private StackOps() {}

    static void push(X86Core c, long v, int size) {
        long sp = c.r[Reg.RSP] - size;
        c.store(sp, size, v);
        c.r[Reg.RSP] = sp;
    }

    static long pop(X86Core c, int size) {
        long sp = c.r[Reg.RSP];
        long v = c.load(sp, size);
        c.r[Reg.RSP] = sp + size;
        return v;
    }

    static void push(X86Core c, Instruction in) {
        int size = in.opSize == 2 ? 2 : 8;
        long v;
        switch (in.kind0) {
            case Instruction.REG: v = c.getReg(in.reg0, size); break;
            case Instruction.IMM: v = in.imm; break;
            default: v = c.load(c.ea(in), size); break;
        }
        push(c, v, size);
    }

    static void pop(X86Core c, Instruction in) {
        int size = in.opSize == 2 ? 2 : 8;
        if (in.kind0 == Instruction.REG) {
            long v = pop(c, size);
            c.setReg(in.reg0, size, v);
            return;
        }
        // pop to memory: the address is computed with the incremented rsp (SDM Vol. 2 POP)
        long sp = c.r[Reg.RSP];
        long v = c.load(sp, size);
        c.r[Reg.RSP] = sp + size;
        long addr = c.ea(in);
        c.r[Reg.RSP] = sp;
        c.store(addr, size, v);
        c.r[Reg.RSP] = sp + size;
    }

    static void pushf(X86Core c, Instruction in) {
        int size = in.opSize == 2 ? 2 : 8;
        push(c, c.rflags() & ~PUSHF_CLEAR, size);
    }

    static void popf(X86Core c, Instruction in) {
        int size = in.opSize == 2 ? 2 : 8;
        long v = pop(c, size);
        writeFlags(c, v, size == 2 ? 0xffff : -1L);
    }

    /**
     * Loads RFLAGS from a popped value: only {@link Flags#POPF_MASK} bits change; outside ring 0
     * (IOPL 0) IF is silently kept (Intel SDM Vol. 2 POPF).
     */
    static void writeFlags(X86Core c, long v, long sizeMask) {
        long m = Flags.POPF_MASK & sizeMask;
        if (c.cpl != 0) {
            m &= ~Flags.IF;
        }
        long cur = c.rflags();
        c.setRflags((cur & ~m) | (v & m));
    }

    static void leave(X86Core c, Instruction in) {
        int size = in.opSize == 2 ? 2 : 8;
        long saved = c.r[Reg.RSP];
        c.r[Reg.RSP] = c.r[Reg.RBP];
        try {
            long v = pop(c, size);
            c.setReg(Reg.RBP, size, v);
        } catch (GuestFault f) {
            c.r[Reg.RSP] = saved;
            throw f;
        }
    }
}
