package kprobesim.kernel.vfs;

import java.util.Objects;
import kprobesim.cpu.memory.MemoryFault;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * The address space user-copy functions read and write. Today virtual = physical
 * ({@link #physical}); when page tables arrive, a task's address space implements this and
 * translates (an unmapped page is then a fault, as an unmapped physical page is now).
 */
public interface GuestMemory {
    /** Copies {@code len} bytes at {@code addr} into {@code dst}; nothing is copied if any byte is unmapped. */
    void read(long addr, byte[] dst, int off, int len) throws MemoryFault;

    /** Copies {@code len} bytes of {@code src} to {@code addr}; nothing is written if any byte is unmapped. */
    void write(long addr, byte[] src, int off, int len) throws MemoryFault;

    /** The machine's physical memory, identity-mapped. */
    static GuestMemory physical(PhysicalMemory memory) {
        Objects.requireNonNull(memory, "memory");
        return new GuestMemory() {
            @Override
            public void read(long addr, byte[] dst, int off, int len) {
                memory.read(addr, dst, off, len);
            }

            @Override
            public void write(long addr, byte[] src, int off, int len) {
                memory.write(addr, src, off, len);
            }
        };
    }
}
