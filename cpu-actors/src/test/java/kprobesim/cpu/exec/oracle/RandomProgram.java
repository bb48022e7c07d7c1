package kprobesim.cpu.exec.oracle;

import static kprobesim.cpu.isa.Flags.AF;
import static kprobesim.cpu.isa.Flags.CF;
import static kprobesim.cpu.isa.Flags.OF;
import static kprobesim.cpu.isa.Flags.PF;
import static kprobesim.cpu.isa.Flags.SF;
import static kprobesim.cpu.isa.Flags.STATUS;
import static kprobesim.cpu.isa.Flags.ZF;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kprobesim.cpu.isa.Reg;

/**
 * Seeded random generator of straight-line x86-64 sequences (AT&amp;T text) for the host-CPU
 * differential test. A sequence is a list of {@link Unit}s: an instruction plus whatever guard it
 * needs (a divisor made non-zero, a bit offset bounded, rsi/rdi pointed into the buffer), so that
 * nothing faults natively, and so that minimisation can drop units without breaking guards.
 *
 * <p>Conventions: {@code %r15} holds the buffer base and {@code %rsp} the stack; neither is ever
 * written (they may be read). Memory operands are {@code disp(%r15)} inside the 256-byte buffer.
 * Each unit records the status flags it reads, writes with a defined value, and leaves undefined
 * (Intel SDM), so the test can keep consumers away from undefined flags and compare exactly the
 * flags the SDM defines at the end.
 */
public final class RandomProgram {
    /** Buffer size in bytes (must match the harness). */
    public static final int BUF = 256;

    /** One guarded instruction (or a jcc over one instruction): source lines and flag effects. */
    public record Unit(String text, int reads, int writes, int undef) {
    }

    /** Registers the generator may write: everything but rsp (4) and r15 (15). */
    private static final int[] DST = {0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    private static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np",
        "l", "ge", "le", "g"};
    private static final int[] CC_READS = {OF, OF, CF, CF, ZF, ZF, CF | ZF, CF | ZF, SF, SF, PF, PF,
        SF | OF, SF | OF, ZF | SF | OF, ZF | SF | OF};

    private final SplittableRandom rnd;

    public RandomProgram(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    // ------------------------------------------------------------------ helpers

    /** AT&amp;T operand for register {@code r} (0..15, or {@link Reg#AH}..{@link Reg#BH}) at {@code size}. */
    static String reg(int r, int size) {
        return "%" + Reg.name(r, size);
    }

    static char suffix(int size) {
        return switch (size) {
            case 1 -> 'b';
            case 2 -> 'w';
            case 4 -> 'l';
            default -> 'q';
        };
    }

    private int size() {
        return new int[] {1, 2, 4, 8}[rnd.nextInt(4)];
    }

    private int size248() {
        return new int[] {2, 4, 8}[rnd.nextInt(3)];
    }

    /** One of %ah %ch %dh %bh, drawn uniformly. */
    private String highByte() {
        return reg(Reg.AH + rnd.nextInt(4), 1);
    }

    private int dst() {
        return DST[rnd.nextInt(DST.length)];
    }

    private int src() {
        return rnd.nextInt(16);
    }

    private String mem(int size) {
        return rnd.nextInt(BUF - size + 1) + "(%r15)";
    }

    /** An immediate that fits the sign-extended encoding of {@code size} (imm32 for 64-bit). */
    private long imm(int size) {
        return switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(3) - 1;
            case 1 -> size == 1 ? rnd.nextInt(256) - 128 : rnd.nextInt(65536) - 32768;
            default -> switch (size) {
                case 1 -> rnd.nextInt(256) - 128;
                case 2 -> rnd.nextInt(65536) - 32768;
                default -> (long) rnd.nextInt();
            };
        };
    }

    private static Unit u(String text, int reads, int writes, int undef) {
        return new Unit(text, reads, writes, undef);
    }

    // ------------------------------------------------------------------ the generator

