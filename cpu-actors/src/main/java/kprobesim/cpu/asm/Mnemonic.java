package kprobesim.cpu.asm;

import java.util.HashMap;
import java.util.Map;
import kprobesim.cpu.isa.Op;

/**
 * An AT&amp;T mnemonic resolved to an operation: {@code movl} is MOV with size 4, {@code jnae}
 * is JCC with condition B, {@code movzbl} is MOVZX from a byte to a dword, {@code cltq} is
 * CBW at size 8.
 *
 * @param op       the operation
 * @param size     operand size from the suffix or the mnemonic itself, 0 if none was given
 * @param srcSize  for MOVZX/MOVSX/MOVSXD, the source size the mnemonic names (0 if inferred)
 * @param cond     condition code for JCC/SETCC/CMOVCC, else -1
 * @param movabs   the {@code movabs} spelling: only the imm64 and moffs encodings qualify
 * @param text     the mnemonic as written, for messages
 */
record Mnemonic(Op op, int size, int srcSize, int cond, boolean movabs, String text) {

    /** Operations that take a b/w/l/q suffix. */
    private static final Map<String, Op> SUFFIXABLE = new HashMap<>();
    /** Exact spellings (no suffix stripping). */
    private static final Map<String, Mnemonic> EXACT = new HashMap<>();
    /** Condition spellings, aliases included, to their encodings. */
    private static final Map<String, Integer> CONDITIONS = new HashMap<>();

