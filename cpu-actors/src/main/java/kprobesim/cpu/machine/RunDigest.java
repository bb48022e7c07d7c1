package kprobesim.cpu.machine;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import kprobesim.cpu.actor.CpuSnapshot;
import kprobesim.cpu.exec.CoreRegisters;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * The run digest: SHA-256 over every CPU's registers in CPU order (16 GPRs, RIP, RFLAGS, CR0,
 * CR2, CR3, CR4, IDTR base and limit, CPL, CS, SS, FS and GS base, TSC, status), then every
 * mapped page in ascending address order (address, then its 4096 bytes). All values are
 * big-endian 64-bit words, so the digest is the same on every JVM and host.
 */
public final class RunDigest {
    private RunDigest() {}

    public static String of(List<CpuSnapshot> cpus, PhysicalMemory mem) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer b = ByteBuffer.allocate(8 * 40);
        for (CpuSnapshot s : cpus) {
            CoreRegisters r = s.registers();
            b.clear();
            for (long g : r.gprs()) {
                b.putLong(g);
            }
            b.putLong(r.rip()).putLong(r.rflags()).putLong(r.cr0()).putLong(r.cr2()).putLong(r.cr3()).putLong(r.cr4())
                    .putLong(r.idtBase()).putLong(r.idtLimit()).putLong(r.cpl()).putLong(r.cs()).putLong(r.ss())
                    .putLong(r.fsBase()).putLong(r.gsBase()).putLong(r.tsc()).putLong(s.status().ordinal());
            sha.update(b.array(), 0, b.position());
        }
        byte[] page = new byte[Page.SIZE];
        for (long addr : mem.mappedPageAddresses()) {
            Page p = mem.page(addr);
            if (p == null) {
                continue; // unmapped meanwhile
            }
            b.clear();
            b.putLong(addr);
            sha.update(b.array(), 0, 8);
            p.getBytes(0, page, 0, Page.SIZE);
            sha.update(page);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
