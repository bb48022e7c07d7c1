package kprobesim.cpu.exec;

import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * One core with an IDT in memory, for the delivery tier: code assembled by our assembler at
 * {@link #CODE}, a kernel stack below {@link #KSTACK_TOP} (also RSP0), a user stack, an IST stack,
 * and an IDT page at {@link #IDT}. {@link #run} runs to hlt, delivering every exception through
 * the IDT as the CPU actor does.
 */
final class DeliveryRig {
    static final long CODE = 0x400000L;
    static final long IDT = 0x500000L;
    static final long KSTACK_TOP = 0x610000L;
    static final long USTACK_TOP = 0x710000L;
    static final long IST_TOP = 0x810000L;
    static final long DATA = 0x900000L;

    final PhysicalMemory mem = new PhysicalMemory();
    final X86Core core = new X86Core(mem);
    final TaskState tss = new TaskState();
    final ObjectImage image;
    InterruptDelivery.Result lastDelivery;
    int deliveries;

    DeliveryRig(String source) {
        image = Assembler.assemble(source, "rig.S", CODE).image();
        byte[] text = image.text();
        mem.map(CODE, Math.max(1, text.length));
        mem.load(CODE, text);
        mem.map(IDT, 4096);
        mem.map(KSTACK_TOP - 0x4000, 0x4000);
        mem.map(USTACK_TOP - 0x4000, 0x4000);
        mem.map(IST_TOP - 0x4000, 0x4000);
        mem.map(DATA, 0x1000);
        core.setIdtr(IDT, 256 * 16 - 1);
        core.setRip(CODE);
        core.setReg(Reg.RSP, KSTACK_TOP);
        tss.setRsp0(KSTACK_TOP);
        tss.setIst(1, IST_TOP);
    }

    long sym(String name) {
        return image.symbol(name).orElseThrow(() -> new AssertionError("no symbol " + name)).value();
    }

    DeliveryRig gate(int vector, GateDescriptor g) {
        g.writeTo(mem, IDT, vector);
        return this;
    }

    DeliveryRig interruptGate(int vector, String handler) {
        return gate(vector, GateDescriptor.interruptGate(sym(handler)));
    }

    DeliveryRig trapGate(int vector, String handler, int dpl) {
        return gate(vector, GateDescriptor.trapGate(sym(handler), dpl));
    }

    /** Runs until hlt (or a triple fault, or the limit), delivering exceptions through the IDT. */
    RunResult.Stop run() {
        for (int i = 0; i < 100; i++) {
            CoreAccess.beginRun(core);
            RunResult r = core.run(100_000, X86Core.NO_END);
            if (r.stop() != RunResult.Stop.EXCEPTION) {
                return r.stop();
            }
            lastDelivery = InterruptDelivery.deliver(core, tss, r.exception());
            deliveries++;
            if (!lastDelivery.delivered()) {
                return RunResult.Stop.EXCEPTION;
            }
        }
        throw new AssertionError("too many deliveries");
    }

    /** Quadword {@code i} of the interrupt frame at the current RSP (after the handler's hlt). */
    long frame(int i) {
        return mem.read64(core.reg(Reg.RSP) + 8L * i);
    }
}
