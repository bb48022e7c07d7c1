package kprobesim.cpu.exec;

import static kprobesim.cpu.mmu.PageTableEntry.ACCESSED;
import static kprobesim.cpu.mmu.PageTableEntry.ADDRESS_MASK;
import static kprobesim.cpu.mmu.PageTableEntry.DIRTY;
import static kprobesim.cpu.mmu.PageTableEntry.EXECUTE_DISABLE;
import static kprobesim.cpu.mmu.PageTableEntry.PAGE_SIZE;
import static kprobesim.cpu.mmu.PageTableEntry.PRESENT;
import static kprobesim.cpu.mmu.PageTableEntry.USER;
import static kprobesim.cpu.mmu.PageTableEntry.WRITABLE;

import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.cpu.mmu.PageTableEntry;

/**
 * The 4-level page walk of a lower-half linear address (Intel SDM Vol. 3 §4.5) with the access
 * rights of §4.6 for CR4.SMEP = CR4.SMAP = 0 and EFER.NXE = 1, and the A/D updates of §4.8.
 *
 * <p>Allocation-free: the result is packed into a {@code long}. On success it is the frame's
 * physical address (bits 51:12) ORed with the TLB permission bits ({@link X86Core#ACC_READ}...,
 * shifted by {@link X86Core#USER_SHIFT} for ring 3) the translation grants; on a fault it is
 * {@link #FAULT} ORed with the error-code bits the walk decides (P and RSVD; the caller adds W, U
 * and I from the access).
 *
 * <p>Pages: 4 KiB (PTE), 2 MiB (PDE with PS) and 1 GiB (PDPTE with PS); PS in a PML4E and the
 * low address bits of a large entry (20:13 or 29:13, bit 12 being PAT) are reserved.
 *
 * <p>Accessed flags: a PML4E/PDPTE/PDE gets A when the walk passes through it (present, no
 * reserved bit), the leaf entry gets A (and D for a write) only when the access is allowed. Updates are
 * a CAS of the whole entry against the value the walk read; if another CPU changed the entry in
 * between, the walk starts again from CR3 (hardware's locked A/D update has the same effect).
 */
final class PageWalker {
    /** Bit 63 of a result: the walk faulted; the low bits hold P and RSVD. */
    static final long FAULT = 1L << 63;
    /** Bit 6 of a successful result: the translation came from a 2 MiB or 1 GiB page. */
    static final long LARGE = 1L << 6;

    /** Reserved bits of a 2 MiB PDE (20:13; bit 12 is PAT) and of a 1 GiB PDPTE (29:13). */
    private static final long RSVD_2M = 0x1f_e000L, RSVD_1G = 0x3fff_e000L;

    private static final int PERM_MASK = 0x3f;

    private PageWalker() {}

    static long walk(PhysicalMemory mem, long cr3, long linear, int access, boolean user, boolean wp) {
        restart:
        while (true) {
            long table = cr3 & ADDRESS_MASK;
            boolean writable = true;
            boolean userOk = true;
            boolean noExec = false;
            for (int level = PageTableEntry.PML4; ; level--) {
                long slot = table + 8L * PageTableEntry.index(linear, level);
                Page p = mem.page(slot);
                int off = (int) slot & Page.MASK;
                // A table in unbacked physical memory reads as a not-present entry (no bus errors here).
                long e = p == null ? 0 : p.get64(off);
                if ((e & PRESENT) == 0) {
                    return FAULT;
                }
                boolean large = level > PageTableEntry.PT && (e & PAGE_SIZE) != 0;
                if (large && (level == PageTableEntry.PML4
                        || (e & (level == PageTableEntry.PD ? RSVD_2M : RSVD_1G)) != 0)) {
                    return FAULT | CpuException.PF_PRESENT | CpuException.PF_RSVD;
                }
                writable &= (e & WRITABLE) != 0;
                userOk &= (e & USER) != 0;
                noExec |= (e & EXECUTE_DISABLE) != 0;
                if (level > PageTableEntry.PT && !large) {
                    if ((e & ACCESSED) == 0 && !p.casInWord(off, 8, e, e | ACCESSED)) {
                        continue restart;
                    }
                    table = e & ADDRESS_MASK;
                    continue;
                }
                if (!allowed(access, user, wp, writable, userOk, noExec)) {
                    return FAULT | CpuException.PF_PRESENT;
                }
                long set = access == X86Core.ACC_WRITE ? ACCESSED | DIRTY : ACCESSED;
                if ((e & set) != set) {
                    if (!p.casInWord(off, 8, e, e | set)) {
                        continue restart;
                    }
                    e |= set;
                }
                int perms = permissions(wp, writable, userOk, noExec, (e & DIRTY) != 0);
                if (!large) {
                    return (e & ADDRESS_MASK) | perms;
                }
                // The 4 KiB frame inside the large page: page base from the entry, the rest from
                // the linear address (SDM Figures 4-9 and 4-10).
                long pageMask = level == PageTableEntry.PD ? (1L << 21) - 1 : (1L << 30) - 1;
                long frame = (e & ADDRESS_MASK & ~pageMask) | (linear & pageMask & ADDRESS_MASK);
                return frame | perms | LARGE;
            }
        }
    }

    /** SDM Vol. 3 §4.6.1 with SMEP/SMAP off: supervisor reads anything, writes per WP, fetches non-XD. */
    private static boolean allowed(int access, boolean user, boolean wp, boolean writable, boolean userOk,
            boolean noExec) {
        switch (access) {
            case X86Core.ACC_READ: return !user || userOk;
            case X86Core.ACC_WRITE: return user ? userOk && writable : writable || !wp;
            default: return !noExec && (!user || userOk);
        }
    }

    /**
     * The TLB permission bits of a translation. Write bits are granted only once the PTE is
     * dirty, so the first write through a clean entry walks again and sets D.
     */
    static int permissions(boolean wp, boolean writable, boolean userOk, boolean noExec, boolean dirty) {
        int sup = X86Core.ACC_READ;
        if (dirty && (writable || !wp)) {
            sup |= X86Core.ACC_WRITE;
        }
        if (!noExec) {
            sup |= X86Core.ACC_FETCH;
        }
        int usr = 0;
        if (userOk) {
            usr = X86Core.ACC_READ;
            if (dirty && writable) {
                usr |= X86Core.ACC_WRITE;
            }
            if (!noExec) {
                usr |= X86Core.ACC_FETCH;
            }
        }
        return (sup | usr << X86Core.USER_SHIFT) & PERM_MASK;
    }
}
