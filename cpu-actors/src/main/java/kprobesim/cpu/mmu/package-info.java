/**
 * Page tables in simulated memory: the entry layout ({@link kprobesim.cpu.mmu.PageTableEntry})
 * and a builder for user address spaces ({@link kprobesim.cpu.mmu.PageTableBuilder}). The walk
 * itself, the TLB and the access checks belong to the core ({@code kprobesim.cpu.exec}, see
 * {@code PAGING.md} there).
 *
 * <h2>Threading model</h2>
 * Page tables are ordinary physical memory: builders write entries with release stores, cores
 * read them with acquire loads and set A/D bits with a CAS on the entry, as hardware does with a
 * locked update. A builder is confined to one thread; nothing here flushes TLBs.
 */
package kprobesim.cpu.mmu;
