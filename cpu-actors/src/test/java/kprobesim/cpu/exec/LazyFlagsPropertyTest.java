package kprobesim.cpu.exec;

import static kprobesim.cpu.isa.Flags.AF;
import static kprobesim.cpu.isa.Flags.CF;
import static kprobesim.cpu.isa.Flags.OF;
import static kprobesim.cpu.isa.Flags.PF;
import static kprobesim.cpu.isa.Flags.SF;
import static kprobesim.cpu.isa.Flags.STATUS;
import static kprobesim.cpu.isa.Flags.ZF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import kprobesim.cpu.isa.Cond;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;

/**
 * Lazy vs eager flags: for every lazily evaluated op and operand size, on seeded random (and
 * edge-biased) operands, the flags the core materialises from its lazy record — all six at once
 * ({@code rflags()}), one at a time, and through all 16 condition codes — equal an eager
 * reference computed with exact integer arithmetic from the SDM definitions.
 */
class LazyFlagsPropertyTest {
    private static final Op[] BINARY = {Op.ADD, Op.ADC, Op.SUB, Op.SBB, Op.CMP, Op.AND, Op.OR, Op.XOR, Op.TEST};
    private static final Op[] UNARY = {Op.INC, Op.DEC, Op.NEG};
    private static final int ROUNDS = 4000;

    private final X86Core core = new X86Core(new PhysicalMemory(), (b, o, a, r) -> null);
    private final SplittableRandom rnd = new SplittableRandom(0xF1A95L);

    private long operand(int size) {
        long m = X86Core.mask(size);
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> m;
            case 2 -> (m >>> 1) + rnd.nextInt(3) - 1;   // around the signed maximum
            case 3 -> rnd.nextInt(32) - 16;
            case 4 -> 0xfL + rnd.nextInt(3) - 1;         // around the AF boundary
            default -> rnd.nextLong();
        } & m;
    }

    /** Eager reference: flags of a OP b (+cin) from exact arithmetic. */
    static long eager(Op op, int size, long a, long b, long cin) {
        int bits = size * 8;
        BigInteger mod = BigInteger.ONE.shiftLeft(bits);
        BigInteger ua = new BigInteger(Long.toUnsignedString(a));
        BigInteger ub = new BigInteger(Long.toUnsignedString(b));
        BigInteger sa = signed(ua, bits);
        BigInteger sb = signed(ub, bits);
        BigInteger c = BigInteger.valueOf(cin);
        BigInteger full;
        BigInteger sfull;
        long af;
        boolean logic = false;
        switch (op) {
            case ADD, ADC, INC -> {
                full = ua.add(ub).add(c);
                sfull = sa.add(sb).add(c);
                af = ((a & 0xf) + (b & 0xf) + cin) > 0xf ? AF : 0;
            }
            case SUB, SBB, CMP, DEC, NEG -> {
                full = ua.subtract(ub).subtract(c);
                sfull = sa.subtract(sb).subtract(c);
                af = ((a & 0xf) - (b & 0xf) - cin) < 0 ? AF : 0;
            }
            default -> {
                logic = true;
                long r = op == Op.OR ? a | b : op == Op.XOR ? a ^ b : a & b;
                full = new BigInteger(Long.toUnsignedString(r));
                sfull = signed(full, bits);
                af = 0;
            }
        }
        BigInteger res = full.mod(mod);
        long f = af;
        if (!logic && (full.signum() < 0 || full.compareTo(mod) >= 0)) {
            f |= CF;
        }
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        if (!logic && (sfull.compareTo(min) < 0 || sfull.compareTo(max) > 0)) {
            f |= OF;
        }
        if (res.signum() == 0) {
            f |= ZF;
        }
        if (res.testBit(bits - 1)) {
            f |= SF;
        }
        if (Integer.bitCount(res.intValue() & 0xff) % 2 == 0) {
            f |= PF;
        }
        return f;
    }

    private static BigInteger signed(BigInteger u, int bits) {
        return u.testBit(bits - 1) ? u.subtract(BigInteger.ONE.shiftLeft(bits)) : u;
    }

    static boolean eagerCond(int cc, long f) {
        boolean cf = (f & CF) != 0, zf = (f & ZF) != 0, sf = (f & SF) != 0, of = (f & OF) != 0, pf = (f & PF) != 0;
        boolean v = switch (cc >> 1) {
            case 0 -> of;
            case 1 -> cf;
            case 2 -> zf;
            case 3 -> cf || zf;
            case 4 -> sf;
            case 5 -> pf;
            case 6 -> sf != of;
            default -> zf || sf != of;
        };
        return (cc & 1) != 0 ? !v : v;
    }

    private void check(String what, long expected, long oldFlags, int writes) {
        long want = (oldFlags & ~writes | expected & writes) & STATUS;
        assertEquals(want, core.rflags() & STATUS, () -> what + String.format(" rflags want %x", want));
        assertEquals((want & CF) != 0, core.cf(), what + " CF");
        assertEquals((want & ZF) != 0, core.zf(), what + " ZF");
        assertEquals((want & SF) != 0, core.sf(), what + " SF");
        assertEquals((want & OF) != 0, core.of(), what + " OF");
        assertEquals((want & PF) != 0, core.pf(), what + " PF");
        for (int cc = Cond.O; cc <= Cond.G; cc++) {
            assertEquals(eagerCond(cc, want), core.cond(cc), what + " cond " + Cond.SUFFIX[cc]);
        }
    }

    @Test
    void binaryOpsLazyEqualsEager() {
        for (Op op : BINARY) {
            for (int size : new int[] {1, 2, 4, 8}) {
                for (int i = 0; i < ROUNDS; i++) {
                    long a = operand(size);
                    long b = operand(size);
                    long old = rnd.nextInt() & STATUS;
                    core.setRflags(old);
                    long cin = (op == Op.ADC || op == Op.SBB) && core.cf() ? 1 : 0;
                    AluOps.alu(core, op, size, a, b, cin);
                    String what = String.format("%s/%d a=%x b=%x cin=%d", op, size, a, b, cin);
                    check(what, eager(op, size, a, b, cin), old, op.writes);
                }
            }
        }
    }

    @Test
    void unaryOpsLazyEqualsEagerAndIncDecKeepCarry() {
        for (Op op : UNARY) {
            for (int size : new int[] {1, 2, 4, 8}) {
                for (int i = 0; i < ROUNDS; i++) {
                    long a = operand(size);
                    long old = rnd.nextInt() & STATUS;
                    core.setRflags(old);
                    AluOps.unaryOp(core, op, size, a);
                    long expected = op == Op.NEG ? eager(Op.NEG, size, 0, a, 0) : eager(op, size, a, 1, 0);
                    check(String.format("%s/%d a=%x", op, size, a), expected, old, op.writes);
                }
            }
        }
    }

    @Test
    void lazyRecordSurvivesPartialOverwrite() {
        // add leaves all six lazy; inc then owes all but CF, which must come from the add
        for (int i = 0; i < ROUNDS; i++) {
            long a = operand(4);
            long b = operand(4);
            core.setRflags(0);
            long sum = AluOps.alu(core, Op.ADD, 4, a, b, 0);
            long addFlags = eager(Op.ADD, 4, a, b, 0);
            AluOps.unaryOp(core, Op.INC, 4, sum);
            long incFlags = eager(Op.INC, 4, sum, 1, 0);
            check(String.format("add %x,%x; inc", a, b), incFlags, addFlags, Op.INC.writes);
        }
    }
}
