package kprobesim.cpu.isa;

/**
 * Register numbers used in {@link Instruction} operands.
 *
 * <pre>
 *   0..15  general-purpose registers in encoding order (rax rcx rdx rbx rsp rbp rsi rdi r8..r15);
 *          the operand size says which part (al / ax / eax / rax)
 *  16..19  the legacy high-byte registers ah ch dh bh (byte operands without a REX prefix)
 *  32..47  control registers cr0..cr15
 *  48..53  segment registers es cs ss ds fs gs
 *      64  rip, only as a memory base (RIP-relative addressing)
 *      -1  none
 * </pre>
 */
public final class Reg {
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7,
            R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;
    public static final int AH = 16, CH = 17, DH = 18, BH = 19;
    public static final int CR0 = 32;
    public static final int ES = 48, CS = 49, SS = 50, DS = 51, FS = 52, GS = 53;
    public static final int RIP = 64;
    public static final int NONE = -1;

    private static final String[] Q = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] D = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] W = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] B = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b", "ah", "ch", "dh", "bh"};
    private static final String[] SEG = {"es", "cs", "ss", "ds", "fs", "gs"};

    private Reg() {}

    public static boolean isGpr(int reg) {
        return reg >= 0 && reg < 20;
    }

    public static boolean isControl(int reg) {
        return reg >= CR0 && reg < CR0 + 16;
    }

    public static boolean isSegment(int reg) {
        return reg >= ES && reg <= GS;
    }

    /** The register's name without '%', e.g. {@code name(RAX, 4)} is "eax", {@code name(AH, 1)} is "ah". */
    public static String name(int reg, int size) {
        if (reg == RIP) {
            return size == 4 ? "eip" : "rip";
        }
        if (isControl(reg)) {
            return "cr" + (reg - CR0);
        }
        if (isSegment(reg)) {
            return SEG[reg - ES];
        }
        if (reg >= AH) {
            if (size != 1 || reg > BH) {
                throw new IllegalArgumentException("reg=" + reg + " size=" + size);
            }
            return B[reg];
        }
        return switch (size) {
            case 1 -> B[reg];
            case 2 -> W[reg];
            case 4 -> D[reg];
            case 8 -> Q[reg];
            default -> throw new IllegalArgumentException("size=" + size);
        };
    }

    /**
     * Parses a register name without '%' ("eax", "r9b", "ah", "cr3", "ds", "rip").
     * Returns {@code reg | size << 8}, or -1 if the name is not a register.
     */
    public static int parse(String name) {
        for (int i = 0; i < 16; i++) {
            if (Q[i].equals(name)) return i | 8 << 8;
            if (D[i].equals(name)) return i | 4 << 8;
            if (W[i].equals(name)) return i | 2 << 8;
        }
        for (int i = 0; i < B.length; i++) {
            if (B[i].equals(name)) return i | 1 << 8;
        }
        for (int i = 0; i < SEG.length; i++) {
            if (SEG[i].equals(name)) return (ES + i) | 2 << 8;
        }
        if (name.equals("rip")) return RIP | 8 << 8;
        if (name.startsWith("cr") && name.length() <= 4) {
            try {
                int n = Integer.parseInt(name.substring(2));
                if (n >= 0 && n < 16) return (CR0 + n) | 8 << 8;
            } catch (NumberFormatException ignored) {
                // not a control register
            }
        }
        return -1;
    }
}
