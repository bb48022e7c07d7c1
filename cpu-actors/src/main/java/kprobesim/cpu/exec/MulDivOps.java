package kprobesim.cpu.exec;

import static kprobesim.cpu.exec.X86Core.mask;
import static kprobesim.cpu.isa.Flags.CF;
import static kprobesim.cpu.isa.Flags.OF;
import static kprobesim.cpu.isa.Flags.AF;
import static kprobesim.cpu.isa.Flags.PF;
import static kprobesim.cpu.isa.Flags.SF;
import static kprobesim.cpu.isa.Flags.ZF;

import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.isa.Reg;

/**
 * mul, imul (one, two and three operands), div, idiv (Intel SDM Vol. 2). CF = OF = "the high half
 * is significant"; SF ZF AF PF are undefined (FLAGS.md). Division by zero or a quotient that does
 * not fit raises #DE before anything is written. 128/64-bit division is done without allocation.
 */
final class MulDivOps {
    private MulDivOps() {}

    static void mul(X86Core c, Instruction in) {
        int n = in.operandCount();
        if (n == 1) {
            mulWide(c, in);
            return;
        }
        // imul reg, r/m [, imm]: truncated signed product
        int size = in.size0;
        long a;
        long b;
        if (n == 2) {
            a = c.getReg(in.reg0, size);
            b = in.kind1 == Instruction.MEM ? c.load(c.ea(in), size) : c.getReg(in.reg1, size);
        } else {
            a = in.kind1 == Instruction.MEM ? c.load(c.ea(in), size) : c.getReg(in.reg1, size);
            b = in.imm & mask(size);
        }
        int bits = size << 3;
        int sh = 64 - bits;
        long sa = (a << sh) >> sh;
        long sb = (b << sh) >> sh;
        long lo = sa * sb;
        long res = lo & mask(size);
        boolean overflow;
        if (size == 8) {
            overflow = Math.multiplyHigh(sa, sb) != (lo >> 63);
        } else {
            overflow = ((lo << sh) >> sh) != lo;
        }
        mulFlags(c, overflow, res, bits);
        c.setReg(in.reg0, size, res);
    }

    /** One-operand mul/imul: rdx:rax = rax * r/m (ax = al * r/m8). */
    private static void mulWide(X86Core c, Instruction in) {
        int size = in.size0;
        long b = in.kind0 == Instruction.MEM ? c.load(c.ea(in), size) : c.getReg(in.reg0, size);
        long a = c.getReg(Reg.RAX, size);
        int bits = size << 3;
        boolean signed = in.op == Op.IMUL;
        long lo;
        long hi;
        if (size == 8) {
            lo = a * b;
            hi = Math.multiplyHigh(a, b);
            if (!signed) {
                hi += ((a >> 63) & b) + ((b >> 63) & a);
            }
        } else {
            int sh = 64 - bits;
            long p = signed ? ((a << sh) >> sh) * ((b << sh) >> sh) : a * b;
            lo = p & mask(size);
            hi = (p >> bits) & mask(size);
        }
        boolean overflow;
        if (signed) {
            int sh = 64 - bits;
            long sext = ((lo << sh) >> sh) >> 63; // sign of the low half, as 0 or -1
            overflow = hi != (sext & mask(size));
        } else {
            overflow = hi != 0;
        }
        mulFlags(c, overflow, lo, bits);
        if (size == 1) {
            c.setReg(Reg.RAX, 2, (hi << 8) | lo);
        } else {
            c.setReg(Reg.RAX, size, lo);
            c.setReg(Reg.RDX, size, hi);
        }
    }

    /**
     * CF = OF = overflow. SF ZF AF PF are undefined by the SDM; like the AMD EPYC host we leave
     * them unchanged (FLAGS.md).
     */
    private static void mulFlags(X86Core c, boolean overflow, long low, int bits) {
        c.setFlags(CF | OF, overflow ? CF | OF : 0);
    }

    static void div(X86Core c, Instruction in) {
        int size = in.size0;
        long d = in.kind0 == Instruction.MEM ? c.load(c.ea(in), size) : c.getReg(in.reg0, size);
        if (d == 0) {
            throw c.de();
        }
        boolean signed = in.op == Op.IDIV;
        long q;
        long rem;
        if (size == 8) {
            long hi = c.r[Reg.RDX];
            long lo = c.r[Reg.RAX];
            if (!signed) {
                if (Long.compareUnsigned(hi, d) >= 0) {
                    throw c.de();
                }
                q = udiv128(hi, lo, d);
                rem = lo - q * d;
            } else {
                boolean neg = hi < 0;
                if (neg) {
                    lo = -lo;
                    hi = ~hi + (lo == 0 ? 1 : 0);
                }
                boolean dneg = d < 0;
                long ud = dneg ? -d : d;
                if (Long.compareUnsigned(hi, ud) >= 0) {
                    throw c.de();
                }
                long uq = udiv128(hi, lo, ud);
                long ur = lo - uq * ud;
                if (neg != dneg) {
                    if (Long.compareUnsigned(uq, 1L << 63) > 0) {
                        throw c.de();
                    }
                    q = -uq;
                } else {
                    if (uq < 0) {
                        throw c.de();
                    }
                    q = uq;
                }
                rem = neg ? -ur : ur;
            }
            c.r[Reg.RAX] = q;
            c.r[Reg.RDX] = rem;
        } else {
            int bits = size << 3;
            long dividend = size == 1 ? c.getReg(Reg.RAX, 2)
                    : (c.getReg(Reg.RDX, size) << bits) | c.getReg(Reg.RAX, size);
            if (!signed) {
                q = Long.divideUnsigned(dividend, d);
                rem = Long.remainderUnsigned(dividend, d);
                if ((q & ~mask(size)) != 0) {
                    throw c.de();
                }
            } else {
                int sh = 64 - 2 * bits;
                long sdv = (dividend << sh) >> sh;
                int sd = 64 - bits;
                long sdiv = (d << sd) >> sd;
                q = sdv / sdiv;
                rem = sdv % sdiv;
                if (((q << sd) >> sd) != q) {
                    throw c.de();
                }
            }
            if (size == 1) {
                c.setReg(Reg.RAX, 2, ((rem & 0xff) << 8) | (q & 0xff));
            } else {
                c.setReg(Reg.RAX, size, q);
                c.setReg(Reg.RDX, size, rem);
            }
        }
        divFlags(c);
    }

    /**
     * All flags after div/idiv are undefined by the SDM; we do what the AMD EPYC host does:
     * CF and OF unchanged, SF = ZF = PF = 0, AF = 1 (FLAGS.md).
     */
    private static void divFlags(X86Core c) {
        c.setFlags(SF | ZF | PF | AF, AF);
    }

    /** Unsigned (hi:lo) / d for hi < d (unsigned), by restoring shift-subtract division. */
    static long udiv128(long hi, long lo, long d) {
        if (hi == 0) {
            return Long.divideUnsigned(lo, d);
        }
        long rem = hi;
        long q = 0;
        for (int i = 63; i >= 0; i--) {
            boolean carry = rem < 0;
            rem = (rem << 1) | ((lo >>> i) & 1);
            q <<= 1;
            if (carry || Long.compareUnsigned(rem, d) >= 0) {
                rem -= d;
                q |= 1;
            }
        }
        return q;
    }
}
