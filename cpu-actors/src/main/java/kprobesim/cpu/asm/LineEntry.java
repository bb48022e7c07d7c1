package kprobesim.cpu.asm;

/**
 * One row of the address-to-source table: the bytes at [address, address+length) came from
 * {@code file:line}. One row per emitted instruction or data statement.
 */
public record LineEntry(long address, int length, String file, int line) {

    /** {@code file:line}, the way addr2line prints it. */
    public String location() {
        return file + ":" + line;
    }
}
