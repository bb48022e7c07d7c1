package kprobesim.cpu.asm;

/**
 * The multi-byte nops GNU as (2.40, {@code --64}) uses to pad code for {@code .align} and
 * {@code .p2align} in executable sections: as many 11-byte nops as fit, then one nop of the
 * remaining length. Measured with {@code as --64} on paddings of 1..63 bytes; ld pads between
 * input sections the same way with 10-byte nops.
 */
final class NopPadding {
    private static final int[][] NOPS = {
        {},
        {0x90},
        {0x66, 0x90},
        {0x0f, 0x1f, 0x00},
        {0x0f, 0x1f, 0x40, 0x00},
        {0x0f, 0x1f, 0x44, 0x00, 0x00},
        {0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
        {0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00},
        {0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    };

    private NopPadding() {}

    static void fill(ByteSink out, int length) {
        fill(out, length, 11);
    }

    /**
     * Nops of at most {@code longest} bytes: 11 is GNU as's choice for {@code .align};
     * ld fills the gaps between input sections in code with at most 10.
     */
    static void fill(ByteSink out, long length, int longest) {
        long left = length;
        while (left > longest) {
            put(out, NOPS[longest]);
            left -= longest;
        }
        put(out, NOPS[(int) left]);
    }

    private static void put(ByteSink out, int[] nop) {
        for (int b : nop) {
            out.put(b);
        }
    }
}
