package kprobesim.cpu.asm;

/**
 * How the encoder learns the value of an operand expression. GNU as picks an encoding from
 * what it knows while reading a line (a constant gets the short immediate, a symbol the 32-bit
 * one); the final value is filled in later. So the encoder asks two questions.
 */
interface Values {
    /** The expression's value if it was a constant when its line was read, else null. */
    Long constant(Expr e);

    /** The expression's final value (0 while only sizes are computed). */
    long resolve(Expr e);
}
