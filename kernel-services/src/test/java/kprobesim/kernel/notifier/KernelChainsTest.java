package kprobesim.kernel.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kprobesim.kernel.printk.KernelLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kernel's named chains: die, reboot, panic, OOM and task exit, end to end through their entry points. */
class KernelChainsTest {
    private final List<String> events = new ArrayList<>();
    private KernelLog log;
    private KernelNotifiers k;

    private final MachineControl machine = new MachineControl() {
        @Override
        public void stopOtherCpus() {
            events.add("smp_send_stop");
        }

        @Override
        public void halt() {
            events.add("machine_halt");
        }

        @Override
        public void powerOff() {
            events.add("machine_power_off");
        }

        @Override
        public void restart(String cmd) {
            events.add("machine_restart " + cmd);
        }
    };

    @BeforeEach
    void boot() {
        long[] now = {1_500_000_000L};
        log = new KernelLog(64, () -> now[0]);
        k = new KernelNotifiers(log, machine);
    }

    @Test
    void dieValNumberingIsX86s() {
        DieVal[] order = {DieVal.DIE_OOPS, DieVal.DIE_INT3, DieVal.DIE_DEBUG, DieVal.DIE_PANIC, DieVal.DIE_NMI,
            DieVal.DIE_DIE, DieVal.DIE_KERNELDEBUG, DieVal.DIE_TRAP, DieVal.DIE_GPF, DieVal.DIE_CALL,
            DieVal.DIE_PAGE_FAULT, DieVal.DIE_NMIUNKNOWN};
        for (int i = 0; i < order.length; i++) {
            assertEquals(i + 1, order[i].value(), order[i].name());
            assertEquals(Optional.of(order[i]), DieVal.of(i + 1));
        }
        assertEquals(Optional.empty(), DieVal.of(0));
        assertEquals(Optional.empty(), DieVal.of(13));
    }

    @Test
    void kprobesBlockSeesInt3FirstAndStopsTheWalk() {
        List<String> seen = new ArrayList<>();
        DieArgs[] args = new DieArgs[1];
        k.die().registerDieNotifier(NotifierBlock.of("kgdb", (nb, val, data) -> {
            seen.add("kgdb:" + DieVal.of(val).orElseThrow());
            return Notify.DONE;
        }));
        k.die().registerDieNotifier(new NotifierBlock("kprobe_exceptions_notify", NotifierBlock.PRIORITY_FIRST,
                (nb, val, data) -> {
                    seen.add("kprobes:" + DieVal.of(val).orElseThrow());
                    args[0] = (DieArgs) data;
                    return val == DieVal.DIE_INT3.value() ? Notify.STOP : Notify.DONE;
                }));
        int ret = k.die().notifyDie(DieVal.DIE_INT3, "int3", 0xffff88000000ff58L, 0, 3, 5);
        assertEquals(Notify.STOP, ret);
        assertEquals(List.of("kprobes:DIE_INT3"), seen, "NOTIFY_STOP keeps the int3 from lower blocks");
        assertEquals(new DieArgs(0xffff88000000ff58L, "int3", 0, 3, 5), args[0]);

        seen.clear();
        assertEquals(Notify.DONE, k.die().notifyDie(DieVal.DIE_GPF, "general protection fault", 0, 0, 13, 11));
        assertEquals(List.of("kprobes:DIE_GPF", "kgdb:DIE_GPF"), seen);
    }

