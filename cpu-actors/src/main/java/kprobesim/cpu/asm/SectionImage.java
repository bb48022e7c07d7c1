package kprobesim.cpu.asm;

/**
 * One laid-out section: its final base address and contents. For {@code .bss}-like sections
 * ({@code nobits}) the bytes are zeros of the section's size.
 *
 * @param flags GNU as section flags as written ("ax", "wa", ...) or the defaults of the
 *              well-known sections
 */
public record SectionImage(String name, long base, byte[] bytes, String flags, boolean nobits) {

    public long end() {
        return base + bytes.length;
    }

    public boolean contains(long address) {
        return Long.compareUnsigned(address, base) >= 0 && Long.compareUnsigned(address, end()) < 0;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }
}