    /** A sequence of {@code 1..maxUnits} units. */
    public List<Unit> sequence(int maxUnits) {
        int n = 1 + rnd.nextInt(maxUnits);
        List<Unit> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(unit(true));
        }
        if (rnd.nextInt(8) == 0) {
            l.add(fault());
        }
        return l;
    }

    private Unit unit(boolean allowJcc) {
        int k = rnd.nextInt(100);
        if (k < 22) return alu();
        if (k < 28) return unary();
        if (k < 38) return shift();
        if (k < 44) return mul();
        if (k < 48) return div();
        if (k < 56) return move();
        if (k < 60) return exchange();
        if (k < 65) return stack();
        if (k < 72) return condUse(allowJcc);
        if (k < 78) return bit();
        if (k < 84) return xaddCmpxchg();
        if (k < 88) return convert();
        if (k < 91) return carryOp();
        if (k < 94) return string();
        if (k < 97) return addressing();
        return alu();
    }

    private static final String[] ALU = {"add", "adc", "sub", "sbb", "cmp", "and", "or", "xor", "test"};

    private Unit alu() {
        String op = ALU[rnd.nextInt(ALU.length)];
        int s = size();
        char x = suffix(s);
        boolean logic = op.equals("and") || op.equals("or") || op.equals("xor") || op.equals("test");
        int reads = op.equals("adc") || op.equals("sbb") ? CF : 0;
        int undef = logic ? AF : 0;
        boolean lockable = !op.equals("cmp") && !op.equals("test");
        String text;
        switch (rnd.nextInt(5)) {
            case 0 -> text = op + x + " " + reg(src(), s) + "," + reg(dst(), s);
            case 1 -> text = op + x + " $" + imm(s) + "," + reg(dst(), s);
            case 2 -> text = op + x + " " + mem(s) + "," + reg(dst(), s);
            case 3 -> text = lock(lockable) + op + x + " " + reg(src(), s) + "," + mem(s);
            default -> text = lock(lockable) + op + x + " $" + imm(s) + "," + mem(s);
        }
        return u(text, reads, STATUS, undef);
    }

    private String lock(boolean lockable) {
        return lockable && rnd.nextInt(3) == 0 ? "lock " : "";
    }

    private Unit unary() {
        String op = new String[] {"inc", "dec", "neg", "not"}[rnd.nextInt(4)];
        int s = size();
        String operand = rnd.nextBoolean() ? reg(dst(), s) : mem(s);
        String text = (operand.startsWith("%") ? "" : lock(true)) + op + suffix(s) + " " + operand;
        return switch (op) {
            case "inc", "dec" -> u(text, 0, STATUS & ~CF, 0);
            case "neg" -> u(text, 0, STATUS, 0);
            default -> u(text, 0, 0, 0);
        };
    }

    private Unit shift() {
        String op = new String[] {"shl", "shr", "sar", "rol", "ror", "sal"}[rnd.nextInt(6)];
        int s = size();
        int bits = s * 8;
        String operand = rnd.nextInt(3) > 0 ? reg(dst(), s) : mem(s);
        boolean rotate = op.startsWith("ro");
        int form = rnd.nextInt(3);
        if (form == 2) {
            // by %cl: the count is unknown here, so no flag is known to be defined afterwards
            // (count 0 keeps the old flags, OF needs count 1, AF is undefined).
            return u(op + suffix(s) + " %cl," + operand, 0, 0, rotate ? CF | OF : CF | OF | AF);
        }
        int count = form == 1 ? 1 : rnd.nextInt(bits == 64 ? 80 : 40);
        String text = form == 1 && rnd.nextBoolean() ? op + suffix(s) + " " + operand
                : op + suffix(s) + " $" + count + "," + operand;
        int masked = count & (s == 8 ? 63 : 31);
        if (masked == 0) {
            return u(text, 0, 0, 0);
        }
        if (rotate) {
            return u(text, 0, CF | OF, masked == 1 ? 0 : OF);
        }
        int undef = AF | (masked == 1 ? 0 : OF);
        if (!op.equals("sar") && masked >= bits) {
            undef |= CF;
        }
        return u(text, 0, STATUS, undef);
    }

    private Unit mul() {
        int s = size();
        int kind = rnd.nextInt(4);
        String src = rnd.nextBoolean() ? reg(src(), s) : mem(s);
        int undef = SF | ZF | AF | PF;
        if (kind <= 1 || s == 1) {
            return u((kind == 0 ? "mul" : "imul") + suffix(s) + " " + src, 0, STATUS, undef);
        }
        if (kind == 2) {
            return u("imul" + suffix(s) + " " + src + "," + reg(dst(), s), 0, STATUS, undef);
        }
        return u("imul" + suffix(s) + " $" + imm(s) + "," + src + "," + reg(dst(), s), 0, STATUS, undef);
    }

    private Unit div() {
        int s = size();
        char x = suffix(s);
        boolean signed = rnd.nextBoolean();
        String divisor;
        StringBuilder t = new StringBuilder();
        if (rnd.nextInt(3) == 0) {
            divisor = mem(s);
        } else if (s == 1) {
            divisor = "%" + new String[] {"bl", "cl", "dl", "bh", "ch", "dh"}[rnd.nextInt(6)];
        } else {
            int[] ok = {1, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
            divisor = reg(ok[rnd.nextInt(ok.length)], s);
        }
        String high = s == 1 ? "%ah" : reg(2, s);
        if (signed) {
            t.append("and").append(x).append(" $-2,").append(divisor).append('\n');
            t.append("or").append(x).append(" $2,").append(divisor).append('\n');
            t.append(switch (s) {
                case 1 -> "cbtw";
                case 2 -> "cwtd";
                case 4 -> "cltd";
                default -> "cqto";
            }).append('\n');
            t.append("idiv").append(x).append(' ').append(divisor);
        } else {
            t.append("or").append(x).append(" $1,").append(divisor).append('\n');
            if (s == 1 && divisor.contains("(")) {
                t.append("xorb %ah,%ah\n"); // %ah cannot be encoded together with (%r15)
            } else {
                t.append("mov").append(x).append(' ').append(divisor).append(',').append(high).append('\n');
                t.append("shr").append(x).append(" $1,").append(high).append('\n');
            }
            t.append("div").append(x).append(' ').append(divisor);
        }
        return u(t.toString(), 0, STATUS, STATUS);
    }

    private Unit move() {
        int k = rnd.nextInt(9);
        int s = size();
        char x = suffix(s);
        switch (k) {
            case 0: return u("mov" + x + " " + reg(src(), s) + "," + reg(dst(), s), 0, 0, 0);
            case 1: return u("mov" + x + " $" + imm(s) + "," + (rnd.nextBoolean() ? reg(dst(), s) : mem(s)), 0, 0, 0);
            case 2: return u("mov" + x + " " + mem(s) + "," + reg(dst(), s), 0, 0, 0);
            case 3: return u("mov" + x + " " + reg(src(), s) + "," + mem(s), 0, 0, 0);
            case 4: return u("movabsq $" + rnd.nextLong() + "," + reg(dst(), 8), 0, 0, 0);
            case 5: {
                if (rnd.nextInt(4) == 0) {
                    // legacy high-byte source: destination must not need REX
                    int d = new int[] {0, 1, 2, 3, 5, 6, 7}[rnd.nextInt(7)];
                    int ds = rnd.nextBoolean() ? 2 : 4;
                    return u((rnd.nextBoolean() ? "movzb" : "movsb") + suffix(ds) + " " + highByte()
                            + "," + reg(d, ds), 0, 0, 0);
                }
                boolean word = rnd.nextBoolean();
                int from = word ? 2 : 1;
                int to = word ? (rnd.nextBoolean() ? 4 : 8) : size248();
                String ext = (rnd.nextBoolean() ? "movz" : "movs") + suffix(from) + suffix(to);
                String srcOp = rnd.nextBoolean() ? reg(src(), from) : mem(from);
                return u(ext + " " + srcOp + "," + reg(dst(), to), 0, 0, 0);
            }
            case 6: {
                String srcOp = rnd.nextBoolean() ? reg(src(), 4) : mem(4);
                return u("movslq " + srcOp + "," + reg(dst(), 8), 0, 0, 0);
            }
            case 7: {
                int ds = size248();
                StringBuilder a = new StringBuilder();
                a.append(rnd.nextInt(4) == 0 ? "" : String.valueOf(rnd.nextInt() >> rnd.nextInt(32)));
                a.append('(');
                boolean base = rnd.nextInt(5) > 0;
                if (base) {
                    a.append(reg(src(), 8));
                }
                if (!base || rnd.nextBoolean()) {
                    int idx;
                    do {
                        idx = src();
                    } while (idx == 4);
                    a.append(',').append(reg(idx, 8)).append(',').append(1 << rnd.nextInt(4));
                }
                a.append(')');
                return u("lea" + suffix(ds) + " " + a + "," + reg(dst(), ds), 0, 0, 0);
            }
            default: {
                // byte ops on the legacy high registers
                String h1 = highByte();
                String other = rnd.nextBoolean() ? highByte() : reg(rnd.nextInt(4), 1);
                String op = new String[] {"mov", "add", "xor", "sub"}[rnd.nextInt(4)];
                String text = rnd.nextBoolean() ? op + "b " + other + "," + h1 : op + "b " + h1 + "," + other;
                if (other.equals("%ah") || other.equals("%al")) {
                    // fine: both legacy
                }
                return op.equals("mov") ? u(text, 0, 0, 0) : u(text, 0, STATUS, op.equals("xor") ? AF : 0);
            }
        }
    }

    private Unit exchange() {
        int s = size();
        switch (rnd.nextInt(4)) {
            case 0: return u("xchg" + suffix(s) + " " + reg(dst(), s) + "," + reg(dst(), s), 0, 0, 0);
            case 1: return u("xchg" + suffix(s) + " " + reg(dst(), s) + "," + mem(s), 0, 0, 0);
            case 2: return u("bswap " + reg(dst(), rnd.nextBoolean() ? 4 : 8), 0, 0, 0);
            default: return u("xchg" + suffix(s) + " " + mem(s) + "," + reg(dst(), s), 0, 0, 0);
        }
    }

    private Unit stack() {
        switch (rnd.nextInt(8)) {
            case 0: return u("pushq " + reg(src(), 8), 0, 0, 0);
            case 1: return u("popq " + reg(dst(), 8), 0, 0, 0);
            case 2: return u("pushq $" + imm(4), 0, 0, 0);
            case 3: return u("pushq " + mem(8), 0, 0, 0);
            case 4: return u("popq " + mem(8), 0, 0, 0);
            case 5: return u("pushfq\npopq " + reg(dst(), 8), STATUS, 0, 0);
            case 6: {
                // flip some status flags through the stack (never TF, IF, DF, AC)
                int mask = rnd.nextInt(0x1000) & STATUS;
                return u("pushfq\nxorq $" + mask + ",(%rsp)\npopfq", STATUS, STATUS, 0);
            }
            default: return rnd.nextBoolean() ? u("pushw " + reg(src(), 2), 0, 0, 0) : u("popw " + reg(dst(), 2), 0, 0, 0);
        }
    }

    private Unit condUse(boolean allowJcc) {
        int cc = rnd.nextInt(16);
        int reads = CC_READS[cc];
        switch (rnd.nextInt(allowJcc ? 4 : 3)) {
            case 0: {
                String d = rnd.nextBoolean() ? reg(dst(), 1) : mem(1);
                return u("set" + CC[cc] + " " + d, reads, 0, 0);
            }
            case 1:
            case 2: {
                int s = size248();
                String srcOp = rnd.nextBoolean() ? reg(src(), s) : mem(s);
                return u("cmov" + CC[cc] + suffix(s) + " " + srcOp + "," + reg(dst(), s), reads, 0, 0);
            }
            default: {
                Unit inner = unit(false);
                // the inner unit may not run: nothing it writes is known defined afterwards
                return u("j" + CC[cc] + " 1f\n" + inner.text + "\n1:", reads | inner.reads, 0, inner.undef);
            }
        }
    }

    private Unit bit() {
        String op = new String[] {"bt", "bts", "btr"}[rnd.nextInt(3)];
        int s = size248();
        char x = suffix(s);
        int w = CF | OF | SF | AF | PF;
        int undef = OF | SF | AF | PF;
        switch (rnd.nextInt(4)) {
            case 0: return u(op + x + " " + reg(src(), s) + "," + reg(dst(), s), 0, w, undef);
            case 1: return u(op + x + " $" + rnd.nextInt(256) + "," + reg(dst(), s), 0, w, undef);
            case 2: return u((op.equals("bt") ? "" : lock(true)) + op + x + " $" + rnd.nextInt(256) + "," + mem(s), 0, w, undef);
            default: {
                // register bit offset into memory: bounded to -64..63 bits around disp
                int r = DST[rnd.nextInt(DST.length)];
                String ro = reg(r, s);
                int disp = 8 + rnd.nextInt(BUF - 16 - s - 8 + 1);
                String t = "and" + x + " $127," + ro + "\nsub" + x + " $64," + ro + "\n"
                        + (op.equals("bt") ? "" : lock(true)) + op + x + " " + ro + "," + disp + "(%r15)";
                return u(t, 0, STATUS, undef | AF);
            }
        }
    }

    private Unit xaddCmpxchg() {
        int s = size();
        char x = suffix(s);
        boolean xadd = rnd.nextBoolean();
        String op = xadd ? "xadd" : "cmpxchg";
        String d = rnd.nextBoolean() ? reg(dst(), s) : mem(s);
        String t = (d.startsWith("%") ? "" : lock(true)) + op + x + " " + reg(dst(), s) + "," + d;
        return u(t, 0, STATUS, 0);
    }

    private Unit convert() {
        String[] ops = {"cbtw", "cwtl", "cltq", "cwtd", "cltd", "cqto"};
        return u(ops[rnd.nextInt(ops.length)], 0, 0, 0);
    }

    private Unit carryOp() {
        return switch (rnd.nextInt(3)) {
            case 0 -> u("clc", 0, CF, 0);
            case 1 -> u("stc", 0, CF, 0);
            default -> u("cmc", CF, CF, 0);
        };
    }

    private Unit string() {
        int s = size();
        char x = suffix(s);
        boolean movs = rnd.nextBoolean();
        boolean rep = rnd.nextInt(4) > 0;
        boolean down = rnd.nextInt(4) == 0;
        int n = rep ? rnd.nextInt(BUF / s / 2 + 1) : 1;
        int span = n * s;
        int d1 = rnd.nextInt(BUF - Math.max(span, s) + 1);
        int d2 = rnd.nextInt(BUF - Math.max(span, s) + 1);
        if (down) {
            d1 += Math.max(span, s) - s;
            d2 += Math.max(span, s) - s;
        }
        StringBuilder t = new StringBuilder();
        if (down) {
            t.append("std\n");
        }
        t.append("leaq ").append(d1).append("(%r15),%rsi\n");
        t.append("leaq ").append(d2).append("(%r15),%rdi\n");
        if (rep) {
            t.append("movl $").append(n).append(",%ecx\nrep ");
        }
        t.append(movs ? "movs" : "stos").append(x);
        if (down) {
            t.append("\ncld");
        }
        return u(t.toString(), 0, 0, 0);
    }

    /** SIB addressing with a bounded index, absolute moffs, and rip-relative lea. */
    private Unit addressing() {
        int s = size();
        char x = suffix(s);
        switch (rnd.nextInt(3)) {
            case 0: {
                int idx = DST[rnd.nextInt(DST.length)];
                int scale = 1 << rnd.nextInt(4);
                int maxIndex = (BUF - s) / scale;
                int bound = Integer.highestOneBit(Math.min(maxIndex, 63) + 1) - 1;
                String op = new String[] {"add", "mov", "sub", "xor"}[rnd.nextInt(4)];
                String memOp = "(%r15," + reg(idx, 8) + "," + scale + ")";
                int d = dst();
                String text = "andq $" + bound + "," + reg(idx, 8) + "\n"
                        + (rnd.nextBoolean() ? op + x + " " + reg(d, s) + "," + memOp : op + x + " " + memOp + "," + reg(d, s));
                return u(text, 0, STATUS, op.equals("mov") ? AF : op.equals("xor") ? AF : 0);
            }
            case 1: {
                long addr = 0x10000000L + rnd.nextInt(BUF - s + 1);
                String acc = reg(0, s);
                return rnd.nextBoolean() ? u("movabs 0x" + Long.toHexString(addr) + "," + acc, 0, 0, 0)
                        : u("movabs " + acc + ",0x" + Long.toHexString(addr), 0, 0, 0);
            }
            default:
                return u("leaq " + (rnd.nextInt(4096) - 2048) + "(%rip)," + reg(dst(), 8), 0, 0, 0);
        }
    }

    /** Unmapped in both worlds (the harness maps only code, buffer and stack). */
    static final long UNMAPPED = 0x50000000L;

    /**
     * A unit that raises a CPU exception (always last in its sequence): #DE, #DB (TF), #UD, #BP, #GP from
     * privileged instructions in ring 3, and #PF on read, write, locked write, page-crossing
     * write and instruction fetch. Flags: conservatively AF undefined (some guards are logic ops).
     */
    private Unit fault() {
        int r = new int[] {1, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}[rnd.nextInt(12)];
        String addr = "movabsq $0x" + Long.toHexString(UNMAPPED + rnd.nextInt(0x10000)) + "," + reg(r, 8) + "\n";
        String m = "(" + reg(r, 8) + ")";
        int s = size();
        char x = suffix(s);
        int kind = rnd.nextInt(14);
        if (kind == 13) {
            // single-step: #DB after the instruction that follows popf; pushfq reads all flags
            Unit op = alu();
            return u("pushfq\norq $0x100,(%rsp)\npopfq\n" + op.text(), STATUS | op.reads(), 0, AF | op.undef());
        }
        String t = switch (kind) {
            case 0 -> "xorl " + reg(r, 4) + "," + reg(r, 4) + "\ndiv" + x + " " + reg(r, s);
            case 1 -> "movabsq $0x8000000000000000,%rax\ncqto\nmovq $-1," + reg(r, 8) + "\nidivq " + reg(r, 8);
            case 2 -> "ud2";
            case 3 -> "int3";
            case 4 -> "int $3";
            case 5 -> "hlt";
            case 6 -> "cli";
            case 7 -> addr + "mov" + x + " " + m + "," + reg(0, s);
            case 8 -> addr + "mov" + x + " " + reg(0, s) + "," + m;
            case 9 -> addr + "lock add" + x + " " + reg(0, s) + "," + m;
            case 10 -> addr + "jmp *" + reg(r, 8);
            case 11 -> "movq " + reg(0, 8) + "," + (BUF_PAGE_END - 1 - rnd.nextInt(7)) + "(%r15)";
            default -> addr + "call *" + reg(r, 8);
        };
        return u(t, 0, 0, AF);
    }

    /** Offset of the end of the buffer's page from the buffer base: the next page is unmapped. */
    static final int BUF_PAGE_END = 4096;

    // ------------------------------------------------------------------ validity

    /**
     * Walks the units: returns the status flags that are undefined at the end, or -1 if some unit
     * reads a flag that is undefined at that point (such a sequence is not a valid test).
     */
    public static int undefinedAtEnd(List<Unit> units) {
        int undef = 0;
        for (Unit x : units) {
            if ((x.reads & undef) != 0) {
                return -1;
            }
            undef = (undef & ~x.writes) | x.undef;
        }
        return undef;
    }

    /** Repairs a sequence so no unit reads an undefined flag (inserts a defining cmp). */
    public List<Unit> repaired(List<Unit> units) {
        List<Unit> out = new ArrayList<>();
        int undef = 0;
        for (Unit x : units) {
            if ((x.reads & undef) != 0) {
                Unit fix = u("cmp" + "q " + reg(src(), 8) + "," + reg(src(), 8), 0, STATUS, 0);
                out.add(fix);
                undef = 0;
            }
            out.add(x);
            undef = (undef & ~x.writes) | x.undef;
        }
        return out;
    }
}
