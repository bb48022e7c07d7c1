package kprobesim.cpu.exec;

import static kprobesim.cpu.exec.X86Core.mask;

import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.Reg;

/** Data movement: mov, movzx/movsx/movsxd, lea, xchg, cmovcc, setcc, bswap, cbw/cwd families. */
final class DataOps {
    private DataOps() {}

    static void mov(X86Core c, Instruction in) {
        int size = in.size0;
        if (in.kind0 == Instruction.REG) {
            long v;
            switch (in.kind1) {
                case Instruction.REG: v = c.getReg(in.reg1, size); break;
                case Instruction.IMM: v = in.imm; break;
                default: v = c.load(c.ea(in), size); break;
            }
            c.setReg(in.reg0, size, v);
        } else {
            long v = in.kind1 == Instruction.IMM ? in.imm : c.getReg(in.reg1, size);
            c.store(c.ea(in), size, v);
        }
    }

    /** movzx, movsx, movsxd: source size1 extended to size0. */
    static void extend(X86Core c, Instruction in) {
        int from = in.size1;
        long v = in.kind1 == Instruction.MEM ? c.load(c.ea(in), from) : c.getReg(in.reg1, from);
        if (in.op != Op.MOVZX) {
            int sh = 64 - (from << 3);
            v = (v << sh) >> sh;
        }
        c.setReg(in.reg0, in.size0, v);
    }

    static void lea(X86Core c, Instruction in) {
        c.setReg(in.reg0, in.size0, c.ea(in));
    }

    /** xchg; with a memory operand it is always atomic (implicit lock). */
    static void xchg(X86Core c, Instruction in) {
        int size = in.size0;
        if (in.kind0 != Instruction.MEM && in.kind1 != Instruction.MEM) {
            long a = c.getReg(in.reg0, size);
            long b = c.getReg(in.reg1, size);
            c.setReg(in.reg0, size, b);
            c.setReg(in.reg1, size, a);
            return;
        }
        int reg = in.kind0 == Instruction.MEM ? in.reg1 : in.reg0;
        long addr = c.ea(in);
        long v = c.getReg(reg, size);
        long old;
        do {
            old = c.loadForWrite(addr, size);
        } while (!c.cas(addr, size, old, v));
        c.setReg(reg, size, old);
    }

    /** cmovcc: the source is always read; a 32-bit destination is zero-extended even if the condition is false. */
    static void cmov(X86Core c, Instruction in) {
        int size = in.size0;
        long v = in.kind1 == Instruction.MEM ? c.load(c.ea(in), size) : c.getReg(in.reg1, size);
        if (c.cond(in.cond)) {
            c.setReg(in.reg0, size, v);
        } else if (size == 4) {
            c.r[in.reg0] &= 0xffffffffL;
        }
    }

    static void setcc(X86Core c, Instruction in) {
        long v = c.cond(in.cond) ? 1 : 0;
        if (in.kind0 == Instruction.MEM) {
            c.store(c.ea(in), 1, v);
        } else {
            c.setReg(in.reg0, 1, v);
        }
    }

    /** bswap; the 16-bit form is undefined by the SDM, AMD and Intel both clear the low word. */
    static void bswap(X86Core c, Instruction in) {
        int size = in.size0;
        long v = c.getReg(in.reg0, size);
        switch (size) {
            case 8: v = Long.reverseBytes(v); break;
            case 4: v = Integer.reverseBytes((int) v) & 0xffffffffL; break;
            default: v = 0; break;
        }
        c.setReg(in.reg0, size, v);
    }

    /** cbw / cwde / cdqe. */
    static void cbw(X86Core c, Instruction in) {
        int size = in.opSize;
        int half = size >> 1;
        int sh = 64 - (half << 3);
        long v = (c.getReg(Reg.RAX, half) << sh) >> sh;
        c.setReg(Reg.RAX, size, v & mask(size));
    }

    /** cwd / cdq / cqo. */
    static void cwd(X86Core c, Instruction in) {
        int size = in.opSize;
        long a = c.getReg(Reg.RAX, size);
        long sign = (a >>> ((size << 3) - 1)) & 1;
        c.setReg(Reg.RDX, size, sign == 0 ? 0 : -1L);
    }
}
