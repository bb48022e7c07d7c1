package kprobesim.cpu.decode;

import kprobesim.cpu.isa.Instruction;

/**
 * Length of an instruction outside our subset, so that a {@link kprobesim.cpu.isa.Op#BAD}
 * covers the bytes objdump would consume and the bytes after it decode in step with objdump.
 * A coarse model of the Intel SDM Vol. 2 Appendix A opcode maps: which opcodes have a ModRM
 * byte and how wide their immediate is. Opcodes invalid in 64-bit mode consume only themselves.
 */
final class UnknownLength {
    private static final int NONE = 0, IB = 1, IW = 2, IZ = 3, MOFFS = 4, IWB = 5;

    /** One-byte map: bit 7 set if ModRM follows; low bits an immediate kind; -1 invalid in 64-bit mode. */
    private static final int[] ONE = new int[256];
    private static final int[] TWO = new int[256];
    private static final int MODRM = 0x80;

    static {
        for (int i = 0; i < 0x40; i += 8) {
            for (int k = 0; k < 4; k++) {
                ONE[i + k] = MODRM;
            }
            ONE[i + 4] = IB;
            ONE[i + 5] = IZ;
        }
        for (int opc : new int[] {0x06, 0x07, 0x0E, 0x16, 0x17, 0x1E, 0x1F, 0x27, 0x2F, 0x37, 0x3F, 0x60, 0x61,
            0x62, 0x82, 0x9A, 0xC4, 0xC5, 0xCE, 0xD4, 0xD5, 0xD6, 0xEA}) {
            ONE[opc] = -1;
        }
        ONE[0x63] = MODRM;
        ONE[0x68] = IZ;
        ONE[0x69] = MODRM | IZ;
        ONE[0x6A] = IB;
        ONE[0x6B] = MODRM | IB;
        for (int i = 0x70; i < 0x80; i++) {
            ONE[i] = IB;
        }
        ONE[0x80] = MODRM | IB;
        ONE[0x81] = MODRM | IZ;
        ONE[0x83] = MODRM | IB;
        for (int i = 0x84; i <= 0x8F; i++) {
            ONE[i] = MODRM;
        }
        for (int i = 0xA0; i <= 0xA3; i++) {
            ONE[i] = MOFFS;
        }
        ONE[0xA8] = IB;
        ONE[0xA9] = IZ;
        for (int i = 0xB0; i < 0xB8; i++) {
            ONE[i] = IB;
        }
        ONE[0xC0] = MODRM | IB;
        ONE[0xC1] = MODRM | IB;
        ONE[0xC2] = IW;
        ONE[0xC6] = MODRM | IB;
        ONE[0xC7] = MODRM | IZ;
        ONE[0xC8] = IWB;
        ONE[0xCA] = IW;
        ONE[0xCD] = IB;
        for (int i = 0xD0; i <= 0xD3; i++) {
            ONE[i] = MODRM;
        }
        for (int i = 0xD8; i <= 0xDF; i++) {
            ONE[i] = MODRM;
        }
        for (int i = 0xE0; i <= 0xE7; i++) {
            ONE[i] = IB;
        }
        ONE[0xE8] = IZ;
        ONE[0xE9] = IZ;
        ONE[0xEB] = IB;
        ONE[0xF6] = MODRM;
        ONE[0xF7] = MODRM;
        ONE[0xFE] = MODRM;
        ONE[0xFF] = MODRM;

        for (int i = 0; i < 256; i++) {
            TWO[i] = MODRM;
        }
        for (int opc : new int[] {0x05, 0x06, 0x07, 0x08, 0x09, 0x0B, 0x0E, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35,
            0x37, 0x77, 0xA0, 0xA1, 0xA2, 0xA8, 0xA9, 0xAA}) {
            TWO[opc] = NONE;
        }
        for (int opc : new int[] {0x04, 0x0A, 0x0C, 0x24, 0x25, 0x26, 0x27, 0x36, 0x39, 0x3B, 0x3C, 0x3D, 0x3E,
            0x3F, 0xFF}) {
            TWO[opc] = -1;
        }
        for (int i = 0x80; i < 0x90; i++) {
            TWO[i] = IZ;
        }
        for (int i = 0xC8; i < 0xD0; i++) {
            TWO[i] = NONE;
        }
        for (int opc : new int[] {0x70, 0x71, 0x72, 0x73, 0xA4, 0xAC, 0xBA, 0xC2, 0xC4, 0xC5, 0xC6}) {
            TWO[opc] = MODRM | IB;
        }
    }

    private UnknownLength() {}

    /**
     * True if this ModRM {@code /digit} (or mod) of a group opcode is undefined, so objdump stops
     * after the opcode; the other unmatched digits are real instructions outside our subset.
     */
    static boolean isInvalidDigit(int map, int opc, int mod, int digit) {
        if (map == 0) {
            return (opc == 0xC6 || opc == 0xC7 || opc == 0x8F) && digit != 0
                    || opc == 0xFE && digit >= 2 || opc == 0xFF && digit == 7
                    || opc == 0xFF && mod == 3 && (digit == 3 || digit == 5); // far call/jmp need memory
        }
        return opc == 0xBA && digit < 4 || opc == 0xAE && mod == 3 && digit < 5;
    }

    /**
     * @param at position just after the opcode byte
     * @return the instruction length from {@code start}, at least 1; stops early at {@code limit}
     */
    static int length(byte[] buf, int start, int at, int limit, int map, int opc, int prefixes, int rex) {
        int kind = map == 0 ? ONE[opc] : TWO[opc];
        if (kind < 0 || map == 0 && opc == 0x0F) {
            return at - start;
        }
        int p = at;
        if (map == 1 && (opc == 0x38 || opc == 0x3A)) {
            p++; // third opcode byte
            kind = MODRM | (opc == 0x3A ? IB : NONE);
        }
        boolean opsize = (prefixes & Instruction.OPSIZE) != 0;
        if ((kind & MODRM) != 0) {
            if (p >= limit) {
                return Math.max(1, p - start);
            }
            int modrm = buf[p++] & 0xFF;
            int mod = modrm >>> 6;
            int rm = modrm & 7;
            if (mod != 3) {
                if (rm == 4) {
                    if (p >= limit) {
                        return p - start;
                    }
                    int sib = buf[p++] & 0xFF;
                    if ((sib & 7) == 5 && mod == 0) {
                        p += 4;
                    }
                } else if (rm == 5 && mod == 0) {
                    p += 4;
                }
                p += mod == 1 ? 1 : mod == 2 ? 4 : 0;
            }
            if (map == 0 && (opc == 0xF6 || opc == 0xF7) && ((modrm >>> 3) & 7) <= 1) {
                kind = opc == 0xF6 ? IB : IZ;
            }
        }
        switch (kind & 0x7F) {
            case IB -> p += 1;
            case IW -> p += 2;
            case IWB -> p += 3;
            case IZ -> p += opsize ? 2 : 4; // objdump decodes 66 on near branches as 16-bit
            case MOFFS -> p += (prefixes & Instruction.ADDRSIZE) != 0 ? 4 : 8;
            default -> { }
        }
        return Math.max(1, Math.min(p - start, Decoder.MAX_LENGTH));
    }
}
