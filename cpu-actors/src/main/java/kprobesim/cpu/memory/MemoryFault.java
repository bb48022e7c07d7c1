package kprobesim.cpu.memory;

/**
 * A Java-side access (loader, CLI, kernel service) touched an address that is not mapped.
 * The interpreter never lets this escape: guest accesses become #PF in the core.
 */
public final class MemoryFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The first unmapped address the access touched. */
    public final long address;
    /** True for a store. */
    public final boolean write;

    public MemoryFault(long address, boolean write) {
        super((write ? "write to" : "read from") + " unmapped address 0x" + Long.toHexString(address), null, false, false);
        this.address = address;
        this.write = write;
    }
}
