package kprobesim.cpu.oracle;

import kprobesim.cpu.isa.Reg;

/**
 * Writes the systematic part of the oracle corpus: cross products that would be tedious by hand
 * (every register pair at every size, every base/index/scale/displacement class, every
 * operation with every immediate class). The hand-written {@code isa-corpus.S} covers each form
 * once; this covers the encoding corners (REX.R/X/B, rsp/r12 bases needing SIB, rbp/r13 bases
 * needing a displacement, ah..bh versus spl..dil).
 */
final class CorpusGenerator {
    private static final int[] SIZES = {1, 2, 4, 8};
    private static final String[] SUFFIX = {"", "b", "w", "", "l", "", "", "", "q"};
    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test", "mov", "xchg"};
    private static final String[] DISPS = {"", "0x1", "-0x80", "0x7f", "0x80", "-0x81", "0x12345678", "-0x7fffffff"};

    private CorpusGenerator() {}

    static String generate() {
        StringBuilder s = new StringBuilder("\t.text\n");
        // every register pair, every size, for the two-operand register forms
        for (String op : ALU) {
            for (int size : SIZES) {
                for (int a = 0; a < 16; a++) {
                    for (int b = 0; b < 16; b += (op.equals("mov") ? 1 : 5)) {
                        line(s, op + " %" + Reg.name(a, size) + ",%" + Reg.name(b, size));
                    }
                }
            }
        }
        // high-byte registers only pair with registers that need no REX
        for (int h = Reg.AH; h <= Reg.BH; h++) {
            for (int b = 0; b < 4; b++) {
                line(s, "mov %" + Reg.name(h, 1) + ",%" + Reg.name(b, 1));
                line(s, "add %" + Reg.name(b, 1) + ",%" + Reg.name(h, 1));
                line(s, "movzbl %" + Reg.name(h, 1) + ",%" + Reg.name(b, 4));
            }
        }
        // every base with every displacement class; every index with every scale
        for (int base = 0; base < 16; base++) {
            for (String d : DISPS) {
                line(s, "mov " + d + "(%" + Reg.name(base, 8) + "),%" + Reg.name(15 - base, 8));
                line(s, "lea " + d + "(%" + Reg.name(base, 8) + "),%" + Reg.name(base, 4));
            }
            for (int index = 0; index < 16; index++) {
                if (index == Reg.RSP) {
                    continue;
                }
                for (int scale = 1; scale <= 8; scale <<= 1) {
                    line(s, "mov %" + Reg.name(index, 4) + ",0x10(%" + Reg.name(base, 8) + ",%" + Reg.name(index, 8)
                            + "," + scale + ")");
                }
                line(s, "lea (%" + Reg.name(base, 8) + ",%" + Reg.name(index, 8) + ",1),%rax");
            }
        }
        for (int index = 0; index < 16; index++) {
            if (index != Reg.RSP) {
                line(s, "lea 0x8(,%" + Reg.name(index, 8) + ",4),%rcx");
            }
        }
        // immediates: each ALU operation x size x register x immediate class
        String[] imms = {"0x1", "0x7f", "-0x80", "0x80", "0x1234", "-0x1234", "0x12345678", "-0x12345678"};
        for (String op : new String[] {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test", "mov"}) {
            for (int size : SIZES) {
                for (int r = 0; r < 16; r += 3) {
                    for (String imm : imms) {
                        if (!fits(imm, size)) {
                            continue;
                        }
                        line(s, op + " $" + imm + ",%" + Reg.name(r, size));
                        line(s, op + SUFFIX[size] + " $" + imm + ",0x8(%" + Reg.name(15 - r, 8) + ")");
                    }
                }
            }
        }
        // one-operand groups, shifts and bit tests over every register
        for (String op : new String[] {"inc", "dec", "neg", "not", "mul", "imul", "div", "idiv",
            "shl", "shr", "sar", "rol", "ror"}) {
            for (int size : SIZES) {
                for (int r = 0; r < 16; r++) {
                    line(s, op + " %" + Reg.name(r, size));
                }
            }
        }
        for (int size : SIZES) {
            for (int r = 0; r < 16; r++) {
                line(s, "shl $0x" + Integer.toHexString(r + 2) + ",%" + Reg.name(r, size));
                line(s, "sar %cl,%" + Reg.name(r, size));
                if (size > 1) {
                    line(s, "bt %" + Reg.name(15 - r, size) + ",%" + Reg.name(r, size));
                    line(s, "bts $0x" + Integer.toHexString(r) + ",%" + Reg.name(r, size));
                    line(s, "imul $0x" + Integer.toHexString(r * 17) + ",%" + Reg.name(r, size) + ",%"
                            + Reg.name(15 - r, size));
                    line(s, "cmovne %" + Reg.name(r, size) + ",%" + Reg.name(15 - r, size));
                    line(s, "movzbl %" + Reg.name(r, 1) + ",%" + Reg.name(15 - r, 4));
                    line(s, "movsbq %" + Reg.name(r, 1) + ",%" + Reg.name(15 - r, 8));
                    line(s, "movswl %" + Reg.name(r, 2) + ",%" + Reg.name(15 - r, 4));
                    line(s, "movslq %" + Reg.name(r, 4) + ",%" + Reg.name(15 - r, 8));
                }
                line(s, "sete %" + Reg.name(r, 1));
                line(s, "lock xadd %" + Reg.name(r, size) + ",(%" + Reg.name(15 - r, 8) + ")");
                line(s, "lock cmpxchg %" + Reg.name(r, size) + ",0x8(%" + Reg.name(15 - r, 8) + ")");
            }
        }
        return s.toString();
    }

    private static boolean fits(String imm, int size) {
        long v = Long.decode(imm);
        return switch (size) {
            case 1 -> v >= -128 && v <= 255;
            case 2 -> v >= -32768 && v <= 65535;
            default -> true;
        };
    }

    private static void line(StringBuilder s, String insn) {
        s.append('\t').append(insn).append('\n');
    }
}
