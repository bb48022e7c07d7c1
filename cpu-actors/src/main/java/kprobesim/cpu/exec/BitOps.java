package kprobesim.cpu.exec;

import static kprobesim.cpu.isa.Flags.CF;

import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;

/**
 * bt, bts, btr (Intel SDM Vol. 2 BT): CF = the selected bit; ZF is kept; OF SF AF PF are
 * undefined (see FLAGS.md for what we produce). With a register bit offset and a memory operand
 * the offset is signed and may address outside the operand.
 */
final class BitOps {
    private BitOps() {}

    static void bitTest(X86Core c, Instruction in) {
        int size = in.size0;
        int bits = size << 3;
        if (in.kind0 != Instruction.MEM) {
            long off = in.kind1 == Instruction.IMM ? in.imm : c.getReg(in.reg1, size);
            int bit = (int) off & (bits - 1);
            long v = c.getReg(in.reg0, size);
            long nv = update(in.op, v, bit);
            setFlags(c, v, bit);
            if (in.op != Op.BT) {
                c.setReg(in.reg0, size, nv);
            }
            return;
        }
        long addr = c.ea(in);
        int bit;
        if (in.kind1 == Instruction.IMM) {
            bit = (int) in.imm & (bits - 1);
        } else {
            long off = c.getReg(in.reg1, size);
            off = (off << (64 - bits)) >> (64 - bits); // signed bit offset
            bit = (int) off & (bits - 1);
            addr += (off >> (31 - Integer.numberOfLeadingZeros(bits))) * size;
        }
        if (in.op == Op.BT) {
            setFlags(c, c.load(addr, size), bit);
            return;
        }
        long v;
        if ((in.prefixes & Instruction.LOCK) != 0) {
            do {
                v = c.loadForWrite(addr, size);
            } while (!c.cas(addr, size, v, update(in.op, v, bit)));
        } else {
            v = c.loadForWrite(addr, size);
            c.store(addr, size, update(in.op, v, bit));
        }
        setFlags(c, v, bit);
    }

    private static long update(Op op, long v, int bit) {
        switch (op) {
            case BTS: return v | (1L << bit);
            case BTR: return v & ~(1L << bit);
            default: return v;
        }
    }

    private static void setFlags(X86Core c, long v, int bit) {
        c.setFlags(CF, (v >>> bit) & 1);
    }
}
