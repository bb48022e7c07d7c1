package kprobesim.cpu.asm;

/**
 * One error in assembler input, as a value: the CLI prints {@link #format()} and exits 2.
 *
 * @param file    the source file name as given to the assembler
 * @param line    1-based source line
 * @param column  1-based column, or 0 when unknown
 * @param message what is wrong, in GNU as's vocabulary where there is one
 */
public record AsmError(String file, int line, int column, String message) {

    /** {@code FILE:LINE: error: message}, the shape GNU as and compilers print. */
    public String format() {
        return file + ":" + line + ": error: " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