    @Test
    void rebootChainGetsTheRightCodeThenTheMachineActs() {
        List<String> seen = new ArrayList<>();
        NotifierBlock nb = NotifierBlock.of("mine", (self, val, data) -> {
            events.add("notifier " + switch ((int) val) {
                case RebootNotifier.SYS_RESTART -> "SYS_RESTART";
                case RebootNotifier.SYS_HALT -> "SYS_HALT";
                case RebootNotifier.SYS_POWER_OFF -> "SYS_POWER_OFF";
                default -> "?";
            } + " " + data);
            return Notify.DONE;
        });
        assertEquals(1, RebootNotifier.SYS_DOWN);
        assertEquals(1, RebootNotifier.SYS_RESTART);
        assertEquals(2, RebootNotifier.SYS_HALT);
        assertEquals(3, RebootNotifier.SYS_POWER_OFF);
        assertEquals(0, k.reboot().registerRebootNotifier(nb));
        k.reboot().kernelHalt();
        assertEquals(SystemState.HALT, k.reboot().systemState());
        k.reboot().kernelPowerOff();
        assertEquals(SystemState.POWER_OFF, k.reboot().systemState());
        k.reboot().kernelRestart("bootloader");
        assertEquals(SystemState.RESTART, k.reboot().systemState());
        assertEquals(List.of("notifier SYS_HALT null", "machine_halt", "notifier SYS_POWER_OFF null",
                "machine_power_off", "notifier SYS_RESTART bootloader", "machine_restart bootloader"), events);
        assertEquals(List.of("[    1.500000] System halted", "[    1.500000] Power down",
                "[    1.500000] Restarting system with command 'bootloader'"), log.dmesg());
        assertEquals(0, k.reboot().unregisterRebootNotifier(nb));
        events.clear();
        k.reboot().kernelRestart(null);
        assertEquals(List.of("machine_restart null"), events);
        assertTrue(seen.isEmpty());
    }

    @Test
    void panicStopsOtherCpusRunsTheAtomicChainOnceAndHalts() {
        k.panic().chain().register(NotifierBlock.of("kdump", (nb, val, data) -> {
            events.add("panic notifier " + val + " " + data);
            return Notify.DONE;
        }));
        assertTrue(k.panic().panic("Attempted to kill init!"));
        assertFalse(k.panic().panic("second"), "only the first panic runs");
        assertTrue(k.panic().hasPanicked());
        assertEquals(List.of("smp_send_stop", "panic notifier 0 Attempted to kill init!", "machine_halt"), events);
        assertEquals(List.of("[    1.500000] Kernel panic - not syncing: Attempted to kill init!",
                "[    1.500000] ---[ end Kernel panic - not syncing: Attempted to kill init! ]---"), log.dmesg());
    }

    @Test
    void oomChainAddsUpFreedPages() {
        assertEquals(0, k.oom().notifyOom(), "nothing registered: nothing freed, the OOM killer must run");
        k.oom().registerOomNotifier(NotifierBlock.of("cache", (nb, val, data) -> {
            ((FreedPages) data).add(32);
            return Notify.OK;
        }));
        NotifierBlock balloon = NotifierBlock.of("balloon", (nb, val, data) -> {
            ((FreedPages) data).add(10);
            return Notify.OK;
        });
        k.oom().registerOomNotifier(balloon);
        assertEquals(42, k.oom().notifyOom());
        assertEquals(0, k.oom().unregisterOomNotifier(balloon));
        assertEquals(32, k.oom().notifyOom());
    }

    @Test
    void taskExitNotifierGetsTheTask() {
        Object task = new Object();
        Object[] got = new Object[2];
        NotifierBlock nb = NotifierBlock.of("exit", (self, val, data) -> {
            got[0] = data;
            return Notify.OK;
        });
        NotifierBlock munmap = NotifierBlock.of("munmap", (self, val, data) -> {
            got[1] = data;
            return Notify.OK;
        });
        assertEquals(0, k.profile().profileEventRegister(ProfileType.PROFILE_TASK_EXIT, nb));
        assertEquals(-17, k.profile().profileEventRegister(ProfileType.PROFILE_TASK_EXIT, nb));
        assertEquals(0, k.profile().profileEventRegister(ProfileType.PROFILE_MUNMAP, munmap));
        k.profile().profileTaskExit(task);
        assertSame(task, got[0]);
        assertEquals(null, got[1], "munmap chain is separate");
        k.profile().profileMunmap(0x400000L);
        assertEquals(0x400000L, got[1]);
        assertEquals(0, k.profile().profileEventUnregister(ProfileType.PROFILE_TASK_EXIT, nb));
        assertEquals(-2, k.profile().profileEventUnregister(ProfileType.PROFILE_TASK_EXIT, nb));
        got[0] = null;
        k.profile().profileTaskExit(task);
        assertEquals(null, got[0]);
    }
}
