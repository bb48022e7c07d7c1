package kprobesim.cpu.exec;

import static kprobesim.cpu.exec.X86Core.mask;
import static kprobesim.cpu.exec.X86Core.szp;
import static kprobesim.cpu.isa.Flags.AF;
import static kprobesim.cpu.isa.Flags.CF;
import static kprobesim.cpu.isa.Flags.OF;
import static kprobesim.cpu.isa.Flags.STATUS;

import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;

/**
 * shl shr sar rol ror by an immediate, by 1 or by cl (Intel SDM Vol. 2 SAL/SAR/SHL/SHR and
 * RCL/RCR/ROL/ROR). The count is masked to 5 bits (6 for 64-bit operands); a masked count of 0
 * changes no flags. Flags are computed eagerly (shifts are rare on hot paths).
 */
final class ShiftRotateOps {
    private ShiftRotateOps() {}

    static void shift(X86Core c, Instruction in) {
        if (in.kind0 == Instruction.MEM) {
            shiftMem(c, in);
        } else {
            shiftReg(c, in);
        }
    }

    /** The masked count: immediate, cl, or 1 when the encoding has no count operand. */
    private static int count(X86Core c, Instruction in) {
        int count;
        switch (in.kind1) {
            case Instruction.IMM: count = (int) in.imm; break;
            case Instruction.REG: count = (int) c.getReg(in.reg1, 1); break;
            default: count = 1; break;
        }
        return count & (in.size0 == 8 ? 63 : 31);
    }

    private static void shiftReg(X86Core c, Instruction in) {
        int size = in.size0;
        long v = c.getReg(in.reg0, size);
        c.setReg(in.reg0, size, compute(c, in.op, size, v, count(c, in)));
    }

    private static void shiftMem(X86Core c, Instruction in) {
        int size = in.size0;
        long addr = c.ea(in);
        long v = c.loadForWrite(addr, size);
        c.store(addr, size, compute(c, in.op, size, v, count(c, in)));
    }

    /** Shifts or rotates {@code v} (zero-extended, {@code size} bytes) by a masked {@code count}; sets flags. */
    static long compute(X86Core c, Op op, int size, long v, int count) {
        if (count == 0) {
            return v;
        }
        int bits = size << 3;
        long m = mask(size);
        long res;
        long cf;
        long of;
        switch (op) {
            case SHL:
                res = count < 64 ? (v << count) & m : 0;
                cf = count <= bits ? (v >>> (bits - count)) & 1 : 0;
                of = ((res >>> (bits - 1)) & 1) ^ cf;
                c.setFlags(STATUS, szp(res, bits) | cf * CF | of * OF | shiftAf(op, size, count, v, res));
                return res;
            case SHR:
                res = v >>> count;
                cf = (v >>> (count - 1)) & 1;
                of = count == 1 ? (v >>> (bits - 1)) & 1 : 0;
                c.setFlags(STATUS, szp(res, bits) | cf * CF | of * OF | shiftAf(op, size, count, v, res));
                return res;
            case SAR: {
                int sh = 64 - bits;
                long sv = (v << sh) >> sh;
                res = (sv >> count) & m;
                cf = (sv >> (count - 1)) & 1;
                c.setFlags(STATUS, szp(res, bits) | cf * CF | shiftAf(op, size, count, v, res));
                return res;
            }
            case ROL: {
                int rc = count & (bits - 1);
                res = rc == 0 ? v : ((v << rc) | (v >>> (bits - rc))) & m;
                cf = res & 1;
                of = ((res >>> (bits - 1)) & 1) ^ cf;
                c.setFlags(CF | OF, cf * CF | of * OF);
                return res;
            }
            default: { // ROR
                int rc = count & (bits - 1);
                res = rc == 0 ? v : ((v >>> rc) | (v << (bits - rc))) & m;
                cf = (res >>> (bits - 1)) & 1;
                of = cf ^ ((res >>> (bits - 2)) & 1);
                c.setFlags(CF | OF, cf * CF | of * OF);
                return res;
            }
        }
    }

    /** AF after a shift by a non-zero count is undefined by the SDM; the AMD EPYC host sets it (FLAGS.md). */
    private static long shiftAf(Op op, int size, int count, long v, long res) {
        return AF;
    }

}