    static {
        String[][] conds = {
            {"o"}, {"no"}, {"b", "c", "nae"}, {"ae", "nb", "nc"}, {"e", "z"}, {"ne", "nz"},
            {"be", "na"}, {"a", "nbe"}, {"s"}, {"ns"}, {"p", "pe"}, {"np", "po"},
            {"l", "nge"}, {"ge", "nl"}, {"le", "ng"}, {"g", "nle"}
        };
        for (int cc = 0; cc < 16; cc++) {
            for (String s : conds[cc]) {
                CONDITIONS.put(s, cc);
            }
        }
        Object[][] suffixable = {
            {"add", Op.ADD}, {"or", Op.OR}, {"adc", Op.ADC}, {"sbb", Op.SBB}, {"and", Op.AND},
            {"sub", Op.SUB}, {"xor", Op.XOR}, {"cmp", Op.CMP}, {"test", Op.TEST}, {"mov", Op.MOV},
            {"lea", Op.LEA}, {"xchg", Op.XCHG}, {"push", Op.PUSH}, {"pop", Op.POP}, {"inc", Op.INC},
            {"dec", Op.DEC}, {"neg", Op.NEG}, {"not", Op.NOT}, {"mul", Op.MUL}, {"imul", Op.IMUL},
            {"div", Op.DIV}, {"idiv", Op.IDIV}, {"shl", Op.SHL}, {"sal", Op.SHL}, {"shr", Op.SHR},
            {"sar", Op.SAR}, {"rol", Op.ROL}, {"ror", Op.ROR}, {"bt", Op.BT}, {"bts", Op.BTS},
            {"btr", Op.BTR}, {"xadd", Op.XADD}, {"cmpxchg", Op.CMPXCHG}, {"bswap", Op.BSWAP},
            {"nop", Op.NOP}, {"call", Op.CALL}, {"jmp", Op.JMP}, {"ret", Op.RET}, {"lidt", Op.LIDT},
            {"sidt", Op.SIDT}, {"invlpg", Op.INVLPG}, {"leave", Op.LEAVE}, {"iret", Op.IRET},
            {"pushf", Op.PUSHF}, {"popf", Op.POPF}, {"movabs", Op.MOV}, {"int", Op.INT},
            {"movs", Op.MOVS}, {"stos", Op.STOS}, {"movsx", Op.MOVSX}, {"movzx", Op.MOVZX},
        };
        for (Object[] s : suffixable) {
            SUFFIXABLE.put((String) s[0], (Op) s[1]);
            exact((String) s[0], (Op) s[1], 0);
        }
        for (var e : CONDITIONS.entrySet()) {
            EXACT.put("j" + e.getKey(), new Mnemonic(Op.JCC, 0, 0, e.getValue(), false, "j" + e.getKey()));
            EXACT.put("set" + e.getKey(), new Mnemonic(Op.SETCC, 1, 0, e.getValue(), false, "set" + e.getKey()));
            EXACT.put("cmov" + e.getKey(), new Mnemonic(Op.CMOVCC, 0, 0, e.getValue(), false, "cmov" + e.getKey()));
        }
        // sign/zero extension: AT&T names carry both sizes
        String sizes = "bwlq";
        for (String kind : new String[] {"movz", "movs"}) {
            Op op = kind.equals("movz") ? Op.MOVZX : Op.MOVSX;
            for (int s = 0; s < 2; s++) {
                for (int d = s + 1; d < 4; d++) {
                    String name = kind + sizes.charAt(s) + sizes.charAt(d);
                    EXACT.put(name, new Mnemonic(op, 1 << d, 1 << s, -1, false, name));
                }
            }
        }
        EXACT.put("movslq", new Mnemonic(Op.MOVSXD, 8, 4, -1, false, "movslq"));
        EXACT.put("movsxd", new Mnemonic(Op.MOVSXD, 0, 4, -1, false, "movsxd"));
        // fixed-size spellings
        exact("cbtw", Op.CBW, 2); exact("cbw", Op.CBW, 2);
        exact("cwtl", Op.CBW, 4); exact("cwde", Op.CBW, 4);
        exact("cltq", Op.CBW, 8); exact("cdqe", Op.CBW, 8);
        exact("cwtd", Op.CWD, 2); exact("cwd", Op.CWD, 2);
        exact("cltd", Op.CWD, 4); exact("cdq", Op.CWD, 4);
        exact("cqto", Op.CWD, 8); exact("cqo", Op.CWD, 8);
        exact("iretq", Op.IRET, 8); exact("iretl", Op.IRET, 4); exact("iret", Op.IRET, 4);
        exact("pushfq", Op.PUSHF, 8); exact("popfq", Op.POPF, 8);
        exact("pushfw", Op.PUSHF, 2); exact("popfw", Op.POPF, 2);
        exact("movsb", Op.MOVS, 1); exact("movsw", Op.MOVS, 2); exact("movsl", Op.MOVS, 4); exact("movsq", Op.MOVS, 8);
        exact("stosb", Op.STOS, 1); exact("stosw", Op.STOS, 2); exact("stosl", Op.STOS, 4); exact("stosq", Op.STOS, 8);
        exact("int3", Op.INT3, 0); exact("hlt", Op.HLT, 0); exact("pause", Op.PAUSE, 0);
        exact("ud2", Op.UD2, 0); exact("vmcall", Op.VMCALL, 0); exact("clc", Op.CLC, 0);
        exact("stc", Op.STC, 0); exact("cmc", Op.CMC, 0); exact("cld", Op.CLD, 0); exact("std", Op.STD, 0);
        exact("cli", Op.CLI, 0); exact("sti", Op.STI, 0); exact("mfence", Op.MFENCE, 0);
        exact("lfence", Op.LFENCE, 0); exact("sfence", Op.SFENCE, 0); exact("rdtsc", Op.RDTSC, 0);
        exact("cpuid", Op.CPUID, 0);
    }

    private static void exact(String name, Op op, int size) {
        EXACT.put(name, new Mnemonic(op, size, 0, -1, name.equals("movabs"), name));
    }

    /** Resolves a lower-case mnemonic, or returns null if it is not one we know. */
    static Mnemonic resolve(String name) {
        Mnemonic m = EXACT.get(name);
        if (m != null) {
            return m;
        }
        if (name.length() < 2) {
            return null;
        }
        char last = name.charAt(name.length() - 1);
        int size = switch (last) {
            case 'b' -> 1;
            case 'w' -> 2;
            case 'l' -> 4;
            case 'q' -> 8;
            default -> 0;
        };
        if (size == 0) {
            return null;
        }
        String stem = name.substring(0, name.length() - 1);
        Op op = SUFFIXABLE.get(stem);
        if (op != null && op != Op.MOVZX && op != Op.MOVSX && op != Op.MOVS && op != Op.STOS) {
            return new Mnemonic(op, size, 0, -1, stem.equals("movabs"), name);
        }
        Mnemonic c = EXACT.get(stem);
        if (c != null && c.op() == Op.CMOVCC && size != 1) {
            return new Mnemonic(Op.CMOVCC, size, 0, c.cond(), false, name);
        }
        return null;
    }
}
