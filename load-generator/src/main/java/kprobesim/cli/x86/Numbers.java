package kprobesim.cli.x86;

import java.math.BigInteger;

/**
 * Parses the numbers users write on the command line and in JSON: {@code 0x}-prefixed hex or
 * decimal, as 64-bit values. Values up to 2^64-1 are accepted (kernel addresses such as
 * 0xffffffff81000000 are "negative" as Java longs); negative decimals are two's complement.
 */
public final class Numbers {
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Numbers() {}

    /** The value of {@code text}, or throws {@link NumberFormatException} with a user-facing message. */
    public static long parse(String text) {
        String s = text.strip().replace("_", "");
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
            radix = 16;
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0 && (c < 128))) {
            throw new NumberFormatException("not a number: '" + text + "'");
        }
        BigInteger v;
        try {
            v = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a number: '" + text + "'");
        }
        return fromBig(negative ? v.negate() : v, text);
    }

    /** A JSON integer (which Jackson may hand over as a BigInteger) as a 64-bit value. */
    public static long fromBig(BigInteger v, String text) {
        if (v.compareTo(MIN) < 0 || v.compareTo(MAX) > 0) {
            throw new NumberFormatException("does not fit in 64 bits: '" + text + "'");
        }
        return v.longValue();
    }

    /** The canonical output form: "0x" and lower-case hex without leading zeros. */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
