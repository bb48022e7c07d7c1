package kprobesim.cpu.asm;

/**
 * One assembler input: its name (used in errors and in the line table, as {@code name:line})
 * and its text.
 */
public record SourceFile(String name, String text) {
    public SourceFile {
        if (name == null || text == null) {
            throw new IllegalArgumentException("name=" + name + " text=" + (text == null ? null : "..."));
        }
    }
}
