package kprobesim.cpu.asm;

/**
 * Internal control flow for one bad statement: thrown inside the assembler while a statement
 * is processed and caught at the statement boundary, where it becomes an {@link AsmError}.
 * It never leaves {@link Assembler#assemble}. No stack trace: it is not a bug report.
 */
final class AsmFailure extends RuntimeException {
    AsmFailure(String message) {
        super(message, null, false, false);
    }
}
